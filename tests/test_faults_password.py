"""Issue 16 item 2: the PostgreSQL password is never written anywhere.

A connection is failed on purpose — from the command line (every command that takes ``--db``,
the window included) and from the database dialog — and then EVERY file under the data,
config, log and temp folders the program used is searched for the password, in plain and
URL-escaped form.  The log file is private (0600).  "Remember password" goes to the system
credential store when one is there (a fake keyring backend here), else to the 0600 pgpass file.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
import subprocess
import sys
import types
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "S3cretPW"
URL = f"postgresql+psycopg://u:{PASSWORD}@127.0.0.1:1/x"
ODD = "p@ss:w/rd S3cret#2"            # needs URL-escaping: must not leak in either form
ODD_URL = f"postgresql+psycopg://u:{quote(ODD, safe='')}@127.0.0.1:1/x"
FORMS = (PASSWORD, ODD, quote(ODD, safe=""), quote(ODD))


def _leaks(folder: Path) -> list[str]:
    found = []
    for p in folder.rglob("*"):
        if p.is_file() and not p.is_symlink():
            data = p.read_bytes()
            for form in FORMS:
                if form.encode("utf-8") in data:
                    found.append(f"{p.relative_to(folder)} contains {form!r}")
    return found


def _env(base: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for k in ("PGPASSFILE", "PGPASSWORD"):
        env.pop(k, None)
    for name in ("home", "data", "config", "cache", "state", "tmp"):
        (base / name).mkdir(parents=True, exist_ok=True)
    env.update(ITADESK_HOME=str(base / "data"), HOME=str(base / "home"), XDG_CONFIG_HOME=str(base / "config"),
               XDG_DATA_HOME=str(base / "data"), XDG_CACHE_HOME=str(base / "cache"),
               XDG_STATE_HOME=str(base / "state"), TMPDIR=str(base / "tmp"), TMP=str(base / "tmp"),
               TEMP=str(base / "tmp"))
    return env


def test_failed_connections_from_the_command_line_write_no_password(tmp_path):
    base = tmp_path / "run"
    env = _env(base)
    sq = f"sqlite:///{base / 'data' / 'local.sqlite3'}"
    runs = []
    for url in (URL, ODD_URL):
        runs += [["--db", url, "check"], ["export", "--db", url, "--out", str(base / "x.json")],
                 ["import", str(ROOT / "examples" / "seed000_wiang_results_2565.json"), "--db", url],
                 ["district", "--year", "2565", "--db", url], ["backup", "--db", url],
                 ["migrate-db", "--from", sq, "--to", url],
                 ["gui", "--db", url, "--screenshot", str(base / "s.png")]]
    runs.append(["--db", URL.replace(":1/", ":notaport/"), "check"])      # a malformed URL
    outputs = []
    for argv in runs:
        p = subprocess.run([sys.executable, "-m", "itadesk", *argv], capture_output=True, env=env, cwd=ROOT,
                           timeout=120)
        text = (p.stdout + p.stderr).decode("utf-8", "replace")
        outputs.append(text)
        assert p.returncode != 0, (argv, text)
        assert "Traceback" not in text, text
        assert not [f for f in FORMS if f in text], (argv, text)
    assert any("***" in t or "127.0.0.1" in t for t in outputs)
    logs = list((base / "data" / "logs").glob("itadesk.log*"))
    assert logs, "the window's failed start should have been logged"
    for log in logs:
        assert sys.platform == "win32" or stat.S_IMODE(log.stat().st_mode) == 0o600, oct(log.stat().st_mode)
    assert _leaks(base) == []


class FakeKeyring(types.SimpleNamespace):
    """A stand-in for the ``keyring`` module with a working backend."""

    def __init__(self, works: bool = True):
        super().__init__(store={}, works=works)

    def get_keyring(self):
        return types.SimpleNamespace(priority=5 if self.works else 0)

    def set_password(self, service, user, pw):
        self.store[(service, user)] = pw

    def get_password(self, service, user):
        return self.store.get((service, user))


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ITADESK_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("PGPASSFILE", raising=False)
    (tmp_path / "data").mkdir()
    root = logging.getLogger()
    before = list(root.handlers)
    for h in before:      # this test's own log file, in its own data folder
        if isinstance(h, logging.handlers.RotatingFileHandler):
            root.removeHandler(h)
    yield tmp_path
    for h in list(root.handlers):
        if h not in before:
            root.removeHandler(h)
            h.close()
    for h in before:
        if h not in root.handlers:
            root.addHandler(h)


def test_database_dialog_failed_test_writes_no_password(qtbot, home, monkeypatch):
    from itadesk.logfile import setup_logging
    from itadesk.ui import settings as st
    from itadesk.ui.dialogs.crash_dialog import format_details
    from itadesk.ui.dialogs.db_settings_dialog import DbSettingsDialog

    fake = FakeKeyring()
    monkeypatch.setattr(st, "_keyring", lambda: fake)
    log_path = Path(setup_logging())
    start = log_path.stat().st_size if log_path.exists() else 0
    dlg = DbSettingsDialog("")
    qtbot.addWidget(dlg)
    dlg.pgRadio.setChecked(True)
    dlg.hostEdit.setText("127.0.0.1")
    dlg.portSpin.setValue(1)
    dlg.dbEdit.setText("x")
    dlg.userEdit.setText("u")
    dlg.passwordEdit.setText(ODD)
    with qtbot.waitSignal(dlg.tested, timeout=30000) as sig:
        dlg.test()
    ok, msg = sig.args
    assert not ok and "เปิดฐานข้อมูลไม่ได้" in msg
    assert not [f for f in FORMS if f in msg + dlg.resultLabel.text()]
    # whatever code path logs the URL or an exception repeating it, the log gets no password
    lg = logging.getLogger("itadesk.test")
    lg.error("cannot open %s", dlg.url())
    try:
        raise RuntimeError(f"connection to {dlg.url()} failed (password={ODD})")
    except RuntimeError as e:
        lg.exception("failed")
        report = format_details(type(e), e, e.__traceback__)
    assert not [f for f in FORMS if f in report] and "***" in report
    # "remember": the credential store takes it; the INI and the pgpass file never see it
    settings = st.app_settings()
    st.remember_db_url(settings, dlg.url(), remember_password=True)
    assert list(fake.store.values()) == [ODD]
    assert not st.pgpass_path().exists()
    assert st.remembered_db_url(settings).endswith("@127.0.0.1:1/x") and ODD in _password(st.remembered_db_url(settings))
    for h in logging.getLogger().handlers:
        h.flush()
    new_log = log_path.read_bytes()[start:].decode("utf-8", "replace")
    assert "cannot open" in new_log and "***" in new_log
    assert not [f for f in FORMS if f in new_log], new_log[-2000:]
    assert sys.platform == "win32" or stat.S_IMODE(log_path.stat().st_mode) == 0o600
    assert _leaks(home) == []


def _password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return str(make_url(url).password)


def test_without_a_credential_store_the_password_goes_to_the_private_pgpass_file(home, monkeypatch):
    from itadesk.ui import settings as st

    monkeypatch.setattr(st, "_keyring", lambda: None)
    s = st.app_settings()
    st.remember_db_url(s, URL, remember_password=True)
    p = st.pgpass_path()
    assert p.exists() and (sys.platform == "win32" or stat.S_IMODE(p.stat().st_mode) == 0o600)
    assert PASSWORD in p.read_text(encoding="utf-8")
    assert PASSWORD not in (home / "data" / "itadesk.ini").read_text(encoding="utf-8")


def test_credential_store_moves_an_old_pgpass_line_out(home, monkeypatch):
    from itadesk.ui import settings as st

    monkeypatch.setattr(st, "_keyring", lambda: None)
    st.remember_db_url(st.app_settings(), URL, remember_password=True)
    assert PASSWORD in st.pgpass_path().read_text(encoding="utf-8")
    fake = FakeKeyring()
    monkeypatch.setattr(st, "_keyring", lambda: fake)
    st.remember_db_url(st.app_settings(), URL, remember_password=True)
    assert PASSWORD not in st.pgpass_path().read_text(encoding="utf-8")
    assert list(fake.store.values()) == [PASSWORD]


def test_real_keyring_module_without_backend_is_not_used(monkeypatch):
    from itadesk.ui import settings as st

    fake = FakeKeyring(works=False)
    monkeypatch.setitem(sys.modules, "keyring", fake)
    assert st._keyring() is None
    monkeypatch.setitem(sys.modules, "keyring", FakeKeyring(works=True))
    assert st._keyring() is not None


def test_redact_text_covers_urls_dsns_and_registered_secrets():
    from itadesk.redact import redact_text, redact_url, register_secret

    assert redact_url(URL) == "postgresql+psycopg://u:***@127.0.0.1:1/x"
    assert PASSWORD not in redact_text(f'connection to "{URL}" failed')
    assert redact_text("host=db user=u password='a b c' dbname=x") == "host=db user=u password=*** dbname=x"
    register_secret("Zq9-unique-secret")
    assert redact_text("server said: bad Zq9-unique-secret") == "server said: bad ***"
    assert redact_text("sqlite:////home/u/x.sqlite3") == "sqlite:////home/u/x.sqlite3"
