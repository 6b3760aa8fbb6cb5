"""Thai text in reportlab: line breaking, shaping fixes and exact text extraction.

What this module adds to reportlab 5.1 (see ``shared/domain/thai-pdf-and-qt.md``):

* :class:`ThaiParagraph` — a ``Paragraph`` that breaks lines between Thai words
  (pythainlp ``newmm``), falling back to TCC clusters only for a word wider than the line,
  so no mark is ever split from its base.  It inserts no ZWSP or spaces; it re-breaks for
  every new width (table cells) and its page-split halves keep their breaks.
* :class:`ThaiTTFont` — a ``TTFont`` whose ToUnicode CMap (rewritten after reportlab builds
  it) maps the private-use code points reportlab gives to alternate glyphs
  (``uni0E48.small``…) back to the real characters.
* a patch of ``shapeFragWord`` that shapes every same-font run of a word separately (the
  stock code measures a mixed regular/bold word with the first run's font) and records,
  for every glyph, the source text of its cluster;
* :class:`ActualTextObject` (the text object ThaiParagraph draws with) wraps every shaped
  run in a marked-content span ``/Span <</ActualText (source)>> BDC … EMC`` so viewers and
  ``pdftotext`` return the
  exact source text (ำ whole, marks in typed order) instead of the glyph order.

pythainlp is imported lazily: its dictionary costs ~0.6 s on first use, never at import.
reportlab is pinned to 5.1.* in pyproject because the shaping patch and the text object
touch its internals.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from itertools import groupby

import reportlab.pdfbase.ttfonts as rlttf
import reportlab.pdfgen.textobject as rltext
import reportlab.platypus.paragraph as rlpara
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

__all__ = [
    "ThaiParagraph", "ThaiTTFont", "install_patches", "markup", "tokenize", "warm_up",
    "is_thai", "render_names",
]

# ---------------------------------------------------------------- tokenising (lazy pythainlp)

_THAI = re.compile("[\u0e00-\u0e7f]")


def is_thai(text: str) -> bool:
    return bool(_THAI.search(text))


# The office's own names for the render under way (a context variable: set by the renderer for
# the length of one render, never a process-wide dictionary).
_NAMES: ContextVar[frozenset[str]] = ContextVar("itadesk_render_names", default=frozenset())


@contextmanager
def render_names(names: Iterable[str]) -> Iterator[None]:
    """Keep ``names`` (office, units, places, people) whole while breaking lines inside the
    ``with`` block; a name wider than a line breaks at its own word boundaries first."""
    token = _NAMES.set(frozenset(n for n in names if n and not n.isspace()))
    try:
        yield
    finally:
        _NAMES.reset(token)


def _tokens(text: str) -> tuple[str, ...]:
    from ..domain.wordbreak import segment

    return segment(text, _NAMES.get())


def tokenize(text: str) -> list[str]:
    """Word tokens (newmm) with whitespace kept; ``''.join(tokens) == text``.

    Runs of non-Thai text are not handed to newmm (it would split "IIT/EIT" at the
    slash); they break only at spaces, like ordinary Latin text."""
    return list(_tokenize_for(text, _NAMES.get()))


@lru_cache(maxsize=8192)
def _tokenize_for(text: str, names: frozenset[str]) -> tuple[str, ...]:
    # remembered per text and the render's names (which steer the word breaks)
    return tuple(_tokenize(text))


def _tokenize(text: str) -> list[str]:
    out: list[str] = []
    for part in re.split(r"(\s+)", text):
        if not part:
            continue
        if part.isspace() or not is_thai(part):
            out.append(part)
        else:
            out.extend(_glue(_tokens(part)))
    return out


_OPEN = set("([{“‘\"'")
_CLOSE = set(")]}”’\"',.:;!?ฯ")


def _glue(toks) -> list[str]:
    """Keep opening brackets/quotes with the next token and closing ones with the previous,
    so a line never ends in "(" nor starts with ")"."""
    out: list[str] = []
    carry = ""
    for t in toks:
        if t and all(ch in _OPEN for ch in t):
            carry += t
            continue
        t = carry + t
        carry = ""
        if out and t and all(ch in _CLOSE for ch in t):
            out[-1] += t
        else:
            out.append(t)
    if carry:
        out.append(carry)
    return out


@lru_cache(maxsize=4096)
def _tcc(text: str) -> tuple[str, ...]:
    from ..domain.thai_segment import tcc

    parts = tuple(tcc(text))
    return parts if "".join(parts) == text else tuple(text)


_MARK = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _clusters(token: str) -> list[str]:
    """Split a token wider than a whole line: at its own word boundaries first (a long office
    or unit name: องค์การ|บริหาร|ส่วน|ตำบล|ภูซาง), else into TCC clusters (the last resort, for
    a single word wider than its cell), pieces never starting with a combining mark."""
    if is_thai(token):
        from ..domain.wordbreak import subwords

        words = subwords(token, _NAMES.get())
        parts = list(words) if len(words) > 1 else list(_tcc(token))
    else:
        parts = list(token)
    out: list[str] = []
    for p in parts:
        if out and _MARK.match(p):
            out[-1] += p
        else:
            out.append(p)
    return out


def warm_up() -> None:
    """Load the newmm dictionary now (call it from a background thread at start-up)."""
    _tokens("ผู้ใหญ่บ้านปลัดเทศบาล")


# ---------------------------------------------------------------- markup helper

def _xml_escape(s: str) -> str:
    """``xml.sax.saxutils.escape`` (that module loads urllib.request and http.client: ~20 ms of
    every render)."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, *, bold: bool = False) -> str:
    """Plain text → paragraph markup: XML-escaped, newlines as <br/>, optional bold."""
    s = _xml_escape(text or "").replace("\r\n", "\n").replace("\n", "<br/>")
    return f"<b>{s}</b>" if bold and s else s


