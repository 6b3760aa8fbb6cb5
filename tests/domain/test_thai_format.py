import datetime as dt
from decimal import Decimal as D

import pytest

from itadesk.domain.errors import InputError
from itadesk.domain.thai_format import (
    fiscal_year_of, fiscal_year_range, fiscal_year_range_text, format_score, format_signed,
    month_long, parse_score, percent_change, period_text, thai_date_long, thai_date_short,
    thai_sorted, to_arabic_digits, to_thai_digits,
)


def test_digits():
    assert to_thai_digits("61401/935 วันที่ 24") == "๖๑๔๐๑/๙๓๕ วันที่ ๒๔"
    assert to_arabic_digits("๙๕.๑๓") == "95.13"


def test_dates():
    assert thai_date_long(dt.date(2022, 4, 7)) == "๗ เมษายน ๒๕๖๕"
    assert thai_date_short(dt.date(2024, 10, 1)) == "๑ ต.ค. ๖๗"
    assert thai_date_long(dt.date(2022, 11, 2), thai=False) == "2 พฤศจิกายน 2565"
    assert month_long(2022, 1) == "มกราคม พ.ศ. ๒๕๖๕"


def test_fiscal_years():
    assert fiscal_year_of(dt.date(2024, 9, 30)) == 2567
    assert fiscal_year_of(dt.date(2024, 10, 1)) == 2568
    assert fiscal_year_range(2568) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))
    assert fiscal_year_range_text(2568) == "ต.ค. ๖๗ – ก.ย. ๖๘"
    assert period_text("2021-10", "2022-09") == "ต.ค. ๖๔ – ก.ย. ๖๕"
    assert period_text("2022-01", "2022-01") == "ม.ค. ๖๕"


def test_scores_format_and_parse():
    assert format_score(D("88.3")) == "๘๘.๓๐"
    assert format_score(D("100"), thai=False) == "100.00"
    assert format_score(None) == "-"
    assert format_signed(D("2.74")) == "+๒.๗๔"
    assert parse_score("๙๕.๑๓") == D("95.13") == parse_score("95.13")
    assert parse_score(" 95,13 ") == D("95.13")
    assert parse_score("100") == D("100.00")
    assert percent_change(D("85.56"), D("88.30")) == D("3.20")


@pytest.mark.parametrize("bad", ["abc", "", "101", "-1", "95.123", "๙๕..๑", "1e3", "nan"])
def test_bad_scores_refused_in_thai(bad):
    with pytest.raises(InputError) as e:
        parse_score(bad)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(e.value))


def test_thai_collation():
    words = ["เรื่อง", "กรุงเทพ", "ไก่", "ขนม", "แม่น้ำ", "โปร่งใส"]
    assert thai_sorted(words) == ["กรุงเทพ", "ไก่", "ขนม", "โปร่งใส", "แม่น้ำ", "เรื่อง"]
