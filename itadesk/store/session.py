"""Opening a database: engine, SQLite pragmas, integrity check, backup and migration.

``open_database(url)`` is the one way in for the CLI, the GUI and the tests.  A database is
upgraded to the newest schema on open (after a backup of the old file); a database written
by a newer ITA Desk is refused with a Thai message instead of being damaged.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.errors import ItaDeskError

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseOpenError(ItaDeskError):
    """The database cannot be opened (corrupt, foreign, newer, locked, unreachable).

    ``kind`` tells the GUI what to offer: ``"corrupt"`` and ``"foreign"`` — restore from
    :func:`itadesk.store.backup.latest_good_backup`; ``"newer"`` — update the program;
    ``"url"``, ``"driver"``, ``"io"`` — fix the setting or the disk.  ``path`` is the SQLite
    file concerned, when there is one.
    """

    def __init__(self, message: str, *, kind: str = "io", path: Path | None = None):
        super().__init__(message)
        self.kind = kind
        self.path = path

    @property
    def restorable(self) -> bool:
        return self.kind in ("corrupt", "foreign") and self.path is not None


# Above this size the open-time check is PRAGMA quick_check (it skips the index/table
# cross-check).  Measured on a warm cache: 27 MB — integrity 0.012 s / quick 0.010 s;
# 274 MB — integrity 0.13–0.19 s / quick 0.11 s.  A clerk's database is a few MB.
FULL_CHECK_MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]
    backup_path: Path | None = None     # backup taken before a migration, if any
    read_only: bool = False             # opened read-only: the file or its folder cannot be written

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        db = make_url(self.url).database
        return Path(db) if db and db != ":memory:" else None

    def session(self) -> Session:
        return self.sessions()

    def dispose(self) -> None:
        self.engine.dispose()


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    return frozenset(s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions())


_known_revisions = known_revisions


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    # FULL: every commit is fsynced before it returns, so a power cut (not only a crash of
    # the program) cannot lose a saved edit.  NORMAL would keep the file consistent but could
    # drop the last commits; a clerk's edits are few, the fsync costs milliseconds.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def make_engine(url: str) -> Engine:
    from ..redact import redact_text, register_url

    register_url(url)      # any later message repeating this password gets it blanked
    try:
        u = make_url(url)
    except ArgumentError:
        raise DatabaseOpenError(f"ที่อยู่ฐานข้อมูล “{redact_text(url)}” ไม่ถูกต้อง ตัวอย่าง: "
                                "sqlite:///C:/ITA/itadesk.sqlite3", kind="url") from None
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            try:
                Path(u.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                from ..faults import explain

                raise DatabaseOpenError(explain(e) or f"สร้างโฟลเดอร์ของฐานข้อมูลไม่ได้ ({e.strerror or e})",
                                        kind="io", path=Path(u.database)) from None
        engine = create_engine(u)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    try:
        return create_engine(u, pool_pre_ping=True)
    except NoSuchModuleError:
        raise DatabaseOpenError(f"ไม่รู้จักฐานข้อมูลชนิด “{u.drivername}” ใช้ได้: sqlite:///ไฟล์ "
                                "หรือ postgresql+psycopg://ผู้ใช้@เครื่อง/ฐานข้อมูล", kind="url") from None
    except ModuleNotFoundError as e:
        raise DatabaseOpenError(
            f"ยังไม่ได้ติดตั้งไดรเวอร์ฐานข้อมูลสำหรับ {u.get_backend_name()} ({e.name})", kind="driver") from None


def integrity_check(engine: Engine, *, quick: bool = False) -> str | None:
    """None when SQLite's integrity check (or quick_check) passes, else its first complaint."""
    if engine.dialect.name != "sqlite":
        return None
    pragma = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
    with engine.connect() as conn:
        rows = [r[0] for r in conn.exec_driver_sql(pragma).fetchall()]
    return None if rows == ["ok"] else "; ".join(rows[:3])


READ_ONLY_REFUSED = ("ฐานข้อมูล {path} เป็นแบบอ่านอย่างเดียว (ไฟล์หรือโฟลเดอร์ที่เก็บเขียนไม่ได้ หรือผู้ใช้นี้ไม่มีสิทธิ์เขียน) "
                     "จึงบันทึกข้อมูลลงไปไม่ได้ ไม่ได้แก้ไขข้อมูลใด ๆ กรุณาให้สิทธิ์เขียนไฟล์และโฟลเดอร์นี้ "
                     "หรือคัดลอกฐานข้อมูลไปไว้ในโฟลเดอร์ที่เขียนได้ แล้วลองใหม่")
