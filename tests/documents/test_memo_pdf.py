"""The memo engine: rendering, extraction, layout and the Thai-PDF complaints of memo-format.md."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from itadesk.documents.memo_pdf import render_memo, render_memo_bytes
from itadesk.documents.thai_text import tokenize
from tests.pdftext import extract_text_stream_order, needs_poppler, pdf_text

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures"
FIXTURES = sorted(FIX.glob("doc_*.json"))
WS = re.compile(r"\s+")


def load(p: Path) -> dict:
    return json.loads(p.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = {}
    d = tmp_path_factory.mktemp("pdf")
    for p in FIXTURES:
        dossier = load(p)
        pdf = d / (p.stem + ".pdf")
        info = render_memo(dossier, None, pdf, font="Sarabun")
        out[p.stem] = (dossier, pdf, info)
    return out


pdftotext = pdf_text     # poppler when installed, else the Python reader (tests/pdftext.py)


def squash(s: str) -> str:
    return WS.sub("", s)


def test_fixtures_valid_against_schema():
    import jsonschema

    schema = json.loads((ROOT / "resources" / "dossier.schema.json").read_text(encoding="utf-8"))
    assert FIXTURES
    for p in FIXTURES:
        jsonschema.validate(load(p), schema)


def test_import_is_light():
    code = ("import sys, itadesk.documents as d; "
            "assert 'pythainlp' not in sys.modules and 'reportlab' not in sys.modules, sorted(sys.modules)")
    subprocess.run([__import__("sys").executable, "-c", code], check=True, cwd=ROOT)


def test_render_info(rendered):
    for name, (dossier, pdf, info) in rendered.items():
        assert info.pages >= 2
        assert info.memo_pages >= 1
        assert info.pages == info.memo_pages + sum(info.attachment_pages)
        assert len(info.attachment_pages) == len(dossier["memos"][0].get("attachments", []))


@needs_poppler
def test_pdftotext_exact_via_actualtext(rendered):
    """A viewer's copy/paste (poppler honours ActualText) gives the source text, no normalising."""
    for name, (dossier, pdf, info) in rendered.items():
        text = squash(pdftotext(pdf))
        for t in info.texts:
            s = squash(t)
            i = text.find(s)
            assert i >= 0, (name, t[:60])
        assert "\u0e4d\u0e32" not in text           # ำ never split into ํ + า
        assert not re.search("[\ue000-\uf8ff\ufffd\uffff]", text)


def test_pdfplumber_stream_order(rendered):
    for name, (dossier, pdf, info) in rendered.items():
        pages = extract_text_stream_order(str(pdf))
        text = squash("".join(pages))
        for t in info.texts:
            assert squash(t) in text, (name, t[:60])
        assert not re.search("[\ue000-\uf8ff]", "".join(pages))


def test_fonts_embedded_and_subset_and_a4(rendered):
    from pypdf import PdfReader

    for name, (dossier, pdf, info) in rendered.items():
        r = PdfReader(str(pdf))
        for i, page in enumerate(r.pages):
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            assert sorted((round(w), round(h))) == [595, 842], (name, i)
            fonts = page["/Resources"]["/Font"]
            for f in fonts.values():
                f = f.get_object()
                base = str(f["/BaseFont"])
                if base == "/Helvetica":      # reportlab's initial font, never used for text
                    continue
                assert re.match(r"/[A-Z]{6}\+", base), base
                desc = f["/FontDescriptor"].get_object()
                assert "/FontFile2" in desc, base


def test_margins_from_glyph_positions(rendered):
    import pdfplumber

    for name, (dossier, pdf, info) in rendered.items():
        with pdfplumber.open(str(pdf)) as doc:
            for page in doc.pages[: info.memo_pages]:
                chars = [c for c in page.chars if c["text"].strip()]
                xs0 = min(c["x0"] for c in chars)
                xs1 = max(c["x1"] for c in chars)
                cm = 72 / 2.54
                assert xs0 >= 3 * cm - 1.5, (name, xs0 / cm)
                assert xs1 <= page.width - 2 * cm + 1.5, (name, (page.width - xs1) / cm)
        # the body's left edge is exactly 3 cm: some line starts there
        with pdfplumber.open(str(pdf)) as doc:
            p1 = doc.pages[0]
            xs0 = min(c["x0"] for c in p1.chars if c["text"].strip())
            assert abs(xs0 - 3 * 72 / 2.54) < 2.0


