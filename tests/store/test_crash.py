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

The second half kills the PROGRAM'S OWN save paths (see ``run_path_kills``): the services the
window calls — a score edit (``Services.set_indicator_scores``), an analysis note
(``save_analysis_notes``), a measure edit (``update_measure``), a memo edit (``update_memo``) —
and the backup (``backup_sqlite``), restore (``restore_sqlite``) and migration (``open_database``
on a database of the first schema revision).  Every edit writes its sequence number ``n`` into two
fields in one transaction, so a half-applied edit shows as two different numbers (torn), and an
edit the child reported done but that is missing after the kill is lost.  A kill happens only
after the child reported at least one finished edit (or, for the migration, that it started); a
child that reports nothing within ``hang_timeout`` seconds is killed and counted as hung.
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

import pytest

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


# ------------------------------------------------------------------ the program's own save paths

EDIT_PATHS = ("score", "note", "measure", "memo")
PATHS = EDIT_PATHS + ("backup", "restore", "migration")
MOD = 10000                       # sequence numbers wrap here (a score holds 0.00–99.99)
SEED_DOSSIER = ROOT / "examples" / "seed000_wiang_results_2565.json"
OLD_DB = ROOT / "tests" / "fixtures" / "db" / "rev0001.sqlite3"
_NUM = __import__("re").compile(r"#(\d+)#")


def _pad(rnd: random.Random, n: int) -> str:
    return "ข้อความยาว " * rnd.randint(0, 900 if n % 10 == 0 else 20)


def _num(text: str | None) -> int | None:
    m = _NUM.search(text or "")
    return int(m.group(1)) if m else None


def _url(path: Path | str) -> str:
    return f"sqlite:///{path}"


def prepare_edit_db(path: Path) -> None:
    """A database with the seed office (scores, measures, a memo) for the edit paths."""
    from itadesk.store.dossier import import_dossier, load_dossier_file
    from itadesk.store.session import open_database

    db = open_database(_url(path))
    try:
        with db.session() as s, s.begin():
            import_dossier(s, load_dossier_file(SEED_DOSSIER))
    finally:
        db.dispose()


def _services(db):
    from itadesk.store.services import Services

    svc = Services(db)
    year = FISCAL_YEAR
    measure = svc.measures(year)[0] if svc.measures(year) else svc.measures(svc.years()[0])[0]
    memo = svc.memos()[0]
    return svc, year, measure.id, memo.id


def read_edit_state(path: Path, kind: str) -> tuple[int | None, int | None]:
    """The sequence numbers (field A, field B) the path's last saved edit left, through the services."""
    from itadesk.store.session import open_database

    db = open_database(_url(path))
    try:
        svc, year, mid, memo_id = _services(db)
        if kind == "score":
            sc = svc.year_scores(year).indicators
            a, b = sc.get(1), sc.get(2)
            return (None if a is None else int(a * 100), None if b is None else int(b * 100))
        if kind == "note":
            notes = {n["indicator"]: n["text"] for n in svc.analysis_notes(year)}
            return _num(notes.get(1)), _num(notes.get(2))
        if kind == "measure":
            m = svc.measure(mid)
            return _num(m.title), _num(m.output)
        m = svc.memo(memo_id)
        return _num(m.subject), _num(m.closing)
    finally:
        db.dispose()


def edit_writer(kind: str, path: str) -> None:
    """Child: save edits through the window's services forever, printing each finished one."""
    from decimal import Decimal as D

    from itadesk.store.session import open_database

    db = open_database(_url(path))
    svc, year, mid, memo_id = _services(db)
    a, _b = read_edit_state(Path(path), kind)
    n = a or 0
    rnd = random.Random(os.getpid())
    measure = svc.measure(mid)
    memo = svc.memo(memo_id)
    out = sys.stdout
    while True:
        n = (n + 1) % MOD
        if kind == "score":
            v = D(n) / 100
            svc.set_indicator_scores(year, {1: v, 2: v})
        elif kind == "note":
            svc.save_analysis_notes(year, [{"indicator": 1, "text": f"จุดอ่อน #{n}# " + _pad(rnd, n)},
                                           {"indicator": 2, "text": f"ข้อเสนอ #{n}#"}])
        elif kind == "measure":
            measure = svc.update_measure(mid, measure.base(), {"title": f"มาตรการทดสอบ #{n}#",
                                                               "output": f"ผลผลิต #{n}#",
                                                               "monitoring": _pad(rnd, n)})
        else:
            memo = svc.update_memo(memo_id, memo, subject=f"เรื่องทดสอบ #{n}#", closing=f"ปิดท้าย #{n}#",
                                   sections=[{"title": "ทดสอบ", "paragraphs": [_pad(rnd, n) or "ก"]}])
        out.write(f"{n}\n")
        out.flush()


