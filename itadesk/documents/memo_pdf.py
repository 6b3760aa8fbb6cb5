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

import base64
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, FrameBreak, Flowable, Frame, KeepTogether, NextPageTemplate,
                                PageBreak, PageTemplate, Spacer, Table, TableStyle)

from ..domain.thai_format import digits, thai_date_long
from . import fonts as _fonts
from .errors import DocumentError, MemoDataError
from .tables import TableData, build_table
from .thai_text import ThaiParagraph, markup, tokenize
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


# ---------------------------------------------------------------- text helpers

_URL = re.compile(r"(https?://\S+|www\.\S+|\S+@\S+\.\S+)")


class _Text:
    """Digits as the office prints them (URLs and e-mail addresses are left alone)."""

    def __init__(self, thai: bool):
        self.thai = thai

    def __call__(self, s: str | None) -> str:
        s = s or ""
        if not self.thai:
            return s
        parts = _URL.split(s)
        return "".join(p if i % 2 else digits(p, True) for i, p in enumerate(parts))


# ---------------------------------------------------------------- flowables

def _dotted(canv, x0, x1, y, width=0.7):
    if x1 - x0 < 2:
        return
    canv.saveState()
    canv.setLineWidth(width)
    canv.setLineCap(1)
    canv.setDash([0.01, 2.4])
    canv.setStrokeColor(colors.black)
    canv.line(x0, y, x1, y)
    canv.restoreState()


class _Marker(Flowable):
    """Zero-size flowable that tells the document which section starts here."""

    def __init__(self, section: str):
        super().__init__()
        self.section = section
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        doc = self.canv._doctemplate
        doc.section = self.section
        doc.section_start[self.section] = self.canv.getPageNumber()


class FirstPageHead(Flowable):
    """Garuda slot (image or empty) at the left, "บันทึกข้อความ" centred on its line."""

    def __init__(self, title: ThaiParagraph, garuda_h: float, emblem: bytes | None):
        super().__init__()
        self.title, self.gh, self.emblem = title, garuda_h, emblem

    def wrap(self, aw, ah):
        self.width = aw
        self._tw, self._th = self.title.wrap(aw, ah)
        return aw, max(self.gh, self._th)

    def draw(self):
        c = self.canv
        if self.emblem:
            from reportlab.lib.utils import ImageReader

            img = ImageReader(io.BytesIO(self.emblem))
            iw, ih = img.getSize()
            w = self.gh * iw / ih if ih else self.gh
            c.drawImage(img, 0, 0, width=w, height=self.gh, mask="auto")
        fs = self.title.style.fontSize
        # baseline a little above the garuda's foot
        base = 0.12 * cm
        self.title.drawOn(c, 0, base - (self._th - fs))


class DottedParagraph(Flowable):
    """A paragraph with dotted leaders under each line, from ``dots_from`` to the right end."""

    def __init__(self, para: ThaiParagraph, dots_from: float, dots_to: float | None = None,
                 first_font_size: float | None = None):
        super().__init__()
        self.para, self.dots_from, self.dots_to = para, dots_from, dots_to
        self.ffs = first_font_size
        self.spaceBefore = para.style.spaceBefore
        self.cue_text = None

    def wrap(self, aw, ah):
        self.width = aw
        self.w, self.h = self.para.wrap(aw, ah)
        return aw, self.h

    def draw(self):
        self.para.drawOn(self.canv, 0, 0)
        st = self.para.style
        lines = getattr(self.para.blPara, "lines", []) or [None]
        first = getattr(lines[0], "fontSize", None) or self.ffs or st.fontSize
        right = self.dots_to if self.dots_to is not None else self.width
        for i in range(len(lines)):
            y = self.h - first - i * st.leading - 1.6
            x0 = self.dots_from if i == 0 else st.leftIndent
            _dotted(self.canv, x0, right, y)

    def plain_text(self):
        return self.para.plain_text()

    def first_line_text(self):
        return self.para.first_line_text()


class Columns(Flowable):
    """Flowables side by side (ที่ … | วันที่ …)."""

    def __init__(self, parts: list[tuple[Flowable, float]], space_before: float = 0):
        super().__init__()
        self.parts = parts            # (flowable, x offset as fraction of the width)
        self.spaceBefore = space_before

    def wrap(self, aw, ah):
        self.width = aw
        self._boxes = []
        h = 0
        xs = [frac * aw for _, frac in self.parts] + [aw]
        for i, (f, _) in enumerate(self.parts):
            w = xs[i + 1] - xs[i]
            fw, fh = f.wrap(w, ah)
            self._boxes.append((xs[i], fh))
            h = max(h, fh)
        self.height = h
        return aw, h

    def draw(self):
        for (f, _), (x, fh) in zip(self.parts, self._boxes):
            f.drawOn(self.canv, x, self.height - fh)

    def plain_text(self):
        return " ".join(f.plain_text() for f, _ in self.parts if hasattr(f, "plain_text"))

    first_line_text = plain_text


