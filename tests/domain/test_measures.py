import pytest

from itadesk.domain.analysis import analyse, load_suggestions
from itadesk.domain.errors import InputError
from itadesk.domain.frameworks import load_framework
from itadesk.domain.measures import (
    choose_units, fiscal_year_period, measure_units, merge_report, period_problem,
    period_within_fiscal_year, propose_measures, report_of, status_label, status_labels,
)

S2565 = {1: "96.54", 2: "93.28", 3: "96.07", 4: "94.65", 5: "85.14", 6: "79.79", 7: "72.04",
         8: "73.20", 9: "89.29", 10: "100"}
S2564 = {1: "88.73", 2: "74.98", 3: "79.43", 4: "75.15", 5: "74.57", 6: "84.90", 7: "84.58",
         8: "81.62", 9: "90.64", 10: "93.75"}

UNITS = ["สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง", "กองการศึกษา"]


@pytest.fixture(scope="module")
def fw():
    return load_framework(2565)


def test_propose_measures_for_seed001(fw):
    an = analyse(fw, S2565, S2564)
    ms = propose_measures(fw, an, 2566, UNITS, load_suggestions())
    assert [m["indicators"] for m in ms] == [[7], [8], [6], [5], [9]]   # urgent first, weakest first
    by = {m["indicators"][0]: m for m in ms}
    assert by[7]["title"] == "มาตรการ/แนวทางการเพิ่มประสิทธิภาพการสื่อสาร"
    assert by[5]["title"] == "มาตรการ/แนวทางการแก้ไขปัญหาการทุจริต"
    assert by[7]["units"] == ["สำนักปลัดเทศบาล"]      # สำนักปลัด preferred, office's longer name
    assert by[9]["units"] == ["ทุกส่วนราชการ"]
    for m in ms:
        assert m["period"] == {"from": "2022-10", "to": "2023-09"}
        assert period_within_fiscal_year(m["period"], 2566)
        assert m["status"] == "planned" and m["fiscal_year"] == 2566 and m["monitoring"]
        assert len(m["steps"]) == 3 and not any(s["text"].startswith("ควร") for s in m["steps"])
    assert len({m["key"] for m in ms}) == len(ms)


def test_budget_goes_to_the_finance_division_if_the_office_has_one(fw):
    an = analyse(fw, {**S2565, 2: "70"}, S2564)
    m = {x["indicators"][0]: x for x in propose_measures(fw, an, 2566, UNITS)}
    assert m[2]["units"] == ["กองคลัง"] and m[2]["title"] == "มาตรการ/แนวทางการใช้งบประมาณ"
    m = {x["indicators"][0]: x for x in propose_measures(fw, an, 2566, ["สำนักปลัด", "กองช่าง"])}
    assert m[2]["units"] == ["ทุกส่วนราชการ"]


def test_chosen_suggestions_become_steps_and_weak_items_add_units(fw):
    lib = load_suggestions()
    an = analyse(fw, S2565, S2564, items={"O20": "0"})
    chosen = {7: [lib.for_indicator(fw, 7).suggestions[1].text, "ควรติดป้ายประชาสัมพันธ์หน้าสำนักงาน"]}
    ms = {m["indicators"][0]: m for m in propose_measures(fw, an, 2566, UNITS, lib, chosen=chosen,
                                                            existing_keys=["m2566-7"])}
    assert [s["text"] for s in ms[7]["steps"]] == [lib.for_indicator(fw, 7).suggestions[1].step,
                                                   "ติดป้ายประชาสัมพันธ์หน้าสำนักงาน"]
    assert ms[7]["key"] == "m2566-7-2"
    assert ms[9]["items"] == ["O20"] and ms[9]["units"] == ["กองคลัง"]
    assert "ผลการใช้จ่ายงบประมาณ" in ms[9]["steps"][0]["text"]


def test_periods():
    assert fiscal_year_period(2568) == {"from": "2024-10", "to": "2025-09"}
    assert period_within_fiscal_year({"from": "2022-12", "to": "2023-09"}, 2566)
    assert not period_within_fiscal_year({"from": "2022-09", "to": "2023-09"}, 2566)
    assert not period_within_fiscal_year({"from": "2023-01", "to": "2023-10"}, 2566)
    assert not period_within_fiscal_year({"from": "2023-05", "to": "2023-01"}, 2566)
    assert not period_within_fiscal_year({"from": "2023-13", "to": "2023-01"}, 2566)
    assert not period_within_fiscal_year(None, 2566)
    assert period_problem({"from": "2022-12", "to": "2023-09"}, 2566) is None
    msg = period_problem({"from": "2021-10", "to": "2022-09"}, 2566)
    assert "นอกปีงบประมาณ พ.ศ. ๒๕๖๖" in msg and "ต.ค. ๖๕ – ก.ย. ๖๖" in msg
    assert "หลัง" in period_problem({"from": "2023-05", "to": "2023-01"}, 2566)


def test_status_labels():
    assert status_label("in_progress") == "อยู่ระหว่างดำเนินการ"
    assert set(status_labels()) == {"planned", "in_progress", "done", "cancelled"}
    with pytest.raises(InputError):
        status_label("finished")


def test_merge_report_keeps_the_other_report():
    m = {"key": "m1", "fiscal_year": 2566, "title": "ก", "status": "planned"}
    m6 = merge_report(m, {"kind": "6m", "date": "2023-04-05", "status": "in_progress",
                          "output": "จัดประชุมแล้ว", "note": "รอบแรก"})
    assert m == {"key": "m1", "fiscal_year": 2566, "title": "ก", "status": "planned"}  # not mutated
    assert m6["status"] == "in_progress"
    m12 = merge_report(m6, {"kind": "12m", "date": "2023-10-10", "status": "done", "outcome": "สำเร็จ"})
    assert [r["kind"] for r in m12["reports"]] == ["6m", "12m"]
    assert report_of(m12, "6m")["output"] == "จัดประชุมแล้ว" and m12["status"] == "done"
    # Updating the 6-month report later: the 12-month one and the 6m note survive; status stays 12m's.
    again = merge_report(m12, {"kind": "6m", "output": "จัดประชุม ๒ ครั้ง", "status": "in_progress"})
    assert report_of(again, "6m") == {"kind": "6m", "date": "2023-04-05", "status": "in_progress",
                                      "output": "จัดประชุม ๒ ครั้ง", "note": "รอบแรก"}
    assert report_of(again, "12m")["outcome"] == "สำเร็จ" and again["status"] == "done"
    with pytest.raises(InputError):
        merge_report(m, {"kind": "3m"})
    with pytest.raises(InputError):
        merge_report(m, {"kind": "6m", "status": "ok"})


def test_units_helpers():
    assert choose_units(["กองคลัง"], ["สำนักปลัด"], "ทุกส่วนราชการ") == ["ทุกส่วนราชการ"]
    m = {"units": ["สำนักปลัด"], "steps": [{"text": "ก", "units": ["กองช่าง", "สำนักปลัด"]}]}
    assert measure_units(m) == ["สำนักปลัด", "กองช่าง"]
