"""The framework data files (resources/frameworks/*.toml) and the loader's Thai errors."""

import re
import shutil
from decimal import Decimal as D
from pathlib import Path

import pytest

from itadesk.domain.errors import FrameworkError
from itadesk.domain.frameworks import available_years, load_framework, load_framework_file
from itadesk.domain.scoring import compute, level_for
from itadesk.paths import frameworks_dir

FW_DIR = frameworks_dir()
FILES = sorted(FW_DIR.glob("*.toml"))
YEARS = list(range(2562, 2570))
GRADE_YEARS = [2562, 2563, 2564, 2565, 2566]
PASS_YEARS = [2567, 2568, 2569]

INDICATORS = {
    1: ("IIT", "การปฏิบัติหน้าที่"),
    2: ("IIT", "การใช้งบประมาณ"),
    3: ("IIT", "การใช้อำนาจ"),
    4: ("IIT", "การใช้ทรัพย์สินของราชการ"),
    5: ("IIT", "การแก้ไขปัญหาการทุจริต"),
    6: ("EIT", "คุณภาพการดำเนินงาน"),
    7: ("EIT", "ประสิทธิภาพการสื่อสาร"),
    8: ("EIT", "การปรับปรุงระบบการทำงาน"),
    9: ("OIT", "การเปิดเผยข้อมูล"),
    10: ("OIT", "การป้องกันการทุจริต"),
}
THAI = re.compile(r"[\u0E00-\u0E7F]")


# ------------------------------------------------------------------ the shipped files

def test_every_year_present():
    assert set(YEARS) <= set(available_years())
    assert all(p.stem.isdigit() for p in FILES), "only <year>.toml files belong in the folder"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_file_loads(path):
    fw = load_framework_file(path)
    assert fw.fiscal_year == int(path.stem)
    assert str(fw.fiscal_year) in fw.name and THAI.search(fw.name)
    assert fw.pass_mark == D("85")


@pytest.mark.parametrize("year", YEARS)
def test_tools_and_weights(year):
    fw = load_framework(year)
    assert {t.code: t.weight for t in fw.tools} == {"IIT": D(30), "EIT": D(30), "OIT": D(40)}
    assert sum(t.weight for t in fw.tools) == 100
    assert all(t.source for t in fw.tools)


@pytest.mark.parametrize("year", YEARS)
def test_ten_indicators(year):
    fw = load_framework(year)
    assert {i.number: (i.tool, i.name) for i in fw.indicators} == INDICATORS
    assert all(i.source for i in fw.indicators)


@pytest.mark.parametrize("year", YEARS)
def test_subindicators_and_items_are_consistent(year):
    fw = load_framework(year)
    assert [s.code for s in fw.subindicators] == ["9.1", "9.2", "9.3", "9.4", "9.5", "10.1", "10.2"]
    subs = {s.code: s.indicator for s in fw.subindicators}
    oit = [it for it in fw.items if it.code.startswith("O")]
    assert oit, "every year lists at least the OIT items that are known"
    for it in oit:
        assert it.indicator in (9, 10) and it.title and it.source
        assert subs[it.sub] == it.indicator, it.code
    # every source named anywhere is a key of [sources] (the loader checks items; check the rest too)
    for thing in (*fw.tools, *fw.indicators, *fw.subindicators, *fw.items):
        for ref in filter(None, (r.strip() for r in thing.source.split(","))):
            assert ref in fw.sources
    assert all(it.confidence in ("", "H", "M", "L", "seed") for it in fw.items)
    assert fw.notes, "every year records what is uncertain"


@pytest.mark.parametrize("year", [2562, 2563, 2564, 2566])
def test_old_years_have_43_oit_items(year):
    fw = load_framework(year)
    codes = [it.code for it in fw.items]
    assert codes == [f"O{n}" for n in range(1, 44)]
    assert len(fw.items_of(9)) == (33 if year < 2566 else 30)
    assert all(it.confidence in ("M", "L") for it in fw.items)


