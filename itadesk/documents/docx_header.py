"""DOCX, page-1 header: garuda + "บันทึกข้อความ", ส่วนราชการ, ที่ | วันที่, เรื่อง, เรียน
(the PDF side is ``pdf_header``)."""

from __future__ import annotations

import io

from .docx_base import DocxWriterBase


class HeaderPart(DocxWriterBase):
    # the memo ------------------------------------------------------------
    def header_block(self):
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Cm

        ty, m = self.ty, self.memo
        width = self.text_width_cm()
        from .memo_common import emblem_bytes

        emblem = emblem_bytes(self.office)
        p = self.doc.paragraphs[0] if self.doc.paragraphs else self.doc.add_paragraph()
        if emblem:
            r = p.add_run()
            r.add_picture(io.BytesIO(emblem), height=Cm(ty.garuda_cm))
            p.paragraph_format.tab_stops.add_tab_stop(Cm(width / 2), WD_TAB_ALIGNMENT.CENTER)
            self.run(p, "\t")
        else:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.run(p, "บันทึกข้อความ", size=ty.title_pt, bold=True)
        self.texts.append("บันทึกข้อความ")

        def fld(label: str, value: str, before: float = ty.paragraph_space_pt):
            q = self.para(before=before)
            q.paragraph_format.tab_stops.add_tab_stop(Cm(width), WD_TAB_ALIGNMENT.RIGHT,
                                                      WD_TAB_LEADER.DOTS if ty.header_dots else WD_TAB_LEADER.SPACES)
            self.run(q, label, size=ty.label_pt, bold=True)
            self.run(q, " " + self.T(value) + "\t")
            if value.strip():
                self.texts.append(self.T(value))
            return q

        fld("ส่วนราชการ", m.get("unit") or self.office.get("name", ""))
        prefix, no = self.office.get("doc_prefix", ""), m.get("doc_no", "")
        doc_no = f"{prefix}/{no}" if (prefix or no) else ""
        from .memo_common import memo_date_text

        date = memo_date_text(m, self.thai, ty.date_style)
        q = self.para(before=ty.paragraph_space_pt)
        leader = WD_TAB_LEADER.DOTS if ty.header_dots else WD_TAB_LEADER.SPACES
        q.paragraph_format.tab_stops.add_tab_stop(Cm(width * ty.date_column - 0.2), WD_TAB_ALIGNMENT.RIGHT, leader)
        q.paragraph_format.tab_stops.add_tab_stop(Cm(width * ty.date_column), WD_TAB_ALIGNMENT.LEFT)
        q.paragraph_format.tab_stops.add_tab_stop(Cm(width), WD_TAB_ALIGNMENT.RIGHT, leader)
        self.run(q, "ที่", size=ty.label_pt, bold=True)
        self.run(q, " " + self.T(doc_no) + "\t\t")
        self.run(q, "วันที่", size=ty.label_pt, bold=True)
        self.run(q, " " + date + "\t")
        for v in (self.T(doc_no), date):
            if v.strip():
                self.texts.append(v)
        fld("เรื่อง", m.get("subject", ""))
        if m.get("to"):
            q = self.para(before=ty.paragraph_space_pt)
            self.run(q, "เรียน  " + self.T(m["to"]))
            self.texts.append(self.T(m["to"]))
