from decimal import Decimal as D

import pytest

from itadesk.domain.frameworks import load_framework
from itadesk.domain.scoring import (
    check_published, compare, compute, level_for, ranking, below_pass, INCREASED, DECREASED,
)

S2565 = {1: "96.54", 2: "93.28", 3: "96.07", 4: "94.65", 5: "85.14", 6: "79.79", 7: "72.04",
         8: "73.20", 9: "89.29", 10: "100"}
S2564 = {1: "88.73", 2: "74.98", 3: "79.43", 4: "75.15", 5: "74.57", 6: "84.90", 7: "84.58",
         8: "81.62", 9: "90.64", 10: "93.75"}


def dec(s):
    return {k: D(v) for k, v in s.items()}


def test_seed001_totals():
    r65 = compute(load_framework(2565), dec(S2565))
    assert r65.total == D("88.30") and r65.level == "A"
    r64 = compute(load_framework(2565), dec(S2564))
    assert r64.total == D("85.56") and r64.level == "A"
    assert r65.tools == {"IIT": D("93.14"), "EIT": D("75.01"), "OIT": D("94.65")}


def test_missing_indicator_gives_no_total():
    s = dec(S2565)
    del s[7]
    r = compute(load_framework(2565), s)
    assert r.total is None and r.missing == (7,) and "EIT" not in r.tools


@pytest.mark.parametrize("total,level", [("84.99", "B"), ("85.00", "A"), ("94.99", "A"),
                                         ("95.00", "AA"), ("100", "AA"), ("0", "F"),
                                         ("49.99", "F"), ("50", "E")])
def test_grade_edges(total, level):
    assert level_for(load_framework(2565), D(total)) == level


def test_compare_and_rank():
    fw = load_framework(2565)
    ch = {c.number: c for c in compare(fw, dec(S2564), dec(S2565))}
    assert ch[1].direction == INCREASED and ch[1].points == D("7.81")
    assert ch[7].direction == DECREASED
    r = ranking(fw, dec(S2565))
    assert r[0].number == 10 and r[-1].number == 7
    assert [x.number for x in below_pass(fw, dec(S2565))] == [7, 8, 6]


def test_published_mismatch():
    fw = load_framework(2565)
    r = compute(fw, dec(S2565))
    assert check_published(fw, r, D("88.30"), "A") == []
    mm = check_published(fw, r, D("88.31"), "AA")
    assert {m.field for m in mm} == {"total", "level"}
    assert "ไม่ตรง" in mm[0].message()
