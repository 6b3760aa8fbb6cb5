"""One office is one row (issue 16, item 3): name + amphoe + province unique in the schema
(revision 0003), concurrent imports of one dossier give one office, and the commands that
replace data refuse while the window holds the database."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from itadesk.domain.errors import DossierError, ItaDeskError
from itadesk.store.dossier import import_dossier, office_to_dossier
from itadesk.store.models import Office
from itadesk.store.session import current_revision, head_revision, open_database

NONTHONG = "เทศบาลตำบลโนนทอง"


def _table_counts(path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                            "AND name NOT IN ('alembic_version', 'sqlite_sequence')")]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def test_rev0002_database_with_duplicate_offices_upgrades_keeping_every_row(tmp_path, root):
    fx = root / "tests" / "fixtures" / "db"
    path = tmp_path / "rev0002.sqlite3"
    shutil.copy(fx / "rev0002.sqlite3", path)
    before = _table_counts(path)
    assert before["office"] == 3
    db = open_database(f"sqlite:///{path}")
    try:
        assert current_revision(db.engine) == head_revision()
        assert db.backup_path is not None and db.backup_path.exists()    # taken before the migration
        with db.session() as s:
            offices = {o.id: o for o in s.scalars(select(Office))}
            # the oldest keeps its name; the later copy is renamed by the documented rule
            assert offices[1].name == NONTHONG
            assert offices[3].name == f"{NONTHONG} (ซ้ำ 2)"
            for oid, fixture in ((1, "rev0002-nonthong.json"), (2, "rev0002-wiang.json")):
                want = json.loads((fx / fixture).read_text(encoding="utf-8"))
                assert office_to_dossier(offices[oid]) == want
            want = json.loads((fx / "rev0002-nonthong-2.json").read_text(encoding="utf-8"))
            got = office_to_dossier(offices[3])
            assert got["notes"][:-1] == want["notes"] and "0003" in got["notes"][-1] and NONTHONG in got["notes"][-1]
            got["office"]["name"] = want["office"]["name"]
            got["notes"] = want["notes"]
            assert got == want
            assert offices[1].analysis_rules == {"keep_bar": "92"}
    finally:
        db.dispose()
    assert _table_counts(path) == before            # not one row lost
    db = open_database(f"sqlite:///{path}")         # a second open changes nothing
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Office)) == 3
        with pytest.raises(IntegrityError), db.session() as s, s.begin():
            s.add(Office(name=NONTHONG, amphoe="นายูง", province="อุดรธานี"))
    finally:
        db.dispose()


def test_migration_renames_past_names_already_taken(tmp_path):
    """Three copies, one of them already called "… (ซ้ำ 2)": nobody collides, nothing is lost."""
    from alembic import command

    from itadesk.store.session import _alembic_config, make_engine

    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")
        for name in ("ก", "ก", "ก (ซ้ำ 2)", "ก"):
            conn.exec_driver_sql(
                "INSERT INTO office (name, kind, amphoe, province, doc_prefix, website, phone, thai_digits, font, "
                "units, notes, version) VALUES (?, '', 'อ', 'จ', '', '', '', 1, '', '[]', '[]', 1)", (name,))
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    with db.session() as s:
        names = [o.name for o in s.scalars(select(Office).order_by(Office.id))]
    db.dispose()
    assert names == ["ก", "ก (ซ้ำ 3)", "ก (ซ้ำ 2)", "ก (ซ้ำ 4)"]


def test_concurrent_imports_of_one_dossier_make_one_office(tmp_path, mini):
    """Two importers at once, ten rounds: always exactly one office; the other gets Thai."""
    for round_ in range(10):
        url = f"sqlite:///{tmp_path / f'race{round_}.sqlite3'}"
        open_database(url).dispose()
        barrier = threading.Barrier(2)
        results: list[object] = []

        def worker() -> None:
            db = open_database(url)
            try:
                barrier.wait()
                with db.session() as s, s.begin():
                    import_dossier(s, mini)
                results.append("ok")
            except ItaDeskError as e:
                results.append(e)
            finally:
                db.dispose()

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert results.count("ok") == 1, results
        loser = next(r for r in results if r != "ok")
        assert isinstance(loser, DossierError) and "มีหน่วยงาน" in str(loser)
        db = open_database(url)
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Office)) == 1
        db.dispose()


def test_concurrent_imports_on_the_configured_engine(db_url, mini):
    """The same race on the suite's engine (PostgreSQL in CI's second pass: there nothing
    serialises the check, the unique index must refuse the second office)."""
    from sqlalchemy import delete

    db = open_database(db_url)
    try:
        for _ in range(10):
            barrier = threading.Barrier(2)
            results: list[object] = []

            def worker() -> None:
                try:
                    barrier.wait()
                    with db.session() as s, s.begin():
                        import_dossier(s, mini)
                    results.append("ok")
                except ItaDeskError as e:
                    results.append(e)

            threads = [threading.Thread(target=worker) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            assert results.count("ok") == 1 and "มีหน่วยงาน" in str(next(r for r in results if r != "ok")), results
            with db.session() as s, s.begin():
                assert s.scalar(select(func.count()).select_from(Office)) == 1
                s.execute(delete(Office))
    finally:
        db.dispose()


def test_integrity_error_from_a_concurrent_writer_becomes_thai(tmp_path, mini, monkeypatch):
    """The path taken when the other import commits between the check and the insert
    (PostgreSQL, where nothing serialises the check): the unique index refuses, in Thai."""
    from sqlalchemy.orm import Session

    import itadesk.store.dossier as dossier_mod

    url = f"sqlite:///{tmp_path / 'late.sqlite3'}"
    db = open_database(url)
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    monkeypatch.setattr(dossier_mod, "_take_write_lock", lambda session: None)
    real_scalar = Session.scalar
    calls = []

    def blind_scalar(self, stmt, *a, **kw):      # the check sees nothing, as it would in the race
        calls.append(stmt)
        return None if len(calls) == 1 else real_scalar(self, stmt, *a, **kw)

    monkeypatch.setattr(Session, "scalar", blind_scalar)
    with pytest.raises(DossierError, match="มีหน่วยงาน"), db.session() as s, s.begin():
        import_dossier(s, mini)
    monkeypatch.undo()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Office)) == 1
    db.dispose()


# ------------------------------------------------------------------ the window's lock

@pytest.fixture
def window_lock():
    """Hold the lock exactly as the window does (ui/application.py DbLock, a QLockFile)."""
    from itadesk.ui.application import DbLock

    held = []

    def take(path):
        lock = DbLock(path.resolve())
        assert lock.acquire()
        held.append(lock)
        return lock

    yield take
    for lock in held:
        lock.release()


def _run_cli(argv, capsys):
    from itadesk.cli import main

    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_import_replace_and_restore_refuse_while_window_holds_db(tmp_path, root, mini, capsys, window_lock,
                                                                     monkeypatch):
    monkeypatch.setenv("ITADESK_HOME", str(tmp_path / "home"))
    path = tmp_path / "office.sqlite3"
    url = f"sqlite:///{path}"
    dossier = tmp_path / "d.json"
    dossier.write_text(json.dumps(mini, ensure_ascii=False), encoding="utf-8")
    assert _run_cli(["import", str(dossier), "--db", url], capsys)[0] == 0
    backup = tmp_path / "b.sqlite3"
    assert _run_cli(["backup", "--db", url, "--out", str(backup)], capsys)[0] == 0
    lock = window_lock(path)
    snapshot = path.read_bytes()
    for argv in (["import", str(dossier), "--replace", "--db", url], ["restore", str(backup), "--db", url]):
        code, out, err = _run_cli(argv, capsys)
        assert code == 2 and "Traceback" not in err, err
        assert "เปิดอยู่ในหน้าต่างโปรแกรม" in err and "ปิดหน้าต่างโปรแกรม" in err
        assert path.read_bytes() == snapshot
    # a plain import (adds, never replaces) of another office is still allowed
    other = dict(mini, office=dict(mini["office"], name="เทศบาลตำบลอื่น"))
    dossier.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    assert _run_cli(["import", str(dossier), "--db", url], capsys)[0] == 0
    lock.release()
    dossier.write_text(json.dumps(mini, ensure_ascii=False), encoding="utf-8")
    assert _run_cli(["import", str(dossier), "--replace", "--db", url], capsys)[0] == 0
    assert _run_cli(["restore", str(backup), "--db", url], capsys)[0] == 0
    assert not (tmp_path / "office.sqlite3.lock").exists()


def test_window_cannot_open_while_a_command_replaces(tmp_path):
    from itadesk.store.concurrency import DatabaseInUse, exclusive_database
    from itadesk.ui.application import DbLock

    path = (tmp_path / "x.sqlite3").resolve()
    with exclusive_database(path, "กู้คืนข้อมูล"):
        assert not DbLock(path).acquire()
        with pytest.raises(DatabaseInUse, match="ยังไม่ได้กู้คืนข้อมูล"), exclusive_database(path, "กู้คืนข้อมูล"):
            pass
    lock = DbLock(path)
    assert lock.acquire()
    lock.release()


def test_stale_lock_file_of_a_crashed_window_does_not_block(tmp_path):
    from itadesk.store.concurrency import exclusive_database

    path = (tmp_path / "x.sqlite3").resolve()
    (tmp_path / "x.sqlite3.lock").write_text("999999\nITADesk\nsomewhere\n")
    with exclusive_database(path, "กู้คืนข้อมูล"):
        pass
    assert not (tmp_path / "x.sqlite3.lock").exists()
