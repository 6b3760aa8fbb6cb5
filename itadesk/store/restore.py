"""Restoring the SQLite database from a backup file: check first, keep the current file aside."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from ..domain.errors import ItaDeskError


def check_backup_file(path: Path) -> None:
    if not path.is_file():
        raise ItaDeskError(f"ไม่พบไฟล์สำรอง {path}")
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ItaDeskError(f"ไฟล์ {path.name} ไม่ใช่ไฟล์สำรองของ ITA Desk")
    con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
        if rows != ["ok"]:
            raise ItaDeskError(f"ไฟล์สำรอง {path.name} เสียหาย ({'; '.join(rows[:2])}) ไม่ได้กู้คืน")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"office", "alembic_version"} <= tables:
            raise ItaDeskError(f"ไฟล์ {path.name} ไม่ใช่ฐานข้อมูลของ ITA Desk ไม่ได้กู้คืน")
    except sqlite3.DatabaseError as e:
        raise ItaDeskError(f"ไฟล์สำรอง {path.name} เสียหาย ({e}) ไม่ได้กู้คืน") from None
    finally:
        con.close()


def restore_sqlite(backup: Path, url: str | None) -> Path:
    """Replace the database with ``backup``; returns where the current file was kept."""
    from ..paths import default_db_url

    url = url or default_db_url()
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        raise ItaDeskError("การกู้คืนด้วยคำสั่งนี้ใช้ได้กับไฟล์ฐานข้อมูล SQLite เท่านั้น")
    check_backup_file(backup)
    target = Path(u.database)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.stem}-ก่อนกู้คืน-{stamp}{target.suffix}")
    if target.exists():
        # Copy through the backup API so a WAL file's content is kept in the set-aside copy.
        src = sqlite3.connect(target)
        out = sqlite3.connect(aside)
        try:
            src.backup(out)
        finally:
            out.close()
            src.close()
    src = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return aside
