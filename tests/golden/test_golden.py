"""Golden documents: every example memo checked against what its signed original says.

The expected content lives in ``tests/golden/<example>.toml``, typed from the OCR text of the
signed memo in ``shared/seeds`` (each value says where it comes from; deliberate corrections are
marked).  It is compared with what a reader gets from the files the program writes — the PDF's
text (pdftotext) and table rules, the DOCX (python-docx), the XLSX (openpyxl) — never with the
engine's own record.  White space is ignored (line wrapping, justification, page splits).
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import pytest

from tests.golden import reader

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOLDEN = sorted(HERE.glob("*.toml"))
needs_poppler = pytest.mark.skipif(not reader.have_pdftotext(), reason="poppler-utils (pdftotext) is not installed")


def _golden(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _dossier(golden: dict) -> dict:
    return json.loads((ROOT / "examples" / golden["example"]).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _pdf(name: str) -> bytes:
    from itadesk.documents import render_memo_bytes

    pdf, _ = render_memo_bytes(_dossier(_golden(HERE / name)))
    return pdf


@lru_cache(maxsize=None)
def _docx(name: str) -> bytes:
    from itadesk.documents.docx_writer import memo_docx_bytes

    out = memo_docx_bytes(_dossier(_golden(HERE / name)))
    return out[0] if isinstance(out, tuple) else out


@lru_cache(maxsize=None)
def _xlsx(name: str) -> bytes:
    from itadesk.documents.xlsx_writer import memo_xlsx_bytes

    out = memo_xlsx_bytes(_dossier(_golden(HERE / name)))
    return out[0] if isinstance(out, tuple) else out


def _in_order(haystack: str, needles: list[str], what: str) -> None:
    """Each needle (white space removed) occurs in the haystack, after the previous one."""
    pos = 0
    for n in needles:
        s = reader.squash(n)
        i = haystack.find(s, pos)
        assert i >= 0, (f"{what}: {n!r} is missing" if s not in haystack
                        else f"{what}: {n!r} is out of order (found only before {haystack[max(0, pos - 40):pos]!r})")
        pos = i + len(s)


def _header_needles(g: dict) -> list[str]:
    h = g["header"]
    return [h[k] for k in ("unit", "doc_no", "date", "subject", "to") if k in h]


def _signer_needles(g: dict) -> list[str]:
    out = []
    for s in g["signers"]:
        if s.get("heading"):
            out.append(s["heading"])
        out.extend(s.get("choices", []))
        out.append(s["name"] + "".join(s["position"]))
    return out


def _compare_columns(table: dict, cols: list[str]) -> None:
    """The reader's column texts against the golden rows, row by row; the first difference fails."""
    rows = table["rows"]
    for j, actual in enumerate(cols):
        pos = 0
        for r, row in enumerate(rows):
            want = reader.squash(row[j])
            got = actual[pos:pos + len(want)]
            assert got == want, (
                f"table {table['header']} row {r + 1} ({row[0] or row[1]!r}) column {j + 1} "
                f"({table['header'][j]!r}): expected {row[j]!r}, the PDF has {actual[pos:pos + len(want) + 20]!r}")
            pos += len(want)
        assert pos == len(actual), (f"table {table['header']} column {j + 1}: text after the last row: "
                                    f"{actual[pos:pos + 60]!r}")


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
class TestPdf:
    @needs_poppler
    def test_header_fields(self, path):
        g = _golden(path)
        first_page = reader.squash(reader.pdf_text(_pdf(path.name)).split("\f")[0])
        _in_order(first_page, ["บันทึกข้อความ"] + _header_needles(g), "PDF page 1")

    @needs_poppler
    def test_signature_chain(self, path):
        g = _golden(path)
        text = reader.squash(reader.pdf_text(_pdf(path.name)))
        _in_order(text, _signer_needles(g), "PDF signature chain")

    @needs_poppler
    def test_page_count(self, path):
        g = _golden(path)
        pages = reader.pdf_text(_pdf(path.name)).rstrip("\f").count("\f") + 1
        assert g["pages"]["min"] <= pages <= g["pages"]["max"]

    @needs_poppler
    def test_tables(self, path):
        g = _golden(path)
        bands = reader.pdf_bands(_pdf(path.name))
        seen = 0
        for table in g["tables"]:
            head = [reader.squash(h) for h in table["header"]]
            mine = [b for b in bands
                    if len(b.runs) == len(head) and all(b.column_text(j).startswith(head[j]) for j in range(len(head)))]
            assert mine, f"no table with the header {table['header']} in the PDF"
            cols = ["".join(b.column_text(j)[len(head[j]):] for b in mine) for j in range(len(head))]
            _compare_columns(table, cols)
            seen += len(mine)
        assert seen == len(bands), f"the PDF has {len(bands) - seen} table part(s) the golden file does not know"


def _cell_eq(want: str, got: object) -> bool:
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        try:
            return Decimal(want.translate(reader.THAI_DIGITS)) == Decimal(str(got)).quantize(
                Decimal(want.translate(reader.THAI_DIGITS)))
        except InvalidOperation:
            return False
    return reader.squash(want) == reader.squash("" if got is None else str(got))


def _find_rows(tables: list[list[list[object]]], header: list[str]) -> list[list[object]]:
    """The rows after the row that is the golden header, in the one table that has it."""
    head = [reader.squash(h) for h in header]
    found = []
    for rows in tables:
        for i, row in enumerate(rows):
            cells = [reader.squash("" if c is None else str(c)) for c in row]
            if cells[:len(head)] == head and not any(cells[len(head):]):
                found.append(rows[i + 1:])
                break
    assert len(found) == 1, f"{len(found)} tables have the header {header}"
    return found[0]


def _compare_rows(table: dict, rows: list[list[object]], what: str) -> None:
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    want_rows = table["rows"]
    assert len(rows) == len(want_rows), f"{what} {table['header']}: {len(rows)} rows, golden {len(want_rows)}"
    for r, (want, got) in enumerate(zip(want_rows, rows)):
        for j, w in enumerate(want):
            assert _cell_eq(w, got[j]), (f"{what} {table['header']} row {r + 1} column {j + 1} "
                                         f"({table['header'][j]!r}): expected {w!r}, got {got[j]!r}")


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
class TestDocx:
    def test_header_fields_and_chain(self, path):
        g = _golden(path)
        text = reader.squash("".join(reader.docx_paragraphs(_docx(path.name))))
        _in_order(text, _header_needles(g), "DOCX header")
        _in_order(text, _signer_needles(g), "DOCX signature chain")

    def test_tables(self, path):
        g = _golden(path)
        tables = reader.docx_tables(_docx(path.name))
        for table in g["tables"]:
            _compare_rows(table, _merged_docx_rows(tables, table), "DOCX")


def _merged_docx_rows(tables, table):
    """A DOCX table split by the writer at a page (header repeated) is read as one."""
    head = [reader.squash(h) for h in table["header"]]
    rows: list[list[object]] = []
    for t in tables:
        if t and [reader.squash(c) for c in t[0]] == head:
            rows.extend(t[1:])
    assert rows or not table["rows"], f"no DOCX table with the header {table['header']}"
    return rows


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_xlsx_tables(path):
    g = _golden(path)
    sheets = [rows for _, rows in reader.xlsx_sheets(_xlsx(path.name))]
    for table in g["tables"]:
        _compare_rows(table, _find_rows(sheets, table["header"]), "XLSX")


def test_every_example_has_a_golden_file():
    examples = {p.name for p in (ROOT / "examples").glob("*.json")}
    assert examples == {_golden(p)["example"] for p in GOLDEN}
