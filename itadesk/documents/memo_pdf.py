"""The official internal memo (บันทึกข้อความ) with its comment chain and attachments, as PDF.

Public API::

    render_memo(dossier, memo_key=None, out_path, *, font=None, typography=None) -> RenderInfo
    render_memo_bytes(dossier, memo_key=None, *, font=None, typography=None) -> (bytes, RenderInfo)

Layout (numbers in ``typography.Typography``, overridable per form): A4; page 1 has the garuda
slot (1.5 cm) at the top left with "บันทึกข้อความ" centred on its line, then ส่วนราชการ / ที่ +
วันที่ / เรื่อง with dotted leaders (no rule under the header), เรียน, the body, the closing
line, the author's signature block (kept together with its name), then the comment chain.
Pages 2… carry "- ๒ -" centred at the top; a memo page followed by another memo page carries
the continuation cue "/first words..." at its foot.  Each attachment starts a new page
(landscape when it says so) and numbers its own pages from its second page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate

from . import fonts as _fonts
from .errors import DocumentError
from .memo_common import (_proper_names, _Text, _typography_for, emblem_bytes, find_memo,  # noqa: F401
                          memo_date_text)
from .pdf_attachments import AttachmentPart
from .pdf_body import BodyPart
from .pdf_chain import ChainPart
from .pdf_flowables import _MemoCanvas, _MemoDoc
from .pdf_header import HeaderPart
from .thai_text import ThaiParagraph, markup, render_names, tokenize
from .typography import Typography

__all__ = ["RenderInfo", "render_memo", "render_memo_bytes", "find_memo"]


@dataclass
class RenderInfo:
    pages: int                      # pages in the PDF
    memo_pages: int                 # pages of the memo itself (before the attachments)
    attachment_pages: list[int]     # pages of each attachment
    font: str                       # font family used
    font_factor: float              # official pt → actual pt
    texts: list[str] = field(default_factory=list)   # every text printed, as printed (for checks)
    cues: dict[int, str] = field(default_factory=dict)  # page → continuation cue
    path: str | None = None
    size: int = 0


# ---------------------------------------------------------------- the engine

class _Engine(HeaderPart, BodyPart, ChainPart, AttachmentPart):
    """One memo's flowables; each part of the memo is a mixin in its own file (pdf_header,
    pdf_body, pdf_chain, pdf_attachments)."""

    def __init__(self, dossier: dict, memo: dict, font, typography: Typography):
        self.d, self.memo, self.ty = dossier, memo, typography
        self.office = dossier.get("office", {})
        self.T = _Text(self.office.get("thai_digits", True))
        self.fc = _fonts.choose_font(font, self.office.get("font") or None)
        self.fam = _fonts.register(self.fc)
        self.texts: list[str] = []
        self._styles()

    # styles -----------------------------------------------------------
    def _st(self, name: str, official_pt: float, bold: bool = False, **kw: Any) -> ParagraphStyle:
        size = self.fc.size(official_pt)
        lead = kw.pop("leading", None) or size * self.fc.line_height * self.ty.line_spacing
        return ParagraphStyle(name, fontName=self.fam + ("-Bold" if bold else ""), fontSize=size,
                              leading=lead, shaping=1, **kw)

    def _styles(self):
        ty = self.ty
        self.s_title = self._st("title", ty.title_pt, True, alignment=TA_CENTER,
                                leading=self.fc.size(ty.title_leading_pt))
        body_lead = self.fc.size(ty.body_pt) * self.fc.line_height * ty.line_spacing
        self.body_lead = body_lead
        self.s_body = self._st("body", ty.body_pt, firstLineIndent=ty.indent_cm * cm,
                               spaceBefore=ty.paragraph_space_pt)
        self.s_plain = self._st("plain", ty.body_pt, spaceBefore=ty.paragraph_space_pt)
        self.s_plain0 = self._st("plain0", ty.body_pt)
        self.s_section = self._st("section", ty.body_pt, True, spaceBefore=ty.paragraph_space_pt,
                                  leftIndent=ty.section_title_indent_cm * cm)
        self.s_sig = self._st("sig", ty.body_pt, alignment=TA_CENTER)
        self.s_cue = self._st("cue", ty.body_pt, alignment=TA_RIGHT)
        self.s_pn = self._st("pn", ty.body_pt, alignment=TA_CENTER)
        self.s_att_title = self._st("atitle", ty.attachment_title_pt, True, alignment=TA_CENTER)
        self.s_att_head = self._st("ahead", ty.attachment_body_pt, True, spaceBefore=ty.paragraph_space_pt)
        self.s_att_body = self._st("abody", ty.attachment_body_pt, firstLineIndent=ty.indent_cm * cm,
                                   spaceBefore=ty.paragraph_space_pt)
        self.s_cell = self._st("cell", ty.table_pt)
        self.s_cell_c = self._st("cellc", ty.table_pt, alignment=TA_CENTER)
        self.s_cell_h = self._st("cellh", ty.table_pt, True, alignment=TA_CENTER)
        self.s_cell_b = self._st("cellb", ty.table_pt, True)

    def P(self, text: str, style: ParagraphStyle, bold: bool = False, record: bool = True) -> ThaiParagraph:
        t = self.T(text)
        if record and t.strip():
            self.texts.append(t)
        justify = self.ty.justify_body and style in (self.s_body, self.s_att_body)
        return ThaiParagraph(markup(t, bold=bold), style, justify=justify)

    # decoration helpers ----------------------------------------------------
    def _draw_para(self, canv, text, style, x, y, width, align):
        p = ThaiParagraph(markup(text), style)
        w, h = p.wrap(width, 1000)
        p.drawOn(canv, x, y - (h - style.fontSize))

    def draw_centred(self, canv, text, x, y):
        w = 12 * cm
        self._draw_para(canv, text, self.s_pn, x - w / 2, y, w, TA_CENTER)

    def draw_right(self, canv, text, right, y):
        w = 14 * cm
        self._draw_para(canv, text, self.s_cue, right - w, y, w, TA_RIGHT)

    def cue_words(self, text: str) -> str:
        out = ""
        for tok in tokenize(text):
            if len(out) + len(tok) > self.ty.cue_words_chars and out.strip():
                break
            out += tok
        return out.rstrip()


def _build(dossier: dict, memo_key, target, font, typography) -> RenderInfo:
    memo = find_memo(dossier, memo_key)
    with render_names(_proper_names(dossier)):
        return _build_in(dossier, memo, target, font, typography)


def _build_in(dossier: dict, memo: dict, target, font, typography) -> RenderInfo:
    ty = _typography_for(memo, typography)
    eng = _Engine(dossier, memo, font, ty)
    doc = _MemoDoc(target, eng, leftMargin=ty.margin_left_cm * cm, rightMargin=ty.margin_right_cm * cm,
                   topMargin=ty.top_later_cm * cm, bottomMargin=ty.margin_bottom_cm * cm,
                   title=memo.get("subject", "")[:200], author=dossier.get("office", {}).get("name", ""),
                   creator="ITA Desk", subject="บันทึกข้อความ",
                   # the page preamble selects this font: an embedded one, not the base-14
                   # Helvetica (PDF/A wants every font a content stream selects embedded)
                   initialFontName=eng.fam)
    pw, ph = A4
    lm, rm, bm = ty.margin_left_cm * cm, ty.margin_right_cm * cm, ty.margin_bottom_cm * cm
    tw = pw - lm - rm
    first = Frame(lm, bm, tw, ph - bm - ty.top_first_cm * cm, id="first", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    later = Frame(lm, bm, tw, ph - bm - ty.top_later_cm * cm, id="later", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    at = ty.attachment_margin_top_cm * cm
    att_p = Frame(lm, bm, tw, ph - bm - at, id="att_p", leftPadding=0, rightPadding=0, topPadding=0,
                  bottomPadding=0)
    lw, lh = landscape(A4)
    lmar = ty.landscape_margin_cm * cm
    att_l = Frame(lmar, lmar, lw - 2 * lmar, lh - lmar - at, id="att_l", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([
        PageTemplate("first", [first], pagesize=A4, autoNextPageTemplate="later"),
        PageTemplate("later", [later], pagesize=A4),
        PageTemplate("att_p", [att_p], pagesize=A4),
        PageTemplate("att_l", [att_l], pagesize=landscape(A4)),
    ])
    story: list[Flowable] = []
    story += eng.header()
    story += eng.body()
    story += eng.closing_and_author()
    story += eng.chain()
    atts = memo.get("attachments", [])
    for i, att in enumerate(atts):
        land = att.get("orientation") == "landscape"
        story.append(NextPageTemplate("att_l" if land else "att_p"))
        story.append(PageBreak())
        story += eng.attachment(i, att, (lw - 2 * lmar) if land else tw,
                                (lh - lmar - at) if land else (ph - bm - at))
    try:
        doc.build(story, canvasmaker=_MemoCanvas)
    except DocumentError:
        raise
    except Exception as e:  # a layout failure: say so in Thai, keep the cause
        raise DocumentError(f"จัดหน้าบันทึกไม่สำเร็จ: {e}") from e
    total = doc.page
    starts = [doc.section_start.get(f"att{i}") for i in range(len(atts))]
    first_att = starts[0] if starts else None     # one start per attachment
    memo_pages = (first_att - 1) if first_att else total
    att_pages = []
    for i, s in enumerate(starts):
        nxt = next((x for x in starts[i + 1:] if x), total + 1)   # the next attachment's start
        att_pages.append((nxt - s) if s else 0)
    return RenderInfo(pages=total, memo_pages=memo_pages, attachment_pages=att_pages, font=eng.fc.family,
                      font_factor=eng.fc.factor, texts=eng.texts, cues=dict(doc.cues))


def render_memo(dossier: dict, memo_key: str | None, out_path, *, font=None,
                typography: Typography | None = None) -> RenderInfo:
    """Render one memo (``memo_key``; None = the first) of a dossier to ``out_path``."""
    out_path = Path(out_path)
    buf = io.BytesIO()
    info = _build(dossier, memo_key, buf, font, typography)
    data = buf.getvalue()
    from ..domain.safety import write_atomic

    write_atomic(out_path, data)   # WriteError (Thai) on failure; the old file stays intact
    info.path, info.size = str(out_path), len(data)
    return info


def render_memo_bytes(dossier: dict, memo_key: str | None = None, *, font=None,
                      typography: Typography | None = None) -> tuple[bytes, RenderInfo]:
    buf = io.BytesIO()
    info = _build(dossier, memo_key, buf, font, typography)
    data = buf.getvalue()
    info.size = len(data)
    return data, info
