"""Exports of a memo (archival PDF, DOCX, XLSX), each read back by a second, independent reader."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from itadesk.documents.docx_writer import memo_docx_bytes
from itadesk.documents.memo_pdf import render_memo_bytes
from itadesk.documents.pdfa import archival_pdf_bytes, glyph_coverage, memo_metadata, pdfa_problems
from itadesk.documents.tables import build_table
from itadesk.documents.xlsx_writer import NUMBER_KEYS, memo_xlsx_bytes
from itadesk.domain.thai_format import to_arabic_digits
from tests.pdftext import pdf_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
CASES = [(p, m["key"]) for p in EXAMPLES for m in json.loads(p.read_text(encoding="utf-8"))["memos"]]
IDS = [f"{p.stem}:{k}" for p, k in CASES]
QPDF, SOFFICE = shutil.which("qpdf"), shutil.which("soffice")
needs_qpdf = pytest.mark.skipif(QPDF is None, reason="qpdf not installed")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) not installed: the DOCX→PDF check runs only where it is "
                            "(apt-get install libreoffice-writer-nogui); CI does not have it")
WS = re.compile(r"\s+")


def squash(s: str) -> str:
    return WS.sub("", unicodedata.normalize("NFC", s))


def load(p: Path) -> dict:
    return json.loads(p.read_text(encoding="utf-8"))


def memo_of(d: dict, key: str) -> dict:
    return next(m for m in d["memos"] if m["key"] == key)


def source_tables(d: dict, key: str) -> list[tuple[dict, object]]:
    """(attachment, TableData) of every table block, straight from the table engine."""
    memo = memo_of(d, key)
    thai = d["office"].get("thai_digits", True)
    return [(att, build_table(b, d, memo, thai)) for att in memo.get("attachments", [])
            for b in att.get("blocks", []) if b.get("type") == "table"]


@pytest.fixture(scope="module")
def pdf_texts():
    """The texts the memo PDF prints (the engine's record), per case: the source to compare with."""
    out = {}
    for p, key in CASES:
        _, info = render_memo_bytes(load(p), key, font="Sarabun")
        out[(p, key)] = info.texts
    return out


def _in_chunks(needle: str, hay: str, max_chunks: int = 3) -> bool:
    """``needle`` in ``hay`` in order, in at most ``max_chunks`` pieces: a table row split
    across pages puts the repeated header and the page number in between (as in test_memo_pdf)."""
    from tests.documents.test_memo_pdf import _in_chunks as impl

    return impl(needle, hay, max_chunks)


pdftotext = pdf_text     # poppler when installed, else the Python reader (tests/pdftext.py)


# ---------------------------------------------------------------- archival PDF

@needs_qpdf
@pytest.mark.parametrize("path,key", CASES, ids=IDS)
def test_archival_pdf(path, key, tmp_path, pdf_texts):
    from pypdf import PdfReader

    d = load(path)
    data, info = archival_pdf_bytes(d, key, font="Sarabun")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(data)
    chk = subprocess.run([QPDF, "--check", str(pdf)], capture_output=True, text=True)
    assert chk.returncode == 0, chk.stdout + chk.stderr
    text = squash(pdftotext(pdf))
    for t in pdf_texts[(path, key)]:
        assert _in_chunks(squash(t), text), t[:60]
    assert pdfa_problems(data) == []
    cov = glyph_coverage(data)
    assert cov["codes"] > 50 and cov["notdef"] == 0 and cov["unmapped"] == 0, cov
    # metadata: Info and XMP, as pypdf reads them
    meta = memo_metadata(d, memo_of(d, key))
    r = PdfReader(str(pdf))
    assert r.metadata.title == meta["title"] == memo_metadata(d, memo_of(d, key))["title"]
    assert r.metadata.author == d["office"]["name"]
    assert r.metadata.subject.startswith("บันทึกข้อความ")
    assert "ITA" in r.metadata["/Keywords"]
    x = r.xmp_metadata
    assert x.dc_title["x-default"] == meta["title"]
    assert x.dc_creator == [d["office"]["name"]]
    assert x.dc_description["x-default"] == meta["subject"]
    assert x.pdf_keywords == meta["keywords"]
    raw = r.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in raw and "<pdfaid:conformance>B</pdfaid:conformance>" in raw
    oi = r.trailer["/Root"]["/OutputIntents"][0].get_object()
    icc = oi["/DestOutputProfile"].get_object().get_data()
    assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB " and icc[8] <= 4
    assert info.pages == len(r.pages)


def test_plain_pdf_has_no_base14_font():
    """The memo PDF (not only the archival one) selects no unembedded font anywhere."""
    d = load(EXAMPLES[1])
    data, _ = render_memo_bytes(d, None, font="Sarabun")
    assert b"/Helvetica" not in data
    assert not [p for p in pdfa_problems(data) if p.startswith("6.2.11")]


def test_metadata_only_variant_claims_nothing():
    d = load(EXAMPLES[0])
    data, _ = archival_pdf_bytes(d, None, pdfa=False, font="Sarabun")
    probs = pdfa_problems(data)
    assert any("pdfaid" in p for p in probs) and any("output intent" in p for p in probs)


# ---------------------------------------------------------------- DOCX

def _docx_all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("path,key", CASES, ids=IDS)
def test_docx_reads_back(path, key, pdf_texts):
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm

    d = load(path)
    data, info = memo_docx_bytes(d, key)
    doc = docx.Document(io.BytesIO(data))
    text = squash(_docx_all_text(doc))
    for t in pdf_texts[(path, key)]:
        assert squash(t) in text, t[:60]
    # tables: header + rows equal the table engine's text, cell by cell
    src = source_tables(d, key)
    assert len(doc.tables) == len(src)
    for t, (att, td) in zip(doc.tables, src):
        merged = {(r + 1, c) for (r, c0, c1) in td.spans for c in range(c0 + 1, c1 + 1) if c1 > c0}
        got = [[c.text for c in row.cells] for row in t.rows]
        want = [td.header] + td.rows
        assert len(got) == len(want)
        for r_i, (g, w) in enumerate(zip(got, want)):
            for c_i, (gc, wc) in enumerate(zip(g, w)):
                if (r_i, c_i) in merged or any(r_i == r + 1 and c0 <= c_i <= c1 and c1 > c0
                                               for (r, c0, c1) in td.spans):
                    continue   # spanned cells hold the joined text; checked below
                assert gc == wc, (r_i, c_i, gc[:40], wc[:40])
        for (r, c0, c1) in td.spans:
            if c1 > c0:
                joined = "".join(x for x in want[r + 1][c0:c1 + 1] if x)
                assert squash(got[r + 1][c0]) == squash(joined)
        trpr = t.rows[0]._tr.trPr
        assert trpr is not None and trpr.find(qn("w:tblHeader")) is not None
    # sections: the memo + one per attachment, A4, margins, orientation, numbering
    atts = memo_of(d, key).get("attachments", [])
    assert len(doc.sections) == 1 + len(atts)
    s0 = doc.sections[0]
    assert abs(s0.page_width - Cm(21)) < Cm(0.01) and abs(s0.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(s0.left_margin - Cm(3)) < Cm(0.01) and abs(s0.right_margin - Cm(2)) < Cm(0.01)
    assert abs(s0.bottom_margin - Cm(2)) < Cm(0.01)
    for sec, att in zip(doc.sections[1:], atts):
        land = att.get("orientation") == "landscape"
        assert (sec.orientation == WD_ORIENT.LANDSCAPE) == land
        assert (sec.page_width > sec.page_height) == land
        pg = sec._sectPr.find(qn("w:pgNumType"))
        assert pg is not None and pg.get(qn("w:start")) == "1"
    for sec in doc.sections:
        assert sec.different_first_page_header_footer
        assert "PAGE" in sec.header._element.xml
        assert not sec.first_page_header._element.xpath(".//w:instrText")
        pg = sec._sectPr.find(qn("w:pgNumType"))
        assert pg.get(qn("w:fmt")) == "thaiNumbers"
    # every text run names the Thai font for complex script and carries its cs size and th-TH
    runs = doc.element.body.xpath(".//w:r[w:t]")
    assert runs
    fam = info.font
    for r in runs:
        rpr = r.find(qn("w:rPr"))
        f = rpr.find(qn("w:rFonts"))
        if f.get(qn("w:ascii")) == "Segoe UI Symbol":
            continue
        assert f.get(qn("w:cs")) == f.get(qn("w:ascii")) == f.get(qn("w:hAnsi")) == fam
        assert rpr.find(qn("w:szCs")) is not None and rpr.find(qn("w:sz")) is not None
        assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    # Thai digits as the PDF prints them: no Arabic digit in the body where the source had Thai
    assert "๒๕๖" in text


def test_docx_font_fallback_in_font_table():
    import docx

    d = load(EXAMPLES[1])
    data, info = memo_docx_bytes(d)
    assert info.font == "TH SarabunIT๙"
    doc = docx.Document(io.BytesIO(data))
    ft = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    xml = ft.blob.decode("utf-8")
    assert 'w:name="TH SarabunIT๙"' in xml and 'w:altName w:val="TH Sarabun New"' in xml
    d["office"]["font"] = "TH Sarabun New"
    _, info = memo_docx_bytes(d)
    assert info.font == "TH Sarabun New"


def _lo_norm(s: str) -> str:
    """LibreOffice's PDF text: ำ may come out as ำา, marks reordered around the base letter
    (the spike, §3d/§7): compare base letters in order, marks dropped, whitespace removed."""
    s = unicodedata.normalize("NFC", s).replace("\u0e33\u0e32", "\u0e33")
    return "".join(ch for ch in s if not ch.isspace() and unicodedata.category(ch) != "Mn")


def _found(word: str, text: str) -> bool:
    """A word in the text, whole or broken once (a line break inside a table cell puts the
    neighbouring cells' lines between its two halves)."""
    return word in text or any(word[:k] in text and word[k:] in text for k in range(1, len(word)))


@needs_soffice
@pytest.mark.parametrize("path,key", CASES, ids=IDS)
def test_docx_converts_with_libreoffice(path, key, tmp_path, pdf_texts):
    d = load(path)
    data, _ = memo_docx_bytes(d, key)
    src = tmp_path / "memo.docx"
    src.write_bytes(data)
    profile = tmp_path / "lo-profile"
    env = dict(os.environ, HOME=str(tmp_path))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, env=env, timeout=180)
    out = tmp_path / "memo.pdf"
    assert out.exists()
    text = _lo_norm(pdftotext(out))
    # Word by word (the program's Thai word breaker): LibreOffice writes a table row split
    # across pages cell by cell with its neighbours' lines in between, and rows repeat their
    # first words, so an in-order match is not reliable there; python-docx checks the exact text.
    from itadesk.domain.wordbreak import segment

    missing = [w for t in pdf_texts[(path, key)] for line in t.split("\n") for w in segment(line)
               if len(_lo_norm(w)) >= 2 and not _found(_lo_norm(w), text)]
    assert not missing, missing[:3]


# ---------------------------------------------------------------- XLSX

@pytest.mark.parametrize("path,key", CASES, ids=IDS)
def test_xlsx_reads_back(path, key):
    from openpyxl import load_workbook

    d = load(path)
    data, info = memo_xlsx_bytes(d, key)
    wb = load_workbook(io.BytesIO(data))
    src = source_tables(d, key)
    assert wb.sheetnames == info.sheets
    for name in wb.sheetnames:
        assert len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name)
    assert len({n.lower() for n in wb.sheetnames}) == len(wb.sheetnames)
    for ws, (att, td) in zip(wb.worksheets, src):
        hr = 3
        assert [ws.cell(row=hr, column=c + 1).value for c in range(len(td.header))] == \
               [h or None for h in td.header]
        assert ws.freeze_panes == f"A{hr + 1}"
        assert ws.cell(row=hr, column=1).alignment.wrap_text
        merged_away = {(hr + 1 + r, c + 1) for (r, c0, c1) in td.spans for c in range(c0 + 1, c1 + 1)
                       if c1 > c0}
        for r_i, row in enumerate(td.rows):
            for c_i, v in enumerate(row):
                if (hr + 1 + r_i, c_i + 1) in merged_away:
                    continue
                cell = ws.cell(row=hr + 1 + r_i, column=c_i + 1)
                key_ = td.keys[c_i]
                plain = to_arabic_digits(v).strip()
                if key_ in NUMBER_KEYS and re.fullmatch(r"[+-]?\d+(\.\d+)?", plain):
                    assert isinstance(cell.value, (int, float)), (key_, v, cell.value)
                    assert Decimal(str(cell.value)) == Decimal(plain)
                    assert cell.number_format == NUMBER_KEYS[key_]
                else:
                    assert (cell.value or "") == v, (r_i, c_i)
    memo = memo_of(d, key)
    year = next((y for y in d.get("years", []) if y["fiscal_year"] == memo["fiscal_year"]), None)
    has_scores = bool(year and year.get("indicators"))
    assert (f"คะแนนปี {memo['fiscal_year']}" in wb.sheetnames) == has_scores
    if has_scores:
        ws = wb[f"คะแนนปี {memo['fiscal_year']}"]
        assert [c.value for c in ws[1]] == ["ตัวชี้วัดที่", "ตัวชี้วัด", "เครื่องมือ", "คะแนน"]
        for row in ws.iter_rows(min_row=2, max_row=11):
            n, _, tool, score = (c.value for c in row)
            assert isinstance(score, (int, float)) and Decimal(str(score)) == Decimal(year["indicators"][str(n)])
            assert tool in ("IIT", "EIT", "OIT")