class ChoiceLine(Flowable):
    """A tick choice: a drawn empty box (or "(  )") then the text; "…เพราะ" gets dots."""

    def __init__(self, para: ThaiParagraph, indent: float, box: str, dots: bool):
        super().__init__()
        self.para, self.indent, self.box, self.dots = para, indent, box, dots
        self.spaceBefore = 2

    def wrap(self, aw, ah):
        self.width = aw
        fs = self.para.style.fontSize
        self._bw = fs * 1.6
        self.w, self.h = self.para.wrap(aw - self.indent - self._bw, ah)
        return aw, self.h

    def draw(self):
        c = self.canv
        st = self.para.style
        fs = st.fontSize
        x = self.indent
        base = self.h - fs
        s = fs * 0.72
        if self.box == "box":
            c.saveState()
            c.setLineWidth(0.6)
            c.rect(x + fs * 0.15, base - fs * 0.02, s, s, stroke=1, fill=0)
            c.restoreState()
        self.para.drawOn(c, x + self._bw, 0)
        if self.dots:
            lines = getattr(self.para.blPara, "lines", [])
            if len(lines) == 1:
                from reportlab.pdfbase.pdfmetrics import stringWidth

                tw = stringWidth(self.para.plain_text(), st.fontName, fs)
                _dotted(c, x + self._bw + tw + 3, self.width, base - 1.6)

    def plain_text(self):
        return self.para.plain_text()

    def first_line_text(self):
        return self.para.first_line_text()


class DottedLines(Flowable):
    def __init__(self, n: int, leading: float, indent: float = 0):
        super().__init__()
        self.n, self.leading, self.indent = n, leading, indent

    def wrap(self, aw, ah):
        self.width = aw
        return aw, self.n * self.leading

    def draw(self):
        for i in range(self.n):
            _dotted(self.canv, self.indent, self.width, self.n * self.leading - (i + 1) * self.leading + 3)


# ---------------------------------------------------------------- document and canvas

class _MemoCanvas(Canvas):
    """Keeps every page until save(), then adds page numbers and continuation cues
    (the cue of page n needs the first words of page n+1)."""

    def __init__(self, *a, **k):
        super().__init__(*a, **k)
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        doc = self._memo_doc
        n = len(self._pages)
        for i, state in enumerate(self._pages):
            self.__dict__.update(state)
            doc._decorate(self, i + 1, n)
            Canvas.showPage(self)
        Canvas.save(self)


class _MemoDoc(BaseDocTemplate):
    def __init__(self, target, engine: "_Engine", **kw):
        super().__init__(target, pagesize=A4, **kw)
        self.engine = engine
        self.section = "memo"
        self.section_start: dict[str, int] = {}
        self.page_section: dict[int, str] = {}
        self.first_text: dict[int, str] = {}
        self.cues: dict[int, str] = {}

    def _startBuild(self, *a, **k):
        super()._startBuild(*a, **k)
        self.canv._memo_doc = self

    def afterFlowable(self, flowable):
        page = self.page
        self.page_section[page] = self.section
        if page not in self.first_text:
            t = None
            f = getattr(flowable, "first_line_text", None)
            if f is not None:
                try:
                    t = f()
                except Exception:
                    t = None
            if t and t.strip():
                self.first_text[page] = t.strip()

    def _decorate(self, canv, page: int, total: int):
        e = self.engine
        sec = self.page_section.get(page, "memo")
        start = self.section_start.get(sec, 1)
        n = page - start + 1
        pw, ph = canv._pagesize
        if n >= 2:
            e.draw_centred(canv, e.T(f"- {n} -"), pw / 2, ph - e.ty.page_number_top_cm * cm)
        if (sec == "memo" and e.ty.continuation_cue and page < total
                and self.page_section.get(page + 1) == "memo" and page + 1 in self.first_text):
            cue = "/" + e.cue_words(self.first_text[page + 1]) + "..."
            self.cues[page] = cue
            right = pw - e.ty.margin_right_cm * cm
            e.draw_right(canv, cue, right, e.ty.cue_bottom_cm * cm)


# ---------------------------------------------------------------- the engine

