"""What the render remembers between paragraphs and renders (issue 14, speed) must never change
what is printed: the fast text formatter writes reportlab's own operators byte for byte; the
remembered parse, line breaks and layouts follow every change of text, style, width and the
render's office names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))


@pytest.fixture(scope="module")
def fam():
    from itadesk.documents.fonts import choose_font, register

    return register(choose_font(None, None))


def _style(fam, name="cell", **kw):
    from reportlab.lib.styles import ParagraphStyle

    kw.setdefault("fontName", fam)
    return ParagraphStyle(name, fontSize=16, leading=24, shaping=1, **kw)


def _lines(p) -> list[str]:
    from itadesk.documents.thai_text import source_text

    return ["".join(source_text(getattr(w, "text", "") or "") for w in line.words).strip()
            for line in p.blPara.lines]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_fast_text_formatter_writes_reportlabs_operators(path, monkeypatch):
    """Every shaped run of every example: ``_shaped_code`` gives exactly the string reportlab's
    ``PDFTextObject._formatText`` gives, and leaves the text object in the same state."""
    import reportlab.pdfbase.ttfonts as rlttf
    import reportlab.pdfgen.textobject as rltext

    from itadesk.documents import thai_text as tt
    from itadesk.documents.memo_pdf import render_memo_bytes

    seen = {"runs": 0, "rise": 0}
    bad: list[tuple[str, str]] = []
    orig = tt.ActualTextObject._formatText

    def compare(self, text):
        if isinstance(text, rlttf.ShapedStr):
            before = (list(self._code), self._x, self._y, self._rise, self._curSubset)
            ours = tt._shaped_code(self, text)
            after_ours = (list(self._code), self._x, self._y, self._rise, self._curSubset)
            self._code[:] = before[0]
            self._x, self._y, self._rise, self._curSubset = before[1:]
            theirs = rltext.PDFTextObject._formatText(self, text)
            after_theirs = (list(self._code), self._x, self._y, self._rise, self._curSubset)
            seen["runs"] += 1
            seen["rise"] += " Ts" in theirs
            if ours != theirs or after_ours != after_theirs:
                bad.append((ours, theirs))
        return orig(self, text)

    monkeypatch.setattr(tt.ActualTextObject, "_formatText", compare)
    render_memo_bytes(json.loads(path.read_text("utf-8")), None)
    assert seen["runs"] > 50
    assert not bad, bad[:3]


def test_every_example_has_marks_set_on_a_rise():
    """The comparison above covers glyphs drawn on a rise (marks moved up or down): at least one
    example prints some, so that branch of the formatter is compared too."""
    import reportlab.pdfbase.ttfonts as rlttf

    from itadesk.documents import thai_text as tt
    from itadesk.documents.memo_pdf import render_memo_bytes

    rises = 0
    orig = tt._shaped_code

    def count(tx, text):
        nonlocal rises
        code = orig(tx, text)
        rises += bool(code and " Ts" in code)
        return code

    tt._shaped_code, saved = count, tt._shaped_code
    try:
        for path in EXAMPLES:
            render_memo_bytes(json.loads(path.read_text("utf-8")), None)
    finally:
        tt._shaped_code = saved
    assert isinstance(rlttf.ShapedStr("a"), str)
    assert rises > 0


def test_a_style_made_from_a_parent_keeps_its_own_font(fam):
    """Found while speeding up: a style made with ``parent=`` copies the parent's attributes, so
    a key stored on the parent leaked into the child and a bold table row printed regular.
    The same text in a regular and then a bold style must come out regular, then bold."""
    from reportlab.lib.styles import ParagraphStyle

    from itadesk.documents.thai_text import ThaiParagraph

    regular = _style(fam, "cellc")
    first = ThaiParagraph("คงที่", regular)
    bold = ParagraphStyle("cbc", parent=regular, fontName=fam + "-Bold")
    second = ThaiParagraph("คงที่", bold)
    assert {f.fontName for f in first.frags} == {fam}
    assert {f.fontName for f in second.frags} == {fam + "-Bold"}


def test_a_style_changed_after_use_is_parsed_again(fam):
    from itadesk.documents.thai_text import ThaiParagraph

    st = _style(fam, "body")
    assert ThaiParagraph("ข้อความ", st).frags[0].fontSize == 16
    st.fontSize = 20
    assert ThaiParagraph("ข้อความ", st).frags[0].fontSize == 20


def test_remembered_frags_are_copies(fam):
    """Two paragraphs of the same text do not share frag objects: a change to one (reportlab
    sets attributes on frags while laying out) cannot reach the other."""
    from itadesk.documents.thai_text import ThaiParagraph

    st = _style(fam)
    a = ThaiParagraph("การประเมินคุณธรรมและความโปร่งใส", st)
    b = ThaiParagraph("การประเมินคุณธรรมและความโปร่งใส", st)
    assert not {id(f) for f in a.frags} & {id(f) for f in b.frags}
    a.frags[0].text = "เปลี่ยน"
    assert b.frags[0].text == "การประเมินคุณธรรมและความโปร่งใส"
    c = ThaiParagraph("การประเมินคุณธรรมและความโปร่งใส", st)
    assert c.frags[0].text == "การประเมินคุณธรรมและความโปร่งใส"


TEXT = ("องค์การบริหารส่วนตำบลภูซางได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
        "ในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ครบทุกขั้นตอน")


def test_a_width_met_again_gives_the_lines_of_a_fresh_paragraph(fam):
    """wrap(w1), wrap(w2), wrap(w1) again: the lines and height of the last are those of a new
    paragraph wrapped at w1 alone (a table measures its cells several times)."""
    from itadesk.documents.thai_text import ThaiParagraph

    st = _style(fam)
    p = ThaiParagraph(TEXT, st)
    h1 = p.wrap(200, 1e6)[1]
    lines1 = _lines(p)
    h2 = p.wrap(120, 1e6)[1]
    assert h2 > h1 and len(_lines(p)) > len(lines1)
    assert p.wrap(200, 1e6)[1] == h1
    fresh = ThaiParagraph(TEXT, st)
    assert fresh.wrap(200, 1e6)[1] == h1
    assert _lines(p) == _lines(fresh) == lines1
    assert "".join(lines1).replace(" ", "") == TEXT.replace(" ", "")


def _forget():
    from itadesk.documents import thai_text as tt

    tt._BREAKS.clear()
    tt._PARSED.clear()
    tt._LAYOUTS.clear()
    tt._tokenize_for.cache_clear()
    tt._stretch_points_for.cache_clear()


def test_remembered_breaks_follow_the_renders_names(fam):
    """The same text breaks differently when the render keeps an office name whole: what was
    remembered for one render is never used for a render with other names."""
    from itadesk.documents.thai_text import ThaiParagraph, render_names

    st = _style(fam)
    name = "กองสวัสดิการสังคมเทศบาลตำบลโนนทอง"
    text = "มอบหมายให้" + name + "ดำเนินการต่อไป"

    def lines(names, width):
        with render_names(names):
            p = ThaiParagraph(text, st)
            p.wrap(width, 1e6)
            return _lines(p)

    widths = [w for w in range(90, 400, 10) if lines([], w) != lines([name], w)]
    assert widths, "the name changes the breaks at some width"
    for w in widths:
        _forget()
        named_fresh = lines([name], w)
        _forget()
        plain_fresh = lines([], w)
        # in either order, after the other one was remembered
        assert lines([name], w) == named_fresh
        assert lines([], w) == plain_fresh


def test_rendering_again_prints_the_same_pages():
    """A second render in the same process (everything remembered) prints what the first did."""
    from itadesk.documents.memo_pdf import render_memo_bytes
    from tests.pdftext import pdf_text

    d = json.loads(EXAMPLES[0].read_text("utf-8"))
    _forget()
    first, _ = render_memo_bytes(d, None)
    second, _ = render_memo_bytes(d, None)
    assert pdf_text(first) == pdf_text(second) and "บันทึกข้อความ" in pdf_text(first)


def test_the_c_accelerator_is_loaded():
    """reportlab's C helpers (``rl_accel``, a dependency) are in use: without them a render is
    about 10 % slower.  reportlab falls back to Python silently, so this is checked here."""
    from reportlab.lib import rl_accel

    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method"
    assert type(rl_accel.instanceStringWidthTTF).__name__ == "builtin_function_or_method"


def _normalised(pdf: bytes) -> bytes:
    """The PDF without what differs between two renders of the same memo: its /ID and dates."""
    import re

    pdf = re.sub(rb"/ID\s*\n?\[<[0-9a-f]+><[0-9a-f]+>\]", b"/ID []", pdf)
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"/\\1 ()", pdf)


def test_renders_in_any_order_and_at_once_print_the_same_bytes():
    """Layouts are remembered across renders and shared between paragraphs: rendering the
    examples forwards, backwards, and four at a time in threads (the window previews while it
    exports) gives, for each memo, the bytes of its first render with nothing remembered —
    nothing a render draws changes what is remembered (justified lines are drawn from copies)."""
    from concurrent.futures import ThreadPoolExecutor

    from itadesk.documents.memo_pdf import render_memo_bytes

    dossiers = {p.stem: json.loads(p.read_text("utf-8")) for p in EXAMPLES}
    first = {}
    for name, d in dossiers.items():
        _forget()
        first[name] = _normalised(render_memo_bytes(d, None)[0])
    for name in reversed(list(dossiers)):
        assert _normalised(render_memo_bytes(dossiers[name], None)[0]) == first[name], name
    jobs = [name for name in dossiers for _ in range(3)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda n: (n, _normalised(render_memo_bytes(dossiers[n], None)[0])), jobs))
    for name, data in results:
        assert data == first[name], name
