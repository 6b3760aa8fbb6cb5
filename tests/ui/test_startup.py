"""Start-up pieces: Thai for Qt's own buttons, crash dialog, database errors, screenshot mode."""

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox

ROOT = Path(__file__).resolve().parents[2]


def test_qt_standard_buttons_are_thai(qapp):
    from itadesk.ui.application import install_qt_thai

    install_qt_thai(qapp)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"ตกลง", "ยกเลิก"}


def test_crash_dialog_copies_details_and_names_the_log(qtbot):
    from itadesk.ui.dialogs.crash_dialog import CrashDialog, format_details

    try:
        raise RuntimeError("boom")
    except RuntimeError as e:
        details = format_details(type(e), e, e.__traceback__)
    d = CrashDialog(details, "/tmp/logs/itadesk.log")
    qtbot.addWidget(d)
    assert "ข้อมูลที่บันทึกไว้แล้วปลอดภัย" in d.findChildren(type(d.logLabel))[1].text()
    assert "/tmp/logs/itadesk.log" in d.logLabel.text()
    d.copy_details()
    assert "RuntimeError: boom" in QApplication.clipboard().text()
    assert d.copyButton.text() == "คัดลอกแล้ว"


def test_corrupt_database_offers_the_latest_backup(tmp_path, monkeypatch):
    from itadesk.store.backup import backup_sqlite
    from itadesk.store.session import open_database
    from itadesk.ui import application
    from itadesk.ui.dialogs import messages

    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    db = open_database(url)
    backup_sqlite(db.engine, reason="test")
    db.dispose()
    # A damaged file: SQLite header intact, pages overwritten (a disk or power fault).
    raw = bytearray((tmp_path / "c.sqlite3").read_bytes())
    raw[100:] = b"\xff" * (len(raw) - 100)
    (tmp_path / "c.sqlite3").write_bytes(bytes(raw))
    for extra in ("-wal", "-shm"):
        (tmp_path / f"c.sqlite3{extra}").unlink(missing_ok=True)
    asked, shown = [], []
    monkeypatch.setattr(messages, "ask", lambda parent, text, *a, **k: asked.append(text) or True)
    monkeypatch.setattr(messages, "show_info", lambda parent, text, *a, **k: shown.append(text))
    monkeypatch.setattr(messages, "show_error", lambda parent, text, *a, **k: shown.append(text))
    db2 = application.open_db_interactive(url, quiet=False)
    assert db2 is not None, shown
    db2.dispose()
    assert "กู้คืน" in asked[0]
    assert shown and "กู้คืนข้อมูลแล้ว" in shown[0]


def test_screenshot_command_writes_png(tmp_path, root):
    url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    subprocess.run([sys.executable, "-m", "itadesk", "import", "--db", url,
                    str(root / "tests" / "fixtures" / "mini_dossier.json")], cwd=ROOT, check=True,
                   capture_output=True)
    out = tmp_path / "shot.png"
    r = subprocess.run([sys.executable, "-m", "itadesk", "gui", "--db", url, "--tab", "scores", "--year", "2565",
                        "--screenshot", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                       env={**__import__("os").environ, "ITADESK_HOME": str(tmp_path / "home")})
    assert r.returncode == 0, r.stderr
    from PySide6.QtGui import QImage

    img = QImage(str(out))
    assert (img.width(), img.height()) == (1366, 768)
    assert not (tmp_path / "home" / "itadesk.ini").exists() or "geometry" not in (
        tmp_path / "home" / "itadesk.ini").read_text()
