import sqlite3

import pytest
from alembic import command
from sqlalchemy import create_engine, select

from itadesk.store.dossier import import_dossier
from itadesk.store.models import Office
from itadesk.store.session import (DatabaseOpenError, _alembic_config, current_revision, head_revision,
                                   open_database)


def test_new_database_is_at_head_with_wal_and_fks(tmp_path):
    db = open_database(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_first_migration_database_opens_and_upgrades(tmp_path, mini):
    """A database made by revision 0001 (the first schema) keeps its rows through open()."""
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    db.dispose()
    db = open_database(f"sqlite:///{path}")  # opening again is harmless
    with db.session() as s:
        assert s.scalar(select(Office.name)) == "เทศบาลตำบลทดสอบ"
    assert current_revision(db.engine) == head_revision()
    db.dispose()


def test_models_match_migrations(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from itadesk.store.models import Base

    db = open_database(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_foreign_file_refused(tmp_path):
    p = tmp_path / "not.sqlite3"
    p.write_text("hello, this is not a database" * 10)
    with pytest.raises(DatabaseOpenError, match="ไม่ใช่"):
        open_database(f"sqlite:///{p}")


def test_other_programs_database_refused(tmp_path):
    p = tmp_path / "other.sqlite3"
    con = sqlite3.connect(p)
    con.execute("create table customers(id integer)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseOpenError, match="โปรแกรมอื่น"):
        open_database(f"sqlite:///{p}")
    con = sqlite3.connect(p)
    assert [r[0] for r in con.execute("select name from sqlite_master")] == ["customers"]
    con.close()


def test_newer_database_refused(tmp_path):
    p = tmp_path / "new.sqlite3"
    db = open_database(f"sqlite:///{p}")
    with db.engine.begin() as c:
        c.exec_driver_sql("UPDATE alembic_version SET version_num='9999_future'")
    db.dispose()
    with pytest.raises(DatabaseOpenError, match="รุ่นที่ใหม่กว่า"):
        open_database(f"sqlite:///{p}")


def test_corrupt_database_refused(tmp_path, mini):
    p = tmp_path / "bad.sqlite3"
    db = open_database(f"sqlite:///{p}")
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    data = bytearray(p.read_bytes())
    for i in range(4096 + 100, min(len(data), 4096 * 6), 7):
        data[i] ^= 0x5A
    p.write_bytes(bytes(data))
    with pytest.raises(DatabaseOpenError):
        open_database(f"sqlite:///{p}")


def test_bad_url_gives_thai_message():
    with pytest.raises(DatabaseOpenError, match="ไม่ถูกต้อง"):
        open_database("not a url at all")