# ---------------------------------------------------------------- ThaiParagraph

@lru_cache(maxsize=256)
def _char_widths(font_name: str, font_size: float) -> dict[str, float]:
    """A per-(font, size) memo of single-character advance widths, filled as characters come.
    Keyed on the registered font name: a name is registered once and never replaced."""
    return {}


def _chars(frags):
    text, widths = [], []
    for f in frags:
        if getattr(f, "lineBreak", False):
            text.append("\n")
            widths.append(0.0)
            continue
        if hasattr(f, "cbDefn"):
            continue
        fn, fs = f.fontName, f.fontSize
        memo = _char_widths(fn, fs)
        t = f.text or ""
        for ch in set(t).difference(memo):
            memo[ch] = stringWidth(ch, fn, fs)
        text.append(t)
        widths.extend([memo[ch] for ch in t])
    return "".join(text), widths


def _cuts(text, widths, first_width, width):
    """Greedy line filling over word tokens → [(break_index, n_spaces_dropped)]."""
    toks = tokenize(text)
    toks.reverse()
    cuts, pos, line_start, line_w, avail = [], 0, 0, 0.0, first_width
    while toks:
        tok = toks.pop()
        n = len(tok)
        if "\n" in tok:
            # explicit <br/>: the lines after it start afresh
            k = tok.rfind("\n") + 1
            pos += n
            line_start, avail = pos - (n - k), width
            line_w = sum(widths[line_start:pos])
            continue
        tw = sum(widths[pos:pos + n])
        if not tok.isspace() and line_w + tw > avail + 1e-6:
            if pos > line_start and tw <= width + 1e-6:
                j = pos
                while j > line_start and text[j - 1].isspace():
                    j -= 1
                cuts.append((j, pos - j))
                line_start, line_w, avail = pos, 0.0, width
                toks.append(tok)
                continue
            if n > 1:
                parts = _clusters(tok)
                if len(parts) > 1:
                    toks.extend(reversed(parts))
                    continue
            if pos > line_start:
                j = pos
                while j > line_start and text[j - 1].isspace():
                    j -= 1
                cuts.append((j, pos - j))
                line_start, line_w, avail = pos, 0.0, width
        line_w += tw
        pos += n
    return cuts


_BREAKS: dict = {}
_LAYOUTS: dict = {}


def _frag_sig(frags) -> tuple:
    return tuple((f.fontName, f.fontSize, f.text or "") if not getattr(f, "lineBreak", False)
                 else "\n" for f in frags if not hasattr(f, "cbDefn"))


