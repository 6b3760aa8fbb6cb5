"""Failures of the disk and of the database file, told in Thai: what happened and what to do.

``explain(exc)`` recognises the classes a clerk meets (a read-only file or folder, a full disk,
a disk I/O error, a missing folder, a folder where a file was expected, no permission, a
database locked by another program) anywhere in an exception's chain — OSError errnos,
sqlite3/SQLAlchemy messages, psycopg messages — and returns one Thai message, or None when
the exception is none of these.  The command line and the window's crash hook both use it,
so no such failure reaches a clerk as an English traceback.

Imports nothing heavy (the CLI's error path and ``--version`` use it).
"""

from __future__ import annotations

import errno
import os

NOTHING_LOST = "ข้อมูลที่บันทึกไว้แล้วไม่เสียหาย"

READ_ONLY = ("บันทึกไม่ได้ เพราะฐานข้อมูลหรือโฟลเดอร์ที่เก็บเป็นแบบอ่านอย่างเดียว หรือผู้ใช้นี้ไม่มีสิทธิ์เขียน{where} "
             f"{NOTHING_LOST} กรุณาให้สิทธิ์เขียนไฟล์และโฟลเดอร์นี้ (หรือคัดลอกฐานข้อมูลไปไว้ในโฟลเดอร์ที่เขียนได้ "
             "แล้วเปิดจากที่นั่น) แล้วลองใหม่")
DISK_FULL = ("บันทึกไม่ได้ เพราะดิสก์เต็มหรือเกินพื้นที่ที่ได้รับ{where} "
             f"{NOTHING_LOST} กรุณาลบหรือย้ายไฟล์ที่ไม่ใช้ออกจากดิสก์นี้ให้มีที่ว่าง แล้วลองใหม่")
DISK_IO = ("อ่านหรือเขียนดิสก์ไม่สำเร็จ (disk I/O error){where} อาจเพราะดิสก์เต็ม ดิสก์เสีย หรือถอดแฟลชไดรฟ์ออก "
           f"{NOTHING_LOST} กรุณาตรวจสอบดิสก์และที่ว่าง แล้วลองใหม่ ถ้ายังไม่ได้ ให้ตรวจฐานข้อมูลด้วยคำสั่ง itadesk check")
NO_FOLDER = "ไม่พบโฟลเดอร์ {path} กรุณาสร้างโฟลเดอร์นี้ก่อน หรือเลือกที่บันทึกอื่น"
NOT_FOUND = "ไม่พบไฟล์หรือโฟลเดอร์ {path} กรุณาตรวจสอบชื่อและที่อยู่อีกครั้ง"
IS_FOLDER = "{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ กรุณาระบุชื่อไฟล์ (เช่น {path}{sep}ชื่อไฟล์)"
NOT_FOLDER = "ที่อยู่ {path} ใช้ไม่ได้ เพราะมีส่วนหนึ่งเป็นไฟล์ ไม่ใช่โฟลเดอร์ กรุณาเลือกที่บันทึกอื่น"
NO_PERMISSION = ("ผู้ใช้นี้ไม่มีสิทธิ์เข้าถึง {path} {nothing} กรุณาขอสิทธิ์จากผู้ดูแลเครื่อง "
                 "หรือเลือกไฟล์/โฟลเดอร์อื่น")
LOCKED = ("ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น (ถูกล็อกอยู่) " + NOTHING_LOST +
          " กรุณาปิดโปรแกรม ITA Desk หน้าต่างอื่นที่เปิดฐานข้อมูลนี้อยู่ แล้วลองใหม่")
TOO_LONG = "ชื่อไฟล์หรือที่อยู่ {path} ยาวเกินไป กรุณาใช้ชื่อที่สั้นลง"


def _chain(exc: BaseException):
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [getattr(e, "orig", None), e.__cause__, e.__context__]


def _where(path: object) -> str:
    return f" ({path})" if path else ""


def _text_kind(msg: str) -> str | None:
    m = msg.lower()
    if "readonly database" in m or "read-only file system" in m or "attempt to write a read" in m:
        return "readonly"
    if "database or disk is full" in m or "no space left" in m or "disk quota" in m or "file too large" in m:
        return "full"
    if "disk i/o error" in m:
        return "io"
    if "database is locked" in m or "database table is locked" in m:
        return "locked"
    if "unable to open database file" in m:
        return "readonly"   # sqlite cannot create its journal/-wal beside the file: the folder is read-only
    return None


def explain(exc: BaseException, db_path: object = None) -> str | None:
    """A Thai message for a disk or database-file failure anywhere in ``exc``'s chain, else None."""
    for e in _chain(exc):
        if isinstance(e, OSError) and e.errno is not None:
            path = e.filename or db_path
            code = e.errno
            if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG):
                return DISK_FULL.format(where=_where(path))
            if code == errno.EROFS:
                return READ_ONLY.format(where=_where(path))
            if code in (errno.EACCES, errno.EPERM):
                return NO_PERMISSION.format(path=path or "ไฟล์นี้", nothing=NOTHING_LOST)
            if code == errno.EIO:
                return DISK_IO.format(where=_where(path))
            if code == errno.EISDIR and path:
                return IS_FOLDER.format(path=path, sep=os.sep)
            if code == errno.ENOTDIR and path:
                return NOT_FOLDER.format(path=path)
            if code == errno.ENAMETOOLONG:
                return TOO_LONG.format(path=path or "")
            if code == errno.ENOENT and path:
                parent = os.path.dirname(os.path.abspath(str(path)))
                if not os.path.isdir(parent):
                    return NO_FOLDER.format(path=parent)
                return NOT_FOUND.format(path=path)
        kind = _text_kind(str(e))
        if kind == "readonly":
            return READ_ONLY.format(where=_where(db_path))
        if kind == "full":
            return DISK_FULL.format(where=_where(db_path))
        if kind == "io":
            return DISK_IO.format(where=_where(db_path))
        if kind == "locked":
            return LOCKED
    return None


MAX_DOSSIER_BYTES = 64 * 1024 * 1024     # a dossier is JSON text: a year of an office is < 1 MB


def check_input_file(path: str | os.PathLike, limit: int | None = MAX_DOSSIER_BYTES,
                     kind: str = "ไฟล์ .json ") -> None:
    """Refuse, before reading a byte, what is not an ordinary file of sensible size (a folder,
    ``/dev/zero``, a pipe, a huge file) with a Thai InputError; a missing file too."""
    import stat

    from .domain.errors import InputError

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"ไม่พบไฟล์ {path} กรุณาตรวจสอบชื่อและที่อยู่ของไฟล์") from None
    except OSError:
        return       # the reader says what is wrong (explain)
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์ กรุณาระบุไฟล์ (เช่น {kind}ในโฟลเดอร์นั้น)")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path} ไม่ใช่ไฟล์ข้อมูลธรรมดา (เป็นอุปกรณ์หรือช่องทางส่งข้อมูลของระบบ) "
                         "กรุณาระบุไฟล์ที่บันทึกไว้บนดิสก์")
    if limit is not None and st.st_size > limit:
        raise InputError(f"ไฟล์ {path} ใหญ่เกินไป ({st.st_size / 1048576:,.1f} MB) แฟ้มข้อมูลหน่วยงานต้องไม่เกิน "
                         f"{limit // 1048576} MB กรุณาตรวจสอบว่าเลือกไฟล์ถูกต้อง")
