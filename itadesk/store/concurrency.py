"""Optimistic concurrency: two clerks editing the same record never overwrite each other silently.

An editor remembers the values it showed (``base``, including ``version``).  ``save_changes``
writes only if the row still has that version; otherwise it raises
:class:`ConcurrentEditError` telling which fields the other clerk changed (old → theirs), so
the editor can let the clerk choose: keep theirs (reload) or apply theirs + mine again
(call ``save_changes`` with the new base).  The ORM's ``version_id_col`` also guards the
window between the check and the UPDATE: a StaleDataError there becomes the same error.
"""

from __future__ import annotations

import os
import socket
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain.errors import ItaDeskError


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base: Any      # what this editor read
    theirs: Any    # what is in the database now
    mine: Any      # what this editor wants to write


class ConcurrentEditError(ItaDeskError):
    def __init__(self, what: str, conflicts: list[FieldConflict], current_version: int | None):
        self.what, self.conflicts, self.current_version = what, conflicts, current_version
        if current_version is None:
            msg = f"{what} ถูกลบโดยผู้ใช้อื่นแล้ว การแก้ไขของท่านยังไม่ถูกบันทึก"
        elif conflicts:
            fields = ", ".join(c.field for c in conflicts)
            msg = (f"{what} ถูกแก้ไขโดยผู้ใช้อื่นระหว่างที่ท่านแก้ไข (ช่อง: {fields}) "
                   "การแก้ไขของท่านยังไม่ถูกบันทึก กรุณาเลือกว่าจะใช้ข้อมูลของผู้อื่น หรือบันทึกของท่านทับ")
        else:
            msg = (f"{what} ถูกแก้ไขโดยผู้ใช้อื่นในช่องอื่นระหว่างที่ท่านแก้ไข "
                   "การแก้ไขของท่านยังไม่ถูกบันทึก กรุณาโหลดข้อมูลล่าสุดแล้วบันทึกอีกครั้ง")
        super().__init__(msg)


def snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    """The base an editor keeps: the shown fields plus the row version."""
    return {"version": obj.version, **{f: getattr(obj, f) for f in fields}}


def save_changes(session: Session, model: type, pk: Any, base: dict[str, Any], changes: dict[str, Any],
                 what: str = "ข้อมูล") -> int:
    """Apply ``changes`` to row ``pk`` if nobody changed it since ``base``; returns the new version.

    The caller owns the transaction (``with session.begin(): ...``)."""
    obj = session.get(model, pk, populate_existing=True)
    if obj is None:
        raise ConcurrentEditError(what, [], None)
    if obj.version != base["version"]:
        conflicts = [FieldConflict(f, base.get(f), getattr(obj, f), v)
                     for f, v in changes.items() if getattr(obj, f) != base.get(f)]
        raise ConcurrentEditError(what, conflicts, obj.version)
    for f, v in changes.items():
        setattr(obj, f, v)
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        raise ConcurrentEditError(what, [], -1) from None
    return obj.version


# ---------------------------------------------------------------- the window's lock on a SQLite file

class DatabaseInUse(ItaDeskError):
    """The window (or another command) holds the database file's lock."""


def _lock_file(db_path: Path) -> Path:
    return Path(str(db_path) + ".lock")     # the window's QLockFile (ui/application.py: DbLock)


def _held_elsewhere(lock: Path) -> bool:
    """Whether a live process holds ``lock`` (a QLockFile or ours).  Qt locks the file with
    flock() on Unix and keeps it open without delete sharing on Windows; a lock file left
    by a crashed program is neither, and does not count."""
    if os.name == "nt":
        try:
            os.remove(lock)          # refused while the holder keeps it open
        except FileNotFoundError:
            return False
        except PermissionError:
            return True
        return False
    import fcntl

    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


@contextmanager
def exclusive_database(db_path: Path | None, what: str) -> Iterator[None]:
    """Hold the same lock the window holds on a SQLite file for the duration of ``what``
    (a command that replaces data under the window: ``import --replace``, ``restore``).

    While a window has the database open, DatabaseInUse (Thai) is raised and nothing is
    done; while the command runs, a window started meanwhile is refused by its own lock
    check.  ``db_path`` None (PostgreSQL): nothing to lock."""
    if db_path is None:
        yield
        return
    lock = _lock_file(Path(db_path).resolve())
    busy = DatabaseInUse(
        f"ยังไม่ได้{what} เพราะฐานข้อมูล {Path(db_path).name} เปิดอยู่ในหน้าต่างโปรแกรม ITA Desk "
        "(หรือมีคำสั่งอื่นกำลังใช้อยู่) กรุณาปิดหน้าต่างโปรแกรมก่อน แล้วสั่งใหม่ (ข้อมูลไม่ได้เปลี่ยนแปลง)")
    fd = None
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            if _held_elsewhere(lock):
                raise busy from None
            try:
                os.remove(lock)     # left by a program that crashed
            except FileNotFoundError:
                pass
            except OSError:
                raise busy from None
    if fd is None:
        raise busy
    try:
        if os.name != "nt":
            import fcntl

            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise busy from None
        # QLockFile's format: pid, program (as the system names it), host name
        program = Path(os.path.realpath(sys.executable or "itadesk")).name
        os.write(fd, f"{os.getpid()}\n{program}\n{socket.gethostname()}\n".encode())
        yield
    finally:
        if os.name == "nt":     # Windows removes no file that is still open
            os.close(fd)
        try:
            os.remove(lock)
        except OSError:
            pass
        if os.name != "nt":     # removed while still locked: nobody can take a half-released lock
            os.close(fd)


def sqlite_file_of(url: str | None) -> Path | None:
    """The SQLite file of a database URL (None: the default file), or None for a server."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from ..paths import default_db_url

    try:
        u = make_url(url or default_db_url())
    except ArgumentError:
        return None
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database).resolve()
