"""The memo and its attachments as an editable Word file (DOCX, python-docx).

    memo_docx_bytes(dossier, memo_key=None, *, font=None) -> (bytes, DocxInfo)
    render_docx(dossier, memo_key, out_path, *, font=None) -> DocxInfo

The same text as the PDF (``memo_pdf``): the same header fields, sections, closing, signature
blocks, comment chain and attachment tables (``tables.build_table``), digits as the office
prints them.  Page set-up as the PDF: A4, margins left 3 cm / right 2 cm / bottom 2 cm, the
garuda line at 1.5 cm on page 1 and the text at 2.5 cm on the later pages (the page-number
header of pages 2… reaches down to 2.5 cm; page 1 has an empty first-page header), "- ๒ -" in
the header from page 2 (a PAGE field; Thai digits by the section's page-number format), each
attachment in its own section (landscape when it says so) numbering its own pages.

Fonts: Word has no fallback chain, so every run names one family — the office's font, else
"TH SarabunIT๙" — in ``w:rFonts`` ascii/hAnsi/eastAsia/cs, with ``w:sz`` and ``w:szCs`` and
``w:lang w:val/w:bidi="th-TH"``; the font table lists "TH Sarabun New" as its alternative
name (``w:altName``), which Word and LibreOffice use when the first is not installed.  A PC
with neither shows another Thai font: the text stays right, the lines break elsewhere
(memo-format.md, "Font dependence").  Sizes are official points (TH Sarabun sizes); only when
the office chose Google's "Sarabun" are they scaled by its factor (0.68), as in the PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentError, MemoDataError

__all__ = ["DocxInfo", "memo_docx_bytes", "render_docx", "DEFAULT_FONT", "FALLBACK_FONT"]

DEFAULT_FONT = "TH SarabunIT๙"
FALLBACK_FONT = "TH Sarabun New"
A4_W_CM, A4_H_CM = 21.0, 29.7


@dataclass
class DocxInfo:
    font: str
    sections: int                       # Word sections: the memo + one per attachment
    texts: list[str] = field(default_factory=list)      # every paragraph text written
    tables: list[list[list[str]]] = field(default_factory=list)  # header + rows of each table
    path: str | None = None
    size: int = 0


# ---------------------------------------------------------------- low-level XML helpers

def _qn(tag: str):
    from docx.oxml.ns import qn

    return qn(tag)


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement

    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(_qn(k.replace("_", ":", 1)), str(v))
    return e


def _set_run_font(rpr, family: str, size_pt: float | None, bold: bool | None = None):
    """rFonts ascii/hAnsi/eastAsia/cs, b/bCs, sz/szCs and lang th-TH on a w:rPr."""
    for child in list(rpr):
        if child.tag in (_qn("w:rFonts"), _qn("w:sz"), _qn("w:szCs"), _qn("w:lang"), _qn("w:b"), _qn("w:bCs")):
            rpr.remove(child)
    # CT_RPr is a sequence: rStyle, rFonts, b, bCs, …, sz, szCs, …, lang …
    rfonts = _el("w:rFonts", w_ascii=family, w_hAnsi=family, w_eastAsia=family, w_cs=family)
    rpr.insert(0 if rpr.find(_qn("w:rStyle")) is None else 1, rfonts)
    pos = list(rpr).index(rfonts) + 1
    if bold is not None:
        rpr.insert(pos, _el("w:b", w_val="1" if bold else "0"))
        rpr.insert(pos + 1, _el("w:bCs", w_val="1" if bold else "0"))
    if size_pt is not None:
        half = str(int(round(size_pt * 2)))
        rpr.append(_el("w:sz", w_val=half))
        rpr.append(_el("w:szCs", w_val=half))
    rpr.append(_el("w:lang", w_val="th-TH", w_eastAsia="th-TH", w_bidi="th-TH"))


def _field(paragraph, instr: str, shown: str, family: str, size: float):
    """A complex field (PAGE) whose cached result is ``shown``."""
    def run(*children):
        r = paragraph.add_run()
        _set_run_font(r._r.get_or_add_rPr(), family, size)
        for c in children:
            r._r.append(c)
        return r

    run(_el("w:fldChar", w_fldCharType="begin"))
    t = _el("w:instrText")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = f" {instr} "
    run(t)
    run(_el("w:fldChar", w_fldCharType="separate"))
    r = paragraph.add_run(shown)
    _set_run_font(r._r.get_or_add_rPr(), family, size)
    run(_el("w:fldChar", w_fldCharType="end"))


# ---------------------------------------------------------------- the writer

class _Writer:
    def __init__(self, dossier: dict, memo: dict, font: str | None):
        from docx import Document

        from .fonts import real_family_name
        from .memo_pdf import _Text, _typography_for

        self.d, self.memo = dossier, memo
        self.office = dossier.get("office", {})
        self.thai = self.office.get("thai_digits", True)
        self.T = _Text(self.thai)
        self.ty = _typography_for(memo, None)
        self.family = real_family_name(font or self.office.get("font") or DEFAULT_FONT)   # as Word knows it
        self.factor = self._factor(self.family)
        self.doc = Document()
        self.texts: list[str] = []
        self.tables: list[list[list[str]]] = []
        self._setup_styles()

    @staticmethod
    def _factor(family: str) -> float:
        key = family.replace(" ", "").lower()
        if key == "sarabun":
            from .fonts import SARABUN_FACTOR

            return SARABUN_FACTOR
        return 1.0

    def pt(self, official: float) -> float:
        return round(official * self.factor * 2) / 2

    # styles and fonts -----------------------------------------------------
    def _setup_styles(self):
        from docx.shared import Pt

        doc = self.doc
        styles = doc.styles.element
        # document defaults: the Thai font for every script, th-TH
        rpr_default = styles.find(_qn("w:docDefaults"))
        if rpr_default is not None:
            rpr = rpr_default.find(_qn("w:rPrDefault"))
            if rpr is not None and rpr.find(_qn("w:rPr")) is not None:
                _set_run_font(rpr.find(_qn("w:rPr")), self.family, self.pt(self.ty.body_pt))
        normal = doc.styles["Normal"]
        normal.font.name = self.family
        normal.font.size = Pt(self.pt(self.ty.body_pt))
        _set_run_font(normal.element.get_or_add_rPr(), self.family, self.pt(self.ty.body_pt))
        pf = normal.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        # the alternative name in the font table: Word/LibreOffice substitute it when missing
        self._add_font_table_entry()
        # Thai language settings for the document (Word's "th-TH" proofing, Thai digits)
        settings = doc.settings.element
        tl = settings.find(_qn("w:themeFontLang"))
        if tl is None:
            tl = _el("w:themeFontLang")
            settings.append(tl)
        tl.set(_qn("w:bidi"), "th-TH")

    def _add_font_table_entry(self):
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        part = self.doc.part
        for rel in part.rels.values():
            if rel.reltype == RT.FONT_TABLE:
                ft_part = rel.target_part
                break
        else:
            return
        from docx.oxml import parse_xml

        root = parse_xml(ft_part.blob)
        for f in root.findall(_qn("w:font")):
            if f.get(_qn("w:name")) == self.family:
                root.remove(f)
        font = _el("w:font", w_name=self.family)
        if self.family != FALLBACK_FONT:
            font.append(_el("w:altName", w_val=FALLBACK_FONT))
        font.append(_el("w:charset", w_val="DE"))   # THAI_CHARSET
        font.append(_el("w:family", w_val="swiss"))
        font.append(_el("w:pitch", w_val="variable"))
        root.insert(0, font)
        from lxml import etree

        ft_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # paragraphs ------------------------------------------------------------
    def para(self, text: str = "", *, size: float | None = None, bold: bool = False, align=None,
             indent_cm: float | None = None, left_cm: float | None = None, before: float = 0,
             keep_next: bool = False, record: bool = True, container=None):
        from docx.shared import Cm, Pt

        container = container or self.doc
        p = container.add_paragraph()
        pf = p.paragraph_format
        pf.space_before = Pt(before)
        pf.space_after = Pt(0)
        if align is not None:
            p.alignment = align
        if indent_cm is not None:
            pf.first_line_indent = Cm(indent_cm)
        if left_cm is not None:
            pf.left_indent = Cm(left_cm)
        if keep_next:
            pf.keep_with_next = True
        if text:
            self.run(p, text, size=size, bold=bold)
            if record and text.strip():
                self.texts.append(text)
        return p

    def run(self, p, text: str, *, size: float | None = None, bold: bool = False, family: str | None = None):
        r = p.add_run(text)
        _set_run_font(r._r.get_or_add_rPr(), family or self.family,
                      self.pt(size if size is not None else self.ty.body_pt), bold)
        return r

    def text_width_cm(self, landscape: bool = False, attachment: bool = False) -> float:
        if landscape:
            return A4_H_CM - 2 * self.ty.landscape_margin_cm
        return A4_W_CM - self.ty.margin_left_cm - self.ty.margin_right_cm

    # sections, headers ------------------------------------------------------
    def _page_setup(self, section, *, landscape: bool, top_cm: float, header_cm: float, restart: bool):
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm

        ty = self.ty
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(A4_H_CM), Cm(A4_W_CM)
            m = ty.landscape_margin_cm
            section.left_margin = section.right_margin = section.bottom_margin = Cm(m)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Cm(A4_W_CM), Cm(A4_H_CM)
            section.left_margin = Cm(ty.margin_left_cm)
            section.right_margin = Cm(ty.margin_right_cm)
            section.bottom_margin = Cm(ty.margin_bottom_cm)
        section.top_margin = Cm(top_cm)
        section.header_distance = Cm(header_cm)
        section.footer_distance = Cm(0.8)
        section.gutter = Cm(0)
        section.different_first_page_header_footer = True
        # page numbers: Thai digits, each section from 1
        sp = section._sectPr
        old = sp.find(_qn("w:pgNumType"))
        if old is not None:
            sp.remove(old)
        pg = _el("w:pgNumType", w_fmt="thaiNumbers" if self.thai else "decimal")
        if restart:
            pg.set(_qn("w:start"), "1")
        anchor = None
        for tag in ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
                    "w:bidi", "w:rtlGutter", "w:docGrid"):
            anchor = sp.find(_qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(pg)
        else:
            sp.append(pg)

    def _headers(self, section, body_top_cm: float, header_cm: float):
        """Later pages: "- n -" centred; page 1 of the section: an empty header."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        section.header.is_linked_to_previous = False
        section.first_page_header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        section.first_page_footer.is_linked_to_previous = False
        h = section.header
        p = h.paragraphs[0] if h.paragraphs else h.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        size = self.pt(self.ty.body_pt)
        self.run(p, "- ")
        _field(p, "PAGE", self.T("2"), self.family, size)
        self.run(p, " -")
        # reach down to where the text starts on later pages (header from header_cm,
        # one line of body text ≈ 0.65 cm at 16 pt TH Sarabun)
        gap = max(0.0, body_top_cm - header_cm - 0.65)
        p.paragraph_format.space_after = Cm(gap)
        p.paragraph_format.space_before = Pt(0)
        fp = section.first_page_header.paragraphs[0]
        fp.paragraph_format.space_after = Pt(0)

    # the memo ------------------------------------------------------------
    def header_block(self):
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Cm

        ty, m = self.ty, self.memo
        width = self.text_width_cm()
        from .memo_pdf import emblem_bytes

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
        from .memo_pdf import memo_date_text

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

    def body(self):
        ty = self.ty
        for sec in self.memo.get("sections", []):
            if sec.get("title"):
                self.para(self.T(sec["title"]), bold=True, before=ty.paragraph_space_pt,
                          left_cm=ty.section_title_indent_cm or None, keep_next=True)
            for para in sec.get("paragraphs", []):
                if para.strip():
                    self.para(self.T(para), indent_cm=ty.indent_cm, before=ty.paragraph_space_pt)

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
        left = ty.signature_column * self.text_width_cm()
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
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        ty = self.ty
        width = self.text_width_cm()
        for c in self.memo.get("chain", []):
            self.para(self.T(c["heading"]), before=ty.paragraph_space_pt * 2, keep_next=True)
            n = c.get("lines")
            if n is None:
                n = 0 if c.get("choices") else ty.comment_lines
            for _ in range(n):
                self.dotted_line(width)
            if c.get("note"):
                self.para(self.T(c["note"]), align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)
            for ch in c.get("choices", []):
                from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
                from docx.shared import Cm

                p = self.para(left_cm=ty.indent_cm, keep_next=True, before=2)
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
                    p.paragraph_format.tab_stops.add_tab_stop(Cm(width - ty.indent_cm), WD_TAB_ALIGNMENT.RIGHT,
                                                              WD_TAB_LEADER.DOTS)
                    self.run(p, "\t")
            blank = (ty.signing_lines - 0.5) if (c.get("choices") or c.get("note")) else None
            self.signature({"person": c["person"], "acting_for": c.get("acting_for")}, blank_lines=blank)

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
        for line in att.get("title", []):
            self.para(self.T(line), size=ty.attachment_title_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                      keep_next=True)
            first = False
        if att.get("title"):
            self.para(before=0, size=ty.paragraph_space_pt)  # the PDF's small gap after the title
        for b in att.get("blocks", []):
            t = b.get("type")
            if t == "heading":
                self.para(self.T(b.get("text", "")), size=ty.attachment_body_pt, bold=True,
                          before=ty.paragraph_space_pt, keep_next=True)
            elif t == "paragraph":
                self.para(self.T(b.get("text", "")), size=ty.attachment_body_pt, indent_cm=ty.indent_cm,
                          before=ty.paragraph_space_pt)
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

    def build(self) -> bytes:
        ty = self.ty
        sec = self.doc.sections[0]
        # page 1: the garuda line at 1.5 cm; later pages: the header's "- n -" reaches 2.5 cm
        self._page_setup(sec, landscape=False, top_cm=ty.top_first_cm, header_cm=1.0, restart=False)
        self._headers(sec, ty.top_later_cm, 1.0)
        self.header_block()
        self.body()
        self.closing_and_author()
        self.chain()
        for i, att in enumerate(self.memo.get("attachments", [])):
            self.attachment(i, att)
        cp = self.doc.core_properties
        from .pdfa import memo_metadata

        meta = memo_metadata(self.d, self.memo)
        cp.title, cp.author, cp.subject, cp.keywords = (meta["title"][:255], meta["author"], meta["subject"],
                                                        meta["keywords"][:255])
        cp.language = "th-TH"
        cp.comments = "ITA Desk"
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def memo_docx_bytes(dossier: dict, memo_key: str | None = None, *, font: str | None = None):
    """(bytes, DocxInfo) of one memo (``memo_key``; None = the first) with its attachments."""
    from .memo_pdf import find_memo

    memo = find_memo(dossier, memo_key)
    w = _Writer(dossier, memo, font)
    try:
        data = w.build()
    except DocumentError:
        raise
    except MemoDataError:
        raise
    except Exception as e:
        raise DocumentError(f"สร้างไฟล์ Word ไม่สำเร็จ: {e}") from e
    info = DocxInfo(font=w.family, sections=len(w.doc.sections), texts=w.texts, tables=w.tables,
                    size=len(data))
    return data, info


def render_docx(dossier: dict, memo_key: str | None, out_path, *, font: str | None = None) -> DocxInfo:
    from .upload_pack import atomic_write_bytes

    data, info = memo_docx_bytes(dossier, memo_key, font=font)
    atomic_write_bytes(Path(out_path), data)
    info.path = str(out_path)
    return info
