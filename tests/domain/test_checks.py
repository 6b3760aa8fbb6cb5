"""Each kind of finding from a small hand-made dossier (no example files)."""

import copy
import datetime as dt
import shutil
from decimal import Decimal

from itadesk.domain.checks import (
    check_dossier, check_memo, fiscal_years_in, has_errors, other_office_names, possible_levels,
    default_check_data, years_in,
)
from itadesk.domain.frameworks import framework_for, load_framework

TODAY = dt.date(2023, 1, 10)
S2565 = {"1": "96.54", "2": "93.28", "3": "96.07", "4": "94.65", "5": "85.14", "6": "79.79",
         "7": "72.04", "8": "73.20", "9": "89.29", "10": "100"}


def base() -> dict:
    """A clean dossier: seed 001's office, its 2565 scores, one measure, one memo."""
    return {
        "format": "itadesk-dossier", "version": 1,
        "office": {
            "name": "เทศบาลตำบลโนนทอง", "kind": "เทศบาลตำบล",
            "units": ["สำนักปลัดเทศบาล", "กองคลัง", "กองช่าง"],
            "people": [{"key": "author", "name": "นายอนุวัฒน์ หาญบุรุษ", "position": "ผู้ช่วยนักวิเคราะห์นโยบายและแผน"},
                       {"key": "mayor", "name": "นายชัยยา ภูมิเขต", "position": "นายกเทศมนตรีตำบลโนนทอง"}],
        },
        "years": [{"fiscal_year": 2565, "indicators": dict(S2565),
                   "published_total": "88.30", "published_level": "A"}],
        "measures": [{"key": "m1", "fiscal_year": 2566, "title": "มาตรการ/แนวทางการเพิ่มประสิทธิภาพการสื่อสาร",
                      "steps": [{"text": "จัดทำสื่อประชาสัมพันธ์"}], "units": ["สำนักปลัดเทศบาล"],
                      "period": {"from": "2023-01", "to": "2023-09"}, "status": "planned"}],
        "memos": [{
            "key": "memo1", "form": "analysis_report", "fiscal_year": 2565, "date": "2022-11-02",
            "subject": "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบลโนนทอง "
                       "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ และการจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
                       "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            "to": "นายกเทศมนตรีตำบลโนนทอง",
            "sections": [{"title": "ข้อเท็จจริง", "paragraphs": [
                "จากผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ.๒๕๖๕ เทศบาลตำบลโนนทอง ได้คะแนนรวม ๘๘.๓๐ คะแนน "
                "ตามแผนแม่บทภายใต้ยุทธศาสตร์ชาติ (พ.ศ. ๒๕๖๑-๒๕๘๐) และพระราชบัญญัติข้อมูลข่าวสารของทางราชการ พ.ศ. ๒๕๔๐"]}],
            "closing": "จึงเรียนมาเพื่อโปรดทราบ และพิจารณาดำเนินการ ต่อไป",
            "author": {"person": "author"},
            "chain": [{"heading": "ความเห็นนายกเทศมนตรีตำบลโนนทอง", "person": "mayor",
                       "choices": ["เห็นชอบ", "ไม่เห็นชอบ เพราะ"]}],
            "attachments": [
                {"title": ["รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน",
                           "ของเทศบาลตำบลโนนทอง ประจำปีงบประมาณ พ.ศ. ๒๕๖๕"],
                 "blocks": [{"type": "heading", "text": "สรุปผลการประเมินประจำปีงบประมาณ พ.ศ.๒๕๖๕ (เทียบกับปีงบประมาณ พ.ศ. ๒๕๖๔)"},
                            {"type": "table", "table": "score_comparison", "years": [2564, 2565]},
                            {"type": "table", "table": "indicator_analysis", "fiscal_year": 2565}]},
                {"title": ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
                           "เทศบาลตำบลโนนทอง อำเภอนายูง จังหวัดอุดรธานี"],
                 "blocks": [{"type": "table", "table": "measures_plan", "fiscal_year": 2566}]},
            ],
        }],
    }


def codes(findings, severity=None):
    return sorted({f.code for f in findings if severity is None or f.severity == severity})


def run(d, **kw):
    return check_dossier(d, today=kw.pop("today", TODAY), **kw)


def test_clean_dossier_has_no_findings():
    assert run(base()) == []


