"""Writing files so that a crash or a full disk never leaves half a file under the real name."""

from __future__ import annotations

import os
import tempfile
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


def write_atomic(path: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``path``: temp file in the same folder, fsync, ``os.replace``.

    Readers see the old content or the new content, never a mix; on any error the temp file
    is removed, the old file is untouched and WriteError (Thai) is raised.
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
        os.replace(tmp, path)
        tmp = None
        fsync_dir(path.parent)
    except PermissionError:
        raise WriteError(f"เขียนไฟล์ {path.name} ไม่ได้: ไม่มีสิทธิ์เขียน หรือไฟล์เปิดอยู่ในโปรแกรมอื่น "
                         "(เช่น Word/Excel) กรุณาปิดไฟล์แล้วลองใหม่ ไฟล์เดิมไม่ได้เปลี่ยนแปลง") from None
    except OSError as e:
        raise WriteError(f"เขียนไฟล์ {path.name} ไม่ได้ ({e.strerror or e}) "
                         "ตรวจสอบว่าดิสก์ไม่เต็ม ไฟล์เดิมไม่ได้เปลี่ยนแปลง") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path
