"""Reading the dates clerks type, in the Buddhist era (พ.ศ.), and showing them back.

``parse_thai_date`` accepts what a Thai clerk writes: ``2/11/2565``, ``2/11/65``, ``2-11-2565``,
``2 พ.ย. 65``, ``2 พย 2565``, ``๒ พฤศจิกายน ๒๕๖๕``, ``2 เดือน พฤศจิกายน พ.ศ. 2565``, with Thai
or Arabic digits; a missing year means this year.  A year is always พ.ศ.: a Christian-era year
(``2022``) is refused with the พ.ศ. year it probably meant, never silently converted.  Every
refusal is an :class:`InputError` whose text tells the clerk what to type.  Pure: no Qt.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata

from .errors import InputError
from .thai_format import BE_OFFSET, MONTHS_LONG, MONTHS_SHORT, be_year, to_arabic_digits

EXAMPLE = "2/11/2565 หรือ 2 พ.ย. 65"
BE_MIN, BE_MAX = 2400, 2700

_NUMERIC = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d+))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s*([^\d\s][^\d]*?)\s*(\d+)?$")
_NOISE = re.compile(r"(ลงวันที่|วันที่|พ\.\s*ศ\.?|พศ\.?|เดือน|ปี)")


def _month_key(s: str) -> str:
    return re.sub(r"[.\s]", "", s)


_MONTH_EXACT = {}
for _i, (_long, _short) in enumerate(zip(MONTHS_LONG, MONTHS_SHORT), 1):
    _MONTH_EXACT[_month_key(_long)] = _i
    _MONTH_EXACT[_month_key(_short)] = _i


def month_of(word: str) -> int | None:
    """1–12 for a Thai month name: full (พฤศจิกายน), short with or without dots (พ.ย., พย),
    or an unambiguous start of the full name of three letters or more (พฤศจิกา)."""
    key = _month_key(word)
    if key in _MONTH_EXACT:
        return _MONTH_EXACT[key]
    if len(key) >= 3:
        hits = {i for i, m in enumerate(MONTHS_LONG, 1) if m.startswith(key)}
        if len(hits) == 1:
            return hits.pop()
    return None


def _year(raw: str | None, today: _dt.date, shown: str) -> int:
    """The พ.ศ. year of a typed year ('' = this year, 2 digits = 25xx)."""
    if not raw:
        return be_year(today.year)
    y = int(raw)
    if len(raw) <= 2:
        return 2500 + y
    if 1900 <= y < BE_MIN:
        raise InputError(f"ปี {y} ในวันที่ “{shown}” เป็นปี ค.ศ. กรุณาพิมพ์ปี พ.ศ. "
                         f"(ค.ศ. {y} คือ พ.ศ. {y + BE_OFFSET}) เช่น {EXAMPLE}")
    if not BE_MIN <= y <= BE_MAX:
        raise InputError(f"ปี {raw} ในวันที่ “{shown}” ไม่ใช่ปี พ.ศ. ที่ใช้ได้ "
                         f"(พิมพ์ปี พ.ศ. ๔ หลัก เช่น 2565 หรือ ๒ หลัก เช่น 65)")
    return y


def _make(day: int, month: int, year_be: int, shown: str) -> _dt.date:
    if not 1 <= month <= 12:
        raise InputError(f"เดือน {month} ในวันที่ “{shown}” ไม่มี (เดือนมี 1 ถึง 12) พิมพ์เช่น {EXAMPLE}")
    last = calendar.monthrange(year_be - BE_OFFSET, month)[1]
    if not 1 <= day <= last:
        raise InputError(f"วันที่ {day} ไม่มีในเดือน{MONTHS_LONG[month - 1]} {year_be} "
                         f"(เดือนนี้มี {last} วัน)")
    return _dt.date(year_be - BE_OFFSET, month, day)


def parse_thai_date(text: str, *, today: _dt.date | None = None) -> _dt.date:
    """The date a clerk typed (see the module text for the forms); InputError in Thai otherwise."""
    today = today or _dt.date.today()
    shown = " ".join(str(text or "").split())[:60]
    s = unicodedata.normalize("NFC", to_arabic_digits(str(text or "")))
    s = _NOISE.sub(" ", s)
    s = " ".join(s.replace(",", " ").split()).strip()
    if not s:
        raise InputError(f"ยังไม่ได้พิมพ์วันที่ พิมพ์เช่น {EXAMPLE}")
    m = _ISO.match(s)
    if m:
        y, mo, d = m.groups()
        return _make(int(d), int(mo), _year(y, today, shown), shown)
    m = _NUMERIC.match(s)
    if m:
        d, mo, y = m.groups()
        return _make(int(d), int(mo), _year(y, today, shown), shown)
    m = _WORDS.match(s)
    if m:
        d, word, y = m.groups()
        month = month_of(word)
        if month is None:
            raise InputError(f"ไม่รู้จักชื่อเดือน “{word.strip()}” ในวันที่ “{shown}” "
                             f"พิมพ์ชื่อเดือนเต็ม (พฤศจิกายน) หรือย่อ (พ.ย.) หรือเป็นตัวเลข เช่น 2/11/2565")
        return _make(int(d), month, _year(y, today, shown), shown)
    if re.fullmatch(r"\D*\d{0,4}\s*", s) and any(month_of(w) for w in s.split()):
        raise InputError(f"วันที่ “{shown}” ไม่มีวัน พิมพ์วันด้วย เช่น {EXAMPLE}")
    raise InputError(f"อ่านวันที่ “{shown}” ไม่ออก พิมพ์วัน เดือน ปี พ.ศ. เช่น {EXAMPLE}")


def date_field_text(d: _dt.date) -> str:
    """How a date edit shows a date: ``2 พฤศจิกายน 2565`` (Arabic digits, พ.ศ.)."""
    return f"{d.day} {MONTHS_LONG[d.month - 1]} {be_year(d.year)}"


def be_iso(d: _dt.date) -> str:
    """``2565-11-02``: a พ.ศ. date that sorts as text (for file names)."""
    return f"{be_year(d.year):04d}-{d.month:02d}-{d.day:02d}"
