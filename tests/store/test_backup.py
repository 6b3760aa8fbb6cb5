"""Backups (automatic, before migration, manual), listing, rotation and restore."""

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import select

from itadesk.cli import main
from itadesk.store.backup import (auto_backup, backup_name, backup_sqlite, check_sqlite_file,
                                  latest_good_backup, list_backups, prune_backups)
from itadesk.store.dossier import import_dossier
from itadesk.store.models import Measure, Office
from itadesk.store.restore import RestoreError, check_backup_file, restore_sqlite
from itadesk.store.session import DatabaseOpenError, open_database


@pytest.fixture
def bdir(tmp_path):
    d = tmp_path / "backups"
    d.mkdir()
    return d


def _url(p):
    return f"sqlite:///{p}"


def _filled(path, mini):
    db = open_database(_url(path))
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    return db


def _office_names(path):
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT name FROM office")]
    finally:
        con.close()


def _measure_keys(path):
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT key FROM measure")}
    finally:
        con.close()


def _add_measure(db, key):
    with db.session() as s, s.begin():
        office = s.scalar(select(Office))
        office.measures.append(Measure(key=key, fiscal_year=2565, title=f"มาตรการ {key}"))


# ------------------------------------------------------------------ making backups

def test_backup_is_one_checked_file_with_wal_content(tmp_path, bdir, mini):
    db = _filled(tmp_path / "a.sqlite3", mini)
    _add_measure(db, "ในwal")  # still in the -wal file: no checkpoint has run
    assert (tmp_path / "a.sqlite3-wal").stat().st_size > 0
    path = backup_sqlite(db.engine, reason="manual", directory=bdir)
    db.dispose()
    assert check_sqlite_file(path) is None
    assert "ในwal" in _measure_keys(path)
    assert not path.with_name(path.name + "-wal").exists()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    assert [p.name for p in bdir.iterdir()] == [path.name]   # no temp file left behind


def test_backup_before_migration(tmp_path, mini, monkeypatch):
    """Any upgrade of an existing file is preceded by a checked backup (simulated next revision)."""
    import alembic.command

    import itadesk.store.session as session

    path = tmp_path / "old.sqlite3"
    _filled(path, mini).dispose()
    home = tmp_path / "home"
    monkeypatch.setenv("ITADESK_HOME", str(home))
    calls = []
    monkeypatch.setattr(session, "head_revision", lambda: "9999_next")
    monkeypatch.setattr(alembic.command, "upgrade", lambda cfg, rev: calls.append(rev))
    db = open_database(_url(path))
    db.dispose()
    assert calls == ["head"]
    assert db.backup_path is not None and db.backup_path.parent == home / "backups"
    assert check_sqlite_file(db.backup_path) is None and "ก่อนปรับรุ่น" in db.backup_path.name
    assert list_backups()[0].before_migration


def test_no_migration_without_backup(tmp_path, mini, monkeypatch):
    import alembic.command

    import itadesk.store.backup as backup
    import itadesk.store.session as session

    path = tmp_path / "old.sqlite3"
    _filled(path, mini).dispose()
    calls = []
    monkeypatch.setattr(session, "head_revision", lambda: "9999_next")
    monkeypatch.setattr(alembic.command, "upgrade", lambda cfg, rev: calls.append(rev))

    def fail(*a, **k):
        raise backup.BackupError("ดิสก์เต็ม")

    monkeypatch.setattr(backup, "backup_sqlite", fail)
    with pytest.raises(DatabaseOpenError, match="ดิสก์เต็ม"):
        open_database(_url(path))
    assert calls == []


def test_auto_backup_once_a_day_and_prunes(tmp_path, bdir, mini):
    db = _filled(tmp_path / "a.sqlite3", mini)
    # old automatic backups, one manual one and a stranger's file
    old = []
    for days in range(1, 61, 5):
        when = dt.datetime.now() - dt.timedelta(days=days)
        p = bdir / backup_name("auto", when)
        p.write_bytes(b"x")
        old.append((days, p))
    manual = bdir / backup_name("manual", dt.datetime.now() - dt.timedelta(days=400))
    manual.write_bytes(b"x")
    stranger = bdir / "notes.txt"
    stranger.write_text("keep me")

    made = auto_backup(db, keep_days=30, keep_min=3, directory=bdir)
    assert made is not None and check_sqlite_file(made) is None
    assert auto_backup(db, keep_days=30, keep_min=3, directory=bdir) is None   # once a day
    db.dispose()
    for days, p in old:
        assert p.exists() == (days <= 30), days
    assert manual.exists() and stranger.exists()
    infos = list_backups(bdir)
    assert infos[0].path == made and infos == sorted(infos, key=lambda b: b.when, reverse=True)


