"""PDF, the attachments: title lines, headings, paragraphs and tables
(the DOCX side is ``docx_attachments``)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from .pdf_flowables import _Marker, _PagedTable
from .tables import TableData, build_table


class AttachmentPart:
    # attachments ---------------------------------------------------------
    def attachment(self, i: int, att: dict, width: float, height: float = 0.0) -> list[Flowable]:
        out: list[Flowable] = [_Marker(f"att{i}")]
        for line in att.get("title", []):
            out.append(self.P(line, self.s_att_title))
        if att.get("title"):
            out.append(Spacer(1, self.ty.paragraph_space_pt))
        prev_type = None
        for b in att.get("blocks", []):
            t = b.get("type")
            if t == "heading":
                p = self.P(b.get("text", ""), self.s_att_head, bold=False)
                p.keepWithNext = True
                out.append(p)
            elif t == "paragraph":
                out.append(self.P(b.get("text", ""), self.s_att_body))
            elif t == "table":
                td = build_table(b, self.d, self.memo, self.T.thai)
                gap = Spacer(1, self.ty.paragraph_space_pt)
                tbl = self.table(td, width)
                # A table that fits on one page (scores, bands, ranking) moves whole to the next
                # page, with the paragraph that introduces it ("…ดังนี้"), rather than leaving an
                # orphaned row there; a longer one starts at once and splits with its header.
                _, h = tbl.wrap(width, 1e6)
                if height and h <= height * 0.8:
                    lead = [out.pop()] if out and prev_type == "paragraph" else []
                    out.append(KeepTogether(lead + [gap, tbl]))
                else:
                    out += [gap, tbl]
            prev_type = t
        return out

    def table(self, td: TableData, width: float) -> Table:
        total = sum(td.widths) or 1
        col_w = [width * w / total for w in td.widths]
        head = [self.P(h, self.s_cell_h) for h in td.header]
        rows = []
        for r_i, r in enumerate(td.rows):
            row = []
            for c_i, cell in enumerate(r):
                if r_i in td.bold_rows:
                    st = self.s_cell_b if c_i not in td.centred else ParagraphStyle(
                        "cbc", parent=self.s_cell_c, fontName=self.fam + "-Bold")
                else:
                    st = self.s_cell_c if c_i in td.centred else self.s_cell
                row.append(self.P(cell, st) if cell else "")
            rows.append(row)
        pad = 3
        style = [
            ("FONTNAME", (0, 0), (-1, -1), self.fam),   # cells select it: never the base-14 Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("BOX", (0, 0), (-1, -1), 0.6, colors.black),
            ("INNERGRID", (0, 0), (-1, 0), 0.5, colors.black),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
            ("LINEAFTER", (0, 0), (-1, -1), 0.5, colors.black),
            ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.6, colors.black),
        ]
        if self.ty.table_header_shade:
            style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
        ncols = len(td.header)
        for r in range(len(td.rows)):
            rr = r + 1
            if r in td.group_end or not td.grouped_cols:
                style.append(("LINEBELOW", (0, rr), (-1, rr), 0.5, colors.black))
            else:
                other = [c for c in range(ncols) if c not in td.grouped_cols]
                for c in other:
                    style.append(("LINEBELOW", (c, rr), (c, rr), 0.5, colors.black))
        for (r, c0, c1) in td.spans:
            if c1 > c0:
                style.append(("SPAN", (c0, r + 1), (c1, r + 1)))
        return _PagedTable([head] + rows, colWidths=col_w, repeatRows=1, splitInRow=1,
                           style=TableStyle(style), hAlign="CENTER")
