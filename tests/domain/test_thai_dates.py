"""Dates as a Thai clerk types them; every expected date is written by hand."""

import datetime as dt

import pytest

from itadesk.domain.errors import InputError
from itadesk.domain.filenames import dated_filename
from itadesk.domain.thai_dates import be_iso, date_field_text, month_of, parse_thai_date

TODAY = dt.date(2026, 12, 4)           # 4 ธันวาคม 2569
NOV2 = dt.date(2022, 11, 2)            # 2 พฤศจิกายน 2565 (seed 001's date)


@pytest.mark.parametrize("text", [
    "2/11/2565", "02/11/2565", "2/11/65", "2-11-2565", "2.11.2565", " 2 / 11 / 2565 ",
    "2 พ.ย. 65", "2 พ.ย. 2565", "2 พย 65", "2พ.ย.65", "2 พ.ย 2565",
    "๒ พฤศจิกายน ๒๕๖๕", "2 พฤศจิกายน 2565", "2 พฤศจิกายน พ.ศ. 2565", "๒ พ.ย. ๖๕",
    "2 เดือน พฤศจิกายน พ.ศ. 2565", "วันที่ 2 พฤศจิกายน 2565", "๒/๑๑/๒๕๖๕", "2 พฤศจิกา 2565",
    "2565-11-02", "2 พ.ย., 2565",
])
def test_forms_of_one_date(text):
    assert parse_thai_date(text, today=TODAY) == NOV2


@pytest.mark.parametrize("text, want", [
    ("31/12/2565", dt.date(2022, 12, 31)),
    ("1 ม.ค. 66", dt.date(2023, 1, 1)),
    ("29 ก.พ. 2567", dt.date(2024, 2, 29)),       # 2024 is a leap year
    ("7 เมษายน ๒๕๖๕", dt.date(2022, 4, 7)),
    ("11 เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๘", dt.date(2025, 2, 11)),
    ("30 ก.ย. 68", dt.date(2025, 9, 30)),
    ("5 มี.ค. 2568", dt.date(2025, 3, 5)),
    ("5 มีนาคม 2568", dt.date(2025, 3, 5)),
    ("5 มิ.ย. 2568", dt.date(2025, 6, 5)),
])
def test_other_dates(text, want):
    assert parse_thai_date(text, today=TODAY) == want


def test_missing_year_is_this_year():
    assert parse_thai_date("2 พ.ย.", today=TODAY) == dt.date(2026, 11, 2)
    assert parse_thai_date("2/11", today=TODAY) == dt.date(2026, 11, 2)


@pytest.mark.parametrize("text, words", [
    ("", ["ยังไม่ได้พิมพ์วันที่"]),
    ("   ", ["ยังไม่ได้พิมพ์วันที่"]),
    ("2/11/2022", ["ค.ศ.", "2565"]),              # Christian era: refused, with the พ.ศ. year
    ("2022-11-02", ["ค.ศ.", "2565"]),
    ("31/11/2565", ["31", "พฤศจิกายน", "30 วัน"]),
    ("29 ก.พ. 2566", ["29", "กุมภาพันธ์", "28 วัน"]),
    ("2/13/2565", ["เดือน 13"]),
    ("0/11/2565", ["วันที่ 0"]),
    ("2 พฤษ 2565", ["ไม่รู้จักชื่อเดือน"]),       # พฤษภาคม or … ambiguous? no: unique → see below
    ("2 xyz 2565", ["ไม่รู้จักชื่อเดือน", "xyz"]),
    ("พ.ย. 65", ["ไม่มีวัน"]),
    ("hello", ["อ่านวันที่", "hello"]),
    ("2/11/565", ["ปี 565"]),
    ("2/11/3000", ["ปี 3000"]),
])
def test_bad_input_gets_a_thai_message(text, words):
    if text == "2 พฤษ 2565":       # "พฤษ" starts only พฤษภาคม: accepted, not an error
        assert parse_thai_date(text, today=TODAY) == dt.date(2022, 5, 2)
        return
    with pytest.raises(InputError) as e:
        parse_thai_date(text, today=TODAY)
    msg = str(e.value)
    for w in words:
        assert w in msg
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in msg)


def test_ambiguous_month_prefix_is_refused():
    assert month_of("มี") is None             # มีนาคม only, but two letters are too few
    assert month_of("มิถุ") == 6
    assert month_of("กร") is None             # too short
    with pytest.raises(InputError):
        parse_thai_date("2 ก 2565", today=TODAY)


def test_field_text_and_be_iso():
    assert date_field_text(NOV2) == "2 พฤศจิกายน 2565"
    assert be_iso(NOV2) == "2565-11-02"
    assert parse_thai_date(date_field_text(NOV2), today=TODAY) == NOV2


def test_dated_filename_carries_the_be_date():
    name = dated_filename("รายงาน/การวิเคราะห์", "pdf", NOV2)
    assert name == "รายงาน_การวิเคราะห์ 2565-11-02.pdf"
    assert "2022" not in name
