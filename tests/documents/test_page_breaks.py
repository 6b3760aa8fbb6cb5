"""Half-empty pages: a tall row splits (header repeated) rather than leave more than a quarter of
the page empty; a heading or a table's title never stands alone at the foot of a page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from itadesk.documents.memo_pdf import _Engine, render_memo
from itadesk.documents.tables import TableData
from itadesk.documents.typography import Typography

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "seed002_phusang_report_2567.json"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
LINE = "ประชาสัมพันธ์ช่องทางการร้องเรียนการทุจริตให้ประชาชนทราบผ่านเว็บไซต์และเสียงตามสาย"


def _engine() -> _Engine:
    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return _Engine(d, d["memos"][0], None, Typography())


def _table(eng: _Engine, tall_lines: int):
    td = TableData(kind="static", keys=["a", "b"], header=["มาตรการ", "วิธีการดำเนินการ"], widths=[30, 70],
                   rows=[["มาตรการที่ ๑", LINE], ["มาตรการที่ ๒", "\n".join([LINE] * tall_lines)]])
    return eng.table(td, 400)


def _text(cell) -> str:
    from itadesk.documents.thai_text import source_text

    if hasattr(cell, "blPara") or hasattr(cell, "frags"):
        cell.wrap(400, 1e6)
        return "".join(source_text(getattr(w, "text", "") or "") for line in cell.blPara.lines
                       for w in getattr(line, "words", []))
    if isinstance(cell, (list, tuple)):
        return "".join(_text(c) for c in cell)
    return str(cell or "")


def test_a_tall_row_splits_instead_of_leaving_the_page_half_empty():
    eng = _engine()
    page = 700.0
    tbl = _table(eng, 40)
    tbl.page_height = page
    avail = 500.0
    parts = tbl.split(400, avail)
    tables = [p for p in parts if hasattr(p, "_cellvalues")]
    assert len(tables) == 2
    _, used = tables[0].wrap(400, avail)
    assert avail - used <= page / 4            # at most a quarter of the page left empty
    # the continuation repeats the header and carries the rest of the tall row
    head = [_text(c) for c in tables[1]._cellvalues[0]]
    assert head == ["มาตรการ", "วิธีการดำเนินการ"]
    assert len(tables[0]._cellvalues) == 3           # header, row 1 and the start of row 2
    assert _text(tables[0]._cellvalues[2][0]) == "มาตรการที่ ๒"
    assert LINE in _text(tables[1]._cellvalues[1][1])   # row 2 continues on the next page


def test_a_short_gap_still_moves_the_row_whole():
    eng = _engine()
    tbl = _table(eng, 40)
    tbl.page_height = 2000.0                   # the gap left is less than a quarter of this
    parts = tbl.split(400, 500.0)
    tables = [p for p in parts if hasattr(p, "_cellvalues")]
    assert len(tables) == 2
    assert len(tables[0]._cellvalues) == 2     # header + the first row only


def _page_ends(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    ends = []
    for page in text.split("\f"):
        lines = [x.strip() for x in page.splitlines() if x.strip()]
        if lines:
            ends.append(lines[-1])
    return ends


@needs_poppler
def test_a_heading_or_a_title_line_never_ends_a_page(tmp_path):
    d = json.loads((ROOT / "examples" / "seed001_nonthong_analysis_2565.json").read_text(encoding="utf-8"))
    memo = d["memos"][0]
    heading, title = "ผลการประเมินของหน่วยงาน", "๑. การประมวลผลคะแนน"
    for n in range(34, 48, 2):
        memo["sections"], memo["chain"] = memo["sections"][:1], []
        memo["attachments"] = [{"title": ["ทดสอบ"], "blocks": [
            {"type": "paragraph", "text": " ".join([LINE] * n)},
            {"type": "heading", "text": heading},
            {"type": "paragraph", "text": title},
            {"type": "paragraph", "text": "การประมวลผลคะแนนมีขั้นตอนตามลำดับดังนี้"},
            {"type": "table", "table": "level_bands", "fiscal_year": 2565},
        ]}]
        pdf = tmp_path / f"h{n}.pdf"
        render_memo(d, None, pdf)
        ends = _page_ends(pdf)
        assert heading not in ends and title not in ends, (n, ends)
