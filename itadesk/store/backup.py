"""Backups of the SQLite file through SQLite's online backup API (safe while in use, WAL included).

Every backup is a single self-contained SQLite file (journal mode DELETE, no ``-wal`` beside
it) named ``itadesk-YYYYMMDD-HHMMSS-ffffff-<reason>.sqlite3`` in the data folder's
``backups/``.  It is written to a temporary name, checked and fsynced, then renamed, so a
crash or a full disk never leaves a half-written file under a backup's name.

Kinds (the ``reason`` part of the name):

- ``auto`` — at most one per day, made when the program starts (:func:`auto_backup`);
  older than ``keep_days`` are deleted, but the newest ``keep_min`` are always kept.
- ``ก่อนปรับรุ่น-<rev>`` — before every schema migration (``session._upgrade``); never pruned.
- ``manual`` — ``itadesk backup`` or the GUI's menu; never pruned.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import Engine

from ..domain.errors import ItaDeskError
from ..domain.filenames import safe_filename
from ..paths import backups_dir
from ..domain.netpaths import sqlite_uri
from ..domain.safety import WriteError, fsync_dir, replace_file

log = logging.getLogger(__name__)

AUTO = "auto"
PREFIX = "itadesk-"
SUFFIX = ".sqlite3"
_NAME = re.compile(r"^itadesk-(\d{8}-\d{6}(?:-\d{6})?)-(.*)\.sqlite3$")


class BackupError(ItaDeskError):
    """A backup could not be made or read."""


def _safe(text: str) -> str:
    return safe_filename(text, max_bytes=90, default=AUTO).replace(" ", "_")


def copy_sqlite(src: sqlite3.Connection, dest: Path) -> Path:
    """Copy an open SQLite connection into ``dest`` (atomically: temp file, check, fsync, rename)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            # One self-contained file: no -wal/-shm needed to read it, even from a read-only stick.
            out.execute("PRAGMA journal_mode=DELETE")
            rows = [r[0] for r in out.execute("PRAGMA quick_check")]
            if rows != ["ok"]:
                raise BackupError(f"สำเนาที่สร้างไม่ผ่านการตรวจ ({'; '.join(rows[:2])}) ไม่ได้บันทึกสำเนา")
        finally:
            out.close()
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        replace_file(tmp, dest)
        fsync_dir(dest.parent)
    except WriteError as e:      # the destination held open by another program
        raise BackupError(str(e)) from None
    except sqlite3.Error as e:
        raise BackupError(f"สำรองข้อมูลไม่สำเร็จ ({e}) ฐานข้อมูลเดิมไม่ได้เปลี่ยนแปลง") from None
    except OSError as e:
        raise BackupError(f"เขียนไฟล์สำรอง {dest} ไม่ได้ ({e.strerror or e}) "
                          "ตรวจสอบว่าดิสก์ไม่เต็มและมีสิทธิ์เขียนโฟลเดอร์นี้") from None
    finally:
        for p in (tmp, tmp.with_name(tmp.name + "-journal")):
            p.unlink(missing_ok=True)
    return dest


def backup_name(reason: str, when: dt.datetime | None = None) -> str:
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return f"{PREFIX}{stamp}-{_safe(reason)}{SUFFIX}"


def backup_sqlite(engine: Engine, *, reason: str = AUTO, directory: Path | None = None,
                  dest: Path | None = None) -> Path:
    """Copy the live database into ``backups/`` (or to ``dest``) and return the new file's path."""
    if engine.dialect.name != "sqlite":
        raise BackupError("การสำรองข้อมูลด้วยโปรแกรมใช้ได้กับฐานข้อมูล SQLite เท่านั้น สำหรับ PostgreSQL ใช้ pg_dump")
    if dest is None:
        directory = directory or backups_dir()
        dest = directory / backup_name(reason)
        n = 1
        while dest.exists():  # two backups in the same microsecond (clock steps): never overwrite
            dest = directory / backup_name(f"{reason}-{n}")
            n += 1
    raw = engine.raw_connection()
    try:
        return copy_sqlite(raw.driver_connection, dest)
    finally:
        raw.close()


# ------------------------------------------------------------------ listing and rotation

@dataclass(frozen=True)
class BackupInfo:
    path: Path
    when: dt.datetime
    reason: str
    size: int

    @property
    def automatic(self) -> bool:
        return self.reason == AUTO or self.reason.startswith(AUTO + "-")

    @property
    def before_migration(self) -> bool:
        return self.reason.startswith("ก่อนปรับรุ่น")