def test_helpers_normalise_thai_digits():
    assert years_in("ประจำปี ๒๕๖๒ และ 2566") == [2562, 2566]
    assert fiscal_years_in("ประจำปีงบประมาณ พ.ศ. ๒๕๕๕ ตาม พ.ร.บ. พ.ศ. ๒๕๔๐ ITA ๒๕๖๕") == [2555, 2565]


def test_attachment_title_year_differs_from_subject_seed003():
    d = base()
    memo = d["memos"][0]
    memo.update(form="measures_results", fiscal_year=2566, date="2022-11-23",
                subject="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ๒๕๖๖")
    memo["attachments"] = [
        {"title": ["มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปี ๒๕๖๒"],
         "blocks": [{"type": "table", "table": "measures_plan", "fiscal_year": 2566}]},
        {"title": ["การนำมาตรการส่งเสริมคุณธรรมและความโปร่งใสไปสู่การปฏิบัติภายในหน่วยงาน ประจำปี พ.ศ. ๒๕๖๖"],
         "blocks": [{"type": "table", "table": "measures_results", "fiscal_year": 2562}]}]
    f = [x for x in run(d) if x.code == "attachment_year"]
    assert [x.where for x in f] == ["memos[memo1].attachments[0].title[0]",
                                    "memos[memo1].attachments[1].blocks[0].fiscal_year"]
    assert all(x.severity == "error" for x in f)
    assert "๒๕๖๒" in f[0].message and "๒๕๖๖" in f[0].message


def test_memo_fiscal_year_not_in_subject():
    d = base()
    d["memos"][0]["fiscal_year"] = 2564
    d["memos"][0]["date"] = "2022-11-02"
    assert "subject_year" in codes(run(d), "error")


def test_comparison_table_ending_in_another_year():
    d = base()
    d["memos"][0]["attachments"][0]["blocks"][1]["years"] = [2563, 2564]
    f = [x for x in run(d) if x.code == "attachment_year"]
    assert len(f) == 1 and f[0].where.endswith("blocks[1].years")


def test_published_level_does_not_match_total_seed002(tmp_path):
    """Seed 002: 99.78 points printed as ต้องปรับปรุง (a 2567 pass-scale level)."""
    shutil.copy(load_framework(2565).path, tmp_path / "2565.toml")
    (tmp_path / "2567.toml").write_text(FW2567, encoding="utf-8")
    loader = lambda y: framework_for(y, tmp_path)  # noqa: E731
    d = base()
    d["years"].append({"fiscal_year": 2567, "published_total": "99.78", "published_level": "ต้องปรับปรุง"})
    f = [x for x in run(d, frameworks=loader) if x.code == "level_mismatch"]
    assert len(f) == 1 and f[0].severity == "error" and f[0].where == "years[2567].published_level"
    assert "ผ่านดีเยี่ยม" in f[0].message and "๙๙.๗๘" in f[0].message
    # Tool scores unknown: any of the top three is possible, ต้องปรับปรุง is not.
    assert possible_levels(loader(2567), Decimal("99.78")) == {"ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน"}
    d["years"][-1]["published_level"] = "ผ่านดีเยี่ยม"
    assert run(d, frameworks=loader) == []


def test_level_from_computed_total_and_total_mismatch():
    d = base()
    d["years"][0]["published_level"] = "AA"
    f = run(d)
    assert codes(f) == ["level_mismatch"] and "๘๘.๓๐" in f[0].message and "“A”" in f[0].message
    d = base()
    d["years"][0]["published_total"] = "88.31"
    f = run(d)
    assert codes(f) == ["total_mismatch"] and "๘๘.๓๑" in f[0].message and "๘๘.๓๐" in f[0].message


def test_year_without_framework_is_a_warning_not_a_wrong_claim(tmp_path):
    shutil.copy(load_framework(2565).path, tmp_path / "2565.toml")   # only 2565 known
    d = base()
    d["years"].append({"fiscal_year": 2567, "published_total": "99.78", "published_level": "ผ่านดีเยี่ยม"})
    f = run(d, frameworks=lambda y: framework_for(y, tmp_path))
    assert [(x.code, x.severity) for x in f] == [("no_framework", "warning")]
    assert "๒๕๖๗" in f[0].message and "กรอบการประเมิน" in f[0].message


def test_measure_period_outside_fiscal_year():
    d = base()
    d["measures"][0]["period"] = {"from": "2022-09", "to": "2023-09"}
    d["measures"][0]["steps"].append({"text": "ขั้นที่สอง", "period": {"from": "2023-01", "to": "2023-12"}})
    f = [x for x in run(d) if x.code == "measure_period"]
    assert [x.where for x in f] == ["measures[m1].period", "measures[m1].steps[1].period"]
    assert "นอกปีงบประมาณ พ.ศ. ๒๕๖๖" in f[0].message