READ_ONLY_OLD = ("ฐานข้อมูล {path} เป็นแบบอ่านอย่างเดียว และสร้างด้วย ITA Desk รุ่นเก่า ต้องปรับรุ่นก่อนใช้ "
                 "ซึ่งทำไม่ได้เมื่อเขียนไฟล์ไม่ได้ ไม่ได้แก้ไขข้อมูลใด ๆ กรุณาให้สิทธิ์เขียนไฟล์และโฟลเดอร์นี้ แล้วลองใหม่")


def sqlite_writable(path: Path) -> bool:
    """Whether this process may write the file and create its journal (-wal, -shm) beside it.

    (``os.access`` asks the kernel: a read-only mount, an immutable file or missing rights
    all answer no; root's bypass of file modes answers yes, as writing would.)"""
    if path.exists() and not os.access(path, os.W_OK):
        return False
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return os.access(parent, os.W_OK | os.X_OK)


def _read_only_engine(path: Path, *, immutable: bool) -> Engine:
    import sqlite3
    from urllib.parse import quote

    uri = f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _open_read_only(url: str, path: Path) -> Database:
    """The SQLite file opened read-only (the window and the reading commands can still show it)."""
    last: Exception | None = None
    for immutable in (False, True):   # a WAL file in a read-only folder opens only as immutable
        engine = _read_only_engine(path, immutable=immutable)
        db = Database(url, engine, sessionmaker(engine, expire_on_commit=False), read_only=True)
        try:
            problem = integrity_check(engine)
            rev = current_revision(engine)
        except DatabaseError as e:
            engine.dispose()
            last = e
            continue
        if problem:
            engine.dispose()
            raise DatabaseOpenError(f"ฐานข้อมูล {path.name} เสียหาย ({problem}) {_RESTORE_HINT}",
                                    kind="corrupt", path=path)
        if rev != head_revision():
            engine.dispose()
            if rev is not None and rev not in _known_revisions():
                raise DatabaseOpenError("ฐานข้อมูลนี้สร้างด้วย ITA Desk รุ่นที่ใหม่กว่าโปรแกรมนี้ "
                                        "กรุณาปรับปรุงโปรแกรมเป็นรุ่นล่าสุดก่อนเปิด (ไม่ได้แก้ไขข้อมูลใด ๆ)",
                                        kind="newer", path=path)
            raise DatabaseOpenError(READ_ONLY_OLD.format(path=path), kind="readonly", path=path)
        return db
    from ..faults import explain

    raise DatabaseOpenError(explain(last) if last is not None and explain(last) else
                            READ_ONLY_REFUSED.format(path=path), kind="readonly", path=path)


_RESTORE_HINT = ("กรุณากู้คืนจากสำเนาสำรองล่าสุด (โปรแกรมจะเสนอให้กู้คืนเมื่อเปิด "
                 "หรือใช้คำสั่ง itadesk restore --latest)")


def sqlite_journal_mode(path: Path) -> str:
    """WAL on a local disk; the rollback journal (DELETE) on a network share, where WAL's
    shared-memory index does not work across machines and the file can be corrupted."""
    from ..domain.netpaths import network_share_reason

    try:
        share = network_share_reason(path)
    except OSError:
        share = None
    if share:
        log.warning("database on a network share (%s): rollback journal, not WAL", share)
        return "DELETE"
    return "WAL"


