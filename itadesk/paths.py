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

from .domain.errors import ItaDeskError

APP_NAME = "ITADesk"


class DataFolderError(ItaDeskError):
    """The user's data folder (or one inside it) cannot be made."""


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


def _make_folder(p: Path) -> Path:
    """mkdir -p, or a Thai DataFolderError saying which folder and what to do."""
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        why = {17: "มีไฟล์ชื่อเดียวกันอยู่แล้ว", 20: "มีส่วนหนึ่งของที่อยู่เป็นไฟล์", 28: "ดิสก์เต็ม",
               30: "ดิสก์เป็นแบบอ่านอย่างเดียว"}.get(e.errno or 0, "ไม่มีสิทธิ์เขียนหรือดิสก์มีปัญหา")
        raise DataFolderError(
            f"สร้างโฟลเดอร์ข้อมูลของโปรแกรม {p} ไม่ได้ ({why}) กรุณาตรวจสอบสิทธิ์และที่ว่างบนดิสก์ "
            "หรือกำหนดโฟลเดอร์อื่นที่เขียนได้ด้วยตัวแปรสภาพแวดล้อม ITADESK_HOME") from None
    return p


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
    return _make_folder(p)


def default_db_path() -> Path:
    return user_data_dir() / "itadesk.sqlite3"


def default_db_url() -> str:
    return "sqlite:///" + default_db_path().as_posix()


def backups_dir() -> Path:
    return _make_folder(user_data_dir() / "backups")


def logs_dir() -> Path:
    return _make_folder(user_data_dir() / "logs")


def evidence_dir() -> Path:
    return _make_folder(user_data_dir() / "evidence")


def pythainlp_data_dir() -> Path:
    return _make_folder(user_data_dir() / "pythainlp-data")


def setup_pythainlp_env() -> None:
    """Keep pythainlp offline and its data folder inside ours (it would create ~/pythainlp-data).

    Never raises: when our data folder cannot be made, ``--version``, ``--help`` and the
    commands that need no data folder still work (the others say so in Thai)."""
    if "PYTHAINLP_DATA" not in os.environ:
        try:
            os.environ["PYTHAINLP_DATA"] = str(pythainlp_data_dir())
        except (ItaDeskError, OSError):
            import tempfile

            os.environ["PYTHAINLP_DATA"] = os.path.join(tempfile.gettempdir(), "itadesk-pythainlp-data")
    os.environ["PYTHAINLP_OFFLINE"] = "1"   # set outright: the program never downloads
