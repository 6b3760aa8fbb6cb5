"""Which year a form's memo is about, its empty-table warnings, and the unit that owns it."""

import json

import pytest

from itadesk.documents.errors import FormError
from itadesk.documents.forms import (
    form_data_gaps,
    form_year_offset,
    load_form_file,
    memo_year_for,
    new_memo_from_form,
    owner_unit,
)


def test_measures_plan_is_the_next_year():
    assert form_year_offset("measures_plan") == 1
    assert memo_year_for("measures_plan", 2565) == 2566
    assert memo_year_for("analysis_report", 2565) == 2565
    assert memo_year_for("measures_results", 2565) == 2565


def test_bad_year_offset_is_a_thai_error(tmp_path):
    p = tmp_path / "x.toml"
    p.write_text('kind = "x"\nsubject = "s"\nyear_offset = 5\n', encoding="utf-8")
    with pytest.raises(FormError) as e:
        load_form_file(p)
    assert "year_offset" in str(e.value) and "บรรทัด 3" in str(e.value)


def test_gaps(examples_dir):
    d = json.loads((examples_dir / "seed001_nonthong_analysis_2565.json").read_text(encoding="utf-8"))
    assert form_data_gaps(d, "analysis_report", 2565) == []          # seed 001 has it all
    assert form_data_gaps(d, "measures_plan", 2566) == []
    gaps = form_data_gaps(d, "measures_plan", 2565)                  # the wrong year: no measures
    assert len(gaps) == 1 and "2565" in gaps[0] and "มาตรการ" in gaps[0]
    empty = {"office": d["office"], "years": [], "measures": []}
    gaps = form_data_gaps(empty, "analysis_report", 2565)
    assert any("คะแนน" in g and "2564" in g for g in gaps) and any("2566" in g for g in gaps)


def test_owner_unit():
    units = ["สำนักปลัดเทศบาล", "งานนโยบายและแผน", "กองคลัง"]
    assert owner_unit(units, {"position": "ผู้ช่วยนักวิเคราะห์นโยบายและแผน"}) == "งานนโยบายและแผน"
    assert owner_unit(units, {"position": "นิติกร"}) == "สำนักปลัดเทศบาล"
    assert owner_unit(units, {"position": "นิติกร", "unit": "กองคลัง"}) == "กองคลัง"
    assert owner_unit([], {"position": "นิติกร"}) == ""


def test_author_and_unit_override(examples_dir):
    d = json.loads((examples_dir / "seed001_nonthong_analysis_2565.json").read_text(encoding="utf-8"))
    m = new_memo_from_form(d, "analysis_report", 2565, author_key="supee", unit="กองคลัง เทศบาลตำบลโนนทอง")
    assert m["author"]["person"] == "supee" and m["unit"] == "กองคลัง เทศบาลตำบลโนนทอง"
    assert all(c["person"] != "supee" for c in m["chain"])
