"""What a reader gets out of a memo: the tables and text of the PDF, DOCX and XLSX exports.

Nothing here looks at the engine's own record (``RenderInfo.texts``, ``tables.build_table``):

- PDF: ``pdftotext -bbox-layout`` gives every text run the reader's tools extract, with its box;
  the table rules (the vertical lines a reader sees) come from pdfplumber's edge list.  A run
  belongs to the column whose rules enclose its left edge.  Nothing depends on line positions,
  line breaks or inter-word spacing: cell text is compared with all white space removed.
- DOCX: python-docx's ``document.tables``; XLSX: openpyxl's sheets.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r"<page .*?</page>", re.S)


def squash(text: str) -> str:
    """Text with every white space removed: robust to line wrapping and justification."""
    return "".join(str(text).split())


def have_pdftotext() -> bool:
    return shutil.which("pdftotext") is not None


def pdf_text(pdf: bytes, *, layout: bool = True) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "memo.pdf"
        path.write_bytes(pdf)
        args = ["pdftotext"] + (["-layout"] if layout else []) + [str(path), "-"]
        return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@dataclass
class Run:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass
class PdfBand:
    """One stretch of a table on one page: the rules' x positions and the text in each column."""
    page: int
    top: float
    bottom: float
    xs: list[float]
    runs: list[list[Run]] = field(default_factory=list)   # per column, top to bottom

    def column_text(self, j: int) -> str:
        return squash("".join(r.text for r in self.runs[j]))


def _pdf_runs(pdf: bytes) -> list[list[Run]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "memo.pdf"
        path.write_bytes(pdf)
        xml = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True,
                             text=True, check=True).stdout
    pages = []
    for page in _PAGE.findall(xml):
        pages.append([Run(float(a), float(b), float(c), float(d), html.unescape(t))
                      for a, b, c, d, t in _WORD.findall(page)])
    return pages


def _bands_of_page(page_no: int, edges: list[dict], runs: list[Run]) -> list[PdfBand]:
    vertical = sorted((e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 4),
                      key=lambda e: e["top"])
    groups: list[list[dict]] = []
    for e in vertical:       # edges whose vertical extents overlap (or touch) form one band
        if groups and e["top"] <= max(g["bottom"] for g in groups[-1]) + 0.5:
            groups[-1].append(e)
        else:
            groups.append([e])
    bands = []
    for g in groups:
        xs = sorted({round(e["x0"], 1) for e in g})
        merged: list[float] = []
        for x in xs:
            if not merged or x - merged[-1] > 2:
                merged.append(x)
        top, bottom = min(e["top"] for e in g), max(e["bottom"] for e in g)
        if len(merged) < 3 or bottom - top < 20:      # a check box, not a table
            continue
        band = PdfBand(page_no, top, bottom, merged, [[] for _ in merged[:-1]])
        for r in runs:
            mid = (r.top + r.bottom) / 2
            if not (top <= mid <= bottom):
                continue
            for j in range(len(merged) - 1):
                if merged[j] - 1 <= r.x0 < merged[j + 1]:
                    band.runs[j].append(r)
                    break
        for col in band.runs:
            col.sort(key=lambda r: (round(r.top, 1), r.x0))
        bands.append(band)
    return bands


def pdf_bands(pdf: bytes) -> list[PdfBand]:
    """Every table stretch of the PDF in reading order (page by page, top to bottom)."""
    import pdfplumber

    runs = _pdf_runs(pdf)
    out: list[PdfBand] = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for i, page in enumerate(doc.pages):
            out.extend(_bands_of_page(i + 1, page.edges, runs[i] if i < len(runs) else []))
    return out


def docx_tables(data: bytes) -> list[list[list[str]]]:
    """Every table of the DOCX as rows of cell text, one entry per grid column: a merged cell's
    text stands in its first column (or row), the columns (rows) it covers read as empty."""
    import docx

    doc = docx.Document(io.BytesIO(data))
    tables = []
    for t in doc.tables:
        rows = []
        above: list[object] = []
        for tr in t.rows:
            cells, mine = [], []
            for j, c in enumerate(tr.cells):
                tc = c._tc
                repeated = (mine and mine[-1] is tc) or (j < len(above) and above[j] is tc)
                cells.append("" if repeated else c.text)
                mine.append(tc)
            rows.append(cells)
            above = mine
        tables.append(rows)
    return tables


def docx_paragraphs(data: bytes) -> list[str]:
    import docx

    doc = docx.Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:      # the header block and the signatures may be laid out in tables too
        for tr in t.rows:
            for c in tr.cells:
                out.extend(p.text for p in c.paragraphs)
    return out


def xlsx_sheets(data: bytes) -> list[tuple[str, list[list[object]]]]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