def _breaks(frags, first_width: float, width: float, sig: tuple | None = None) -> tuple[tuple, tuple]:
    """(cuts, line ends) of a paragraph's frags for a width: :func:`_cuts` over the text, and
    per line "soft" (a break chosen here), "hard" (a typed line break) or "last".  Remembered
    per (text, fonts, widths, the render's names) — plain data, no reportlab objects — since a
    preview lays out the same paragraphs again after every edit."""
    key = (sig if sig is not None else _frag_sig(frags), first_width, width, _NAMES.get())
    hit = _BREAKS.get(key)
    if hit is not None:
        return hit
    text, widths = _chars(frags)
    cuts = tuple(_cuts(text, widths, first_width, width))
    marks = sorted([(j, "soft") for j, _ in cuts] + [(i, "hard") for i, ch in enumerate(text) if ch == "\n"])
    hit = (cuts, tuple([k for _, k in marks] + ["last"]))
    if len(_BREAKS) >= 8192:
        _BREAKS.clear()
    _BREAKS[key] = hit
    return hit


def _apply(frags, cuts):
    out, cuts, base, skip = [], list(cuts), 0, 0
    for f in frags:
        if getattr(f, "lineBreak", False):
            out.append(f)
            base += 1
            continue
        if hasattr(f, "cbDefn"):
            out.append(f)
            continue
        t, start = f.text or "", 0
        while True:
            if skip:
                k = min(skip, len(t) - start)
                start += k
                skip -= k
            if cuts and base + start <= cuts[0][0] < base + len(t):
                k = cuts[0][0] - base
                if k > start:
                    out.append(f.clone(text=t[start:k]))
                out.append(f.clone(text="", lineBreak=True))
                start, skip = k, cuts[0][1]
                cuts.pop(0)
                continue
            break
        if start < len(t):
            out.append(f.clone(text=t[start:]))
        base += len(t)
    return out


_PARSED: dict = {}


def _style_key(style):
    """Every attribute of a paragraph style (names and values), or None when one cannot be a
    key.  Computed at every paragraph: a style may be changed after it is made, and a style
    made with a parent copies the parent's attributes."""
    try:
        key = tuple(style.__dict__.items())
        hash(key)
    except TypeError:
        return None
    return key


