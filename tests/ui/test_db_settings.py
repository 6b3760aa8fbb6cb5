"""แฟ้ม → เลือกฐานข้อมูล…: URLs, the network-share warning, the remembered URL, switching."""

import os
import stat

import pytest
from sqlalchemy.engine import make_url

from itadesk.store.services import OfficeProfile, Services
from itadesk.store.session import open_database
from itadesk.ui import settings as st
from itadesk.ui.dialogs.db_settings_dialog import (DbSettingsDialog, build_pg_url, build_sqlite_url,
                                                   network_share_reason, parse_url)

PG_URL = os.environ.get("ITADESK_TEST_DB_URL", "")


# ---------------------------------------------------------------- URLs
def test_pg_url_escapes_every_part():
    url = build_pg_url("db.office.local", 5433, "ita desk", "clerk@office", "p@ss:w/rd#1?ไทย%")
    assert url.startswith("postgresql+psycopg://clerk%40office:p%40ss%3Aw%2Frd%231%3F")
    u = make_url(url)
    assert (u.username, u.password, u.host, u.port, u.database) == (
        "clerk@office", "p@ss:w/rd#1?ไทย%", "db.office.local", 5433, "ita desk")
    assert parse_url(url) == {"kind": "postgresql", "host": "db.office.local", "port": 5433,
                              "database": "ita desk", "user": "clerk@office", "password": "p@ss:w/rd#1?ไทย%"}
    assert build_pg_url("10.0.0.5", 5432, "itadesk", "ita") == "postgresql+psycopg://ita@10.0.0.5:5432/itadesk"


def test_sqlite_url(tmp_path):
    p = tmp_path / "ข้อมูล ITA" / "itadesk.sqlite3"
    url = build_sqlite_url(p)
    assert make_url(url).database == str(p)
    assert parse_url(url) == {"kind": "sqlite", "path": str(p)}
    assert build_sqlite_url("  ") == ""


# ---------------------------------------------------------------- network shares
def test_unc_paths_are_network():
    assert "\\\\server" in network_share_reason(r"\\server\share\x.sqlite3", windows=True)
    assert "\\\\nas01" in network_share_reason("//nas01/ita/itadesk.sqlite3", windows=False)


def test_mapped_drive_uses_the_drive_check():
    asked = []

    def remote(letter):
        asked.append(letter)
        return letter.upper() == "Z"
    assert "Z:" in network_share_reason(r"Z:\ITA\itadesk.sqlite3", windows=True, drive_is_remote=remote)
    assert network_share_reason(r"C:\ITA\itadesk.sqlite3", windows=True, drive_is_remote=remote) is None
    assert asked == ["Z", "C"]
    # a failing check never stops the clerk
    assert network_share_reason("z:/x.sqlite3", windows=True, drive_is_remote=lambda _l: 1 / 0) is None


def test_linux_network_mounts():
    mounts = lambda: [("/", "ext4"), ("/mnt/office", "cifs"), ("/mnt/office/local", "ext4"),  # noqa: E731
                      ("/srv/nfs", "nfs4")]
    assert "cifs" in network_share_reason("/mnt/office/ita/x.sqlite3", windows=False, mounts=mounts)
    assert "nfs4" in network_share_reason("/srv/nfs/x.sqlite3", windows=False, mounts=mounts)
    assert network_share_reason("/mnt/office/local/x.sqlite3", windows=False, mounts=mounts) is None
    assert network_share_reason("/home/clerk/x.sqlite3", windows=False, mounts=mounts) is None
    assert network_share_reason("", windows=False, mounts=mounts) is None


def test_dialog_warns_about_a_share(qtbot):
    dlg = DbSettingsDialog("", network_check=lambda p: "ไดรฟ์เครือข่าย Z:" if p.lower().startswith("z:") else None)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.sqliteRadio.isChecked() and not dlg.networkWarning.isVisible()
    dlg.pathEdit.setText(r"Z:\ITA\itadesk.sqlite3")
    assert dlg.networkWarning.isVisible()
    text = dlg.networkWarning.text()
    assert "ไดรฟ์เครือข่าย Z:" in text and "PostgreSQL" in text and "เสียหาย" in text
    dlg.pathEdit.setText(r"C:\ITA\itadesk.sqlite3")
    assert not dlg.networkWarning.isVisible()
    assert dlg.url() == build_sqlite_url(r"C:\ITA\itadesk.sqlite3")


def test_dialog_builds_the_pg_url(qtbot):
    dlg = DbSettingsDialog("postgresql+psycopg://ita@server:5432/itadesk")
    qtbot.addWidget(dlg)
    assert dlg.pgRadio.isChecked() and dlg.hostEdit.text() == "server" and dlg.userEdit.text() == "ita"
    dlg.passwordEdit.setText("a:b@c")
    assert make_url(dlg.url()).password == "a:b@c"
    assert not dlg.remember_password()
    dlg.rememberCheck.setChecked(True)
    assert dlg.remember_password()
    assert dlg.rememberNote.isVisibleTo(dlg)


# ---------------------------------------------------------------- connection test (off the GUI thread)
def test_connection_test_sqlite(qtbot, tmp_path):
    dlg = DbSettingsDialog(build_sqlite_url(tmp_path / "t.sqlite3"))
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.tested, timeout=20000) as sig:
        dlg.test()
    ok, msg = sig.args
    assert ok and "ไฟล์ SQLite" in msg and dlg.resultLabel.text().startswith("✓")


def test_connection_test_unreachable_server(qtbot):
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()      # nothing listens there now
    dlg = DbSettingsDialog(build_pg_url("127.0.0.1", port, "itadesk", "ita", "x"))
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.tested, timeout=30000) as sig:
        dlg.test()
    ok, msg = sig.args
    assert not ok and "เปิดฐานข้อมูลไม่ได้" in msg
    assert dlg.testButton.isEnabled()


