"""DOCX, the closing line, the author's signature and the comment chain
(the PDF side is ``pdf_chain``)."""

from __future__ import annotations

from .docx_base import DocxWriterBase
from .errors import MemoDataError


class ChainPart(DocxWriterBase):
    def person(self, key: str) -> dict:
        for p in self.office.get("people", []):
            if p.get("key") == key:
                return p
        raise MemoDataError(f"บันทึกอ้างถึงผู้ลงนาม “{key}” ซึ่งไม่มีในรายชื่อบุคลากรของหน่วยงาน")

    def line_pt(self) -> float:
        return self.pt(self.ty.body_pt) * 1.2

    def signature(self, signer: dict, signature_text: str | None = None, blank_lines: float | None = None):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        ty = self.ty
        person = self.person(signer["person"])
        acting = signer.get("acting_for") or person.get("acting_for")
        left = 0.0 if self._cell is not None else ty.signature_column * self.text_width_cm()
        lines = ty.signing_lines if blank_lines is None else blank_lines
        out = []
        c = WD_ALIGN_PARAGRAPH.CENTER
        if signature_text:
            out.append(self.para(self.T(signature_text), align=c, left_cm=left,
                                 before=(lines - 1) * self.line_pt(), keep_next=True))
            out.append(self.para(self.T(f"({person['name']})"), align=c, left_cm=left, keep_next=True))
        else:
            out.append(self.para(self.T(f"({person['name']})"), align=c, left_cm=left,
                                 before=lines * self.line_pt(), keep_next=True))
        if acting:
            out.append(self.para(self.T(f"{person['position']} รักษาราชการแทน"), align=c, left_cm=left,
                                 keep_next=True))
            out.append(self.para(self.T(acting), align=c, left_cm=left))
        else:
            out.append(self.para(self.T(person["position"]), align=c, left_cm=left))
        return out

    def closing_and_author(self):
        if self.memo.get("closing"):
            self.para(self.T(self.memo["closing"]), indent_cm=self.ty.indent_cm,
                      before=self.ty.paragraph_space_pt, keep_next=bool(self.memo.get("author")))
        if self.memo.get("author"):
            a = self.memo["author"]
            self.signature(a, a.get("signature_text"))

    def dotted_line(self, width_cm: float, indent_cm: float = 0):
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Cm

        p = self.para(keep_next=True, left_cm=indent_cm or None)
        p.paragraph_format.tab_stops.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        self.run(p, "\t")
        return p

    def chain(self):
        ty = self.ty
        width = self.text_width_cm()
        chain = self.memo.get("chain", [])
        if ty.chain_columns != 2:
            for c in chain:
                self._chain_block(c, width, ty.indent_cm)
            return
        # two comment blocks side by side in a borderless two-column table (an odd last block
        # takes the whole width), as the PDF
        from docx.shared import Cm

        for k in range(0, len(chain), 2):
            pair = chain[k:k + 2]
            if len(pair) == 1:
                self._chain_block(pair[0], width, ty.indent_cm)
                continue
            t = self.doc.add_table(rows=1, cols=2)
            t.autofit = False
            for cell, c in zip(t.rows[0].cells, pair):
                cell.width = Cm(width / 2)
                self._cell = cell
                try:
                    self._chain_block(c, width / 2 - 0.4, ty.indent_cm / 3)
                finally:
                    self._cell = None
                if len(cell.paragraphs) > 1:
                    first = cell.paragraphs[0]._p
                    first.getparent().remove(first)

    def _chain_block(self, c: dict, width: float, choice_indent: float) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Cm

        ty = self.ty
        self.para(self.T(c["heading"]), before=ty.paragraph_space_pt * 2, keep_next=True)
        n = c.get("lines")
        if n is None:
            n = 0 if c.get("choices") else ty.comment_lines
        for _ in range(n):
            self.dotted_line(width)
        if c.get("note"):
            self.para(self.T(c["note"]), align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
        for ch in c.get("choices", []):
            p = self.para(left_cm=choice_indent, keep_next=True, before=2)
            if ty.choice_box == "box":
                # U+2610 BALLOT BOX: not in the Thai fonts; Word/LibreOffice take it from a
                # symbol font
                self.run(p, "\u2610 ", family="Segoe UI Symbol")
                txt = self.T(ch)
            else:
                txt = self.T(f"(  ) {ch}")
            self.run(p, txt)
            self.texts.append(txt)
            if ch.rstrip().endswith("เพราะ"):
                p.paragraph_format.tab_stops.add_tab_stop(Cm(width - choice_indent), WD_TAB_ALIGNMENT.RIGHT,
                                                          WD_TAB_LEADER.DOTS)
                self.run(p, "\t")
        blank = (ty.signing_lines - 0.5) if (c.get("choices") or c.get("note")) else None
        self.signature({"person": c["person"], "acting_for": c.get("acting_for")}, blank_lines=blank)
