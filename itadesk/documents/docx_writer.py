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
from typing import Any

from .docx_attachments import AttachmentPart
from .docx_body import BodyPart
from .docx_chain import ChainPart
from .docx_header import HeaderPart
from .docx_xml import _el, _field, _qn, _set_run_font  # noqa: F401
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


# ---------------------------------------------------------------- the writer

class _Writer(HeaderPart, BodyPart, ChainPart, AttachmentPart):
    _cell = None    # a table cell new paragraphs go into (side-by-side comment blocks)
    """One memo as a Word document; each part of the memo is a mixin in its own file (docx_header,
    docx_body, docx_chain, docx_attachments), beside its PDF twin (pdf_header, …)."""

    def __init__(self, dossier: dict, memo: dict, font: str | None):
        from docx import Document

        from .fonts import real_family_name
        from .memo_common import _Text, _typography_for

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
    def para(self, text: str = "", *, size: float | None = None, bold: bool = False, align: Any = None,
             indent_cm: float | None = None, left_cm: float | None = None, before: float = 0,
             keep_next: bool = False, record: bool = True, container: Any = None) -> Any:
        from docx.shared import Cm, Pt

        container = container or self._cell or self.doc
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

    def run(self, p: Any, text: str, *, size: float | None = None, bold: bool = False,
            family: str | None = None) -> Any:
        r = p.add_run(text)
        _set_run_font(r._r.get_or_add_rPr(), family or self.family,
                      self.pt(size if size is not None else self.ty.body_pt), bold)
        return r

    def text_width_cm(self, landscape: bool = False, attachment: bool = False) -> float:
        if landscape:
            return A4_H_CM - 2 * self.ty.landscape_margin_cm
        return A4_W_CM - self.ty.margin_left_cm - self.ty.margin_right_cm

    # sections, headers ------------------------------------------------------
    def _page_setup(self, section: Any, *, landscape: bool, top_cm: float, header_cm: float,
                    restart: bool) -> None:
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

    def _headers(self, section: Any, body_top_cm: float, header_cm: float) -> None:
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
    from .memo_common import find_memo

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
