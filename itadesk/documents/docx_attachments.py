"""DOCX, the attachments: title lines, headings, paragraphs and tables
(the PDF side is ``pdf_attachments``)."""

from __future__ import annotations

import io

from .docx_base import DocxWriterBase
from .docx_xml import _el, _qn
from .memo_common import cover_picture


def _v_centre(section) -> None:
    """w:vAlign center on a section (python-docx has no property for it)."""
    sp = section._sectPr
    for old in sp.findall(_qn("w:vAlign")):
        sp.remove(old)
    v = _el("w:vAlign", w_val="center")
    for tag in ("w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid"):
        anchor = sp.find(_qn(tag))
        if anchor is not None:
            anchor.addprevious(v)
            return
    sp.append(v)


class AttachmentPart(DocxWriterBase):
    # attachments ---------------------------------------------------------
    def attachment(self, i: int, att: dict):
        from docx.enum.section import WD_SECTION
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        from .tables import build_table

        ty = self.ty
        land = att.get("orientation") == "landscape"
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        at = ty.attachment_margin_top_cm
        self._page_setup(sec, landscape=land, top_cm=at, header_cm=1.0, restart=True)
        self._headers(sec, at, 1.0)
        first = True
        picture = cover_picture(att)
        if picture:
            from docx.shared import Cm

            self.para(align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True).add_run().add_picture(
                io.BytesIO(picture), height=Cm(6 if not land else 4))
        for line in att.get("title", []):
            # a blank title line stays: a clerk leaves room with it
            self.para(self.T(line), size=ty.attachment_title_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                      keep_next=True)
            first = False
        if att.get("title") and att.get("title_position") == "centre":
            from docx.enum.section import WD_SECTION as _S
            from docx.enum.text import WD_BREAK

            # a cover page: the title block centred on a page of its own (a one-page section
            # with vertical centring), the blocks from the next page
            _v_centre(sec)
            if att.get("blocks"):
                self.doc.paragraphs[-1].add_run().add_break(WD_BREAK.LINE)
                nxt = self.doc.add_section(_S.NEW_PAGE)
                self._page_setup(nxt, landscape=land, top_cm=at, header_cm=1.0, restart=False)
                self._headers(nxt, at, 1.0)
                nxt.different_first_page_header_footer = False
        elif att.get("title"):
            self.para(before=0, size=ty.paragraph_space_pt)  # the PDF's small gap after the title
        for b in att.get("blocks", []):
            t = b.get("type")
            if t == "heading":
                self.para(self.T(b.get("text", "")), size=ty.attachment_body_pt, bold=True,
                          before=ty.paragraph_space_pt, keep_next=True)
            elif t == "paragraph":
                self.para(self.T(b.get("text", "")), size=ty.attachment_body_pt, indent_cm=ty.indent_cm,
                          before=ty.paragraph_space_pt, align=self.body_align())
            elif t == "table":
                td = build_table(b, self.d, self.memo, self.thai)
                self.table(td, self.text_width_cm(landscape=land))
            first = False
        del first

    def table(self, td, width_cm: float):
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        ty = self.ty
        ncols = len(td.header)
        if ncols == 0:
            return
        self.para(before=ty.paragraph_space_pt).paragraph_format.keep_with_next = True
        t = self.doc.add_table(rows=1 + len(td.rows), cols=ncols)
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        total = sum(td.widths) or 1
        widths = [Cm(width_cm * w / total) for w in td.widths]
        self.tables.append([list(td.header)] + [list(r) for r in td.rows])
        size = ty.table_pt

        def fill(cell, text: str, *, bold: bool, centred: bool):
            lines = (text or "").split("\n")
            cell.paragraphs[0].text = ""
            for k, line in enumerate(lines):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                if centred:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.paragraph_format.space_before = Pt(0)
                p.paragraph_format.space_after = Pt(0)
                if line:
                    self.run(p, line, size=size, bold=bold)

        hdr = t.rows[0]
        # the header row repeats on every page and never splits
        trpr = hdr._tr.get_or_add_trPr()
        trpr.append(_el("w:cantSplit"))
        trpr.append(_el("w:tblHeader"))
        for c_i, h in enumerate(td.header):
            cell = hdr.cells[c_i]
            fill(cell, h, bold=True, centred=True)
            if ty.table_header_shade:
                tcpr = cell._tc.get_or_add_tcPr()
                tcpr.append(_el("w:shd", w_val="clear", w_color="auto", w_fill="E6E6E6"))
        for r_i, row in enumerate(td.rows):
            cells = t.rows[r_i + 1].cells
            for c_i, v in enumerate(row):
                fill(cells[c_i], v, bold=r_i in td.bold_rows, centred=c_i in td.centred)
        for (r, c0, c1) in td.spans:
            if c1 > c0:
                row = t.rows[r + 1]
                text = "\n".join(x for x in (row.cells[k].text for k in range(c0, c1 + 1)) if x)
                merged = row.cells[c0].merge(row.cells[c1])
                for p in list(merged.paragraphs)[1:]:
                    p._p.getparent().remove(p._p)
                fill(merged, text, bold=r in td.bold_rows, centred=False)
        # column widths: the grid and every cell (Word reads the cells, LibreOffice the grid)
        grid = t._tbl.tblGrid
        for gc, w in zip(grid.findall(_qn("w:gridCol")), widths):
            gc.set(_qn("w:w"), str(int(w.twips)))
        for row in t.rows:
            for c_i, cell in enumerate(row.cells):
                if c_i < len(widths):
                    cell.width = widths[c_i]
        tblpr = t._tbl.tblPr
        lay = _el("w:tblLayout", w_type="fixed")
        tblpr.append(lay)