def backup_writer(path: str, outdir: str) -> None:
    from itadesk.store.backup import backup_sqlite
    from itadesk.store.session import open_database

    db = open_database(_url(path))
    n = 0
    while True:
        n += 1
        backup_sqlite(db.engine, dest=Path(outdir) / f"bk-{n}.sqlite3")
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()


def restore_writer(path: str, backup_a: str, backup_b: str) -> None:
    from itadesk.store.restore import restore_sqlite

    n = 0
    while True:
        n += 1
        restore_sqlite(Path(backup_a if n % 2 else backup_b), _url(path))
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()


def migration_writer(path: str) -> None:
    from alembic import command  # noqa: F401  (imported before "started": the kill lands in the work)

    from itadesk.store.session import head_revision, open_database

    head_revision()
    sys.stdout.write("0\n")
    sys.stdout.flush()
    db = open_database(_url(path))
    db.dispose()
    sys.stdout.write("1\n")
    sys.stdout.flush()


@dataclass
class PathStats:
    path: str
    kills: int = 0
    edits: int = 0           # acknowledged edits (or backups, restores, migrations started)
    corruptions: int = 0     # does not open, fails integrity_check, or not at the newest schema revision
    lost: int = 0            # acknowledged but missing after the kill
    torn: int = 0            # half applied (two fields of one edit disagree, a mixed restore)
    hung: int = 0            # no progress within the time limit: killed, counted
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _db_problem(path: Path) -> str | None:
    """Why the database is not healthy as the program would open it next (None: healthy)."""
    from itadesk.store.session import (DatabaseOpenError, current_revision, head_revision, integrity_check,
                                       open_database)

    if not path.exists():
        return "database file missing"
    try:
        db = open_database(_url(path))
    except DatabaseOpenError as e:
        return f"does not open: {e}"
    try:
        problem = integrity_check(db.engine)
        if problem:
            return f"integrity_check: {problem}"
        rev = current_revision(db.engine)
        if rev != head_revision():
            return f"schema revision {rev}, not {head_revision()}"
    finally:
        db.dispose()
    return None


def _counts(path: Path) -> tuple[int, int, int]:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]   # type: ignore[return-value]
                     for t in ("office", "measure", "memo"))
    finally:
        con.close()


def _marker(path: Path) -> str | None:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT subject FROM memo ORDER BY id LIMIT 1").fetchone()
        return row[0] if row else None
    finally:
        con.close()


class _Child:
    """A child process whose stdout lines are collected by a thread (a hung child cannot block us)."""

    def __init__(self, argv: list[str]):
        import threading

        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=str(ROOT))
        self.lines: list[str] = []
        self.first = threading.Event()
        self.err = b""
        self._t = threading.Thread(target=self._read, daemon=True)
        self._t.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            if raw.endswith(b"\n") and raw.strip().isdigit():
                self.lines.append(raw.decode().strip())
                self.first.set()
        self.first.set()

    def kill(self) -> list[int]:
        self.proc.kill()
        self.proc.wait()
        self._t.join(10)
        self.err = self.proc.stderr.read()
        return [int(x) for x in self.lines]


def _child(kind: str, *args: str) -> _Child:
    return _Child([sys.executable, str(Path(__file__).resolve()), kind, *args])


