"""The program's log file: logs/itadesk.log in the data folder, private, passwords filtered.

Used by the window (ui/application.py) and by the command line (a failure's technical detail
goes here, the clerk sees a Thai message).  Qt-free and import-light.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path


class PrivateLogHandler(logging.handlers.RotatingFileHandler):
    """The log file and its rotated copies: readable by this user only (0600 where the OS allows)."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        make_private(self.baseFilename)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def make_private(path: str | os.PathLike) -> None:
    try:
        os.chmod(path, 0o600)
    except OSError:     # Windows (ACLs, not modes) or a file that is not ours: nothing to do
        pass


def setup_logging() -> Path:
    """The log file (logs/itadesk.log), mode 0600, every record passed through the password filter.

    The filter also goes on any handler already on the root logger (and on logging's last-resort
    stderr handler), so no code path — nor a library's log line repeating a database URL — can
    write a password anywhere."""
    from .paths import logs_dir
    from .redact import install_filter

    path = logs_dir() / "itadesk.log"
    root = logging.getLogger()
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        for old in [path, *path.parent.glob("itadesk.log.*")]:   # written by an older version: 0644
            if old.exists():
                make_private(old)
        h = PrivateLogHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        h.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(h)
        root.setLevel(logging.INFO)
    for h in root.handlers:
        install_filter(h)
    if logging.lastResort is not None:
        install_filter(logging.lastResort)
    return path
