"""The one place that finds bundled data (resources/, forms/) and the user's folders.

Bundled data (resources/, forms/, examples/) lives beside the package in a source checkout or editable install,
under ``itadesk/_data`` in an installed wheel, and under ``sys._MEIPASS`` in a
PyInstaller bundle.  User data (database, backups, logs, evidence files) lives in
the platform's user data folder, or in ``ITADESK_HOME`` when that is set (tests,
portable installs).
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

APP_NAME = "ITADesk"
_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _bundled_root(name: str) -> Path:
    candidates = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        candidates.append(Path(meipass) / name)
    candidates += [_PKG.parent / name, _PKG / "_data" / name]
    for c in candidates:
        if c.is_dir():
            return c
    raise FileNotFoundError(f"ไม่พบโฟลเดอร์ข้อมูลของโปรแกรม '{name}' (ติดตั้งไม่ครบ)")


def resources_dir() -> Path:
    return _bundled_root("resources")


def forms_dir() -> Path:
    return _bundled_root("forms")


def frameworks_dir() -> Path:
    return resources_dir() / "frameworks"


def examples_dir() -> Path | None:
    """The bundled example dossiers (``examples/``), or None when this build has none."""
    try:
        d = _bundled_root("examples")
    except FileNotFoundError:
        return None
    return d if any(d.glob("*.json")) else None


def user_data_dir() -> Path:
    env = os.environ.get("ITADESK_HOME")
    if env:
        p = Path(env)
    else:
        from platformdirs import user_data_path

        p = user_data_path(APP_NAME, appauthor=False)
    p.mkdir(parents=True, exist_ok=True)
    return p


def default_db_path() -> Path:
    return user_data_dir() / "itadesk.sqlite3"


def default_db_url() -> str:
    return "sqlite:///" + default_db_path().as_posix()


def backups_dir() -> Path:
    p = user_data_dir() / "backups"
    p.mkdir(parents=True, exist_ok=True)
    return p


def logs_dir() -> Path:
    p = user_data_dir() / "logs"
    p.mkdir(parents=True, exist_ok=True)
    return p


def evidence_dir() -> Path:
    p = user_data_dir() / "evidence"
    p.mkdir(parents=True, exist_ok=True)
    return p


def pythainlp_data_dir() -> Path:
    p = user_data_dir() / "pythainlp-data"
    p.mkdir(parents=True, exist_ok=True)
    return p


def setup_pythainlp_env() -> None:
    """Keep pythainlp offline and its data folder inside ours (it would create ~/pythainlp-data)."""
    os.environ.setdefault("PYTHAINLP_DATA", str(pythainlp_data_dir()))
    os.environ["PYTHAINLP_OFFLINE"] = "1"   # set outright: the program never downloads