def run_path_kills(kind: str, work: Path, kills: int, *, seed: int, max_delay: float = 0.3,
                   hang_timeout: float = 60.0, stop_on_problem: bool = False, progress=None) -> PathStats:
    """SIGKILL the program's own save path ``kind`` ``kills`` times; count the damage."""
    import glob
    import shutil

    rnd = random.Random(f"{seed}-{kind}")
    st = PathStats(kind)
    t0 = time.perf_counter()
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"{kind}.sqlite3"
    a_file, b_file = work / "restore-a.sqlite3", work / "restore-b.sqlite3"
    if kind != "migration":
        prepare_edit_db(db)
    base_counts = _counts(db) if db.exists() else None
    last = None
    if kind in EDIT_PATHS:
        last, _ = read_edit_state(db, kind)
    if kind == "restore":
        from itadesk.store.backup import backup_sqlite
        from itadesk.store.services import Services
        from itadesk.store.session import open_database

        d = open_database(_url(db))
        try:
            svc = Services(d)
            memo = svc.memos()[0]
            svc.update_memo(memo.id, memo, subject="สำเนา ก")
            backup_sqlite(d.engine, dest=a_file)
            svc.update_memo(memo.id, svc.memo(memo.id), subject="สำเนา ข")
            backup_sqlite(d.engine, dest=b_file)
        finally:
            d.dispose()
    mig_time = 0.5
    if kind == "migration":     # how long a migration takes here: the kills land inside it
        probe = work / "probe.sqlite3"
        shutil.copy2(OLD_DB, probe)
        c = _child("migration", str(probe))
        c.first.wait(hang_timeout)
        t1 = time.perf_counter()
        c.proc.wait(hang_timeout)
        mig_time = max(time.perf_counter() - t1, 0.05)
        c.kill()
    for k in range(kills):
        outdir = work / "backups"
        if kind == "backup":
            shutil.rmtree(outdir, ignore_errors=True)
            outdir.mkdir()
            c = _child("backup", str(db), str(outdir))
        elif kind == "restore":
            c = _child("restore", str(db), str(a_file), str(b_file))
        elif kind == "migration":
            for f in glob.glob(str(work / "mig*")):
                os.unlink(f)
            db = work / f"mig-{k}.sqlite3"
            shutil.copy2(OLD_DB, db)
            base_counts = _counts(db)
            c = _child("migration", str(db))
        else:
            c = _child(kind, str(db))
        if not c.first.wait(hang_timeout) or not c.lines:
            c.kill()
            st.hung += 1
            st.problems.append(f"{kind} kill {k + 1}: no progress in {hang_timeout:.0f} s "
                               f"{c.err.decode(errors='replace')[-300:]}")
            if stop_on_problem:
                break
            continue
        time.sleep(rnd.uniform(0, mig_time * 1.3 if kind == "migration" else max_delay))
        acked = c.kill()
        if c.proc.returncode >= 0 and c.err.strip() and kind != "migration":
            st.problems.append(f"{kind} kill {k + 1}: child failed: {c.err.decode(errors='replace')[-400:]}")
        st.kills += 1
        st.edits += len(acked) if kind != "migration" else 1
        problems: list[str] = []
        bad = _db_problem(db)
        if bad:
            st.corruptions += 1
            problems.append(bad)
        elif kind in EDIT_PATHS:
            a, b = read_edit_state(db, kind)
            want = acked[-1] if acked else last
            if a != b:
                st.torn += 1
                problems.append(f"torn edit: fields hold {a} and {b}")
            elif want is not None:
                behind = (want - (a or 0)) % MOD
                ahead = ((a or 0) - want) % MOD
                if 0 < behind < MOD // 2:
                    st.lost += behind
                    problems.append(f"lost edits: acknowledged {want}, database has {a}")
                elif ahead > 1 and ahead < MOD // 2:
                    st.torn += 1
                    problems.append(f"database has {a}, beyond the acknowledged {want} + 1")
            last = a
        elif kind == "backup":
            if _counts(db) != base_counts:
                st.lost += 1
                problems.append("the source database changed during backup")
            for n in acked:
                why = _backup_problem(outdir / f"bk-{n}.sqlite3")
                if why:
                    st.lost += 1
                    problems.append(f"acknowledged backup {n}: {why}")
            nxt = outdir / f"bk-{(acked[-1] if acked else 0) + 1}.sqlite3"
            if nxt.exists() and _backup_problem(nxt):
                st.torn += 1
                problems.append(f"half-written backup under its final name: {nxt.name}")
        elif kind == "restore":
            state = _marker(db)
            if state not in ("สำเนา ก", "สำเนา ข"):
                st.torn += 1
                problems.append(f"restored database is neither backup: memo subject {state!r}")
            elif acked:
                done = "สำเนา ก" if acked[-1] % 2 else "สำเนา ข"
                nxt = "สำเนา ข" if acked[-1] % 2 else "สำเนา ก"
                if state not in (done, nxt):
                    st.lost += 1
                    problems.append(f"acknowledged restore {acked[-1]} missing")
            if _counts(db) != base_counts:
                st.lost += 1
                problems.append(f"rows changed: {_counts(db)} vs {base_counts}")
            for f in glob.glob(str(work / f"{kind}-*ก่อนกู้คืน*")):   # the kept-aside copies pile up
                os.unlink(f)
        elif kind == "migration":
            if _counts(db) != base_counts:
                st.lost += 1
                problems.append(f"rows changed by the migration: {_counts(db)} vs {base_counts}")
        st.problems += [f"{kind} kill {k + 1}: {p}" for p in problems]
        if progress:
            progress(k + 1, st)
        if problems and stop_on_problem:
            break
    st.seconds = time.perf_counter() - t0
    return st


def _backup_problem(path: Path) -> str | None:
    from itadesk.store.backup import check_sqlite_file

    if not path.exists():
        return "missing"
    return check_sqlite_file(path)


@pytest.mark.parametrize("kind", PATHS)
def test_kill_the_programs_own_save_path(kind, tmp_path):
    st = run_path_kills(kind, tmp_path / kind, 3, seed=2026, max_delay=0.25, hang_timeout=60)
    assert st.problems == []
    assert st.kills == 3 and st.hung == 0
    assert st.corruptions == 0 and st.lost == 0 and st.torn == 0
    assert st.edits >= 3     # every kill came after at least one finished edit


if __name__ == "__main__":
    if sys.argv[1] in EDIT_PATHS:
        edit_writer(sys.argv[1], sys.argv[2])
    elif sys.argv[1] == "backup":
        backup_writer(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "restore":
        restore_writer(sys.argv[2], sys.argv[3], sys.argv[4])
    elif sys.argv[1] == "migration":
        migration_writer(sys.argv[2])
    else:
        writer(sys.argv[1])
