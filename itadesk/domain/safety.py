"""Writing files so that a crash or a full disk never leaves half a file under the real name."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from .errors import ItaDeskError


class WriteError(ItaDeskError):
    """A file could not be written; the old file (if any) is unchanged."""


def fsync_dir(directory: Path) -> None:
    """Make a rename in ``directory`` durable (POSIX; NTFS journals renames itself)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# Windows: ERROR_ACCESS_DENIED (5) — e.g. replacing a PDF that Acrobat holds open —,
# ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33) — e.g. antivirus scanning the new
# temporary file for a moment.  Such a failure is usually brief, so the rename is retried.
SHARING_WINERRORS = frozenset({5, 32, 33})
RETRY_DELAYS_S: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.8)   # ~1.5 s in all, then give up


def is_sharing_violation(e: OSError) -> bool:
    """True for the errors Windows gives when another program holds the file open."""
    winerror = getattr(e, "winerror", None)
    if winerror is not None:
        return winerror in SHARING_WINERRORS
    return isinstance(e, PermissionError)


def close_file_message(path: Path) -> str:
    """The Thai sentence that says which file to close."""
    return (f"บันทึกไฟล์ {path.name} ไม่ได้ เพราะไฟล์นี้เปิดอยู่ในโปรแกรมอื่น "
            f"(เช่น Acrobat Reader, Word หรือ Excel) หรือถูกโปรแกรมป้องกันไวรัสล็อกไว้ "
            f"กรุณาปิดไฟล์ {path.name} (ในโฟลเดอร์ {path.parent}) แล้วลองใหม่ ไฟล์เดิมไม่ได้เปลี่ยนแปลง")


def replace_file(tmp: Path | str, path: Path | str) -> None:
    """``os.replace(tmp, path)``, retried with a short backoff while Windows reports a sharing
    violation; then WriteError saying which file to close.  Other OSErrors propagate as they are;
    ``tmp`` is left for the caller to remove."""
    path = Path(path)
    for delay in (*RETRY_DELAYS_S, None):
        try:
            os.replace(tmp, path)
            return
        except OSError as e:
            if not is_sharing_violation(e):
                raise
            if delay is None:
                raise WriteError(close_file_message(path)) from None
            time.sleep(delay)


def write_atomic(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path``: temp file in the same folder, fsync, ``os.replace``.

    Readers see the old content or the new content, never a mix; on any error the temp file
    is removed, the old file is untouched and WriteError (Thai) is raised.  When another
    program holds ``path`` open (Windows errors 5/32/33) the rename is retried a few times
    before the error, which names the file to close.
    """
    path = Path(path)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError("write_atomic expects bytes")
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:50]}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        replace_file(tmp, path)
        tmp = None
        fsync_dir(path.parent)
    except PermissionError:
        raise WriteError(f"เขียนไฟล์ {path.name} ไม่ได้: ไม่มีสิทธิ์เขียนในโฟลเดอร์ {path.parent} "
                         "กรุณาเลือกโฟลเดอร์อื่น (เช่น Documents) ไฟล์เดิมไม่ได้เปลี่ยนแปลง") from None
    except OSError as e:
        raise WriteError(f"เขียนไฟล์ {path.name} ไม่ได้ ({e.strerror or e}) "
                         "ตรวจสอบว่าดิสก์ไม่เต็ม ไฟล์เดิมไม่ได้เปลี่ยนแปลง") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path
