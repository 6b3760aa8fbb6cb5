"""numbers: totals, change, levels, pass mark, counts, weights, ranks and years agree with the data.
Expected values are seed 001's signed figures (88.30, 85.56, +2.74 points = +3.20 %) and the
framework's published tables, not the checker's output."""

import shutil
from decimal import Decimal

from itadesk.domain.checks import possible_levels
from itadesk.domain.frameworks import framework_for, load_framework

from tests.domain.checks.check_helpers import base, codes, para, run, set_para


def test_correct_memo_is_silent():
    assert run(base()) == []


def test_total_with_digits_swapped():
    d = base()
    set_para(d, para(d).replace("๘๘.๓๐", "๘๘.๐๓"))
    f = [x for x in run(d) if x.code == "score_text"]
    assert len(f) == 1 and f[0].severity == "error" and f[0].family == "numbers"
    assert "‘๘๘.๐๓’" in f[0].message and "๘๘.๓๐" in f[0].message
    assert f[0].place.endswith("ข้อ ๒ ข้อเท็จจริง ย่อหน้าที่ ๑")
    assert (f[0].loc.kind, f[0].loc.key, f[0].loc.section, f[0].loc.paragraph) == ("memo", "memo1", 1, 0)


def test_last_years_total_as_this_years():
    d = base()
    set_para(d, "เทศบาลตำบลโนนทอง ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ ได้คะแนนรวม ๘๕.๕๖ คะแนน")
    f = [x for x in run(d) if x.code == "score_text"]
    assert f and "ปี ๒๕๖๔" in f[0].message and "๘๘.๓๐" in f[0].message


def test_points_written_as_percent():
    d = base()
    set_para(d, para(d).replace("คิดเป็นร้อยละ ๓.๒๐", "คิดเป็นร้อยละ ๒.๗๔"))
    f = [x for x in run(d) if x.code == "change_percent"]
    assert len(f) == 1 and "ร้อยละ ๓.๒๐" in f[0].message and "๒.๗๔ คะแนน" in f[0].message


def test_direction_word_against_the_data():
    d = base()
    set_para(d, para(d).replace("ซึ่งเพิ่มขึ้นจาก", "ซึ่งลดลงจาก").replace("โดยเพิ่มขึ้น ๒.๗๔", "โดยลดลง ๒.๗๔"))
    f = [x for x in run(d) if x.code == "direction"]
    assert len(f) == 1 and "เพิ่มขึ้น ๒.๗๔ คะแนน" in f[0].message


def test_level_in_text_and_previous_year():
    d = base()
    set_para(d, para(d).replace("ระดับ A", "ระดับ AA").replace("พ.ศ. ๒๕๖๔", "พ.ศ. ๒๕๖๓"))
    got = codes(run(d), "error")
    assert "level_text" in got and "previous_year" in got


def test_pass_mark_count_and_weight():
    d = base()
    blocks = d["memos"][0]["attachments"][0]["blocks"]
    blocks[0]["text"] = "การประเมินมีเครื่องมือ ๔ เครื่องมือ ผ่านเกณฑ์ (๘๐ คะแนนขึ้นไป) โดย IIT น้ำหนักร้อยละ ๔๐"
    f = {x.code: x for x in run(d)}
    assert {"count_text", "pass_mark", "weight_text"} <= set(f)
    assert "๘๕ คะแนน" in f["pass_mark"].message and "ร้อยละ ๓๐" in f["weight_text"].message
    blocks[0]["text"] = "การประเมินมีเครื่องมือ ๓ เครื่องมือ ผ่านเกณฑ์ (๘๕ คะแนนขึ้นไป) โดย IIT น้ำหนักร้อยละ ๓๐"
    assert run(d) == []


def test_rank_claims():
    d = base()
    set_para(d, "ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร ได้คะแนนต่ำที่สุด ส่วนการป้องกันการทุจริตได้คะแนนสูงที่สุด")
    assert run(d) == []       # 2565 (seed 001): 72.04 is the lowest, 100 the highest
    set_para(d, "ตัวชี้วัดที่ ๘ การปรับปรุงระบบการทำงาน ได้คะแนนต่ำที่สุด ส่วนการปฏิบัติหน้าที่ได้คะแนนสูงที่สุด")
    f = [x for x in run(d) if x.code == "rank_text"]
    assert len(f) == 2 and "ประสิทธิภาพการสื่อสาร (๗๒.๐๔)" in f[0].message
    assert "การป้องกันการทุจริต (๑๐๐.๐๐)" in f[1].message


def test_static_band_row():
    d = base()
    d["memos"][0]["attachments"][0]["blocks"].append(
        {"type": "table", "table": "static", "columns": [{"key": "r"}, {"key": "l"}],
         "rows": [["๘๕.๐๐ - ๙๔.๙๙", "A"], ["๗๕.๐๐ - ๘๕.๐๐", "B"]]})
    f = [x for x in run(d) if x.code == "band_text"]
    assert len(f) == 1 and f[0].loc.row == 1 and "๗๕.๐๐–๘๔.๙๙" in f[0].message


def test_years_of_subject_titles_and_tables():
    d = base()
    memo = d["memos"][0]
    memo["attachments"][1]["title"][0] = "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี ๒๕๖๒"
    memo["attachments"][1]["blocks"][0]["fiscal_year"] = 2562
    memo["attachments"][0]["blocks"][1]["years"] = [2563, 2564]
    f = [x for x in run(d) if x.code == "attachment_year"]
    assert len(f) == 3 and all(x.severity == "error" for x in f)
    d = base()
    d["memos"][0]["fiscal_year"] = 2566
    d["memos"][0]["date"] = "2023-01-05"
    assert "subject_year" in codes(run(d), "error")


def test_published_total_and_level_against_scores():
    d = base()
    d["years"][1]["published_level"] = "AA"
    f = run(d)
    assert codes(f) == ["level_mismatch"] and "๘๘.๓๐" in f[0].message and "“A”" in f[0].message
    d = base()
    d["years"][1]["published_total"] = "88.31"
    assert codes(run(d)) == ["total_mismatch"]


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


def test_pass_scheme_level_from_total_only(tmp_path):
    """Seed 002's kind of slip: 99.78 printed as ต้องปรับปรุง (2567 pass scheme)."""
    for y in (2564, 2565):
        shutil.copy(load_framework(y).path, tmp_path / f"{y}.toml")
    (tmp_path / "2567.toml").write_text(FW2567, encoding="utf-8")
    loader = lambda y: framework_for(y, tmp_path)  # noqa: E731
    assert possible_levels(loader(2567), Decimal("99.78")) == {"ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน"}
    d = base()
    d["years"].append({"fiscal_year": 2567, "published_total": "99.78", "published_level": "ต้องปรับปรุง"})
    f = [x for x in run(d, frameworks=loader) if x.code == "level_mismatch"]
    assert len(f) == 1 and f[0].where == "years[2567].published_level" and "ผ่านดีเยี่ยม" in f[0].message
    d["years"][-1]["published_level"] = "ผ่านดีเยี่ยม"
    assert run(d, frameworks=loader) == []


def test_year_without_framework_is_a_notice(tmp_path):
    for y in (2564, 2565):
        shutil.copy(load_framework(y).path, tmp_path / f"{y}.toml")
    d = base()
    d["years"].append({"fiscal_year": 2567, "published_total": "99.78", "published_level": "ผ่านดีเยี่ยม"})
    f = [x for x in run(d, frameworks=lambda y: framework_for(y, tmp_path)) if x.code == "no_framework"]
    assert [(x.severity, "๒๕๖๗" in x.message) for x in f] == [("notice", True)]
