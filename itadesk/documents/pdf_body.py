"""PDF, the memo's body: section titles and paragraphs (the DOCX side is ``docx_body``)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from .pdf_base import PdfWriterBase


class BodyPart(PdfWriterBase):
    # body --------------------------------------------------------------
    def body(self) -> list[Flowable]:
        out: list[Flowable] = []
        for sec in self.memo.get("sections", []):
            if sec.get("title"):
                p = self.P(sec["title"], self.s_section, bold=False)
                p.keepWithNext = True
                out.append(p)
            for para in sec.get("paragraphs", []):
                if para.strip():
                    out.append(self.P(para, self.s_body))
        return out
