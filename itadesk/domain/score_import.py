"""Reading indicator scores from a CSV or Excel (.xlsx) file a clerk made or downloaded.

Column 1 names the indicator: its number (``1``, ``๑``, ``ตัวชี้วัดที่ 1``,
``1. การปฏิบัติหน้าที่``) or its Thai name as in the year's framework
(``การปฏิบัติหน้าที่``).  Column 2 is the score, 0–100 with at most two decimals, in Arabic
or Thai digits.  Further columns are ignored; a first row that is a heading is skipped;
blank rows and rows with a blank score are skipped.

All or nothing: the first problem raises :class:`InputError` whose Thai message names the
file, the row (as the spreadsheet numbers it) and what to fix; nothing is returned then.

Hostile files are refused before they cost anything: size limits on the file, rows and
cells; text encodings UTF-8 (with or without BOM), UTF-16 with BOM and TIS-620/cp874
detected, anything else refused; spreadsheet formulas and formula-looking text
(``=``, ``+``, ``-``, ``@`` not followed by a plain number) refused; an .xlsx whose zip
directory declares too much uncompressed data (a "zip bomb"), too many parts or encrypted
parts is refused before openpyxl opens it (Python's zipfile then enforces the declared
sizes while reading).  Pure: no Qt, no SQLAlchemy, no file system.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from decimal import Decimal
from typing import Any, Iterable

from .errors import InputError
from .thai_format import parse_decimal, parse_score, to_arabic_digits

MAX_CSV_BYTES = 1 * 1024 * 1024
MAX_XLSX_BYTES = 5 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 40 * 1024 * 1024     # sum of the declared sizes of all parts
MAX_XLSX_PART_RATIO = 200                    # declared size / compressed size, for parts > 1 MB
MAX_XLSX_PARTS = 500
MAX_ROWS = 1000                              # rows read (blank ones included)
MAX_CELL_CHARS = 500
SCAN_COLUMNS = 10                            # cells per row checked for formulas

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_INDICATOR_RE = re.compile(r"^(?:ตัวชี้วัด(?:ที่)?\s*)?(\d{1,3})(?:\s*[.:)\-–]\s*|\s+|$)(.*)$")


def _fail(name: str, row: int | None, msg: str) -> InputError:
    where = f" แถวที่ {row}" if row is not None else ""
    return InputError(f"{name}{where}: {msg} ไม่ได้นำเข้าคะแนนใด ๆ")


def normalise_text(text: str) -> str:
    """NFC, no zero-width characters, ``ํา`` → ``ำ``, single spaces."""
    t = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    t = t.replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"\s+", " ", t).strip()


def _is_number_text(text: str) -> bool:
    try:
        parse_decimal(text.rstrip("%").strip())
    except InputError:
        return False
    return True


def looks_like_formula(value: Any) -> bool:
    """A text cell a spreadsheet would run as a formula (CSV injection), not a plain number."""
    if not isinstance(value, str):
        return False
    t = value.strip()
    return bool(t) and t[0] in "=+-@" and not _is_number_text(t)


# ------------------------------------------------------------------ text decoding (CSV)

def decode_text(data: bytes, name: str = "ไฟล์") -> str:
    """Decode a text file typed on a Thai PC: UTF-8 (± BOM), UTF-16 with BOM, or TIS-620/cp874."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise _fail(name, None, "มีเครื่องหมาย UTF-8 แต่เนื้อหาไม่ใช่ UTF-8 กรุณาบันทึกไฟล์ใหม่") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(name, None, "เนื้อหา UTF-16 ไม่ถูกต้อง กรุณาบันทึกไฟล์ใหม่เป็น CSV UTF-8") from None
    if b"\x00" in data:
        raise _fail(name, None, "ไม่ใช่ไฟล์ข้อความ CSV (มีข้อมูลไบนารี)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        # Thai in TIS-620 can accidentally be valid UTF-8 (e.g. bytes C3 A1); such "UTF-8"
        # decodes to Latin letters and no Thai at all, while cp874 gives Thai.
        if any("\u0080" <= ch <= "\u07ff" for ch in text) and not any("\u0e00" <= ch <= "\u0e7f" for ch in text):
            try:
                alt = data.decode("cp874")
                if any("\u0e00" <= ch <= "\u0e7f" for ch in alt):
                    return alt
            except UnicodeDecodeError:
                pass
        return text
    try:
        return data.decode("cp874")
    except UnicodeDecodeError:
        raise _fail(name, None, "อ่านรหัสอักขระของไฟล์ไม่ได้ (ไม่ใช่ UTF-8 หรือ TIS-620) "
                    "กรุณาบันทึกไฟล์ใหม่เป็น CSV UTF-8") from None


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most of the first 50 non-blank lines into ≥ 2 fields.

    Ties go to tab, then semicolon (Excel's choice where the decimal mark is a comma:
    ``1;95,13``), then comma.
    """
    lines = [ln for ln in text.splitlines() if ln.strip()][:50]
    best, best_score = ",", 0
    for d in ("\t", ";", ","):
        try:
            score = sum(1 for row in csv.reader(lines, delimiter=d, strict=False) if len(row) >= 2)
        except csv.Error:
            continue
        if score > best_score:
            best, best_score = d, score
    return best


# ------------------------------------------------------------------ public entry points

def parse_scores_csv(data: bytes, framework=None, *, name: str = "ไฟล์ CSV") -> dict[int, Decimal]:
    """Scores from CSV bytes (comma, semicolon or tab separated). InputError on any problem."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("parse_scores_csv expects bytes")
    data = bytes(data)
    if len(data) > MAX_CSV_BYTES:
        raise _fail(name, None, f"ไฟล์ใหญ่เกินไป ({len(data) // 1024} KB) ไฟล์คะแนนต้องไม่เกิน "
                                f"{MAX_CSV_BYTES // 1024} KB")
    if data.startswith(b"PK\x03\x04"):
        raise _fail(name, None, "นี่คือไฟล์ Excel (.xlsx) ไม่ใช่ CSV กรุณานำเข้าแบบไฟล์ Excel")
    text = decode_text(data, name)
    try:
        delimiter = _sniff_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        rows = []
        for n, cells in enumerate(reader, 1):
            if n > MAX_ROWS:
                raise _fail(name, n, f"มีแถวมากเกินไป (เกิน {MAX_ROWS} แถว) ไม่ใช่ไฟล์คะแนน ITA")
            if (delimiter == "," and len(cells) == 3 and re.fullmatch(r"\s*[0-9๐-๙]{1,3}\s*", cells[1])
                    and re.fullmatch(r"[0-9๐-๙]{1,2}\s*", cells[2])):
                raise _fail(name, n, f"คะแนน “{cells[1].strip()},{cells[2].strip()}” ถูกจุลภาคแบ่งเป็นสองช่อง "
                            "ใช้จุดทศนิยม (95.13) หรือใส่คะแนนในเครื่องหมายคำพูด (\"95,13\")")
            rows.append((n, cells[:SCAN_COLUMNS]))
    except csv.Error as e:
        raise _fail(name, None, f"รูปแบบ CSV ไม่ถูกต้อง ({e})") from None
    return _collect(rows, framework, name)


def parse_scores_xlsx(data: bytes, framework=None, *, name: str = "ไฟล์ Excel") -> dict[int, Decimal]:
    """Scores from the first sheet of an .xlsx file. InputError on any problem."""
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("parse_scores_xlsx expects bytes")
    data = bytes(data)
    if len(data) > MAX_XLSX_BYTES:
        raise _fail(name, None, f"ไฟล์ใหญ่เกินไป ({len(data) // 1024} KB) ไฟล์คะแนนต้องไม่เกิน "
                                f"{MAX_XLSX_BYTES // 1024 // 1024} MB")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(name, None, "เป็นไฟล์ Excel รุ่นเก่า (.xls) หรือไฟล์ที่ตั้งรหัสผ่านไว้ "
                                "กรุณาเปิดใน Excel แล้วบันทึกเป็น .xlsx (ไม่ตั้งรหัสผ่าน) หรือ CSV")
    check_xlsx_container(data, name)
    rows = _xlsx_rows(data, name)
    return _collect(rows, framework, name)


def parse_scores_file(data: bytes, framework=None, *, name: str = "ไฟล์") -> dict[int, Decimal]:
    """CSV or XLSX, told apart by content (not by the file name's extension)."""
    if bytes(data[:4]) in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        return parse_scores_xlsx(data, framework, name=name)
    return parse_scores_csv(data, framework, name=name)


# ------------------------------------------------------------------ xlsx

def check_xlsx_container(data: bytes, name: str = "ไฟล์ Excel") -> None:
    """Refuse a zip that is not a plausible small workbook, by its declared sizes only."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, IndexError):
        raise _fail(name, None, "ไม่ใช่ไฟล์ Excel (.xlsx) ที่ถูกต้อง หรือไฟล์เสียหาย") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_XLSX_PARTS:
            raise _fail(name, None, f"โครงสร้างไฟล์ผิดปกติ (มี {len(infos)} ส่วน) ไม่ใช่ไฟล์คะแนน")
        total = 0
        for i in infos:
            if i.flag_bits & 0x1:
                raise _fail(name, None, "ไฟล์ถูกเข้ารหัสไว้ กรุณาบันทึกใหม่โดยไม่ตั้งรหัสผ่าน")
            total += i.file_size
            if i.file_size > 1024 * 1024 and i.file_size > MAX_XLSX_PART_RATIO * max(i.compress_size, 1):
                raise _fail(name, None, "ไฟล์ถูกบีบอัดผิดปกติ (อาจเป็นไฟล์อันตราย zip bomb) ไม่ได้เปิดไฟล์")
        if total > MAX_XLSX_UNCOMPRESSED:
            raise _fail(name, None, f"ข้อมูลในไฟล์เมื่อขยายแล้วใหญ่เกินไป ({total // 1024 // 1024} MB) "
                                    "ไม่ได้เปิดไฟล์")
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or not any(n.startswith("xl/worksheets/") for n in names):
            raise _fail(name, None, "ไม่ใช่ไฟล์ Excel (.xlsx) ไม่พบแผ่นงาน")


def _xlsx_rows(data: bytes, name: str) -> list[tuple[int, list[Any]]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as e:   # openpyxl raises many kinds on hostile input; all mean "bad file"
        raise _fail(name, None, f"เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย ({type(e).__name__})") from None
    rows: list[tuple[int, list[Any]]] = []
    try:
        sheets = [ws for ws in wb.worksheets if hasattr(ws, "iter_rows")]
        if not sheets:
            raise _fail(name, None, "ไม่พบแผ่นงานที่มีข้อมูล")
        ws = sheets[0]
        try:
            for r_n, cells in enumerate(ws.iter_rows(max_col=SCAN_COLUMNS), 1):
                if r_n > MAX_ROWS:
                    raise _fail(name, r_n, f"มีแถวมากเกินไป (เกิน {MAX_ROWS} แถว) ไม่ใช่ไฟล์คะแนน ITA")
                values = []
                real_row = r_n
                for c_n, cell in enumerate(cells, 1):
                    real_row = getattr(cell, "row", None) or real_row
                    v = getattr(cell, "value", None)
                    if getattr(cell, "data_type", None) == "f" or not isinstance(
                            v, (str, int, float, Decimal, bool, dt.datetime, dt.date, dt.time, type(None))):
                        raise _fail(name, real_row, f"คอลัมน์ {c_n} เป็นสูตร ({str(v)[:40]}) "
                                    "กรุณาคัดลอกแล้ววางแบบค่า (Paste Values) ก่อนนำเข้า")
                    values.append(v)
                rows.append((real_row, values))
        except InputError:
            raise
        except Exception as e:
            raise _fail(name, None, f"อ่านข้อมูลในไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย ({type(e).__name__})") from None
    finally:
        try:
            wb.close()
        except Exception:  # pragma: no cover
            pass
    return rows


# ------------------------------------------------------------------ rows → scores

def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v) if not math.isfinite(v) or v != int(v) else str(int(v))   # inf: no int
    return str(v)


def _indicator_lookup(framework) -> dict[str, int]:
    if framework is None:
        return {}
    return {normalise_text(i.name): i.number for i in framework.indicators}


def _resolve_indicator(v: Any, framework, names: dict[str, int], name: str, row: int) -> int | None:
    if isinstance(v, bool):
        raise _fail(name, row, "คอลัมน์ ๑ ต้องเป็นหมายเลขหรือชื่อตัวชี้วัด")
    if isinstance(v, (int, float, Decimal)):
        if not math.isfinite(v) or v != int(v):      # an infinite or NaN cell is no indicator number
            raise _fail(name, row, f"หมายเลขตัวชี้วัด “{v}” ต้องเป็นจำนวนเต็ม")
        number = int(v)
        rest = ""
    else:
        text = normalise_text(str(v))
        m = _INDICATOR_RE.match(to_arabic_digits(text))
        if m:
            number, rest = int(m.group(1)), normalise_text(m.group(2))
        elif text in names:
            return names[text]
        else:
            return None
    if framework is not None:
        known = {i.number: i for i in framework.indicators}
        if number not in known:
            raise _fail(name, row, f"ไม่มีตัวชี้วัดที่ {number} ในกรอบการประเมินปี {framework.fiscal_year} "
                        f"(มีตัวชี้วัดที่ 1–{max(known)})")
        if rest and names.get(rest, number) != number:
            raise _fail(name, row, f"หมายเลข {number} ไม่ตรงกับชื่อ “{rest[:60]}” "
                        f"(ชื่อนี้คือตัวชี้วัดที่ {names[rest]}) กรุณาตรวจว่าแถวไม่เลื่อน")
    elif not 1 <= number <= 99:
        raise _fail(name, row, f"หมายเลขตัวชี้วัด {number} ไม่ถูกต้อง")
    return number


def _parse_score_cell(v: Any, name: str, row: int) -> Decimal | None:
    if v is None or (isinstance(v, str) and not normalise_text(v)):
        return None
    if isinstance(v, bool) or isinstance(v, (dt.date, dt.time, dt.datetime)):
        raise _fail(name, row, f"คะแนน “{v}” ไม่ใช่ตัวเลข")
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise _fail(name, row, "คะแนนไม่ใช่ตัวเลข")
        text = repr(v)
    else:
        text = normalise_text(str(v))
    text = text[:-1].strip() if text.endswith("%") else text
    if len(text) > 20:   # parse_score cannot even print such a number in its message
        raise _fail(name, row, f"คอลัมน์ ๒: “{text[:30]}…” ไม่ใช่คะแนน (ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐)")
    try:
        return parse_score(text)
    except InputError as e:
        raise _fail(name, row, f"คอลัมน์ ๒: {e}") from None
    except ArithmeticError:   # decimal.InvalidOperation from a number too long to round
        raise _fail(name, row, f"คอลัมน์ ๒: “{text}” ไม่ใช่คะแนน (ต้องอยู่ระหว่าง ๐ ถึง ๑๐๐)") from None


def _collect(rows: Iterable[tuple[int, list[Any]]], framework, name: str) -> dict[int, Decimal]:
    names = _indicator_lookup(framework)
    out: dict[int, Decimal] = {}
    seen_at: dict[int, int] = {}
    first = True
    for row, cells in rows:
        for c_n, v in enumerate(cells, 1):
            if isinstance(v, str) and len(v) > MAX_CELL_CHARS:
                raise _fail(name, row, f"คอลัมน์ {c_n} ยาวเกินไป ({len(v)} ตัวอักษร)")
            if looks_like_formula(v):
                raise _fail(name, row, f"คอลัมน์ {c_n} เป็นสูตรหรือคำสั่ง (“{normalise_text(v)[:40]}”) "
                            "ไม่ใช่ค่า กรุณาคัดลอกแล้ววางแบบค่า (Paste Values) ก่อนนำเข้า")
        c1 = cells[0] if cells else None
        c2 = cells[1] if len(cells) > 1 else None
        if not normalise_text(_cell_text(c1)) and not normalise_text(_cell_text(c2)):
            continue
        if first:
            first = False
            if _is_heading(c1, c2, framework, names):
                continue
        if not normalise_text(_cell_text(c1)):
            raise _fail(name, row, "คอลัมน์ ๑ ว่าง ต้องระบุหมายเลขหรือชื่อตัวชี้วัด")
        number = _resolve_indicator(c1, framework, names, name, row)
        if number is None:
            hint = f" ในกรอบการประเมินปี {framework.fiscal_year}" if framework is not None else \
                " (ระบุหมายเลขตัวชี้วัด หรือเลือกปีงบประมาณเพื่อใช้ชื่อตัวชี้วัด)"
            raise _fail(name, row, f"ไม่รู้จักตัวชี้วัด “{normalise_text(_cell_text(c1))[:60]}”{hint}")
        value = _parse_score_cell(c2, name, row)
        if value is None:
            continue
        if number in seen_at:
            raise _fail(name, row, f"ตัวชี้วัดที่ {number} ซ้ำกับแถวที่ {seen_at[number]}")
        seen_at[number] = row
        out[number] = value
    if not out:
        raise _fail(name, None, "ไม่พบคะแนนในไฟล์ (คอลัมน์ ๑ หมายเลขหรือชื่อตัวชี้วัด คอลัมน์ ๒ คะแนน)")
    return out


def _is_heading(c1: Any, c2: Any, framework, names: dict[str, int]) -> bool:
    """A first row is a heading when its score cell is text that is not a number and its
    first cell is not an indicator (so ``1, abc`` is an error, not a skipped heading)."""
    if c2 is None or isinstance(c2, (int, float, Decimal, bool)):
        return False
    t = normalise_text(str(c2))
    if not t or _is_number_text(t):
        return False
    try:
        return _resolve_indicator(c1, framework, names, "", 0) is None
    except InputError:
        return True