def test_prune_keeps_newest_few_even_when_old(bdir):
    now = dt.datetime(2025, 1, 1, 12)
    paths = [bdir / backup_name("auto", now - dt.timedelta(days=100 + d)) for d in range(6)]
    for p in paths:
        p.write_bytes(b"x")
    deleted = prune_backups(bdir, keep_days=30, keep_min=4, now=now)
    assert sorted(deleted) == sorted(paths[4:])
    assert all(p.exists() for p in paths[:4])


def test_auto_backup_skips_empty_database(tmp_path, bdir):
    db = open_database(_url(tmp_path / "empty.sqlite3"))
    assert auto_backup(db, directory=bdir) is None
    db.dispose()


def test_auto_backup_never_raises(tmp_path, mini):
    db = _filled(tmp_path / "a.sqlite3", mini)
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    assert auto_backup(db, directory=blocker) is None
    db.dispose()


def test_latest_good_backup_skips_corrupt_and_foreign(tmp_path, bdir, mini):
    db = _filled(tmp_path / "a.sqlite3", mini)
    good = backup_sqlite(db.engine, directory=bdir, reason="auto")
    db.dispose()
    newer_bad = bdir / backup_name("auto", dt.datetime.now() + dt.timedelta(seconds=5))
    data = bytearray(good.read_bytes())
    for i in range(4096 + 50, len(data), 11):
        data[i] ^= 0xA5
    newer_bad.write_bytes(bytes(data))
    foreign = bdir / backup_name("auto", dt.datetime.now() + dt.timedelta(seconds=9))
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE customers(x)")
    con.commit()
    con.close()
    assert check_sqlite_file(newer_bad) is not None and check_sqlite_file(foreign) is not None
    assert latest_good_backup(bdir).path == good
    assert latest_good_backup(tmp_path / "nothing-here") is None


# ------------------------------------------------------------------ restore

def test_restore_replaces_and_keeps_current_with_its_wal(tmp_path, bdir, mini):
    path = tmp_path / "a.sqlite3"
    db = _filled(path, mini)
    bk = backup_sqlite(db.engine, directory=bdir, reason="manual")
    _add_measure(db, "หลังสำรอง")   # committed, only in the -wal
    db.dispose()
    aside = restore_sqlite(bk, _url(path))
    assert "หลังสำรอง" in _measure_keys(aside)          # the WAL content was kept aside
    assert "หลังสำรอง" not in _measure_keys(path)       # the restored state is the backup's
    assert check_sqlite_file(path) is None and check_sqlite_file(aside) is None
    db = open_database(_url(path))
    with db.session() as s:
        assert s.scalar(select(Office.name)) == "เทศบาลตำบลทดสอบ"
    db.dispose()


def test_restore_over_open_wal_database(tmp_path, bdir, mini):
    """The restored content wins even though the target's -wal still holds newer pages."""
    path = tmp_path / "a.sqlite3"
    db = _filled(path, mini)
    bk = backup_sqlite(db.engine, directory=bdir, reason="manual")
    _add_measure(db, "x1")
    _add_measure(db, "x2")
    aside = restore_sqlite(bk, _url(path))   # our engine is still open (pooled connection)
    db.dispose()
    assert {"x1", "x2"} <= _measure_keys(aside)
    assert not {"x1", "x2"} & _measure_keys(path)
    assert check_sqlite_file(path) is None


def test_restore_over_corrupt_database_moves_it_aside(tmp_path, bdir, mini):
    path = tmp_path / "a.sqlite3"
    db = _filled(path, mini)
    backup_sqlite(db.engine, directory=bdir, reason="manual")
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    data = bytearray(path.read_bytes())
    for i in range(4096 + 100, len(data), 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseOpenError) as e:
        open_database(_url(path))
    assert e.value.kind == "corrupt" and e.value.restorable and e.value.path == path
    damaged = path.read_bytes()
    aside = restore_sqlite(latest_good_backup(bdir).path, _url(path))
    assert aside.read_bytes() == damaged          # kept byte for byte
    open_database(_url(path)).dispose()
    assert _office_names(path) == ["เทศบาลตำบลทดสอบ"]


