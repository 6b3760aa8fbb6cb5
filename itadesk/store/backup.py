"""Backups of the SQLite file through SQLite's online backup API (safe while in use, WAL included)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine

from ..paths import backups_dir


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text)[:60]


def backup_sqlite(engine: Engine, *, reason: str = "auto", directory: Path | None = None) -> Path:
    """Copy the live database into ``backups/`` and return the new file's path."""
    directory = directory or backups_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = directory / f"itadesk-{stamp}-{_safe(reason)}.sqlite3"
    raw = engine.raw_connection()
    try:
        src = raw.driver_connection
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        raw.close()
    return dest