def test_safe_sheet_titles():
    from itadesk.documents.xlsx_writer import safe_sheet_title

    taken: set[str] = set()
    names = [safe_sheet_title(t, taken) for t in
             ["a/b:c*d?e[f]g\\h", "x" * 40, "x" * 40, "'quoted'", "", "History", "ผลการดำเนินงาน" * 3]]
    for n in names:
        assert 0 < len(n) <= 31 and not re.search(r"[\[\]:*?/\\]", n) and not n.startswith("'")
    assert len({n.lower() for n in names}) == len(names)


# ---------------------------------------------------------------- every example, every format, CLI

@pytest.mark.parametrize("fmt", ["pdf", "pdfa", "docx", "xlsx"])
@pytest.mark.parametrize("path,key", CASES, ids=IDS)
def test_cli_export_doc_every_memo_every_format(path, key, fmt, tmp_path, capsys):
    from itadesk.cli import main

    out = tmp_path / f"out.{fmt}"
    assert main(["export-doc", "--memo", key, "--format", fmt, "--out", str(out), str(path)]) == 0
    data = out.read_bytes()
    magic = {"pdf": b"%PDF-", "pdfa": b"%PDF-1.7", "docx": b"PK", "xlsx": b"PK"}[fmt]
    assert data.startswith(magic)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert "แล้ว" in capsys.readouterr().out


def test_cli_export_doc_from_database(tmp_path, capsys):
    from itadesk.cli import main

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert main(["import", str(EXAMPLES[1]), "--db", url]) == 0
    out = tmp_path / "m.docx"
    assert main(["export-doc", "--format", "docx", "--out", str(out), "--db", url]) == 0
    import docx

    doc = docx.Document(str(out))
    assert "บันทึกข้อความ" in doc.paragraphs[0].text
    assert main(["export-doc", "--format", "xlsx", "--memo", "nope", "--out", str(tmp_path / "x.xlsx"),
                 "--db", url]) == 2
    assert "ไม่พบบันทึก" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()
