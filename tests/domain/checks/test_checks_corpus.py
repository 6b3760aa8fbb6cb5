"""The checker's test set in CI (the numbers are printed by benchmarks/check_bench.py): correct
memos of invented offices stay silent, and the invented mistakes are caught by their rule family."""

import pytest

from itadesk.domain.checks import FAMILIES, check_dossier

from tests.domain.checks.check_corpus import BASES, TODAY, correct_cases, mistake_cases

RECALL_FLOOR = 0.90          # of all mistakes (3 of the set are known blind spots, see the bench)
FAMILY_FLOOR = 0.75


def test_set_is_big_enough_and_varied():
    cases = mistake_cases()
    assert len(cases) >= 60
    assert {c.family for c in cases} == set(FAMILIES)
    assert len({c.dossier["office"]["name"] for c in cases}) >= 3
    assert len(correct_cases()) >= 3


@pytest.mark.parametrize("case", correct_cases(), ids=lambda c: c.name)
def test_correct_memos_stay_silent(case):
    found = check_dossier(case.dossier, today=TODAY)
    assert found == [], [f.text() for f in found]


def test_recall_per_family_and_severity():
    base_keys = {k: {(f.code, f.where, f.message) for f in check_dossier(make(), today=TODAY)}
                 for k, make in BASES.items()}
    by_name = {make()["office"]["name"]: k for k, make in BASES.items()}
    caught = {f: 0 for f in FAMILIES}
    total = {f: 0 for f in FAMILIES}
    wrong_severity = []
    for case in mistake_cases():
        base = base_keys[by_name[case.dossier["office"]["name"]]]
        mine = [f for f in check_dossier(case.dossier, today=TODAY)
                if f.family == case.family and (f.code, f.where, f.message) not in base]
        total[case.family] += 1
        if mine:
            caught[case.family] += 1
            if any(f.severity == "error" for f in mine) != (case.severity == "error"):
                wrong_severity.append(case.name)
    assert sum(caught.values()) / sum(total.values()) >= RECALL_FLOOR, caught
    for fam in FAMILIES:
        assert caught[fam] / total[fam] >= FAMILY_FLOOR, (fam, caught[fam], total[fam])
    assert wrong_severity == []
