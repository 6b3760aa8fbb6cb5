"""Window state (geometry, last tab, last folders) in a QSettings INI file — never user data.

The file lives in the user config folder, or in ``ITADESK_HOME`` when that is set (tests,
portable installs), so a test never touches a real user's settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

ORG, APP = "ITADesk", "itadesk"


def settings_path() -> Path:
    home = os.environ.get("ITADESK_HOME")
    if home:
        return Path(home) / "itadesk.ini"
    from platformdirs import user_config_path

    return user_config_path("ITADesk", appauthor=False) / "itadesk.ini"


def app_settings() -> QSettings:
    p = settings_path()
    p.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(p), QSettings.Format.IniFormat)