def _parse(path: Path) -> BackupInfo | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    stamp = m.group(1)
    try:
        when = dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f" if stamp.count("-") == 2 else "%Y%m%d-%H%M%S")
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    return BackupInfo(path, when, m.group(2), size)


def list_backups(directory: Path | None = None) -> list[BackupInfo]:
    """The backups in ``directory`` (default: the data folder's backups/), newest first."""
    directory = directory or backups_dir()
    if not directory.is_dir():
        return []
    found = [b for p in directory.glob(f"{PREFIX}*{SUFFIX}") if p.is_file() and (b := _parse(p))]
    return sorted(found, key=lambda b: (b.when, b.path.name), reverse=True)


def prune_backups(directory: Path | None = None, *, keep_days: int = 30, keep_min: int = 5,
                  now: dt.datetime | None = None) -> list[Path]:
    """Delete automatic backups older than ``keep_days``, always keeping the newest ``keep_min``.

    Only files named like our automatic backups are touched; manual and pre-migration
    backups and any other file in the folder are left alone.  Returns the deleted paths.
    """
    now = now or dt.datetime.now()
    autos = [b for b in list_backups(directory) if b.automatic]
    limit = now - dt.timedelta(days=keep_days)
    deleted = []
    for b in autos[keep_min:]:
        if b.when < limit:
            try:
                b.path.unlink()
                deleted.append(b.path)
            except OSError as e:  # in use (Windows) or read-only: try again next start
                log.warning("could not delete old backup %s: %s", b.path, e)
    return deleted


def auto_backup(db, *, keep_days: int = 30, keep_min: int = 5, directory: Path | None = None,
                now: dt.datetime | None = None) -> Path | None:
    """The start-up backup the GUI calls once the database is open.

    Makes at most one automatic backup per calendar day and prunes old ones.  Returns the
    new file, or None when nothing was made (not a SQLite file, empty database, or already
    made today).  Never raises for a failed backup: the clerk's work goes on, it is logged.
    """
    if db.sqlite_path is None:
        return None
    now = now or dt.datetime.now()
    try:
        if any(b.automatic and b.when.date() == now.date() for b in list_backups(directory)):
            return None
        if not _has_data(db):
            return None
        path = backup_sqlite(db.engine, reason=AUTO, directory=directory)
    except (BackupError, OSError) as e:
        log.warning("automatic backup failed: %s", e)
        return None
    finally:
        try:
            prune_backups(directory, keep_days=keep_days, keep_min=keep_min, now=now)
        except OSError as e:
            log.warning("pruning backups failed: %s", e)
    log.info("automatic backup: %s", path)
    return path


def _has_data(db) -> bool:
    with db.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT EXISTS (SELECT 1 FROM office)").scalar() == 1


# ------------------------------------------------------------------ checking

def check_sqlite_file(path: Path, *, quick: bool = False) -> str | None:
    """None when ``path`` is an intact ITA Desk database, else a Thai reason why not."""
    from .session import known_revisions

    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return "ไม่ใช่ไฟล์สำรองของ ITA Desk (ไม่ใช่ไฟล์ฐานข้อมูล SQLite)"
    except OSError as e:
        return f"อ่านไฟล์ไม่ได้ ({e.strerror or e})"
    try:
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    except sqlite3.Error as e:
        return f"เปิดไฟล์ไม่ได้ ({e})"
    try:
        rows = [r[0] for r in con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")]
        if rows != ["ok"]:
            return f"ไฟล์เสียหาย ({'; '.join(rows[:2])})"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"office", "alembic_version"} <= tables:
            return "ไม่ใช่ฐานข้อมูลของ ITA Desk"
        rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if rev is None or rev[0] not in known_revisions():
            return "สร้างด้วย ITA Desk รุ่นที่ใหม่กว่าโปรแกรมนี้ กรุณาปรับปรุงโปรแกรมก่อน"
    except sqlite3.Error as e:
        return f"ไฟล์เสียหาย ({e})"
    finally:
        con.close()
    return None


def latest_good_backup(directory: Path | None = None) -> BackupInfo | None:
    """The newest backup that passes SQLite's integrity check and is ours, or None."""
    for b in list_backups(directory):
        if check_sqlite_file(b.path) is None:
            return b
    return None