def test_measure_without_period_or_units():
    d = base()
    del d["measures"][0]["period"]
    d["measures"][0]["units"] = []
    assert codes(run(d), "error") == ["measure_period", "measure_units"]
    d = base()
    d["measures"][0]["units"] = ["  "]
    assert codes(run(d)) == ["measure_units"]
    # Units per step (seed 000): fine when every step has one.
    d = base()
    d["measures"][0]["units"] = []
    d["measures"][0]["steps"] = [{"text": "ก", "units": ["กองคลัง"]}, {"text": "ข", "units": []}]
    f = run(d)
    assert codes(f) == ["measure_units"] and f[0].where == "measures[m1].steps[1].units"


def test_measure_unit_not_of_the_office_is_a_warning():
    d = base()
    d["measures"][0]["units"] = ["สำนักปลัด", "ทุกส่วนราชการ", "กองสาธารณสุข"]
    f = run(d)
    assert codes(f) == ["measure_unit_unknown"] and f[0].severity == "warning" and "กองสาธารณสุข" in f[0].message


def test_memo_without_author_or_with_unknown_signer():
    d = base()
    del d["memos"][0]["author"]
    d["memos"][0]["chain"].append({"heading": "ความเห็นปลัดเทศบาล", "person": "palad"})
    f = run(d)
    assert codes(f, "error") == ["memo_author", "memo_person"]
    assert any("palad" in x.message and x.where == "memos[memo1].chain[1].person" for x in f)
    d = base()
    d["memos"][0]["author"] = {"person": "ghost"}
    assert codes(run(d)) == ["memo_person"]


def test_memo_dates():
    d = base()
    f = run(d, today=dt.date(2022, 11, 1))
    assert codes(f, "error") == ["memo_date"] and "อนาคต" in f[0].message
    d["memos"][0]["date"] = "2021-09-30"            # before fiscal 2565 began
    f = run(d)
    assert codes(f, "error") == ["memo_date"] and "ก่อนเริ่มปีงบประมาณ ๒๕๖๕" in f[0].message
    d["memos"][0]["date"] = "2022-03-01"            # in the year, before results (August)
    f = run(d)
    assert codes(f) == ["memo_date"] and f[0].severity == "warning"
    d["memos"][0]["date"] = ""
    assert [(x.code, x.severity) for x in run(d)] == [("memo_date", "warning")]
    # A plan for 2566 may be written after 2565's results, before 2566 begins.
    d = base()
    d["memos"][0].update(form="measures_plan", fiscal_year=2566, date="2022-09-01")
    assert run(d) == []
    d["memos"][0]["date"] = "2022-02-01"
    assert codes(run(d), "error") == ["memo_date"]


def test_typos_in_fixed_wording():
    d = base()
    m = d["memos"][0]
    m["subject"] = m["subject"].replace("การจัดทำมาตรการส่งเสริม", "การจัดทำมาตรฐานส่งเสริม")
    m["unit"] = "งานนิตการ สำนักปลัดเทศบาล เทศบาลตำบลโนนทอง"
    m["sections"][0]["paragraphs"].append("แต่เนื่องจากยังมีข้อข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไข")
    m["closing"] = "จึงประกาศมาเพื่อโปรดทราบและพิจารณา"
    d["measures"][0]["steps"][0]["text"] = "ให้นิตกรตรวจสอบ"
    f = [x for x in run(d) if x.code == "typo"]
    got = {x.where: x.message for x in f}
    assert "มาตรการส่งเสริมคุณธรรม" in got["memos[memo1].subject"]
    assert "งานนิติการ" in got["memos[memo1].unit"]
    assert "ข้อบกพร่อง" in got["memos[memo1].sections[0].paragraphs[1]"]
    assert "จึงเรียนมาเพื่อโปรดทราบ" in got["memos[memo1].closing"]
    assert "นิติกร" in got["measures[m1].steps[0].text"]
    assert all(x.severity == "warning" for x in f)


def test_typo_list_does_not_hit_correct_wording():
    correct = ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส งานนิติการ นิติกรชำนาญการ ข้อบกพร่อง "
               "จึงเรียนมาเพื่อโปรดทราบ นายกองค์การบริหารส่วนตำบลภูซาง บุคลากร ผู้บังคับบัญชาทราบ")
    data = default_check_data()
    assert [t.wrong for t in data.typos if t.wrong in correct] == []


