"""Restoring the SQLite database from a backup file: check first, keep the current file aside.

Order of work, so that no step can lose data:

1. The backup is checked (SQLite header, ``PRAGMA integrity_check``, our tables, a schema
   revision this program knows).  A bad file is refused and nothing is touched.
2. The current database is kept aside next to it as ``<name>-ก่อนกู้คืน-<time>.sqlite3``:
   a healthy file is copied through the backup API (so what is still in its ``-wal`` is in
   the copy); a corrupt or foreign file is *moved* aside as it is, with its ``-wal`` /
   ``-journal`` under the matching new name, so nothing of it is lost or mixed in.
3. The backup's pages are written into the database: through the backup API into the
   healthy file (one transaction: a crash leaves the old or the new content, never a mix),
   or as a fresh file (temp file, fsync, rename) where the old one was moved aside.
4. The result is checked again.

Close the program (or, in the GUI, dispose the engine) before restoring.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url

from ..domain.errors import ItaDeskError
from ..domain.netpaths import sqlite_uri
from ..domain.safety import WriteError, replace_file
from .backup import check_sqlite_file, copy_sqlite


class RestoreError(ItaDeskError):
    """A restore was refused or failed; the message says what was (not) changed."""


def check_backup_file(path: Path) -> None:
    """Raise RestoreError (Thai) unless ``path`` is an intact ITA Desk database."""
    path = Path(path)
    if not path.is_file():
        raise RestoreError(f"ไม่พบไฟล์สำรอง {path}")
    problem = check_sqlite_file(path)
    if problem:
        raise RestoreError(f"ไฟล์ {path.name}: {problem} ไม่ได้กู้คืน ฐานข้อมูลปัจจุบันไม่ได้เปลี่ยนแปลง")


def _sidecars(p: Path) -> dict[str, Path]:
    return {s: p.with_name(p.name + s) for s in ("-wal", "-journal", "-shm")}


def _aside_path(target: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    aside = target.with_name(f"{target.stem}-ก่อนกู้คืน-{stamp}{target.suffix}")
    n = 1
    while aside.exists():
        aside = target.with_name(f"{target.stem}-ก่อนกู้คืน-{stamp}-{n}{target.suffix}")
        n += 1
    return aside


def _move_aside(target: Path, aside: Path) -> None:
    """Move a damaged/foreign file and its journal files aside, byte for byte."""
    try:
        replace_file(target, aside)      # retried while antivirus/backup software holds it a moment
        for suffix, side in _sidecars(target).items():
            if side.exists():
                if suffix == "-shm":   # only an index of the -wal; rebuilt from it
                    side.unlink()
                else:
                    replace_file(side, aside.with_name(aside.name + suffix))
    except (PermissionError, WriteError):
        raise RestoreError(f"ย้ายไฟล์ {target.name} ไม่ได้ เพราะยังเปิดใช้อยู่ "
                           "กรุณาปิดโปรแกรม ITA Desk ทุกหน้าต่างแล้วลองใหม่ (ยังไม่ได้กู้คืน)") from None


def _copy_aside(target: Path, aside: Path) -> None:
    src = sqlite3.connect(target)
    try:
        copy_sqlite(src, aside)
    finally:
        src.close()


def restore_sqlite(backup: Path, url: str | None) -> Path | None:
    """Replace the database with ``backup``; returns where the current file was kept (or None)."""
    from ..paths import default_db_url

    url = url or default_db_url()
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        raise RestoreError("การกู้คืนด้วยคำสั่งนี้ใช้ได้กับไฟล์ฐานข้อมูล SQLite เท่านั้น")
    backup = Path(backup)
    check_backup_file(backup)
    target = Path(u.database)
    if target.exists() and target.resolve() == backup.resolve():
        raise RestoreError("ไฟล์สำรองกับฐานข้อมูลเป็นไฟล์เดียวกัน ไม่ได้กู้คืน")
    target.parent.mkdir(parents=True, exist_ok=True)

    aside: Path | None = None
    healthy = False
    if target.exists() and target.stat().st_size > 0:
        aside = _aside_path(target)
        healthy = _is_sqlite_ok(target)
        if healthy:
            try:
                _copy_aside(target, aside)
            except (ItaDeskError, sqlite3.Error) as e:
                from ..faults import explain

                if explain(e) is not None:   # the disk (full, read-only), not the file: stop, nothing changed
                    aside.unlink(missing_ok=True)
                    raise RestoreError(f"ยังไม่ได้กู้คืน ฐานข้อมูลปัจจุบันไม่ได้เปลี่ยนแปลง: {explain(e)}") from None
                healthy = False
        if not healthy:
            _move_aside(target, aside)
    elif target.exists():  # an empty file is an empty database: nothing to keep
        target.unlink()

    src = sqlite3.connect(sqlite_uri(backup.resolve(), mode="ro"), uri=True)
    try:
        if healthy:
            dst = sqlite3.connect(target)
            try:
                dst.execute("PRAGMA busy_timeout=5000")
                src.backup(dst)
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as e:
                raise RestoreError(f"กู้คืนไม่สำเร็จ ({e}) ฐานข้อมูลปัจจุบันยังเหมือนเดิม "
                                   f"และมีสำเนาเก็บไว้ที่ {aside}") from None
            finally:
                dst.close()
        else:
            try:
                copy_sqlite(src, target)
            except ItaDeskError as e:
                if aside is not None and aside.exists() and not target.exists():
                    replace_file(aside, target)    # put the old file back where the program looks for it
                    raise RestoreError(f"กู้คืนไม่สำเร็จ ({e}) ฐานข้อมูลเดิมยังอยู่ที่เดิม ไม่ได้เปลี่ยนแปลง") from None
                raise RestoreError(f"กู้คืนไม่สำเร็จ ({e}) ไฟล์เดิมเก็บไว้ที่ {aside}") from None
    finally:
        src.close()

    problem = check_sqlite_file(target)
    if problem:  # pragma: no cover - the backup passed the same check a moment ago
        raise RestoreError(f"ฐานข้อมูลหลังกู้คืนไม่ผ่านการตรวจ ({problem}) ไฟล์เดิมเก็บไว้ที่ {aside}")
    return aside


def _is_sqlite_ok(path: Path) -> bool:
    """A healthy SQLite file of another kind (e.g. a newer schema) is still copied, not moved."""
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return False
    except OSError:
        return False
    try:
        con = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)
    except sqlite3.Error:
        return False
    try:
        return [r[0] for r in con.execute("PRAGMA quick_check")] == ["ok"]
    except sqlite3.Error:
        return False
    finally:
        con.close()