class ThaiParagraph(Paragraph):
    """A Paragraph that breaks Thai text between words (see module doc).

    ``justify=True``: Thai distributed justification, drawn by :func:`justify_line` — every
    line that ends at a break this paragraph chose (not the last line, not a typed line
    break) is stretched to the full width."""

    _justify = False
    _ends: list[str] | None = None      # per line: "soft" (our break), "hard" (typed), "last"

    def _setup(self, text, style, bulletText, frags, cleaner):
        """reportlab's parse of the markup, remembered per (text, style): parsing was a tenth of
        a render, and a preview renders the same paragraphs again after every edit.  Each
        paragraph gets its own copies of the remembered frags."""
        skey = _style_key(style)
        if frags is not None or bulletText is not None or not isinstance(text, str) or skey is None:
            return super()._setup(text, style, bulletText, frags, cleaner)
        key = (text, skey, self.caseSensitive)
        hit = _PARSED.get(key)
        if hit is None:
            super()._setup(text, style, bulletText, frags, cleaner)
            if self.style is style and self.bulletText is None:
                if len(_PARSED) >= 4096:
                    _PARSED.clear()
                _PARSED[key] = (self.text, [f.clone() for f in self.frags])
            return None
        self.text = hit[0]
        self.frags = [f.clone() for f in hit[1]]
        self.style = style
        self.bulletText = None
        self.debug = 0
        return None

    def __init__(self, text, style, *args, justify: bool = False, **kw):
        super().__init__(text, style, *args, **kw)
        # halves made by split() are built with text=None and are already broken
        self._orig_frags = self.frags if text is not None else None
        self._broken_for = None
        self._justify = justify

    def wrap(self, availWidth, availHeight):
        if getattr(self, "_orig_frags", None) is None:
            return super().wrap(availWidth, availHeight)
        # A table measures its cells several times at the same width, and draws them after:
        # the lines for a width are the same every time (the frags and style never change), so
        # the layout of each width met is kept and restored instead of broken again.
        layouts = self.__dict__.setdefault("_layouts", {})
        hit = layouts.get(availWidth)
        if hit is not None:
            return self._use_layout(availWidth, hit)
        st = self.style
        skey = _style_key(st)
        sig = _frag_sig(self._orig_frags)
        gkey = None
        if skey is not None and availWidth >= rlpara._FUZZ:
            gkey = (sig, skey, availWidth, _NAMES.get())
            hit = _LAYOUTS.get(gkey)
            if hit is not None:
                layouts[availWidth] = hit
                return self._use_layout(availWidth, hit)
        w = availWidth - st.leftIndent - st.rightIndent
        cuts, ends = _breaks(self._orig_frags, w - st.firstLineIndent, w, sig)
        self.frags = _apply(self._orig_frags, cuts)
        self._ends = list(ends)
        self._broken_for = availWidth
        self.__dict__.pop("blPara", None)
        size = super().wrap(availWidth, availHeight)
        if availWidth >= rlpara._FUZZ and len(layouts) < 8:
            layouts[availWidth] = (self.frags, self._ends, self.blPara, self.width, self.height,
                                   self._wrapWidths)
            if gkey is not None:
                if len(_LAYOUTS) >= 1024:      # a few MB at most
                    _LAYOUTS.clear()
                _LAYOUTS[gkey] = layouts[availWidth]
        return size

    def _use_layout(self, availWidth, layout):
        """Take a remembered layout (frags, line ends, lines, size) for ``availWidth``."""
        self.frags, self._ends, self.blPara, self.width, self.height, self._wrapWidths = layout
        self._broken_for = availWidth
        return self.width, self.height

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and self._ends is not None:
            n = len(parts[0].blPara.lines)
            for part, ends in zip(parts, (self._ends[:n], self._ends[n:])):
                part._justify, part._ends = self._justify, ends
        return parts

    def beginText(self, x, y):
        return ActualTextObject(self.canv, x, y)

    def draw(self):
        """Draw, each justified line stretched.  The layout may be shared (remembered across
        paragraphs and renders, possibly drawn by two renders at once), so nothing in it is
        changed: the stretched lines are new line objects in a copy of the layout, used for
        this one draw."""
        bl = getattr(self, "blPara", None)
        lines = getattr(bl, "lines", None) or []
        if not (self._justify and self._ends is not None and len(self._ends) == len(lines)):
            return super().draw()
        drawn = []
        changed = False
        for line, end in zip(lines, self._ends):
            new = (justify_line(line.words, line.extraSpace)
                   if end == "soft" and hasattr(line, "words") else None)
            if new is not None:
                line = copy.copy(line)
                line.words = new
                changed = True
            drawn.append(line)
        if not changed or bl is None:
            return super().draw()
        shown = copy.copy(bl)
        shown.lines = drawn
        self.blPara = shown
        try:
            super().draw()
        finally:
            self.blPara = bl

    def plain_text(self) -> str:
        text, _ = _chars(self._orig_frags if getattr(self, "_orig_frags", None) is not None
                         else self.frags)
        return text

    def first_line_text(self) -> str:
        """Text of the first line as laid out (for the continuation cue)."""
        bl = getattr(self, "blPara", None)
        if bl is not None and getattr(bl, "lines", None):
            line = bl.lines[0]
            words = getattr(line, "words", None)
            if words is not None:
                return "".join(source_text(getattr(w, "text", "") or "") for w in words)
        return self.plain_text().split("\n")[0]


# ---------------------------------------------------------------- Thai distributed justification

# Where the extra space of a line goes, in this order, each up to its limit (em of the font size):
# the spaces the text already has; the boundaries between Thai words (kept small: a wider gap
# reads as a space, which in Thai separates phrases); then every boundary between character
# clusters.  A line that would need more than CLUSTER_MAX per cluster stays ragged.
SPACE_MAX = 0.35
WORD_GAP_MAX = 0.06
CLUSTER_MAX = 0.15


def _glyphs(frag) -> tuple[list, list[int], str]:
    """(shape data per glyph, source offset of each glyph's cluster start or -1, source text)
    of one frag of a line; an unshaped string gets one plain entry per character."""
    text = frag.text or ""
    if isinstance(text, rlttf.ShapedStr) and text.__shapeData__:
        sds = list(text.__shapeData__)
        offs, pos, src = [], 0, []
        for ch, sd in zip(str(text), sds):
            piece = getattr(sd, "src", None)
            if piece is None:      # no source recorded: one glyph, one character
                piece = ch
            offs.append(pos if piece else -1)
            pos += len(piece)
            src.append(piece)
        return sds, offs, "".join(src)
    font = pdfmetrics.getFont(frag.fontName)
    cw = getattr(getattr(font, "face", None), "charWidths", None)
    if cw is None:
        return [], [], text
    sds = [_SD(i, cw.get(ord(ch), 0), 0, 0, 0, cw.get(ord(ch), 0)) for i, ch in enumerate(text)]
    for sd in sds:
        sd.src = None
    return sds, list(range(len(text))), text