def test_restore_over_foreign_file(tmp_path, bdir, mini):
    db = _filled(tmp_path / "a.sqlite3", mini)
    bk = backup_sqlite(db.engine, directory=bdir, reason="manual")
    db.dispose()
    target = tmp_path / "b.sqlite3"
    target.write_text("not a database at all")
    with pytest.raises(DatabaseOpenError) as e:
        open_database(_url(target))
    assert e.value.kind == "foreign"
    aside = restore_sqlite(bk, _url(target))
    assert aside.read_text() == "not a database at all"
    assert _office_names(target) == ["เทศบาลตำบลทดสอบ"]


def test_restore_to_missing_database(tmp_path, bdir, mini):
    db = _filled(tmp_path / "a.sqlite3", mini)
    bk = backup_sqlite(db.engine, directory=bdir, reason="manual")
    db.dispose()
    target = tmp_path / "new" / "c.sqlite3"
    assert restore_sqlite(bk, _url(target)) is None
    assert _office_names(target) == ["เทศบาลตำบลทดสอบ"]


@pytest.mark.parametrize("kind", ["text", "corrupt", "foreign", "newer", "missing", "same"])
def test_restore_refuses_bad_backups_and_changes_nothing(tmp_path, bdir, mini, kind):
    path = tmp_path / "a.sqlite3"
    db = _filled(path, mini)
    good = backup_sqlite(db.engine, directory=bdir, reason="manual")
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    bad = tmp_path / "bad.sqlite3"
    if kind == "text":
        bad.write_text("hello")
    elif kind == "corrupt":
        data = bytearray(good.read_bytes())
        for i in range(4096 + 10, len(data), 5):
            data[i] ^= 0x33
        bad.write_bytes(bytes(data))
    elif kind == "foreign":
        con = sqlite3.connect(bad)
        con.execute("CREATE TABLE office(x)")
        con.commit()
        con.close()
    elif kind == "newer":
        bad.write_bytes(good.read_bytes())
        con = sqlite3.connect(bad)
        con.execute("UPDATE alembic_version SET version_num='9999_future'")
        con.commit()
        con.close()
    elif kind == "same":
        bad = path
    before = path.read_bytes()
    with pytest.raises(RestoreError):
        restore_sqlite(bad, _url(path))
    assert path.read_bytes() == before
    assert [p for p in tmp_path.iterdir() if "ก่อนกู้คืน" in p.name] == []


def test_check_backup_file_messages_are_thai(tmp_path):
    with pytest.raises(RestoreError, match="ไม่พบไฟล์สำรอง"):
        check_backup_file(tmp_path / "none.sqlite3")
    p = tmp_path / "x.sqlite3"
    p.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(RestoreError, match="ไม่ใช่ไฟล์สำรองของ ITA Desk"):
        check_backup_file(p)


def test_restore_refuses_non_sqlite_url(tmp_path, bdir, mini):
    with pytest.raises(RestoreError, match="SQLite"):
        restore_sqlite(tmp_path / "x", "postgresql://u@localhost/db")


# ------------------------------------------------------------------ command line

def test_cli_backup_list_and_restore_latest(tmp_path, mini, capsys, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("ITADESK_HOME", str(home))
    path = tmp_path / "a.sqlite3"
    _filled(path, mini).dispose()
    assert main(["backup", "--db", _url(path)]) == 0
    assert main(["backup", "--list"]) == 0
    out = capsys.readouterr().out
    assert "manual" in out
    outdir = tmp_path / "usb"
    outdir.mkdir()
    assert main(["backup", "--db", _url(path), "--out", str(outdir)]) == 0
    assert len(list(outdir.glob("itadesk-*.sqlite3"))) == 1
    assert main(["backup", "--db", _url(path), "--out", str(path)]) == 2
    path.write_bytes(b"garbage" * 1000)
    assert main(["restore", "--latest", "--db", _url(path)]) == 0
    out = capsys.readouterr().out
    assert "ฐานข้อมูลเดิมเก็บไว้ที่" in out
    assert _office_names(path) == ["เทศบาลตำบลทดสอบ"]
    assert main(["restore", "--db", _url(path)]) == 2
    assert "--latest" in capsys.readouterr().err
