"""PDF, the closing line, the author's signature and the comment chain
(the DOCX side is ``docx_chain``)."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from .errors import MemoDataError
from .pdf_flowables import ChoiceLine, DottedLines


class ChainPart:
    # signatures ----------------------------------------------------------
    def person(self, key: str) -> dict:
        for p in self.office.get("people", []):
            if p.get("key") == key:
                return p
        raise MemoDataError(f"บันทึกอ้างถึงผู้ลงนาม “{key}” ซึ่งไม่มีในรายชื่อบุคลากรของหน่วยงาน")

    def signature(self, signer: dict, signature_text: str | None = None) -> list[Flowable]:
        ty = self.ty
        person = self.person(signer["person"])
        acting = signer.get("acting_for") or person.get("acting_for")
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
        out: list[Flowable] = []
        ty = self.ty
        for c in self.memo.get("chain", []):
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
                block.append(ChoiceLine(self.P(txt, self.s_plain0), ty.indent_cm * cm, ty.choice_box, dots))
            sig = self.signature({"person": c["person"], "acting_for": c.get("acting_for")})
            if c.get("choices") or c.get("note"):
                sig[0] = Spacer(1, (ty.signing_lines - 0.5) * self.body_lead)
            block += sig
            out.append(KeepTogether(block))
        return out
