"""The forms name the office's own staff: an อบต.'s memo never says พนักงานเทศบาล.
Expected titles from the personnel act (พ.ร.บ. ระเบียบบริหารงานบุคคลส่วนท้องถิ่น พ.ศ. ๒๕๔๒)."""

import datetime as dt

import pytest

from itadesk.documents.forms import new_memo_from_form, staff_title


@pytest.mark.parametrize("kind, name, want", [
    ("เทศบาลตำบล", "เทศบาลตำบลหนองบัว", "พนักงานเทศบาล"),
    ("เทศบาลนคร", "เทศบาลนครขอนแก่น", "พนักงานเทศบาล"),
    ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบลนาคำ", "พนักงานส่วนตำบล"),
    ("", "องค์การบริหารส่วนจังหวัดเลย", "พนักงานส่วนจังหวัด"),
    ("", "สำนักงานอื่น", "พนักงาน"),
])
def test_staff_title_by_kind(kind, name, want):
    assert staff_title({"kind": kind, "name": name}) == want


@pytest.mark.parametrize("form", ["analysis_report", "measures_results"])
def test_a_tambon_organisation_memo_names_its_own_staff(form):
    office = {"name": "องค์การบริหารส่วนตำบลนาคำ", "kind": "องค์การบริหารส่วนตำบล", "amphoe": "เมือง",
              "province": "เลย", "units": ["สำนักปลัด"], "people": []}
    memo = new_memo_from_form({"office": office, "years": [], "measures": []}, form, 2567,
                              today=dt.date(2024, 11, 1))
    text = " ".join(p for s in memo["sections"] for p in s["paragraphs"])
    assert "พนักงานเทศบาล" not in text
    assert "พนักงานส่วนตำบล" in text