@pytest.mark.skipif(not PG_URL, reason="ITADESK_TEST_DB_URL (PostgreSQL) not given")
def test_connection_test_and_copy_to_server(qtbot, tmp_path, monkeypatch, pg_url):
    src = build_sqlite_url(tmp_path / "office.sqlite3")
    db = open_database(src)
    sv = Services(db)
    sv.save_profile(OfficeProfile(name="เทศบาลตำบลทดสอบ"))
    from decimal import Decimal

    sv.set_indicator_scores(2568, {1: Decimal("90"), 2: Decimal("80")})
    db.dispose()
    f = parse_url(pg_url)
    dlg = DbSettingsDialog(pg_url, source_sqlite=tmp_path / "office.sqlite3")
    qtbot.addWidget(dlg)
    assert dlg.hostEdit.text() == f["host"] and dlg.copyButton.isEnabled()
    with qtbot.waitSignal(dlg.tested, timeout=20000) as sig:
        dlg.test()
    assert sig.args[0] and "PostgreSQL" in sig.args[1]
    monkeypatch.setattr("itadesk.ui.dialogs.messages.ask", lambda *a, **k: True)
    with qtbot.waitSignal(dlg.transferred, timeout=60000) as sig:
        dlg.copy_to_server()
    assert sig.args[0], sig.args[1]
    t = dlg.countsTable
    counts = {t.item(r, 0).text(): (t.item(r, 1).text(), t.item(r, 2).text()) for r in range(t.rowCount())}
    assert counts["office"] == ("1", "1") and counts["indicator_score"] == ("2", "2")
    # copying again refuses: the server is not empty any more
    with qtbot.waitSignal(dlg.transferred, timeout=60000) as sig:
        dlg.copy_to_server()
    assert not sig.args[0] and "มีข้อมูลอยู่แล้ว" in sig.args[1]


# ---------------------------------------------------------------- remembered URL, no password in the INI
@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ITADESK_HOME", str(tmp_path))
    monkeypatch.delenv("PGPASSFILE", raising=False)
    monkeypatch.setattr(st, "_session_passwords", {})
    return tmp_path


def test_remembered_url_keeps_the_password_for_the_session_only(home):
    s = st.app_settings()
    url = build_pg_url("server", 5432, "itadesk", "ita", "ลับมาก:1@")
    written = st.remember_db_url(s, url)
    assert written == "postgresql+psycopg://ita@server:5432/itadesk"
    ini = (home / "itadesk.ini").read_text(encoding="utf-8")
    assert "itadesk" in ini and "ลับ" not in ini and "%E0%B8" not in ini and "1%40" not in ini
    assert not st.pgpass_path().exists()
    assert make_url(st.remembered_db_url(s)).password == "ลับมาก:1@"     # this session
    st._session_passwords.clear()                                          # next start
    assert st.remembered_db_url(st.app_settings()) == written


def test_remembered_password_goes_to_a_private_pgpass_file(home):
    s = st.app_settings()
    st.remember_db_url(s, build_pg_url("server", 5432, "itadesk", "ita", "a:b\\c"), remember_password=True)
    st.remember_db_url(s, build_pg_url("server", 5432, "itadesk", "ita", "new:pw"), remember_password=True)
    ini = (home / "itadesk.ini").read_text(encoding="utf-8")
    assert "new" not in ini and "pw" not in ini
    p = st.pgpass_path()
    assert p.read_text(encoding="utf-8") == "server:5432:itadesk:ita:new\\:pw\n"   # replaced, escaped
    if os.name == "posix":
        assert stat.S_IMODE(p.stat().st_mode) == 0o600
    st._session_passwords.clear()
    os.environ.pop("PGPASSFILE", None)
    assert st.remembered_db_url(s) == "postgresql+psycopg://ita@server:5432/itadesk"
    assert os.environ["PGPASSFILE"] == str(p)                              # libpq finds it


def test_sqlite_url_is_remembered_as_is(home):
    s = st.app_settings()
    st.remember_db_url(s, "sqlite:////tmp/x.sqlite3")
    assert st.remembered_db_url(s) == "sqlite:////tmp/x.sqlite3"
    st.forget_db_url(s)
    assert st.remembered_db_url(s) is None


# ---------------------------------------------------------------- switching the main window's database
def test_switch_database_reopens_every_tab(qtbot, window, settings, tmp_path):
    other = build_sqlite_url(tmp_path / "other.sqlite3")
    db = open_database(other)
    Services(db).save_profile(OfficeProfile(name="เทศบาลตำบลอื่น"))
    db.dispose()
    old = window.services
    assert window.switch_database(other)
    new = window.services
    assert new is not old and new.db.url == other
    for holder in (window.scoresTab, window.scoresTab.indicators, window.scoresTab.items, window.memosTab):
        assert holder.services is new
    assert window.officeLabel.text() == "เทศบาลตำบลอื่น"
    assert settings.value("db/url") == other
    assert str(tmp_path / "other.sqlite3") in window.dbLabel.text()
    # a file that is not a database is refused and nothing changes
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 10)
    from itadesk.ui.dialogs import messages

    shown = []
    orig = messages.show_error
    messages.show_error = lambda *a, **k: shown.append(a)
    try:
        import itadesk.ui.database_switch as sw

        sw.show_error = messages.show_error
        assert not window.switch_database(build_sqlite_url(bad))
    finally:
        messages.show_error = orig
        sw.show_error = orig
    assert shown and window.services is new
    window.db_lock.release() if getattr(window, "db_lock", None) else None
    new.db.dispose()
