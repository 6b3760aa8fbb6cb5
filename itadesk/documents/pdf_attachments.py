"""PDF, the attachments: title lines, headings, paragraphs and tables
(the DOCX side is ``docx_attachments``)."""

from __future__ import annotations

import io
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

from .memo_common import cover_picture

from .pdf_base import PdfWriterBase
from .pdf_flowables import _Marker, _PagedTable
from .tables import TableData, build_table
from .thai_text import ThaiParagraph


class _KeepOrSplit(KeepTogether):
    """Keep together, but only while that leaves at most a quarter of the page empty: with more
    room left the content flows on and its table splits (rows too, see ``_PagedTable``)."""

    def __init__(self, flowables: list[Flowable], page_height: float):
        super().__init__(flowables)
        self.page_height = page_height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        parts = super().split(aW, aH)
        if self.page_height and aH > self.page_height / 4 and parts and parts[0].__class__.__name__ == "FrameBreak":
            return parts[1:]
        return parts


class AttachmentPart(PdfWriterBase):
    # attachments ---------------------------------------------------------
    def attachment(self, i: int, att: dict, width: float, height: float = 0.0) -> list[Flowable]:
        out: list[Flowable] = [_Marker(f"att{i}")]
        out += self.cover(att, width, height)
        prev_type = None
        blocks = att.get("blocks", [])
        for k, b in enumerate(blocks):
            t = b.get("type")
            nxt = blocks[k + 1].get("type") if k + 1 < len(blocks) else None
            if t == "heading":
                p = self.P(b.get("text", ""), self.s_att_head, bold=False)
                p.keepWithNext = True
                out.append(p)
            elif t == "paragraph":
                p = self.P(b.get("text", ""), self.s_att_body)
                # a one-line paragraph before more text or a table is a title ("๑. การประมวลผล
                # คะแนน"): it never stands alone at the foot of a page
                if nxt in ("paragraph", "table") and p.wrap(width, 1e6)[1] < 1.5 * p.style.leading:
                    p.keepWithNext = True
                out.append(p)
            elif t == "table":
                td = build_table(b, self.d, self.memo, self.T.thai)
                gap = Spacer(1, self.ty.paragraph_space_pt)
                tbl = self.table(td, width)
                tbl.page_height = height
                # A table that fits on one page (scores, bands, ranking) moves whole to the next
                # page, with the paragraph that introduces it ("…ดังนี้"), when little room is
                # left; with more than a quarter of the page left it starts at once and splits
                # (header repeated).  A longer one always starts at once.
                _, h = tbl.wrap(width, 1e6)
                rows = list(getattr(tbl, "_rowHeights", None) or [])
                # what introduces the table goes with it: the paragraph just before ("…ดังนี้")
                # and the headings / one-line titles before that, which never stand alone at the
                # foot of a page
                lead: list[Flowable] = []
                if out and prev_type == "paragraph":
                    lead.insert(0, out.pop())
                while out and getattr(out[-1], "keepWithNext", False) and isinstance(out[-1], ThaiParagraph):
                    lead.insert(0, out.pop())
                if height and h <= height * 0.8:
                    out.append(_KeepOrSplit(lead + [gap, tbl], height))
                else:
                    if lead:
                        need = sum(f.wrap(width, 1e6)[1] + f.getSpaceBefore() for f in lead)
                        need += self.ty.paragraph_space_pt + sum(rows[:1]) + min(sum(rows[1:2]), 3 * self.body_lead)
                        out.append(CondPageBreak(need))
                    out += lead + [gap, tbl]
            prev_type = t
        return out

    def cover(self, att: dict, width: float, height: float) -> list[Flowable]:
        """The attachment's title lines, blank lines kept (a clerk leaves room with them), under
        an optional picture; ``title_position`` "centre" makes it a cover page: the title block
        in the middle of the page and the blocks from the next page."""
        part: list[Flowable] = []
        picture = cover_picture(att)
        if picture:
            from reportlab.lib.utils import ImageReader
            from reportlab.platypus import Image

            iw, ih = ImageReader(io.BytesIO(picture)).getSize()
            h = min(6 * cm, height / 3 if height else 6 * cm, ih or 1)
            w = min(width, h * iw / ih if ih else h)
            part += [Image(io.BytesIO(picture), width=w, height=w * ih / iw if iw else h),
                     Spacer(1, self.ty.paragraph_space_pt * 2)]
        for line in att.get("title", []):
            if line.strip():
                part.append(self.P(line, self.s_att_title))
            else:
                part.append(Spacer(1, self.s_att_title.leading))
        if not part:
            return []
        if att.get("title_position") == "centre" and height:
            h = sum(f.wrap(width, height)[1] for f in part)
            out = [Spacer(1, max(0.0, (height - h) / 2))] + part
            return out + ([PageBreak()] if att.get("blocks") else [])
        return part + [Spacer(1, self.ty.paragraph_space_pt)]

    def table(self, td: TableData, width: float) -> Table:
        total = sum(td.widths) or 1
        col_w = [width * w / total for w in td.widths]
        head = [self.P(h, self.s_cell_h) for h in td.header]
        rows = []
        for r_i, cells in enumerate(td.rows):
            row = []
            for c_i, cell in enumerate(cells):
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
