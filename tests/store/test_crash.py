"""Crash safety: a writer process killed (SIGKILL) at random moments never corrupts the
database and never loses an edit it had reported as saved.

The writer (``python tests/store/test_crash.py DB``) opens the database with
``open_database`` and loops: one transaction per edit — append measure ``k<n>`` (with a
random-sized text, so the WAL grows and checkpoints run) and set indicator ``n % 10 + 1``
of 2565 to ``score(n)`` — and after each commit prints ``n`` and flushes.  After each kill
the parent checks that the database opens, passes ``PRAGMA integrity_check``, holds every
printed ``n``, holds edits 1..M with no gap (edits are atomic and in order) and that each
indicator's score is the one written by the last edit ≤ M that touched it.

``benchmarks/crash_bench.py`` runs the same loop 500 times.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FISCAL_YEAR = 2565
OFFICE = "เทศบาลตำบลทดสอบการปิดกะทันหัน"


def score(n: int) -> Decimal:
    return Decimal(n % 10001) / 100


# ------------------------------------------------------------------ the writer (child process)

def _set_score(s, select, Assessment, IndicatorScore, office, indicator, value) -> None:
    """One indicator score written with the ORM inside the caller's transaction."""
    a = s.scalar(select(Assessment).where(Assessment.office_id == office.id, Assessment.fiscal_year == FISCAL_YEAR))
    if a is None:
        a = Assessment(office=office, fiscal_year=FISCAL_YEAR)
        s.add(a)
        s.flush()
    for row in a.indicator_scores:
        if row.indicator == indicator:
            row.score = value
            break
    else:
        a.indicator_scores.append(IndicatorScore(indicator=indicator, score=value))
    s.flush()


def writer(path: str) -> None:
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import func, select

    from itadesk.store.models import Assessment, IndicatorScore, Measure, Office
    from itadesk.store.session import open_database

    db = open_database(f"sqlite:///{path}")
    with db.session() as s, s.begin():
        office = s.scalar(select(Office).where(Office.name == OFFICE))
        if office is None:
            office = Office(name=OFFICE)
            s.add(office)
            s.flush()
        office_id = office.id
        n = s.scalar(select(func.count()).select_from(Measure).where(Measure.office_id == office_id))
    rnd = random.Random(os.getpid())
    out = sys.stdout
    while True:
        n += 1
        with db.session() as s, s.begin():
            office = s.get(Office, office_id)
            _set_score(s, select, Assessment, IndicatorScore, office, n % 10 + 1, score(n))
            s.add(Measure(office_id=office_id, key=f"k{n}", fiscal_year=FISCAL_YEAR,
                          title=f"มาตรการที่ {n}", monitoring="ติดตามผล " * rnd.randint(0, 900 if n % 10 == 0 else 20),
                          position_order=n))
        out.write(f"{n}\n")
        out.flush()


# ------------------------------------------------------------------ the checker (parent)

@dataclass
class KillStats:
    kills: int = 0
    corruptions: int = 0
    lost: int = 0            # printed as committed but missing after the kill
    torn: int = 0            # gaps or mismatched scores: a transaction half-applied
    edits: int = 0           # committed edits in the database at the end
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def verify(path: Path, printed: set[int]) -> tuple[int, list[str], int, int, int]:
    """(edits in db, problems, corrupt 0/1, lost, torn) for the database after a kill."""
    from sqlalchemy import select

    from itadesk.store.models import Assessment, IndicatorScore, Measure
    from itadesk.store.session import DatabaseOpenError, integrity_check, open_database

    try:
        db = open_database(f"sqlite:///{path}")
    except DatabaseOpenError as e:
        return 0, [f"open failed: {e}"], 1, 0, 0
    try:
        problem = integrity_check(db.engine)
        if problem:
            return 0, [f"integrity_check: {problem}"], 1, 0, 0
        with db.session() as s:
            keys = s.scalars(select(Measure.key)).all()
            seqs = {int(k[1:]) for k in keys if k.startswith("k")}
            scores = dict(s.execute(select(IndicatorScore.indicator, IndicatorScore.score)
                                    .join(Assessment).where(Assessment.fiscal_year == FISCAL_YEAR)).all())
    finally:
        db.dispose()
    problems = []
    lost = printed - seqs
    if lost:
        problems.append(f"lost committed edits: {sorted(lost)[:10]}")
    top = max(seqs, default=0)
    torn = 0
    if seqs != set(range(1, top + 1)):
        torn += 1
        problems.append(f"gap in edits 1..{top}: missing {sorted(set(range(1, top + 1)) - seqs)[:10]}")
    for ind in range(1, 11):
        last = max((n for n in range(max(1, top - 9), top + 1) if n % 10 + 1 == ind), default=None)
        if last is not None and scores.get(ind) != score(last):
            torn += 1
            problems.append(f"indicator {ind}: score {scores.get(ind)} but edit {last} wrote {score(last)}")
    return top, problems, 0, len(lost), torn


def run_kills(path: Path, kills: int, *, max_delay: float = 0.2, seed: int | None = None,
              stop_on_problem: bool = True, progress=None) -> KillStats:
    rnd = random.Random(seed)
    stats = KillStats()
    t0 = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for k in range(kills):
        proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(ROOT))
        lines = []
        if rnd.random() < 0.2:
            time.sleep(rnd.uniform(0, 0.5))       # anywhere, including during open/migration
        else:
            first = proc.stdout.readline()          # writer is saving edits now
            if first:
                lines.append(first)
            time.sleep(rnd.uniform(0, max_delay))
        proc.kill()
        out, err = proc.communicate()
        lines.extend(out.splitlines(keepends=True))
        printed = {int(x) for x in lines if x.endswith(b"\n") and x.strip().isdigit()}
        if proc.returncode >= 0 and err.strip():   # it died on its own, not by our kill
            stats.problems.append(f"kill {k + 1}: writer failed: {err.decode(errors='replace')[-500:]}")
        top, problems, corrupt, lost, torn = verify(path, printed)
        stats.kills += 1
        stats.corruptions += corrupt
        stats.lost += lost
        stats.torn += torn
        stats.edits = max(stats.edits, top)
        stats.problems += [f"kill {k + 1}: {p}" for p in problems]
        if progress:
            progress(k + 1, stats)
        if problems and stop_on_problem:
            break
    stats.seconds = time.perf_counter() - t0
    return stats


def test_kill_writer_25_times(tmp_path):
    stats = run_kills(tmp_path / "kill.sqlite3", 25, max_delay=0.15, seed=1234)
    assert stats.problems == []
    assert stats.kills == 25 and stats.corruptions == 0 and stats.lost == 0 and stats.torn == 0
    assert stats.edits > 25   # the writer did save edits between kills


if __name__ == "__main__":
    writer(sys.argv[1])