def _stretch_points(text: str) -> tuple[list[int], list[int], list[int]]:
    """(after spaces, between Thai words, between clusters) inside ``text``: the positions where
    extra space may go.  Never before a combining mark, never at the ends of the line."""
    return _stretch_points_for(text, _NAMES.get())


@lru_cache(maxsize=4096)
def _stretch_points_for(text: str, names: frozenset[str]) -> tuple[list[int], list[int], list[int]]:
    # remembered per line (and the render's names, which steer the word breaks): the preview
    # renders a memo again after every edit, and most of its lines have not changed
    end = len(text.rstrip())
    spaces: list[int] = []
    words: list[int] = []
    pos = 0
    toks = tokenize(text)
    for i, tok in enumerate(toks):
        pos += len(tok)
        if pos >= end or pos <= 0:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if nxt.isspace():
            continue
        (spaces if tok.isspace() else words).append(pos)
    clusters: list[int] = []
    pos = 0
    for part in re.split(r"(\s+)", text[:end]):
        if not part:
            continue
        if not part.isspace():
            pieces = _tcc(part) if is_thai(part) else tuple(part)
            q = pos
            for piece in pieces[:-1]:
                q += len(piece)
                if not _MARK.match(text[q:q + 1]):
                    clusters.append(q)
        pos += len(part)
    return spaces, words, clusters


def justify_line(words: list, extra: float) -> list | None:
    """The frags of one line with ``extra`` points spread inside it, or None to leave it as
    it is.  Each stretch point adds to the advance of the glyph before it (per-glyph
    positioning in the TJ array): no space glyph is inserted, so copied text is unchanged,
    and marks keep their offsets from their base."""
    if extra <= 0.01:
        return None
    parts = []
    line_text = ""
    for f in words:
        if hasattr(f, "cbDefn") or not (f.text or ""):
            parts.append((f, [], [], ""))
            continue
        sds, offs, src = _glyphs(f)
        if not sds:
            return None
        parts.append((f, sds, [o + len(line_text) if o >= 0 else -1 for o in offs], src))
        line_text += src
    fs = max((f.fontSize for f, sds, _, _ in parts if sds), default=0) or 1
    add: dict[int, float] = {}
    rest = extra
    for pts, cap in zip(_stretch_points(line_text), (SPACE_MAX, WORD_GAP_MAX, CLUSTER_MAX)):
        if not pts or rest <= 1e-6:
            continue
        each = rest / len(pts)
        if cap is CLUSTER_MAX and each > cap * fs:
            return None          # too loose to stretch: better ragged than letter-spaced
        each = min(each, cap * fs)
        for q in pts:
            add[q] = add.get(q, 0.0) + each
        rest -= each * len(pts)
    if rest > 1e-3:
        return None
    # the glyph before each stretch point: the last glyph whose cluster starts before it
    starts = [(o, k, g) for k, (_, sds, offs, _) in enumerate(parts) for g, o in enumerate(offs) if o >= 0]
    bump: dict[tuple[int, int], float] = {}
    j = 0
    for q in sorted(add):
        while j < len(starts) and starts[j][0] < q:
            j += 1
        if j == 0 or j >= len(starts) or starts[j][0] != q:
            continue
        k, g = starts[j][1], starts[j][2] - 1
        if g < 0:                      # first glyph of a frag: the previous frag's last glyph
            kk = k - 1
            while kk >= 0 and not parts[kk][1]:
                kk -= 1
            if kk < 0:
                continue
            k, g = kk, len(parts[kk][1]) - 1
        bump[(k, g)] = bump.get((k, g), 0.0) + add[q]
    out = []
    for k, (f, sds, _, _) in enumerate(parts):
        if not sds:
            out.append(f)
            continue
        new = []
        for g, sd in enumerate(sds):
            b = bump.get((k, g))
            if b:
                n = _SD(sd.cluster, sd.x_advance + b * 1000 / f.fontSize, sd.y_advance, sd.x_offset,
                        sd.y_offset, sd.width)
                n.src = getattr(sd, "src", None)
                sd = n
            new.append(sd)
        glyph_text = str(f.text)
        out.append(f.clone(text=rlttf.ShapedStr(glyph_text, shapeData=new)))
    return out


# ---------------------------------------------------------------- ThaiTTFont (ToUnicode repair)