def test_page_numbers_from_page_two(rendered):
    import pdfplumber

    for name, (dossier, pdf, info) in rendered.items():
        with pdfplumber.open(str(pdf)) as doc:
            top = [normal_top(p) for p in doc.pages]
        assert "-๑-" not in top[0] and "-๒-" not in top[0]
        if info.memo_pages >= 2:
            assert top[1] == "-๒-", (name, top[1])
        start = info.memo_pages
        for n in info.attachment_pages:
            assert "-" not in top[start][:1]
            if n >= 2:
                assert top[start + 1] == "-๒-"
            start += n


def normal_top(page) -> str:
    chars = [c for c in page.chars if c["top"] < 2.0 * 72 / 2.54]
    return "".join(c["text"] for c in chars).replace(" ", "")


def test_continuation_cue(rendered):
    for name, (dossier, pdf, info) in rendered.items():
        if info.memo_pages < 2:
            continue
        assert set(info.cues) == set(range(1, info.memo_pages)), (name, info.cues)
        for page, cue in info.cues.items():
            assert cue.startswith("/") and cue.endswith("...")
            nxt = squash(pdftotext(pdf, page + 1))
            assert squash(pdftotext(pdf, page)).endswith(squash(cue)), cue
            assert nxt.replace("-๒-", "").replace(f"-{page + 1}-", "")
            assert squash(cue[1:-3]) in nxt[:200]


def test_signature_block_with_name_on_same_page(rendered):

    for name, (dossier, pdf, info) in rendered.items():
        memo = dossier["memos"][0]
        people = {p["key"]: p for p in dossier["office"]["people"]}
        signers = [memo["author"]] + memo.get("chain", [])
        pages = extract_text_stream_order(str(pdf))[: info.memo_pages]
        pages = [squash(t).replace(squash(info.cues.get(i + 1, "")), "") for i, t in enumerate(pages)]
        for s in signers:
            p = people[s["person"]]
            want = f"({p['name']})"
            hits = [i for i, t in enumerate(pages) if squash(want) in squash(t)]
            assert len(hits) == 1, (name, want)
            page = squash(pages[hits[0]])
            assert squash(p["position"]) in page[page.index(squash(want)):]
        for c in memo.get("chain", []):   # a comment heading sits with its signer
            p = people[c["person"]]
            hp = [i for i, t in enumerate(pages) if squash(c["heading"]) in squash(t)]
            np_ = [i for i, t in enumerate(pages) if squash(f"({p['name']})") in squash(t)]
            assert hp and hp[0] == np_[0]


def _line_breaks_ok(lines: list[str], full: str) -> list[str]:
    """Breaks between consecutive extracted lines that are not at a word boundary."""
    bad = []
    joined = ""
    bounds = set()
    pos = 0
    for t in tokenize(full):
        pos += len(squash(t))
        bounds.add(pos)
    for ln in lines[:-1]:
        joined += squash(ln)
        if len(joined) not in bounds:
            bad.append(joined[-15:])
    return bad


def test_line_breaks_on_word_boundaries():
    """Every line break of a long paragraph in body and table cells falls between words."""
    from itadesk.documents.memo_pdf import _Engine
    from itadesk.documents.typography import Typography

    dossier = load(FIX / "doc_001.json")
    memo = dossier["memos"][0]
    eng = _Engine(dossier, memo, "Sarabun", Typography())
    texts = [p for s in memo["sections"] for p in s["paragraphs"]]
    texts += [a["text"] for a in dossier["years"][1]["analysis"]]
    for width, style in ((453.5, eng.s_body), (200.0, eng.s_cell), (120.0, eng.s_cell)):
        for t in texts:
            para = eng.P(t, style, record=False)
            para.wrap(width, 10_000)
            lines = ["".join(_src(w) for w in (ln.words or [])) for ln in para.blPara.lines]
            full = eng.T(t)
            assert squash("".join(lines)) == squash(full)
            assert _line_breaks_ok(lines, full) == [], (width, t[:40])


def _src(w):
    from itadesk.documents.thai_text import source_text

    return source_text(getattr(w, "text", "") or "")


