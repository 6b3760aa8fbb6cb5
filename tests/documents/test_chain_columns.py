"""Two comment blocks side by side (form setting chain_columns = 2), in the PDF and the DOCX."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from itadesk.documents.memo_pdf import _typography_for, render_memo

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "seed000_wiang_results_2565.json"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _headings_xy(pdf: Path, words: list[str]) -> list[tuple[float, float]]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for w in words:
        line = next(x for x in xml.splitlines() if f">{w}</word>" in x)
        out.append((float(line.split('xMin="')[1].split('"')[0]), float(line.split('yMin="')[1].split('"')[0])))
    return out


@needs_poppler
def test_two_comment_blocks_side_by_side(tmp_path):
    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    chain = d["memos"][0]["chain"]
    assert len(chain) >= 2
    first, second = chain[0]["heading"], chain[1]["heading"]
    ty = _typography_for(d["memos"][0], None)
    render_memo(d, None, tmp_path / "one.pdf", typography=ty)
    render_memo(d, None, tmp_path / "two.pdf", typography=replace(ty, chain_columns=2))
    (x1, y1), (x2, y2) = _headings_xy(tmp_path / "two.pdf", [first, second])
    assert abs(y1 - y2) < 1 and x2 - x1 > 200          # same line, right half
    (a1, b1), (a2, b2) = _headings_xy(tmp_path / "one.pdf", [first, second])
    assert abs(a1 - a2) < 1 and b2 > b1                  # the default: one under the other


def test_docx_puts_them_in_a_two_column_table(monkeypatch):
    from docx import Document

    from itadesk.documents import docx_writer, memo_common

    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    base = memo_common._typography_for(d["memos"][0], None)
    monkeypatch.setattr(memo_common, "_typography_for", lambda m, t: replace(base, chain_columns=2))
    data, _ = docx_writer.memo_docx_bytes(d)
    doc = Document(io.BytesIO(data))
    heads = [c["heading"] for c in d["memos"][0]["chain"]]
    rows = [[cell.text for cell in t.rows[0].cells] for t in doc.tables if len(t.columns) == 2]
    assert any(heads[0] in r[0] and heads[1] in r[1] for r in rows)