def test_o34_wording_differs_before_2565():
    assert load_framework(2564).item("O34").title == "เจตจำนงสุจริตของผู้บริหาร"
    assert "No Gift" in load_framework(2565).item("O34").title
    assert load_framework(2562).item("O1").title == "โครงสร้างองค์กร"


def test_2567_seed_question_codes():
    fw = load_framework(2567)
    for n in range(1, 6):
        assert fw.indicator(n).questions == tuple(f"i{k}" for k in range(3 * n - 2, 3 * n + 1))
        assert [it.code for it in fw.items_of(n)] == list(fw.indicator(n).questions)
    assert fw.item("I12").indicator == 4          # look-up ignores case
    assert fw.item("i5").confidence == "L" and fw.item("i5").source == "seed002"
    e = [fw.item(f"e{k}") for k in range(4, 10)]
    assert all(x is not None and x.indicator is None and x.confidence == "L" for x in e)
    assert fw.item("e3") is None


def test_2569_after_results_items():
    fw = load_framework(2569)
    assert fw.item("O25").title == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert fw.item("O25").sub == "10.2" and fw.item("O2") is None   # unknown codes are left out


# ------------------------------------------------------------------ levels

@pytest.mark.parametrize("year", GRADE_YEARS)
@pytest.mark.parametrize("total,level", [
    ("100", "AA"), ("95", "AA"), ("94.99", "A"), ("85", "A"), ("84.99", "B"), ("75", "B"),
    ("74.99", "C"), ("65", "C"), ("64.99", "D"), ("55", "D"), ("54.99", "E"), ("50", "E"),
    ("49.99", "F"), ("40", "F"), ("0", "F"),
])
def test_grade_edges(year, total, level):
    fw = load_framework(year)
    assert fw.level_kind == "grades"
    assert level_for(fw, D(total)) == level


@pytest.mark.parametrize("year", PASS_YEARS)
def test_pass_scheme(year):
    fw = load_framework(year)
    assert fw.level_kind == "pass"
    assert fw.level_labels == ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"]
    assert [b.passing for b in fw.levels] == [True, True, True, False, False]


def _tools(iit, eit, oit):
    return {"IIT": D(str(iit)), "EIT": D(str(eit)), "OIT": D(str(oit))}


@pytest.mark.parametrize("total,tools,level", [
    # State Audit Office 2568: total up, EIT below 85 → only ผ่าน
    ("94.64", _tools(96, "84.5", 99), "ผ่าน"),
    # its 2567 result, all tools at or above 85
    ("92.43", _tools(93, 90, "93.83"), "ผ่านดี"),
    ("96", _tools(96, 95, 97), "ผ่านดีเยี่ยม"),
    ("96", _tools(96, 90, 100), "ผ่านดี"),
    ("95", _tools(95, 95, 95), "ผ่านดีเยี่ยม"),
    ("85", _tools(85, 85, 85), "ผ่านดี"),
    ("85", _tools(85, "84.99", 85), "ผ่าน"),
    ("84.99", _tools(90, 80, 85), "ต้องปรับปรุง"),
    ("70", _tools(70, 70, 70), "ต้องปรับปรุง"),
    ("69.99", _tools(70, 60, 75), "ต้องปรับปรุงโดยด่วน"),
    ("0", _tools(0, 0, 0), "ต้องปรับปรุงโดยด่วน"),
])
def test_2567_per_tool_rule(total, tools, level):
    assert level_for(load_framework(2567), D(total), tools) == level


def test_2567_without_tool_scores_never_claims_a_per_tool_level():
    fw = load_framework(2567)
    assert level_for(fw, D("97")) == "ผ่าน"
    assert level_for(fw, D("84.99")) == "ต้องปรับปรุง"
    assert level_for(fw, D("69.99")) == "ต้องปรับปรุงโดยด่วน"


def test_2567_compute_end_to_end():
    fw = load_framework(2567)
    scores = {n: D("100") for n in range(1, 11)}
    scores.update({6: D("80"), 7: D("84"), 8: D("86")})       # EIT = 83.33
    r = compute(fw, scores)
    assert r.total == D("95.00") and r.tools["EIT"] == D("83.33") and r.level == "ผ่าน"


# ------------------------------------------------------------------ broken files

