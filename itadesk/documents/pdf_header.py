"""PDF, page-1 header: garuda slot + "บันทึกข้อความ", ส่วนราชการ, ที่ | วันที่, เรื่อง, เรียน
(the DOCX side is ``docx_header``)."""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from .memo_common import emblem_bytes, memo_date_text
from .pdf_base import PdfWriterBase
from .pdf_flowables import Columns, DottedParagraph, FirstPageHead, _Marker
from .thai_text import ThaiParagraph, markup


class HeaderPart(PdfWriterBase):
    # header --------------------------------------------------------------
    def _field(self, label: str, value: str, space_before: float, dots_to=None) -> DottedParagraph:
        ty = self.ty
        lsize = self.fc.size(ty.label_pt)
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lw = stringWidth(label, self.fam + "-Bold", lsize)
        gap = self.fc.size(ty.body_pt) * 0.45
        st = self._st("field", ty.body_pt, spaceBefore=space_before, leftIndent=lw + gap,
                      firstLineIndent=-(lw + gap),
                      leading=max(self.body_lead, lsize * 1.15))
        v = self.T(value)
        if v.strip():
            self.texts.append(v)
        label_m = f'<font size="{lsize}"><b>{markup(label)}</b></font>'
        # a non-breaking gap between label and value, made of the space of the label's font
        text = label_m + f'<font size="{lsize}"> </font>' + markup(v)
        para = ThaiParagraph(text, st)
        return DottedParagraph(para, lw + 2, dots_to, lsize)

    def header(self) -> list[Flowable]:
        ty, m = self.ty, self.memo
        emblem = emblem_bytes(self.office)
        out: list[Flowable] = [_Marker("memo"),
                               FirstPageHead(self.P("บันทึกข้อความ", self.s_title, record=False),
                                             ty.garuda_cm * cm, emblem)]
        self.texts.append("บันทึกข้อความ")
        unit = m.get("unit") or self.office.get("name", "")
        out.append(self._field("ส่วนราชการ", unit, ty.paragraph_space_pt))
        prefix = self.office.get("doc_prefix", "")
        no = m.get("doc_no", "")
        doc_no = f"{prefix}/{no}" if (prefix or no) else ""
        date = memo_date_text(m, self.T.thai, ty.date_style)
        left = self._field("ที่", doc_no, 0)
        right = self._field("วันที่", date, 0)
        out.append(Columns([(left, 0.0), (right, ty.date_column)], ty.paragraph_space_pt))
        out.append(self._field("เรื่อง", m.get("subject", ""), ty.paragraph_space_pt))
        if m.get("to"):
            out.append(self.P("เรียน  " + m["to"], self.s_plain, record=False))
            self.texts.append(self.T(m["to"]))
        if not ty.header_dots:
            for f in out:
                if isinstance(f, DottedParagraph):
                    f.dots_from = f.width = 10 ** 6
        return out
