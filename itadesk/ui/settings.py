"""Window state (geometry, last tab, last folders) in a QSettings INI file — never user data.

The file lives in the user config folder, or in ``ITADESK_HOME`` when that is set (tests,
portable installs), so a test never touches a real user's settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from ..domain.safety import write_atomic

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


# ---------------------------------------------------------------- the chosen database
# The INI keeps the database URL WITHOUT its password.  A PostgreSQL password is either kept
# for this session only (in memory), or, when the clerk ticks "remember", put in the system's
# credential store (Windows Credential Manager, macOS Keychain, Secret Service) through the
# optional ``keyring`` package; where that is missing or has no usable backend, it is written
# to a libpq password file (pgpass format, readable by this Windows/Linux user only) beside
# the INI; libpq finds it through PGPASSFILE.  Never in the INI, never in the log.

DB_URL_KEY = "db/url"
KEYRING_SERVICE = "ITA Desk"
_session_passwords: dict[str, str] = {}


def _keyring():
    """The ``keyring`` module when it is installed and has a real backend, else None."""
    try:
        import keyring
    except Exception:       # not installed (or broken): the pgpass file is used
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if getattr(backend, "priority", 1) <= 0:    # keyring's "fail"/"null" backends: no store here
        return None
    return keyring


def password_store_note() -> str:
    """Where a remembered password goes on this machine (Thai, for the database dialog)."""
    if _keyring() is not None:
        return ("รหัสผ่านจะถูกเก็บในที่เก็บรหัสผ่านของระบบ (เช่น Windows Credential Manager) ของผู้ใช้นี้ "
                "ถ้าไม่เลือก โปรแกรมจะจำรหัสผ่านไว้จนปิดโปรแกรมเท่านั้น")
    return ("รหัสผ่านจะถูกเก็บในไฟล์ pgpass.conf ในโฟลเดอร์ตั้งค่าของผู้ใช้นี้ (อ่านได้เฉพาะผู้ใช้นี้ "
            "แต่ไม่ได้เข้ารหัส) ถ้าไม่เลือก โปรแกรมจะจำรหัสผ่านไว้จนปิดโปรแกรมเท่านั้น")


def _keyring_save(bare_url: str, password: str) -> bool:
    """True when the system credential store took (and gives back) the password."""
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.set_password(KEYRING_SERVICE, bare_url, password)
        return kr.get_password(KEYRING_SERVICE, bare_url) == password
    except Exception:   # locked store, no D-Bus session …: fall back to the file
        return False


def _keyring_password(bare_url: str) -> str | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        pw = kr.get_password(KEYRING_SERVICE, bare_url)
    except Exception:
        return None
    return None if pw is None else str(pw)


def strip_password(url: str) -> tuple[str, str | None]:
    """(URL without password, the password or None)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.password is None:
        return url, None
    from ..redact import register_secret

    register_secret(str(u.password))
    # (URL.set(password=None) would keep the password: None means "unchanged" there)
    return u._replace(password=None).render_as_string(hide_password=False), str(u.password)


def pgpass_path() -> Path:
    return settings_path().parent / "pgpass.conf"


def _pgpass_escape(v: str) -> str:
    return v.replace("\\", "\\\\").replace(":", "\\:")


def _pgpass_line(url: str, password: str) -> tuple[str, str]:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    key = ":".join(_pgpass_escape(str(x)) for x in (u.host or "localhost", u.port or 5432,
                                                     u.database or "*", u.username or "*"))
    return key, f"{key}:{_pgpass_escape(password)}"


def save_pgpass(url: str, password: str) -> Path:
    """Write (or replace) this server's line in the password file; owner-only permissions."""
    path = pgpass_path()
    key, line = _pgpass_line(url, password)
    lines = []
    if path.exists():
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x and not x.startswith(key + ":")]
    lines.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))   # its temp file is 0600 (mkstemp)
    os.chmod(path, 0o600)
    use_pgpass()
    return path


def remove_pgpass_line(url: str) -> None:
    """Drop this server's line from the password file (its password moved to the credential store)."""
    path = pgpass_path()
    if not path.exists():
        return
    key, _line = _pgpass_line(url, "")
    lines = path.read_text(encoding="utf-8").splitlines()
    keep = [x for x in lines if x and not x.startswith(key + ":")]
    if len(keep) == len([x for x in lines if x]):
        return
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("".join(x + "\n" for x in keep))
    os.replace(tmp, path)


def use_pgpass() -> None:
    """Point libpq at our password file (if there is one)."""
    if pgpass_path().exists():
        os.environ["PGPASSFILE"] = str(pgpass_path())


def remember_db_url(settings: QSettings, url: str, remember_password: bool = False) -> str:
    """Remember the database for the next start; returns what was written to the INI."""
    bare, password = strip_password(url)
    if password is not None:
        if remember_password:
            if _keyring_save(bare, password):
                remove_pgpass_line(bare)
            else:
                save_pgpass(bare, password)
        else:
            _session_passwords[bare] = password
    settings.setValue(DB_URL_KEY, bare)
    settings.sync()
    return bare


def remembered_db_url(settings: QSettings) -> str | None:
    """The remembered database URL to open (with this session's password, if one was given)."""
    bare = settings.value(DB_URL_KEY)
    if not bare:
        return None
    bare = str(bare)
    use_pgpass()
    pw = _session_passwords.get(bare)
    if pw is None:
        pw = _keyring_password(bare)
    if pw is None:
        return bare
    from ..redact import register_secret

    register_secret(pw)
    from sqlalchemy.engine import make_url

    return make_url(bare).set(password=pw).render_as_string(hide_password=False)


def forget_db_url(settings: QSettings) -> None:
    settings.remove(DB_URL_KEY)
