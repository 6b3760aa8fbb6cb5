"""Names break at their own word boundaries, never between letters unless one word is wider than
its cell; and one render does not change the next (no process-wide dictionary)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
CM = 72 / 2.54


def _names(dossier: dict) -> list[str]:
    """Every office and unit name of an example: the office, its units, the measures' units."""
    o = dossier["office"]
    out = [o["name"], *o.get("units", [])]
    for m in dossier.get("measures", []):
        out += list(m.get("units") or [])
        for s in m.get("steps", []):
            out += list(s.get("units") or []) if isinstance(s, dict) else []
    return sorted({n for n in out if n})


def _lines(text: str, width: float, office: dict) -> list[str]:
    """The lines a table cell of ``width`` points prints ``text`` in."""
    from itadesk.documents.memo_common import _proper_names
    from itadesk.documents.fonts import choose_font, register
    from itadesk.documents.thai_text import ThaiParagraph, markup, render_names, source_text
    from reportlab.lib.styles import ParagraphStyle

    fc = choose_font(None, None)
    fam = register(fc)
    st = ParagraphStyle("cell", fontName=fam, fontSize=fc.size(14), leading=fc.size(14) * 1.5, shaping=1)
    with render_names(_proper_names({"office": office})):
        p = ThaiParagraph(markup(text), st)
        p.wrap(width, 10_000)
    return ["".join(source_text(getattr(w, "text", "") or "") for w in line.words).strip()
            for line in p.blPara.lines]


def _dictionary_words(text: str) -> bool:
    """True when pythainlp's own newmm reads ``text`` as words of its dictionary only."""
    from pythainlp.corpus.common import thai_words
    from pythainlp.tokenize import word_tokenize

    words = thai_words()
    return all(t in words or t.isspace() or not any("\u0e00" <= c <= "\u0e7f" for c in t)
               for t in word_tokenize(text, engine="newmm"))


def test_a_long_office_name_breaks_at_its_own_words():
    # typed by hand: the words of the name, in the order a clerk reads them
    words = ["องค์การ", "บริหาร", "ส่วน", "ตำบล", "ภูซาง"]
    name = "".join(words)
    allowed = {sum(len(w) for w in words[:k]) for k in range(1, len(words))}
    seen_multi = False
    for w_cm in (2.0, 2.25, 2.5, 2.75, 3.0, 3.5, 4.0):
        lines = _lines(name, w_cm * CM - 6, {"name": name, "kind": "องค์การบริหารส่วนตำบล"})
        assert "".join(lines) == name
        cuts = {sum(len(x) for x in lines[:k]) for k in range(1, len(lines))}
        assert cuts <= allowed, (w_cm, lines)
        seen_multi = seen_multi or len(lines) > 1
    assert seen_multi


def test_a_unit_wider_than_its_column_breaks_between_words():
    office = {"name": "เทศบาลตำบลโนนทอง", "kind": "เทศบาลตำบล", "units": ["สำนักปลัดเทศบาล"]}
    lines = _lines("สำนักปลัดเทศบาล", 1.6 * CM, office)
    assert "".join(lines) == "สำนักปลัดเทศบาล"
    assert len(lines) > 1
    assert all(x in ("สำนัก", "ปลัด", "เทศบาล", "สำนักปลัด", "ปลัดเทศบาล") for x in lines), lines


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_name_of_every_example_breaks_between_words_down_to_2_cm(path):
    d = json.loads(path.read_text(encoding="utf-8"))
    names = d["office"]
    for name in _names(d):
        for w_cm in (2.0, 2.5, 3.0, 3.5, 4.0, 5.0):
            lines = _lines(name, w_cm * CM - 6, names)
            assert "".join(x.replace(" ", "") for x in lines) == name.replace(" ", "")
            # a word wider than the cell by itself may be cut between letters (last resort)
            too_wide = any(len(_lines(t, w_cm * CM - 6, names)) > 1 for t in _newmm(name))
            if too_wide:
                continue
            for line in lines:
                assert _dictionary_words(line), f"{name} at {w_cm} cm broke inside a word: {lines}"


def _newmm(text: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    return [t for t in word_tokenize(text, engine="newmm") if not t.isspace()]


def test_render_a_then_b_then_a_gives_the_same_bytes(monkeypatch):
    import reportlab.rl_config as rl_config

    from itadesk.documents import render_memo_bytes

    monkeypatch.setattr(rl_config, "invariant", 1)   # no creation date / random file id
    a = json.loads(EXAMPLES[1].read_text(encoding="utf-8"))
    b = json.loads(EXAMPLES[2].read_text(encoding="utf-8"))
    assert a["office"]["name"] != b["office"]["name"]
    first, _ = render_memo_bytes(a)
    render_memo_bytes(b)
    again, _ = render_memo_bytes(a)
    assert first == again
