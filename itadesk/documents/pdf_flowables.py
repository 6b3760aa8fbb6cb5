"""The memo's own reportlab flowables and its document/canvas (page numbers, continuation cue)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, FrameBreak, Table
from reportlab.lib.pagesizes import A4

from .thai_text import ThaiParagraph

if TYPE_CHECKING:
    from .memo_pdf import _Engine

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



class _PagedTable(Table):
    """A table whose continuation always starts on the next page.

    Cells hold ThaiParagraphs, whose heights differ slightly between reportlab's split
    estimate and the final wrap; the plain Table could then place its continuation (with the
    repeated header) in the few centimetres left on the same page.  Forcing a frame break
    between the parts keeps a repeated header at the top of a page, where readers expect it.
    """

    page_height: float = 0.0    # the frame's full height (0: unknown)

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and self.page_height and self.splitInRow:
            # split between rows would leave more than a quarter of the page empty: split the
            # row that does not fit instead (its cells continue on the next page)
            _, used = parts[0].wrap(availWidth, availHeight)
            if availHeight - used > self.page_height / 4:
                self._calc(availWidth, availHeight)
                inrow = self._splitRows(availHeight, doInRowSplit=True)
                if len(inrow) == 2:
                    parts = inrow
        if len(parts) == 2:
            for part in parts:
                part.page_height = self.page_height
            return [parts[0], FrameBreak(), parts[1]]
        return parts
