"""DOCX, the memo's body: section titles and paragraphs (the PDF side is ``pdf_body``)."""

from __future__ import annotations

from .docx_base import DocxWriterBase


class BodyPart(DocxWriterBase):
    def body(self):
        ty = self.ty
        for sec in self.memo.get("sections", []):
            if sec.get("title"):
                self.para(self.T(sec["title"]), bold=True, before=ty.paragraph_space_pt,
                          left_cm=ty.section_title_indent_cm or None, keep_next=True)
            for para in sec.get("paragraphs", []):
                if para.strip():
                    self.para(self.T(para), indent_cm=ty.indent_cm, before=ty.paragraph_space_pt,
                              align=self.body_align())

    def body_align(self):
        """Word's "Thai distributed" (w:jc="thaiDistribute") for body paragraphs, as the PDF
        justifies them; None (left) when the form turns it off (justify_body = false)."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        return WD_ALIGN_PARAGRAPH.THAI_JUSTIFY if self.ty.justify_body else None
