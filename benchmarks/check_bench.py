"""Recall and false alarms of ``itadesk check`` on an invented test set, per rule family.

    python benchmarks/check_bench.py [-v]

The set (tests/domain/checks/check_corpus.py) holds correct memos of three invented offices and
mistakes made the way clerks make them; none is taken from the example memos.  A mistake counts
as caught when the checker reports something of the mistake's rule family that it does not report
on the correct memo it was made from.  Every finding on a correct memo is a false alarm.  The same
set runs in CI as tests/domain/checks/test_checks_corpus.py.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")


def run(verbose: bool = False) -> dict:
    from itadesk.domain.checks import FAMILIES, FAMILY_LABELS, check_dossier
    from tests.domain.checks.check_corpus import BASES, TODAY, correct_cases, mistake_cases

    t0 = time.perf_counter()
    base_keys = {}
    false_alarms: dict[str, int] = {f: 0 for f in FAMILIES}
    for case in correct_cases():
        fs = check_dossier(case.dossier, today=TODAY)
        for f in fs:
            false_alarms[f.family] = false_alarms.get(f.family, 0) + 1
            if verbose:
                print(f"  เตือนผิด [{case.name}] {f.family}/{f.code}: {f.place}: {f.message}")
    for k, make in BASES.items():
        base_keys[k] = {(f.code, f.where, f.message) for f in check_dossier(make(), today=TODAY)}
    total: dict[str, int] = {f: 0 for f in FAMILIES}
    caught: dict[str, int] = {f: 0 for f in FAMILIES}
    as_error = 0
    missed = []
    wrong_sev: list = []
    cases = mistake_cases()
    for case in cases:
        base = next(k for k, make in BASES.items() if make()["office"]["name"] == case.dossier["office"]["name"])
        new = [f for f in check_dossier(case.dossier, today=TODAY)
               if (f.code, f.where, f.message) not in base_keys[base]]
        mine = [f for f in new if f.family == case.family]
        total[case.family] += 1
        if mine:
            caught[case.family] += 1
            right_sev = any(f.severity == "error" for f in mine) == (case.severity == "error")
            as_error += right_sev
            if not right_sev:
                wrong_sev.append(case)
            if verbose:
                f = mine[0]
                print(f"  พบ   [{case.name}] {f.severity}: {f.place}: {f.message}")
        else:
            missed.append((case, new))
    dt = time.perf_counter() - t0
    print(f"ชุดทดสอบ: บันทึกที่ถูกต้อง {len(correct_cases())} ชุด, ข้อผิดพลาดที่จงใจใส่ {len(cases)} รายการ")
    print(f"{'กลุ่มกฎ':<28}{'พบ/ทั้งหมด':>12}{'recall':>9}{'เตือนผิด':>10}")
    for fam in FAMILIES:
        n = total[fam]
        r = caught[fam] / n if n else 1.0
        print(f"{fam + ' (' + FAMILY_LABELS[fam] + ')':<28}{f'{caught[fam]}/{n}':>12}{r:>9.0%}{false_alarms.get(fam, 0):>10}")
    all_c, all_n = sum(caught.values()), sum(total.values())
    fa = sum(false_alarms.values())
    print(f"{'รวม':<28}{f'{all_c}/{all_n}':>12}{all_c / all_n:>9.0%}{fa:>10}")
    print(f"ระดับความรุนแรงตรงตามที่ควร (ผิดพลาด/ข้อควรตรวจสอบ): {as_error}/{all_c}")
    for case in wrong_sev:
        print(f"  ระดับความรุนแรงไม่ตรง: [{case.family}] {case.name} (ควรเป็น {case.severity})")
    for case, new in missed:
        other = ", ".join(sorted({f'{f.family}/{f.code}' for f in new})) or "ไม่พบอะไรเลย"
        print(f"  ไม่พบ: [{case.family}] {case.name} (พบแทน: {other})")
    print(f"เวลา {dt:.1f} วินาที")
    return {"recall": all_c / all_n, "false_alarms": fa, "caught": caught, "total": total, "missed": missed}


if __name__ == "__main__":
    run("-v" in sys.argv)