@lru_cache(maxsize=16)
def _alt_glyph_map(path: str) -> dict[str, str]:
    """glyph name → text, through the cmap and GSUB single substitutions (closure)."""
    from fontTools.ttLib import TTFont as FTFont

    f = FTFont(path, lazy=True)
    rev = {g: chr(cp) for cp, g in reversed(list(f.getBestCmap().items()))}
    subst = []
    if "GSUB" in f:
        for lk in f["GSUB"].table.LookupList.Lookup:
            for st in lk.SubTable:
                if lk.LookupType == 7:
                    st = st.ExtSubTable
                if getattr(st, "LookupType", lk.LookupType) == 1 and hasattr(st, "mapping"):
                    subst.extend(st.mapping.items())
    changed = True
    while changed:
        changed = False
        for src, dst in subst:
            if src in rev and dst not in rev:
                rev[dst] = rev[src]
                changed = True
    return rev


def _cmap(fontname, subset, fix):
    lines = ["<%02X> <%s>" % (i, fix[v].encode("utf-16-be").hex().upper() if v in fix else "%04X" % v)
             for i, v in enumerate(subset)]
    return "\n".join(
        ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
         "<< /Registry (%s)" % fontname, "/Ordering (%s)" % fontname, "/Supplement 0", ">> def",
         "/CMapName /%s def" % fontname, "/CMapType 2 def", "1 begincodespacerange",
         "<00> <%02X>" % (len(subset) - 1), "endcodespacerange", "%d beginbfchar" % len(subset)]
        + lines + ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


_UNI = re.compile(r"uni((?:[0-9A-F]{4})+)|u([0-9A-F]{4,6})")


def _uni_name_text(base: str) -> str | None:
    """The text of a glyph named by code points — ``uni0E48``, ``uni0E4D0E49``, ``u1F600``, the
    Adobe Glyph List's rule for such names — without loading the list (most Thai alternates are
    named so).  None for any other name or a code point that is not a character."""
    m = _UNI.fullmatch(base)
    if not m:
        return None
    if m.group(1):
        cps = [int(m.group(1)[i:i + 4], 16) for i in range(0, len(m.group(1)), 4)]
    else:
        cps = [int(m.group(2), 16)]
    if any(0xD800 <= c <= 0xDFFF or c > 0x10FFFF for c in cps):
        return None
    return "".join(map(chr, cps))


def _glyph_text(path: str, gname: str) -> str | None:
    """The text a glyph stands for: from its name first (uni0E48.small → ่, yoYingthai.less → ญ,
    uni0E4D0E49 → ํ้: the Adobe Glyph List), else through the font's GSUB (parsing GSUB costs
    about 0.1 s a font, so only for a name that does not tell)."""
    base = gname.split(".")[0]
    t = _uni_name_text(base)
    if t:
        return t
    from fontTools import agl

    t = agl.toUnicode(base) or agl.toUnicode(base.lower())
    if t:
        return t
    return _alt_glyph_map(path).get(gname) or None


