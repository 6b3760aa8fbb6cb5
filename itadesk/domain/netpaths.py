"""Paths on network shares: recognising them, and naming them to SQLite.

A SQLite file on a network share (``\\\\server\\share\\…``, a mapped drive ``Z:``, an SMB/NFS
mount) is unsafe with WAL (its shared-memory index does not work across machines), so such a
database uses the rollback journal, and the program warns against sharing one file between
clerks.  SQLite is opened through ``file:`` URIs for read-only checks: a URI must name a UNC
path as ``file:////server/share/…`` (empty authority), never ``file://server/share/…``, which
SQLite refuses ("invalid uri authority"); and a mapped drive resolves to its UNC path.
"""

from __future__ import annotations

import os
import sys
from pathlib import PurePosixPath, PureWindowsPath
from typing import Callable, Iterable
from urllib.parse import quote

NETWORK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "ncpfs", "9p", "davfs", "fuse.sshfs",
              "sshfs", "fuse.rclone", "glusterfs", "ceph", "fuse.gvfsd-fuse", "fuse.davfs2"}


def sqlite_uri(path: str | os.PathLike[str], *, mode: str | None = None,
               windows: bool | None = None) -> str:
    """A ``file:`` URI for ``path`` that SQLite accepts (``sqlite3.connect(uri, uri=True)``).

    Windows paths (a :class:`PureWindowsPath`, or any path when running on Windows):
    ``C:\\a\\b.db`` → ``file:///C:/a/b.db``; ``\\\\server\\share\\b.db`` → ``file:////server/share/b.db``;
    ``\\\\?\\C:\\…`` and ``\\\\?\\UNC\\server\\…`` long-path forms likewise.  POSIX paths →
    ``file:///abs/path``.  Characters with a meaning in URIs (``?``, ``#``, ``%``, spaces) and
    non-ASCII ones (Thai folder names) are percent-encoded (UTF-8).  A relative path is made
    absolute first (only for a path of this machine's kind)."""
    if windows is None:
        windows = isinstance(path, PureWindowsPath) or (
            sys.platform == "win32" and not isinstance(path, PurePosixPath))
    if windows:
        s = str(PureWindowsPath(path))
        if s.startswith("\\\\?\\UNC\\"):
            s = "\\\\" + s[8:]
        elif s.startswith("\\\\?\\") or s.startswith("\\\\.\\"):
            s = s[4:]
        p = PureWindowsPath(s)
        if not p.is_absolute() and not p.drive and sys.platform == "win32":
            p = PureWindowsPath(os.path.abspath(s))
        posix = p.as_posix()
        if posix.startswith("//"):            # UNC: empty authority + path //server/share/…
            uri_path = posix
        elif p.drive:                         # C:/… → file:///C:/…
            uri_path = "/" + posix
        else:
            uri_path = posix
    else:
        uri_path = os.fspath(path)
        if not uri_path.startswith("/"):
            uri_path = os.path.abspath(uri_path)
    uri = "file:" + ("//" if uri_path.startswith("/") else "") + quote(uri_path, safe="/:")
    if mode:
        uri += "?mode=" + quote(mode)
    return uri


# ---------------------------------------------------------------- network shares
def _windows_drive_is_remote(letter: str) -> bool:
    """True when ``X:`` is a mapped network drive (GetDriveTypeW == DRIVE_REMOTE)."""
    if sys.platform != "win32":
        return False
    import ctypes

    windll = getattr(ctypes, "windll")      # Windows only
    return bool(windll.kernel32.GetDriveTypeW(f"{letter.upper()}:\\") == 4)


def _linux_mounts() -> Iterable[tuple[str, str]]:
    """(mount point, file-system type) from /proc/mounts."""
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 3:
                    yield parts[1].replace("\\040", " "), parts[2]
    except OSError:
        return


def network_share_reason(path: str | os.PathLike[str], *, windows: bool | None = None,
                         drive_is_remote: Callable[[str], bool] = _windows_drive_is_remote,
                         mounts: Callable[[], Iterable[tuple[str, str]]] = _linux_mounts) -> str | None:
    """Why ``path`` looks like a network location (Thai), or None when it looks local.

    Best effort: UNC paths (``\\\\server\\share\\…``, ``//server/share/…``), Windows drive
    letters that are mapped network drives, and on Linux/macOS a mount of a network file
    system (cifs, nfs, sshfs …) or the usual SMB mount folders."""
    s = str(path).strip()
    if not s:
        return None
    if s.startswith("\\\\?\\UNC\\"):
        s = "\\\\" + s[8:]
    elif s.startswith("\\\\?\\"):
        s = s[4:]
    if s.startswith("\\\\") or s.startswith("//"):
        server = s.replace("/", "\\").lstrip("\\").split("\\")[0]
        return f"โฟลเดอร์แชร์ \\\\{server}"
    if windows is None:
        windows = sys.platform == "win32"
    drive = PureWindowsPath(s).drive
    if len(drive) == 2 and drive[1] == ":":
        try:
            remote = drive_is_remote(drive[0])
        except Exception:   # the check must never stop the clerk
            remote = False
        return f"ไดรฟ์เครือข่าย {drive.upper()}" if remote else None
    if windows:
        return None
    p = os.path.abspath(os.path.expanduser(s))
    best = ("", "")
    for mp, fs in mounts():
        if (p == mp or p.startswith(mp.rstrip("/") + "/")) and len(mp) > len(best[0]):
            best = (mp, fs)
    if best[1].lower() in NETWORK_FS:
        return f"{best[1]} ที่ {best[0]}"
    if any(p.startswith(pre) for pre in ("/run/user/", "/Volumes/")) and "smb" in p.lower():
        return "โฟลเดอร์แชร์ SMB"
    return None