def test_far_year_in_memo_text_seed000():
    d = base()
    d["memos"][0]["sections"][0]["paragraphs"].append(
        "จึงขอรายงานผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๕๕ รายละเอียดปรากฏตามเอกสารแนบ")
    f = run(d)
    assert codes(f) == ["year_far"] and f[0].where == "memos[memo1].sections[0].paragraphs[1]"
    assert "๒๕๕๕" in f[0].message


def test_attachment_names_another_office_seed002():
    d = base()
    d["memos"][0]["attachments"][1]["title"][1] = "องค์การบริหารส่วนตำบลกุฉินทรา อำเภอกุฉินทรา จังหวัดพะเยา"
    d["memos"][0]["attachments"][0]["blocks"].append(
        {"type": "table", "table": "static", "rows": [["ประชาชนร้องเรียนมายังเทศบาลตำบลแก้งได้โดยตรง"]]})
    f = [x for x in run(d) if x.code == "office_name"]
    assert len(f) == 2
    sev = {x.where: x.severity for x in f}
    assert sev["memos[memo1].attachments[1].title[1]"] == "error"
    assert sev["memos[memo1].attachments[0].blocks[3].rows[0][0]"] == "warning"
    assert any("องค์การบริหารส่วนตำบลกุฉินทรา" in x.message for x in f)


def test_other_office_names_ignores_own_name_and_bare_kind():
    data = default_check_data()
    own = "เทศบาลตำบลเวียง"
    assert other_office_names("เผยแพร่ผ่านเว็บไซต์ของเทศบาลตำบลเวียงผ่านทางเว็บไซต์", own, data) == []
    assert other_office_names("ทุกเทศบาลตำบล และองค์การบริหารส่วนตำบล ในอำเภอ", own, data) == []
    assert other_office_names("เทศบาลตำบลและองค์การบริหารส่วนตำบลในจังหวัด", own, data) == []
    assert other_office_names("ของเทศบาลตำบล เวียง", own, data) == []
    assert other_office_names("ลดขั้นตอนในการทำงานของเทศบาลตำบลแวงใต้", own, data) == ["เทศบาลตำบลแวงใต้"]
    assert other_office_names("ในสังกัดองค์การบริหารส่วนตำบลภูซาง", "องค์การบริหารส่วนตำบลภูซาง", data) == []


def test_check_memo_filters_to_what_the_memo_prints():
    d = base()
    d["years"][0]["published_level"] = "AA"                     # 2565: printed by memo1
    d["measures"].append({"key": "old", "fiscal_year": 2560, "title": "เก่า", "units": []})
    f = check_memo(d, "memo1", today=TODAY)
    assert codes(f) == ["level_mismatch"] and has_errors(f)
    assert codes(run(d)) == ["level_mismatch", "measure_period", "measure_units"]
    assert codes(check_memo(d, "nope", today=TODAY)) == ["memo_missing"]


def test_finding_text_is_thai():
    d = base()
    del d["memos"][0]["author"]
    t = run(d)[0].text()
    assert t.startswith("ข้อผิดพลาด: ") and "(ตำแหน่ง: memos[memo1].author)" in t


def test_input_is_not_modified():
    d = base()
    d["memos"][0]["closing"] = "จึงประกาศมาเพื่อโปรดทราบ"
    before = copy.deepcopy(d)
    run(d)
    assert d == before


FW2567 = '''
fiscal_year = 2567
name = "ทดสอบ 2567"
pass_mark = "85"
[[tools]]
code = "IIT"
name = "IIT"
weight = "30"
[[tools]]
code = "EIT"
name = "EIT"
weight = "30"
[[tools]]
code = "OIT"
name = "OIT"
weight = "40"
[[indicators]]
number = 1
tool = "IIT"
name = "ก"
[[indicators]]
number = 2
tool = "EIT"
name = "ข"
[[indicators]]
number = 3
tool = "OIT"
name = "ค"
[levels]
kind = "pass"
bands = [
  { label = "ผ่านดีเยี่ยม", min = "95", tools_min = "95", passing = true },
  { label = "ผ่านดี", min = "85", tools_min = "85", passing = true },
  { label = "ผ่าน", min = "85", passing = true },
  { label = "ต้องปรับปรุง", min = "70" },
  { label = "ต้องปรับปรุงโดยด่วน", min = "0" },
]
'''