def open_database(url: str | None = None, *, migrate: bool = True, backup: bool = True,
                  read_only_ok: bool = False) -> Database:
    """Open (creating if needed), check and upgrade a database. Raises DatabaseOpenError.

    A SQLite file that cannot be written (read-only file, folder or mount; no rights) is refused
    in Thai, or with ``read_only_ok`` opened read-only (``Database.read_only``) when it needs no
    upgrade: reading commands and the window can still show it."""
    from ..paths import default_db_url

    url = url or default_db_url()
    try:
        u = make_url(url)
    except ArgumentError:
        u = None
    if u is not None and u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        ro_path = Path(u.database)
        if not ro_path.is_dir() and not sqlite_writable(ro_path):
            if read_only_ok and ro_path.exists():
                return _open_read_only(url, ro_path)
            raise DatabaseOpenError(READ_ONLY_REFUSED.format(path=ro_path), kind="readonly", path=ro_path)
    engine = make_engine(url)
    db = Database(url, engine, sessionmaker(engine, expire_on_commit=False))
    path = db.sqlite_path
    name = path.name if path else ""
    try:
        if db.is_sqlite:
            if path is not None and path.is_dir():
                raise DatabaseOpenError(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ฐานข้อมูล", kind="io", path=path)
            size = path.stat().st_size if path is not None and path.exists() else 0
            if size > 0:
                with open(path, "rb") as fh:
                    if fh.read(16) != b"SQLite format 3\x00":
                        raise DatabaseOpenError(
                            f"ไฟล์ {name} ไม่ใช่ฐานข้อมูลของ ITA Desk (ไม่ใช่ไฟล์ SQLite) "
                            f"ไม่ได้แก้ไขไฟล์นี้ {_RESTORE_HINT}", kind="foreign", path=path)
            problem = integrity_check(engine, quick=size > FULL_CHECK_MAX_BYTES)
            if problem:
                raise DatabaseOpenError(f"ฐานข้อมูล {name} เสียหาย ({problem}) {_RESTORE_HINT}",
                                        kind="corrupt", path=path)
            if path is not None:
                with engine.connect() as conn:
                    conn.exec_driver_sql(f"PRAGMA journal_mode={sqlite_journal_mode(path)}")
        if migrate:
            _upgrade(db, backup=backup)
    except DatabaseOpenError:
        engine.dispose()
        raise
    except OperationalError as e:
        engine.dispose()
        from ..faults import explain
        from ..redact import redact_text

        detail = redact_text(str(e.orig).strip().splitlines()[0] if str(e.orig).strip() else e.orig)
        if not db.is_sqlite:
            raise DatabaseOpenError(
                "เชื่อมต่อเซิร์ฟเวอร์ฐานข้อมูลไม่ได้ กรุณาตรวจสอบชื่อเครื่อง พอร์ต ชื่อฐานข้อมูล ชื่อผู้ใช้และรหัสผ่าน "
                f"และว่าเซิร์ฟเวอร์เปิดอยู่ ({detail})", kind="io") from None
        raise DatabaseOpenError(explain(e, path) or f"เปิดฐานข้อมูลไม่ได้: {detail}",
                                kind="io", path=path) from None
    except DatabaseError as e:
        engine.dispose()
        from ..redact import redact_text

        raise DatabaseOpenError(
            f"ไฟล์ฐานข้อมูล {name} เสียหายหรือไม่ใช่ฐานข้อมูลของ ITA Desk ({redact_text(e.orig)}) {_RESTORE_HINT}",
            kind="corrupt", path=path) from None
    except OSError as e:
        engine.dispose()
        from ..faults import explain

        raise DatabaseOpenError(explain(e, path) or f"เปิดไฟล์ฐานข้อมูล {name} ไม่ได้ ({e.strerror or e})",
                                kind="io", path=path) from None
    return db


def _upgrade(db: Database, *, backup: bool) -> None:
    from alembic import command

    current = current_revision(db.engine)
    head = head_revision()
    if current == head:
        return
    if current is not None and current not in _known_revisions():
        raise DatabaseOpenError(
            "ฐานข้อมูลนี้สร้างด้วย ITA Desk รุ่นที่ใหม่กว่าโปรแกรมนี้ กรุณาปรับปรุงโปรแกรมเป็นรุ่นล่าสุดก่อนเปิด "
            "(ไม่ได้แก้ไขข้อมูลใด ๆ)", kind="newer", path=db.sqlite_path)
    if current is None:
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables - {"alembic_version"}:
            raise DatabaseOpenError(
                "ฐานข้อมูลนี้มีตารางของโปรแกรมอื่นอยู่ ไม่ใช่ฐานข้อมูลของ ITA Desk (ไม่ได้แก้ไขข้อมูลใด ๆ)",
                kind="foreign", path=db.sqlite_path)
    elif backup and db.sqlite_path is not None:
        from .backup import BackupError, backup_sqlite

        try:
            db.backup_path = backup_sqlite(db.engine, reason=f"ก่อนปรับรุ่น-{current}")
        except BackupError as e:  # no backup, no migration: the old file stays as it was
            raise DatabaseOpenError(f"ยังไม่ได้ปรับรุ่นฐานข้อมูล เพราะสำรองข้อมูลก่อนปรับรุ่นไม่สำเร็จ: {e}",
                                    kind="io", path=db.sqlite_path) from None
        log.info("backup before migration: %s", db.backup_path)
    with db.engine.connect() as conn:
        if db.is_sqlite:
            # The sqlite3 module opens a transaction only before INSERT/UPDATE/DELETE, so the
            # migrations' CREATE/ALTER would each commit alone and a crash between them would
            # leave a half-upgraded file ("duplicate column" on the next start).  One explicit
            # transaction: an upgrade is applied whole or not at all.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        command.upgrade(_alembic_config(conn), "head")
        conn.commit()
    log.info("database upgraded %s -> %s", current, head)


def ping(db: Database) -> None:
    with db.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
