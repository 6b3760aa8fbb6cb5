"""Reading indicator scores from a CSV or XLSX file a clerk copied from ITAS (no Qt here).

Columns: the indicator (number, "ตัวชี้วัดที่ 3", or its name) and the score, Thai or Arabic
digits.  A header row is skipped when its score cell is not a number.  CSV may be UTF-8,
UTF-8 with BOM, or TIS-620/cp874.  All or nothing: the first bad row raises InputError
naming the row, and nothing is imported.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

from ..domain.errors import InputError
from ..domain.frameworks import Framework
from ..domain.thai_format import parse_score, to_arabic_digits


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp874")
    except UnicodeDecodeError:
        raise InputError(f"อ่านไฟล์ {name} ไม่ได้: ไม่ใช่ข้อความ UTF-8 หรือ TIS-620") from None


def read_rows(path: Path | str) -> list[list[str]]:
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as e:  # openpyxl raises many kinds for a broken file
            raise InputError(f"เปิดไฟล์ Excel {path.name} ไม่ได้ ({e.__class__.__name__})") from None
        ws = wb.worksheets[0]
        rows = [["" if c is None else str(c) for c in r] for r in ws.iter_rows(values_only=True)]
        wb.close()
        return rows
    if path.suffix.lower() == ".xls":
        raise InputError("ไฟล์ .xls รุ่นเก่ายังไม่รองรับ กรุณาบันทึกเป็น .xlsx หรือ .csv ก่อน")
    text = _decode(path.read_bytes(), path.name)
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [r for r in csv.reader(io.StringIO(text), dialect)]


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _indicator(cell: str, fw: Framework) -> int | None:
    s = to_arabic_digits(cell).strip()
    m = re.match(r"^(?:ตัวชี้วัด(?:ที่)?)?\s*(\d+)\s*[.)]?", s)
    if m and int(m.group(1)) in {i.number for i in fw.indicators}:
        return int(m.group(1))
    name = _norm(re.sub(r"^(?:ตัวชี้วัด(?:ที่)?)?\s*\d*\s*[.)]?", "", s))
    for ind in fw.indicators:
        if name and (_norm(ind.name) == name or _norm(ind.name) in name):
            return ind.number
    return None


def parse_score_rows(rows: list[list[str]], fw: Framework) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for n, row in enumerate(rows, 1):
        cells = [c.strip() for c in row if c is not None and str(c).strip()]
        if not cells:
            continue
        if len(cells) < 2:
            raise InputError(f"แถวที่ {n}: ต้องมี ๒ ช่อง คือ ตัวชี้วัด และ คะแนน")
        ind_cell, score_cell = cells[0], cells[-1]
        try:
            score = parse_score(score_cell)
        except InputError as e:
            if not out and _indicator(ind_cell, fw) is None:
                continue  # a header row
            raise InputError(f"แถวที่ {n}: {e}") from None
        ind = _indicator(ind_cell, fw)
        if ind is None:
            raise InputError(f"แถวที่ {n}: ไม่รู้จักตัวชี้วัด “{ind_cell}” ในกรอบการประเมินปี {fw.fiscal_year}")
        if ind in out:
            raise InputError(f"แถวที่ {n}: ตัวชี้วัดที่ {ind} ซ้ำกับแถวก่อนหน้า")
        out[ind] = score
    if not out:
        raise InputError("ไม่พบคะแนนในไฟล์ (ต้องมีคอลัมน์ ตัวชี้วัด และ คะแนน)")
    return out


def read_scores(path: Path | str, fw: Framework) -> dict[int, Decimal]:
    return parse_score_rows(read_rows(path), fw)
