"""PDF, the closing line, the author's signature and the comment chain
(the DOCX side is ``docx_chain``)."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from .errors import MemoDataError
from .pdf_base import PdfWriterBase
from .pdf_flowables import ChoiceLine, DottedLines


class _ChainRow(Table):
    """Two comment blocks side by side; its first words feed the continuation cue."""

    first_words = ""

    def first_line_text(self) -> str:
        return self.first_words


class ChainPart(PdfWriterBase):
    # signatures ----------------------------------------------------------
    def person(self, key: str) -> dict:
        for p in self.office.get("people", []):
            if p.get("key") == key:
                return p
        raise MemoDataError(f"บันทึกอ้างถึงผู้ลงนาม “{key}” ซึ่งไม่มีในรายชื่อบุคลากรของหน่วยงาน")

    def signature(self, signer: dict, signature_text: str | None = None,
                  indent: float | None = None) -> list[Flowable]:
        ty = self.ty
        person = self.person(signer["person"])
        acting = signer.get("acting_for") or person.get("acting_for")
        if indent is None:
            indent = ty.signature_column * (self._text_width())
        st = ParagraphStyle("sigcol", parent=self.s_sig, leftIndent=indent)
        out: list[Flowable] = []
        space = ty.signing_lines * self.body_lead
        if signature_text:
            out.append(Spacer(1, space - self.body_lead))
            out.append(self.P(signature_text, st))
        else:
            out.append(Spacer(1, space))
        out.append(self.P(f"({person['name']})", st))
        if acting:
            out.append(self.P(f"{person['position']} รักษาราชการแทน", st))
            out.append(self.P(acting, st))
        else:
            out.append(self.P(person["position"], st))
        return out

    def _text_width(self) -> float:
        return A4[0] - (self.ty.margin_left_cm + self.ty.margin_right_cm) * cm

    def closing_and_author(self) -> list[Flowable]:
        parts: list[Flowable] = []
        if self.memo.get("closing"):
            parts.append(self.P(self.memo["closing"], self.s_body))
        if self.memo.get("author"):
            a = self.memo["author"]
            parts += self.signature(a, a.get("signature_text"))
        return [KeepTogether(parts)] if parts else []

    def chain(self) -> list[Flowable]:
        ty = self.ty
        chain = self.memo.get("chain", [])
        if ty.chain_columns != 2:
            return [KeepTogether(self._chain_block(c, False)) for c in chain]
        # two comment blocks side by side (left / right halves), as many offices' forms do; an
        # odd last block takes the whole width
        out: list[Flowable] = []
        width = self._text_width()
        for k in range(0, len(chain), 2):
            pair = chain[k:k + 2]
            if len(pair) == 1:
                out.append(KeepTogether(self._chain_block(pair[0], False)))
                continue
            cells = [self._chain_block(c, True) for c in pair]
            t = _ChainRow([cells], colWidths=[width / 2, width / 2])
            t.first_words = self.T(pair[0]["heading"])
            t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, 0), 8),
                                   ("LEFTPADDING", (1, 0), (1, 0), 8), ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
            out.append(t)
        return out

    def _chain_block(self, c: dict, column: bool) -> list[Flowable]:
        """One comment block: heading, dotted lines or choices, signing space, name, position.
        In a half-width column the choices sit nearer the edge and the signature is centred."""
        ty = self.ty
        block: list[Flowable] = [Spacer(1, ty.paragraph_space_pt * 2)]
        block.append(self.P(c["heading"], self.s_plain0))
        n = c.get("lines")
        if n is None:
            n = 0 if c.get("choices") else ty.comment_lines
        if n:
            block.append(DottedLines(n, self.body_lead))
        if c.get("note"):
            block.append(self.P(c["note"], ParagraphStyle("note", parent=self.s_plain0,
                                                            alignment=TA_CENTER)))
        for ch in c.get("choices", []):
            txt = ch if ty.choice_box == "box" else f"(  ) {ch}"
            dots = ch.rstrip().endswith("เพราะ")
            indent = (ty.indent_cm / 3 if column else ty.indent_cm) * cm
            block.append(ChoiceLine(self.P(txt, self.s_plain0), indent, ty.choice_box, dots))
        sig = self.signature({"person": c["person"], "acting_for": c.get("acting_for")},
                             indent=0.0 if column else None)
        if c.get("choices") or c.get("note"):
            sig[0] = Spacer(1, (ty.signing_lines - 0.5) * self.body_lead)
        return block + sig
