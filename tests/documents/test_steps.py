"""A measure with one step prints it without "๑."; two or more are numbered; a form setting
(step_numbers) can number always or never."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from itadesk.documents.tables import build_table

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "seed003_wiang_measures_2566.json"


def _dossier(steps_per_measure: list[list[str]]) -> tuple[dict, dict]:
    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    ms = d["measures"][:len(steps_per_measure)]
    for m, steps in zip(ms, steps_per_measure):
        m["steps"] = [{"text": t} for t in steps]
    d["measures"] = ms
    return d, d["memos"][0]


def _steps_cells(d: dict, memo: dict, kind: str) -> list[str]:
    td = build_table({"type": "table", "table": kind, "fiscal_year": 2566}, d, memo, True)
    col = td.keys.index("steps")
    return [r[col] for r in td.rows]


@pytest.mark.parametrize("kind", ["measures_plan", "measures_results"])
def test_a_lone_step_is_not_numbered_and_a_list_is(kind):
    d, memo = _dossier([["ประชุมชี้แจงเจ้าหน้าที่"], ["จัดทำคู่มือ", "เผยแพร่คู่มือ", "รายงานผล"]])
    cells = _steps_cells(d, memo, kind)
    assert cells[0] == "ประชุมชี้แจงเจ้าหน้าที่"
    assert cells[1] == "๑. จัดทำคู่มือ\n๒. เผยแพร่คู่มือ\n๓. รายงานผล"


def test_the_form_setting_numbers_always_or_never(monkeypatch):
    from itadesk.documents import tables
    from itadesk.domain.measures import step_numbers

    assert step_numbers(1, "always") == [True]
    assert step_numbers(3, "never") == [False, False, False]
    assert step_numbers(1) == [False] and step_numbers(2) == [True, True]
    d, memo = _dossier([["ประชุมชี้แจงเจ้าหน้าที่"]])
    monkeypatch.setattr(tables._Ctx, "step_style", lambda self: "always")
    assert _steps_cells(d, memo, "measures_plan")[0] == "๑. ประชุมชี้แจงเจ้าหน้าที่"


def test_an_unknown_setting_gets_a_thai_message():
    from itadesk.domain.errors import ItaDeskError
    from itadesk.domain.measures import step_numbers

    with pytest.raises(ItaDeskError, match="ไม่รู้จัก"):
        step_numbers(2, "sometimes")
