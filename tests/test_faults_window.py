"""The window's side of issue 16 item 4: a read-only database is detected when it opens (read-only
mode with a Thai notice), and a failing write during a window action reaches the clerk as a Thai
message, never as the crash dialog."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from itadesk.cli import main as cli_main
from itadesk.store.services import Services
from itadesk.store.session import DatabaseOpenError, open_database

ROOT = Path(__file__).resolve().parent.parent
DOSSIER = ROOT / "examples" / "seed000_wiang_results_2565.json"


def _unwritable(path: Path) -> str | None:
    if not hasattr(os, "geteuid"):      # Windows: file modes do not make a file read-only for SQLite
        return None
    if os.geteuid() != 0:
        os.chmod(path, 0o444)
        return "chmod"
    chattr = shutil.which("chattr")
    if chattr and subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode == 0:
        return "chattr"
    return None


def _undo(path: Path, how: str | None) -> None:
    if how == "chattr":
        subprocess.run([shutil.which("chattr") or "chattr", "-i", str(path)], capture_output=True)
    elif how == "chmod":
        os.chmod(path, 0o644)


@pytest.fixture
def ro_db(tmp_path):
    db = tmp_path / "ro.sqlite3"
    assert cli_main(["import", str(DOSSIER), "--db", f"sqlite:///{db}"]) == 0
    how = _unwritable(db)
    if how is None:
        pytest.skip("cannot make a file read-only here")
    yield db
    _undo(db, how)


def test_read_only_database_opens_read_only_or_is_refused_in_thai(ro_db):
    url = f"sqlite:///{ro_db}"
    with pytest.raises(DatabaseOpenError) as e:
        open_database(url)
    assert e.value.kind == "readonly" and "อ่านอย่างเดียว" in str(e.value)
    db = open_database(url, read_only_ok=True)
    try:
        assert db.read_only
        services = Services(db)
        assert services.has_office()
        year = services.years()[0]
        before = services.year_scores(year)
        with pytest.raises(Exception) as w:        # the first edit, as the scores tab makes it
            services.set_indicator_score(year, 1, Decimal("50.00"))
        from itadesk.faults import explain

        msg = explain(w.value, ro_db)
        assert msg and "อ่านอย่างเดียว" in msg and "ไม่เสียหาย" in msg
        assert services.year_scores(year) == before
    finally:
        db.dispose()


def test_window_action_failure_is_a_thai_message_not_the_crash_dialog(qapp, monkeypatch, tmp_path):
    from itadesk.ui.dialogs import crash_dialog, messages

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_error", lambda parent, text, *a, **k: shown.append(text))
    monkeypatch.setattr(crash_dialog, "CrashDialog", lambda *a, **k: pytest.fail("crash dialog shown"))
    old = sys.excepthook
    try:
        crash_dialog.install_excepthook(str(tmp_path / "x.log"))
        for exc in (sqlite3.OperationalError("attempt to write a readonly database"),
                    sqlite3.OperationalError("database or disk is full"),
                    sqlite3.OperationalError("disk I/O error"),
                    OSError(28, "No space left on device", str(tmp_path / "memo.pdf"))):
            sys.excepthook(type(exc), exc, None)
    finally:
        sys.excepthook = old
    assert len(shown) == 4
    assert "อ่านอย่างเดียว" in shown[0] and "ดิสก์เต็ม" in shown[1] and "ดิสก์" in shown[2] and "ดิสก์เต็ม" in shown[3]
    assert all("ไม่เสียหาย" in s for s in shown)


def test_gui_on_read_only_database_says_so(ro_db, tmp_path):
    env = dict(os.environ, ITADESK_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    p = subprocess.run([sys.executable, "-m", "itadesk", "gui", "--db", f"sqlite:///{ro_db}", "--screenshot",
                        str(tmp_path / "s.png")], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "อ่านอย่างเดียว" in p.stderr and "Traceback" not in p.stderr
    assert (tmp_path / "s.png").exists()


def test_window_import_refuses_a_folder_and_dev_zero_without_reading(tmp_path):
    from itadesk.domain.errors import InputError

    db = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    try:
        svc = Services(db)
        for bad, words in ((tmp_path, "โฟลเดอร์"), ("/dev/zero", "ไม่ใช่ไฟล์ข้อมูลธรรมดา")):
            if bad == "/dev/zero" and not os.path.exists(bad):
                continue
            with pytest.raises(InputError) as e:
                svc.import_dossier_file(bad)
            assert words in str(e.value)
        assert not svc.has_office()
    finally:
        db.dispose()