GOOD = FW_DIR / "2569.toml"


def _write(tmp_path: Path, text: str, name: str = "2569.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _error(path: Path) -> str:
    with pytest.raises(FrameworkError) as ei:
        load_framework_file(path)
    msg = str(ei.value)
    assert THAI.search(msg) and path.name in msg
    return msg


def _good() -> str:
    return GOOD.read_text(encoding="utf-8")


def test_bad_toml_syntax_names_file_and_line(tmp_path):
    text = _good().replace('weight = "40"', 'weight = = "40"')
    line = text.splitlines().index('weight = = "40"') + 1
    msg = _error(_write(tmp_path, text))
    assert f"บรรทัด {line}" in msg and "weight" in msg and "TOML" in msg


def test_unknown_key(tmp_path):
    text = _good().replace('weight = "40"', 'weight = "40"\ncolour = "red"')
    line = text.splitlines().index('colour = "red"') + 1
    msg = _error(_write(tmp_path, text))
    assert "tools[2].colour" in msg and "ไม่รู้จักคีย์" in msg and f"บรรทัด {line}" in msg


def test_unknown_key_in_an_item(tmp_path):
    text = _good().replace('{ code = "O4", ', '{ code = "O4", colour = "red", ')
    line = next(n for n, s in enumerate(text.splitlines(), 1) if 'colour = "red"' in s)
    msg = _error(_write(tmp_path, text))
    assert "colour" in msg and f"บรรทัด {line}" in msg


def test_missing_key(tmp_path):
    text = re.sub(r"^name = .*\n", "", _good(), count=1, flags=re.M)
    msg = _error(_write(tmp_path, text))
    assert "“name”" in msg and "ต้องระบุ" in msg and "บรรทัด" not in msg


def test_weights_not_100(tmp_path):
    msg = _error(_write(tmp_path, _good().replace('weight = "40"', 'weight = "45"')))
    assert "tools" in msg and "100" in msg and "105" in msg


def test_indicator_names_unknown_tool(tmp_path):
    text = _good().replace('number = 9\ntool = "OIT"', 'number = 9\ntool = "XIT"')
    lines = text.splitlines()
    line = lines.index('tool = "XIT"') + 1
    msg = _error(_write(tmp_path, text))
    assert "indicators[8].tool" in msg and "XIT" in msg and f"บรรทัด {line}" in msg


def test_unknown_source_key(tmp_path):
    msg = _error(_write(tmp_path, _good().replace('source = "rtrda", confidence = "M" },', 'source = "nosuch", confidence = "M" },', 1)))
    assert "nosuch" in msg and "[sources]" in msg


def test_array_after_a_table_header_is_refused(tmp_path):
    # the classic TOML pitfall: `items = [...]` after [sources] silently becomes sources.items
    text = _good().replace("[sources]\n", "[sources]\nitems = [\n  { code = \"O99\" },\n]\n")
    msg = _error(_write(tmp_path, text))
    assert "sources.items" in msg and "[sources]" in msg


def test_year_must_match_file_name(tmp_path):
    msg = _error(_write(tmp_path, _good(), name="2571.toml"))
    assert "fiscal_year" in msg and "2571" in msg


def test_missing_year_is_explained(tmp_path):
    shutil.copy(GOOD, tmp_path / "2569.toml")
    with pytest.raises(FrameworkError) as ei:
        load_framework(2575, directory=tmp_path)
    assert "2575" in str(ei.value) and "2569" in str(ei.value) and "คัดลอก" in str(ei.value)


# ------------------------------------------------------------------ a clerk adds next year

def test_clerk_added_year_loads_without_code_change(tmp_path):
    text = _good().replace("fiscal_year = 2569", "fiscal_year = 2570").replace("พ.ศ. 2569", "พ.ศ. 2570")
    _write(tmp_path, text, name="2570.toml")
    fw = load_framework(2570, directory=tmp_path)
    assert fw.fiscal_year == 2570 and "2570" in fw.name
    assert available_years(tmp_path) == [2570]
    assert level_for(fw, D("94.64"), _tools(96, "84.5", 99)) == "ผ่าน"