class ThaiTTFont(rlttf.TTFont):
    """TTFont whose ToUnicode CMap maps alternate (private-use) glyphs to real text."""

    def __init__(self, name, filename, **kw):
        super().__init__(name, filename, **kw)
        self._path = str(filename)

    def pua_text(self) -> dict[int, str]:
        fix = {}
        for gname, cp in (getattr(self, "_TTFont__hbUnis", None) or {}).items():
            t = _glyph_text(self._path, gname)
            if t:
                fix[cp] = t
        return fix

    def addObjects(self, doc):
        """reportlab's objects, then each subset's ToUnicode stream rewritten with the
        private-use codes mapped to their text (reportlab's module functions untouched)."""
        fix = self.pua_text()
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            base = b"".join((rlttf.SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = _cmap(base, subset, fix)


# ---------------------------------------------------------------- shaping patches

class _SD(rlttf.ShapeData):
    """ShapeData that also carries ``src``: the source text of the cluster this glyph
    starts ('' for the other glyphs of a cluster)."""


_orig_shapeFragWord = rlttf.shapeFragWord


def _attach_sources(res, text: str):
    """Give every glyph of a shaped word the source text of the cluster it begins."""
    if not isinstance(res, rlttf.ShapedFragWord):
        return res
    glyphs = []
    for item in res[1:]:
        s = item[1]
        if isinstance(s, rlttf.ShapedStr):
            glyphs.extend(s.__shapeData__)
    starts = sorted({sd.cluster for sd in glyphs if sd.cluster >= 0})
    nxt = {c: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, c in enumerate(starts)}
    seen = set()
    for item in res[1:]:
        s = item[1]
        if not isinstance(s, rlttf.ShapedStr):
            continue
        new = []
        for sd in s.__shapeData__:
            n = _SD(*sd)
            c = sd.cluster
            if c in nxt and c not in seen:
                seen.add(c)
                n.src = text[c:nxt[c]]
            else:
                n.src = ""
            new.append(n)
        s.__shapeData__ = new
    return res


def _word_text(w) -> str:
    return "".join(s for f, s in w[1:] if not hasattr(f, "cbDefn"))


_SHAPE_CACHE: dict = {}
_SHAPE_CACHE_MAX = 20000


def _shape_one(w, *a, **k):
    """Shape one same-font run.  Paragraphs are wrapped several times (tables measure their
    cells more than once), so about three in four calls repeat an earlier one: one-frag words
    are cached by (font object, size, text).  The font object is part of the key because
    shaping may register private-use glyph codes on it."""
    if len(w) == 2 and not a and not k and not hasattr(w[1][0], "cbDefn"):
        f, s = w[1]
        font = pdfmetrics.getFont(f.fontName)
        key = (id(font), f.fontName, f.fontSize, s)
        hit = _SHAPE_CACHE.get(key)
        if hit is not None and hit[0] is font:
            res = hit[1]
            if res is None:
                return w
            return rlttf.makeShapedFragWord(w)([res[0]] + [(f, ss) for ss in res[1]])
        res = _attach_sources(_orig_shapeFragWord(w), _word_text(w))
        if len(_SHAPE_CACHE) >= _SHAPE_CACHE_MAX:
            _SHAPE_CACHE.clear()
        if isinstance(res, rlttf.ShapedFragWord) and all(item[0] is f for item in res[1:]):
            _SHAPE_CACHE[key] = (font, (res[0], [item[1] for item in res[1:]]))
        elif res is w:
            _SHAPE_CACHE[key] = (font, None)
        return res
    return _attach_sources(_orig_shapeFragWord(w, *a, **k), _word_text(w))


def shapeFragWord(w, *a, **k):
    """Shape each same-font run of a word on its own (Appendix C of the spike)."""
    if isinstance(w, rlttf.ShapedFragWord):
        return w
    if len(w) <= 2:
        return _shape_one(w, *a, **k)

    def key(fs):
        f = fs[0]
        return (getattr(f, "fontName", None), getattr(f, "fontSize", None), hasattr(f, "cbDefn"))

    runs = [list(g) for _, g in groupby(w[1:], key)]
    if len(runs) == 1:
        return _shape_one(w, *a, **k)
    out, total, any_shaped = [], 0.0, False
    for run in runs:
        rw = sum(stringWidth(s, f.fontName, f.fontSize) for f, s in run if not hasattr(f, "cbDefn"))
        sw = _shape_one(w.__class__([rw] + run), *a, **k)
        any_shaped = any_shaped or isinstance(sw, rlttf.ShapedFragWord)
        total += sw[0]
        out.extend(sw[1:])
    if not any_shaped:
        return w
    return rlttf.makeShapedFragWord(w)([total] + out)


def source_text(s: str) -> str:
    """The source text of a (possibly shaped) string: shaped glyph strings carry it."""
    if isinstance(s, rlttf.ShapedStr):
        sd = s.__shapeData__ or []
        return "".join([ch if (src := getattr(d, "src", None)) is None else src for ch, d in zip(str(s), sd)])
    return s


def _pdf_text_string(s: str) -> str:
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


_BYTE = [bytes((i,)) for i in range(256)]
_FP_MEMO: dict[float, str] = {}


def _fp(x: float) -> str:
    """``fp_str`` of one number, remembered: a line repeats the same few glyph adjustments."""
    v = _FP_MEMO.get(x)
    if v is None:
        if len(_FP_MEMO) > 50000:
            _FP_MEMO.clear()
        v = _FP_MEMO[x] = rltext.fp_str(x)
    return v


def _shaped_code(tx, text) -> str | None:
    """reportlab 5.1's ``PDFTextObject._formatText`` for a shaped string in a TrueType font,
    written for speed (it was a fifth of a render): the same operators, byte for byte
    (``tests/documents/test_render_caches.py`` compares the two on every example).  None when
    the font is not a shapable TrueType font (then reportlab's own code runs)."""
    font = pdfmetrics.getFont(tx._fontname)
    if not (font._dynamicFont and font.shapable):
        return None
    fp_str = rltext.fp_str
    canv = tx._canvas
    doc = canv._doc
    esc = canv._escape
    state = (tx._code, tx._x, tx._y)
    try:
        tx._code = code = []
        R = code.append
        tmpl = None
        r0 = tx._rise
        shape = text.__shapeData__
        fontsize = tx._fontsize
        k = fontsize / 1000
        sd0 = 0
        for subset, t in font.splitString(text, doc):
            if subset != tx._curSubset:
                if not tmpl:
                    tmpl = f"{fp_str(fontsize)} Tf {fp_str(tx._leading)} TL"
                R(f"{font.getSubsetInternalName(subset, doc)} {tmpl}")
                tx._curSubset = subset
            n = len(t)
            sds = shape[sd0:sd0 + n]
            sd0 += n
            i = 0
            while i < n:
                # one run of glyphs on the same rise: reportlab's "cluster"
                cl, xa, _ya, xo, yo, wd = sds[i]
                r = r0 + k * yo
                if r != tx._rise:
                    tx.setRise(r)
                rise = tx._rise
                out: list[str] = []
                num = 0.0           # the pending number
                has_num = False
                run: list[bytes] = []
                while True:
                    if xo:
                        num += -xo
                        has_num = True
                    if has_num:
                        if run:
                            out.append("(%s)" % esc(b"".join(run)))
                            run = []
                        v = _fp(num)
                        if v != "0":
                            out.append(v)
                        num, has_num = 0.0, False
                    run.append(_BYTE[t[i]])
                    adj = wd - xa + xo
                    if adj:
                        num += adj
                        has_num = True
                    i += 1
                    if i >= n:
                        break
                    cl, xa, _ya, xo, yo, wd = sds[i]
                    if cl < 0 or r0 + k * yo != rise:
                        break
                if run:
                    out.append("(%s)" % esc(b"".join(run)))
                if has_num:
                    v = _fp(num)
                    if v != "0":
                        out.append(v)
                if len(out) == 1 and out[0].startswith("("):
                    R(f"{out[0]} Tj")
                else:
                    R(f"[{' '.join(out)}] TJ")
                if tx._rise != r0:
                    tx.setRise(r0)
                if i < n and sds[i].cluster < 0:
                    break
            if tx._rise != r0:
                tx.setRise(r0)
    finally:
        tx._code, tx._x, tx._y = state
    return " ".join(code)


class ActualTextObject(rltext.PDFTextObject):
    """A text object that wraps every shaped run in ``/Span <</ActualText (source)>> BDC … EMC``,
    so viewers and ``pdftotext`` return the source text (ำ whole, marks in typed order).
    ThaiParagraph draws with it (its ``beginText``): reportlab's own class is left alone."""

    def _formatText(self, text):
        code = _shaped_code(self, text) if isinstance(text, rlttf.ShapedStr) else None
        if code is None:
            code = super()._formatText(text)
        if isinstance(text, rlttf.ShapedStr) and code:
            actual = source_text(text)
            if actual:
                return f"/Span <</ActualText {_pdf_text_string(actual)}>> BDC {code} EMC"
        return code


_installed = False


def install_patches() -> None:
    """Install the per-font-run shaping patch (idempotent; once, when the fonts are
    registered).  The ActualText spans need no patch: ThaiParagraph draws with
    :class:`ActualTextObject`."""
    global _installed
    if _installed:
        return
    # Page and font streams are Flate-compressed binary, not also ASCII85-armoured: the armour
    # cost ~10 ms of a 10-page render (a pure-Python encoder) and made the file 11 % larger;
    # PDF 1.4 and PDF/A accept binary streams (the file's header marks it binary).
    from reportlab import rl_config

    rl_config.useA85 = 0
    rlttf.shapeFragWord = shapeFragWord
    rlpara.shapeFragWord = shapeFragWord
    try:
        import reportlab.pdfgen.canvas as rlcanvas

        rlcanvas.shapeFragWord = shapeFragWord
    except Exception:  # pragma: no cover
        pass
    _installed = True


def register_font_family(family: str, regular: str, bold: str) -> None:
    """Register ``family`` (regular) and ``family-Bold`` as ThaiTTFont + <b> mapping."""
    from reportlab.lib.fonts import addMapping

    if family in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(ThaiTTFont(family, regular))
    pdfmetrics.registerFont(ThaiTTFont(family + "-Bold", bold))
    addMapping(family, 0, 0, family)
    addMapping(family, 1, 0, family + "-Bold")
    addMapping(family, 0, 1, family)
    addMapping(family, 1, 1, family + "-Bold")