@needs_poppler
def test_mixed_latin_thai_runs_shape(tmp_path):
    """ITA / ITAS / IIT/EIT beside Thai, bold inside a word: exact text, sane widths."""
    dossier = load(FIX / "doc_001.json")
    memo = dossier["memos"][0]
    text = ("ผลการประเมิน ITA และITASของหน่วยงาน แบบวัด IIT/EIT ที่ได้ น้ำ ปู่ ฟ้้า ที่ OIT๙๙.๕๐คะแนน "
            "Integrity and Transparency Assessment System: ITAS ของเทศบาล")
    memo["sections"] = [{"title": "ทดสอบ", "paragraphs": [text]}]
    memo["attachments"] = []
    pdf = tmp_path / "mixed.pdf"
    render_memo(dossier, None, pdf, font="Sarabun")
    got = squash(pdftotext(pdf))
    assert squash(text) in got
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        chars = doc.pages[0].chars
        # Latin letters keep their advance (no overlap between consecutive base letters)
        latin = [c for c in chars if c["text"].isascii() and c["text"].isalpha()]
        for a, b in zip(latin, latin[1:]):
            if abs(a["top"] - b["top"]) < 1 and b["x0"] > a["x0"]:
                assert b["x0"] >= a["x1"] - 1.2  # kerning (Tr, Ty) may tuck a letter in


def test_bytes_variant_matches_file(tmp_path):
    dossier = load(FIX / "doc_000.json")
    data, info = render_memo_bytes(dossier, None, font="Sarabun")
    assert data.startswith(b"%PDF") and info.size == len(data)


def test_thai_digits_off_prints_arabic(tmp_path):
    dossier = load(FIX / "doc_000.json")
    dossier["office"]["thai_digits"] = False
    pdf = tmp_path / "a.pdf"
    render_memo(dossier, None, pdf, font="Sarabun")
    text = "".join(extract_text_stream_order(str(pdf)))
    assert "2565" in text and "๒๕๖๕" not in text


def test_urls_keep_arabic_digits():
    from itadesk.documents.memo_pdf import _Text

    T = _Text(True)
    assert T("ปี 2565 http://a.go.th/x2 อีเมล a1@b.go.th") == "ปี ๒๕๖๕ http://a.go.th/x2 อีเมล a1@b.go.th"


def test_landscape_attachment_pages(rendered):
    from pypdf import PdfReader

    dossier, pdf, info = rendered["doc_000"]
    r = PdfReader(str(pdf))
    page = r.pages[info.memo_pages]
    assert float(page.mediabox.width) > float(page.mediabox.height)


def test_table_header_repeats_and_no_tofu(rendered):
    """Header row on every page of a table; no .notdef/PUA in the text of table pages."""
    dossier, pdf, info = rendered["doc_001"]
    pages = extract_text_stream_order(str(pdf))
    att = pages[info.memo_pages:]
    with_analysis = [p for p in att if "ตัวชี้วัดของการประเมิน" in p]
    assert len(with_analysis) >= 2            # the analysis table spans pages, header repeated
    for p in att:
        assert "\uffff" not in p and "\ufffd" not in p and "\x00" not in p


def test_missing_person_is_a_thai_error():
    from itadesk.documents.errors import MemoDataError

    dossier = load(FIX / "doc_000.json")
    dossier["memos"][0]["author"]["person"] = "nobody"
    with pytest.raises(MemoDataError, match="ผู้ลงนาม"):
        render_memo_bytes(dossier, None, font="Sarabun")


def test_unknown_memo_key():
    from itadesk.documents.errors import MemoDataError

    with pytest.raises(MemoDataError, match="ไม่พบบันทึก"):
        render_memo_bytes(load(FIX / "doc_000.json"), "zzz", font="Sarabun")


EXAMPLES = sorted((ROOT / "examples").glob("*.json")) if (ROOT / "examples").is_dir() else []


@pytest.mark.skipif(not EXAMPLES, reason="examples/ has no dossiers yet")
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_render(path, tmp_path):
    dossier = load(path)
    for memo in dossier.get("memos", []):
        info = render_memo(dossier, memo["key"], tmp_path / f"{memo['key']}.pdf", font="Sarabun")
        text = squash("".join(extract_text_stream_order(str(tmp_path / f"{memo['key']}.pdf"))))
        for t in info.texts:
            assert _in_chunks(squash(t), text), t


def _in_chunks(needle: str, hay: str, max_chunks: int = 3) -> bool:
    """``needle`` appears in ``hay`` in order, in at most ``max_chunks`` contiguous pieces
    (a table row split across pages puts the repeated header and page number in between)."""
    pos = 0
    for _ in range(max_chunks):
        if not needle:
            return True
        lo, hi = 1, len(needle)
        best, at = 0, -1
        while lo <= hi:  # longest prefix of needle found after pos
            mid = (lo + hi) // 2
            i = hay.find(needle[:mid], pos)
            if i >= 0:
                best, at, lo = mid, i, mid + 1
            else:
                hi = mid - 1
        if best == 0:
            return False
        pos, needle = at + best, needle[best:]
    return not needle