class _Engine:
    def __init__(self, dossier: dict, memo: dict, font, typography: Typography):
        self.d, self.memo, self.ty = dossier, memo, typography
        self.office = dossier.get("office", {})
        self.T = _Text(self.office.get("thai_digits", True))
        self.fc = _fonts.choose_font(font, self.office.get("font") or None)
        self.fam = _fonts.register(self.fc)
        self.texts: list[str] = []
        self._styles()

    # styles -----------------------------------------------------------
    def _st(self, name, official_pt, bold=False, **kw):
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

    def P(self, text: str, style, bold=False, record=True) -> ThaiParagraph:
        t = self.T(text)
        if record and t.strip():
            self.texts.append(t)
        return ThaiParagraph(markup(t, bold=bold), style)

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
        return DottedParagraph(para, lw + gap * 0.6 if False else lw + 2, dots_to, lsize)

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

    # body --------------------------------------------------------------
    def body(self) -> list[Flowable]:
        out: list[Flowable] = []
        for sec in self.memo.get("sections", []):
            if sec.get("title"):
                p = self.P(sec["title"], self.s_section, bold=False)
                p.keepWithNext = True
                out.append(p)
            for para in sec.get("paragraphs", []):
                if para.strip():
                    out.append(self.P(para, self.s_body))
        return out

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


def memo_date_text(memo: dict, thai: bool, style: str = "plain") -> str:
    """The memo's วันที่ as printed ("" when the memo has no date yet)."""
    import datetime as _dt

    from ..domain.thai_format import thai_date_words

    if not memo.get("date"):
        return ""
    if style not in ("plain", "words"):
        raise MemoDataError(f"แบบฟอร์มกำหนด date_style = “{style}” ซึ่งไม่รู้จัก (ใช้ได้: plain, words)")
    try:
        d = _dt.date.fromisoformat(memo["date"])
    except ValueError as e:
        raise MemoDataError(f"วันที่ของบันทึก “{memo['date']}” ไม่ถูกต้อง (ต้องเป็น ปปปป-ดด-วว)") from e
    return thai_date_words(d, thai) if style == "words" else thai_date_long(d, thai)


def emblem_bytes(office: dict) -> bytes | None:
    """The office's garuda image (PNG bytes), or None when the office has not set one."""
    if not office.get("emblem_png_base64"):
        return None
    try:
        return base64.b64decode(office["emblem_png_base64"])
    except Exception as e:
        raise MemoDataError("รูปตราครุฑของหน่วยงาน (emblem_png_base64) อ่านไม่ได้") from e


class _PagedTable(Table):
    """A table whose continuation always starts on the next page.

    Cells hold ThaiParagraphs, whose heights differ slightly between reportlab's split
    estimate and the final wrap; the plain Table could then place its continuation (with the
    repeated header) in the few centimetres left on the same page.  Forcing a frame break
    between the parts keeps a repeated header at the top of a page, where readers expect it.
    """

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            return [parts[0], FrameBreak(), parts[1]]
        return parts


def find_memo(dossier: dict, memo_key: str | None) -> dict:
    memos = dossier.get("memos") or []
    if not memos:
        raise MemoDataError("แฟ้มข้อมูลนี้ยังไม่มีบันทึกข้อความ")
    if memo_key is None:
        return memos[0]
    for m in memos:
        if m.get("key") == memo_key:
            return m
    have = ", ".join(m.get("key", "?") for m in memos)
    raise MemoDataError(f"ไม่พบบันทึก “{memo_key}” ในแฟ้มข้อมูล (มี: {have})")


def _typography_for(memo: dict, typography: Typography | None) -> Typography:
    if typography is not None:
        return typography
    from .forms import form_typography

    return form_typography(memo.get("form"))


def _proper_names(dossier: dict) -> list[str]:
    """The office's own names, so that no line breaks inside them (เทศบาลตำบลโนน|ทอง)."""
    o = dossier.get("office", {})
    names = [o.get("name", ""), o.get("amphoe", ""), o.get("province", "")]
    names += list(o.get("units", []))
    for p in o.get("people", []):
        names += p.get("name", "").split()  # title+first name, surname: each kept whole
    return [n for n in names if n and len(n) <= 60]


def _build(dossier: dict, memo_key, target, font, typography) -> RenderInfo:
    from ..domain.wordbreak import add_words

    memo = find_memo(dossier, memo_key)
    add_words(_proper_names(dossier))
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
    memo_pages = (starts[0] - 1) if atts and starts[0] else total
    att_pages = []
    for i, s in enumerate(starts):
        nxt = starts[i + 1] if i + 1 < len(starts) else total + 1
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
