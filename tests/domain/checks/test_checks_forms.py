"""A memo made from each shipped form, on complete and right data, passes the checker: the
program's own wording never trips its own rules."""

import copy

import pytest

from itadesk.documents import new_memo_from_form
from itadesk.domain.checks import check_memo

from tests.domain.checks.check_corpus import TODAY, dossier_a, dossier_c

CASES = [  # (dossier, form, fiscal year, date)
    (dossier_a, "analysis_report", 2566, "2023-10-20"),
    (dossier_a, "measures_plan", 2567, "2023-11-06"),
    (dossier_a, "measures_results", 2567, "2024-10-15"),
    (dossier_c, "measures_results", 2567, "2024-10-21"),
]


@pytest.mark.parametrize("make,form,year,date", CASES, ids=[f"{c[1]}-{c[2]}" for c in CASES])
def test_memo_from_form_is_clean(make, form, year, date):
    d = copy.deepcopy(make())
    if form == "analysis_report":
        d["years"][1]["analysis"] = [{"indicator": n, "category": "keep", "text": "ควรรักษาระดับ"}
                                     for n in range(1, 11)]
    memo = new_memo_from_form(d, form, year)
    memo["date"] = date
    d["memos"] = [memo]
    found = [f for f in check_memo(d, memo["key"], today=TODAY) if f.loc.kind == "memo"]
    assert found == [], [f.text() for f in found]
