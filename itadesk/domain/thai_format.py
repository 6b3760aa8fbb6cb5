"""Thai digits, Buddhist-era dates, fiscal years, score formatting and parsing, Thai sorting.

Digit conversion, date formatting and collation come from pythainlp; this module only
adds the fiscal-year and score rules of the ITA domain on top.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Iterable, TypeVar

from .errors import InputError

T = TypeVar("T")

_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans("0123456789", _THAI_DIGITS)
_TO_ARABIC = str.maketrans(_THAI_DIGITS, "0123456789")

# Short month names as printed in the seeds (ต.ค. ๖๔ – ก.ย. ๖๕).
MONTHS_LONG = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
BE_OFFSET = 543
HUNDREDTH = Decimal("0.01")


def to_thai_digits(text: str) -> str:
    """Arabic digits → Thai digits (๐–๙); everything else unchanged."""
    # pythainlp.util.arabic_digit_to_thai_digit does the same but costs an import of
    # pythainlp.util (~0.1 s); str.translate is the same mapping and free.
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def digits(text: str, thai: bool = True) -> str:
    return to_thai_digits(text) if thai else to_arabic_digits(text)


# ---------------------------------------------------------------- scores

def quantize(value: Decimal) -> Decimal:
    """Round half up to two decimals, as ITAS prints scores."""
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def format_score(value: Decimal | int | str | None, thai: bool = True, places: int = 2) -> str:
    """``Decimal('88.3')`` → ``'๘๘.๓๐'``; ``None`` → ``'-'``."""
    if value is None:
        return "-"
    d = Decimal(str(value))
    q = Decimal(1).scaleb(-places) if places else Decimal(1)
    text = f"{d.quantize(q, rounding=ROUND_HALF_UP):f}"
    return to_thai_digits(text) if thai else text


def format_signed(value: Decimal, thai: bool = True) -> str:
    """``+2.74`` / ``-1.35`` / ``0.00`` with two decimals."""
    text = format_score(abs(value), thai=False)
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return digits(sign + text, thai)


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_decimal(text: str) -> Decimal:
    """Parse a number typed in Thai or Arabic digits ("๙๕.๑๓", "95.13", " 95,13 ")."""
    if text is None:
        raise InputError("กรุณากรอกตัวเลข")
    s = to_arabic_digits(str(text)).strip().replace(" ", "").replace("\u200b", "")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")  # a comma typed for the decimal point
    if len(s) > 40 or not _NUMBER.match(s):
        raise InputError(f"“{text}” ไม่ใช่ตัวเลข กรุณากรอกคะแนนเป็นตัวเลข เช่น ๙๕.๑๓ หรือ 95.13")
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - guarded by the regex
        raise InputError(f"“{text}” ไม่ใช่ตัวเลข") from None


def parse_score(text: str) -> Decimal:
    """A score 0–100 with at most two decimals; raises InputError with a Thai message."""
    value = parse_decimal(text)
    if value < 0 or value > 100:
        shown = format_score(value) if abs(value) < 10**12 else to_thai_digits(str(text).strip()[:20])
        raise InputError(f"คะแนน {shown} อยู่นอกช่วง ๐–๑๐๐ กรุณากรอกคะแนนระหว่าง ๐ ถึง ๑๐๐")
    if value != value.quantize(HUNDREDTH):
        raise InputError("คะแนนมีทศนิยมได้ไม่เกิน ๒ ตำแหน่ง เช่น ๙๕.๑๓")
    return value.quantize(HUNDREDTH)


def percent_change(old: Decimal, new: Decimal) -> Decimal | None:
    """Relative change in percent, two decimals; None when the old value is zero."""
    if old == 0:
        return None
    return quantize((new - old) * 100 / old)


# ---------------------------------------------------------------- dates

def be_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def ce_year(year_be: int) -> int:
    return year_be - BE_OFFSET


def thai_date_long(d: _dt.date, thai: bool = True) -> str:
    """``date(2022, 4, 7)`` → ``'๗ เมษายน ๒๕๖๕'``."""
    return digits(f"{d.day} {MONTHS_LONG[d.month - 1]} {be_year(d.year)}", thai)


def thai_date_words(d: _dt.date, thai: bool = True) -> str:
    """``date(2025, 2, 11)`` → ``'๑๑ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๘'`` (the style some offices type)."""
    return digits(f"{d.day} เดือน {MONTHS_LONG[d.month - 1]} พ.ศ. {be_year(d.year)}", thai)


def thai_date_short(d: _dt.date, thai: bool = True) -> str:
    """``date(2022, 4, 7)`` → ``'๗ เม.ย. ๖๕'``."""
    return digits(f"{d.day} {MONTHS_SHORT[d.month - 1]} {be_year(d.year) % 100:02d}", thai)


def month_short(year_ce: int, month: int, thai: bool = True, full_year: bool = False) -> str:
    """``(2021, 10)`` → ``'ต.ค. ๖๔'`` (or ``'ต.ค. ๒๕๖๔'`` with full_year)."""
    y = be_year(year_ce)
    return digits(f"{MONTHS_SHORT[month - 1]} {y if full_year else y % 100:02d}", thai)


def month_long(year_ce: int, month: int, thai: bool = True) -> str:
    """``(2022, 1)`` → ``'มกราคม พ.ศ. ๒๕๖๕'``."""
    return digits(f"{MONTHS_LONG[month - 1]} พ.ศ. {be_year(year_ce)}", thai)


def fiscal_year_of(d: _dt.date) -> int:
    """Buddhist-era fiscal year of a date: 1 Oct 2024 → 2568."""
    return be_year(d.year + (1 if d.month >= 10 else 0))


def fiscal_year_range(fiscal_year_be: int) -> tuple[_dt.date, _dt.date]:
    """2568 → (2024-10-01, 2025-09-30)."""
    y = ce_year(fiscal_year_be)
    return _dt.date(y - 1, 10, 1), _dt.date(y, 9, 30)


def fiscal_year_months(fiscal_year_be: int) -> list[tuple[int, int]]:
    """The twelve (year_ce, month) pairs of a fiscal year, October first."""
    y = ce_year(fiscal_year_be)
    return [(y - 1, m) for m in (10, 11, 12)] + [(y, m) for m in range(1, 10)]


def fiscal_year_range_text(fiscal_year_be: int, thai: bool = True) -> str:
    """2568 → ``'ต.ค. ๖๗ – ก.ย. ๖๘'``."""
    start, end = fiscal_year_range(fiscal_year_be)
    return f"{month_short(start.year, start.month, thai)} – {month_short(end.year, end.month, thai)}"


def fiscal_year_text(fiscal_year_be: int, thai: bool = True) -> str:
    """2568 → ``'ปีงบประมาณ พ.ศ. ๒๕๖๘'``."""
    return digits(f"ปีงบประมาณ พ.ศ. {fiscal_year_be}", thai)


def parse_iso_month(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise InputError(f"“{text}” ไม่ใช่เดือนที่ถูกต้อง (ต้องเป็น ปปปป-ดด)")
    return int(m.group(1)), int(m.group(2))


def period_text(start: str, end: str, thai: bool = True) -> str:
    """ISO months ``'2021-10', '2022-09'`` → ``'ต.ค. ๖๔ – ก.ย. ๖๕'`` (one month: ``'ม.ค. ๖๕'``)."""
    a, b = parse_iso_month(start), parse_iso_month(end)
    if a == b:
        return month_short(*a, thai=thai)
    return f"{month_short(*a, thai=thai)} – {month_short(*b, thai=thai)}"


# ---------------------------------------------------------------- sorting

def thai_sorted(items: Iterable[T], key=None) -> list[T]:
    """Sort in Thai dictionary order (leading vowels ignored) using pythainlp's collation."""
    from pythainlp.util.collate import _thkey  # the key pythainlp.util.collate uses

    items = list(items)
    k = key or (lambda x: x)
    return sorted(items, key=lambda x: _thkey(str(k(x))))


def thai_sort_key(text: str):
    from pythainlp.util.collate import _thkey

    return _thkey(text)
