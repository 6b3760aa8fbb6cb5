"""SQLite ``file:`` URIs for local, UNC and mapped-drive paths; the journal on a network share."""

import os
import sqlite3
from pathlib import Path, PureWindowsPath

import pytest

from itadesk.domain.netpaths import sqlite_uri

# characters that mean something in a URI; '?' cannot be in a Windows file name
URI_CHARS = "#1 100%" if os.name == "nt" else "#1 ?ก 100%"


@pytest.mark.parametrize("path, uri", [
    # the forms SQLite's URI rules give (sqlite.org/uri.html): empty authority + //server/…
    (r"\\server\share\ITA\itadesk.sqlite3", "file:////server/share/ITA/itadesk.sqlite3"),
    (r"\\?\UNC\nas01\ita\x.db", "file:////nas01/ita/x.db"),
    (r"C:\Users\clerk\ITA\x.db", "file:///C:/Users/clerk/ITA/x.db"),
    (r"Z:\ITA Desk\x.db", "file:///Z:/ITA%20Desk/x.db"),
    (r"\\?\D:\very\long\x.db", "file:///D:/very/long/x.db"),
    (r"C:\a#1\b?c\100%.db", "file:///C:/a%231/b%3Fc/100%25.db"),
])
def test_windows_paths(path, uri):
    assert sqlite_uri(PureWindowsPath(path)) == uri
    assert sqlite_uri(PureWindowsPath(path), mode="ro") == uri + "?mode=ro"


def test_thai_folder_is_utf8_percent_encoded():
    uri = sqlite_uri(PureWindowsPath(r"\\server\งาน ITA\x.db"))
    assert uri == "file:////server/%E0%B8%87%E0%B8%B2%E0%B8%99%20ITA/x.db"


def test_the_old_form_is_refused_and_the_new_one_accepted_by_sqlite(tmp_path):
    """``file://server/…`` (what as_posix() gave) is "invalid uri authority"; our form opens.

    On POSIX ``//tmp/…`` is ``/tmp/…``, so a UNC-shaped path to the temp folder opens there;
    on Windows the same folder is reached through the administrative share of localhost (C$)."""
    db = tmp_path / "x.db"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect("file:" + PureWindowsPath(r"\\server\share\x.db").as_posix() + "?mode=ro", uri=True)
    if os.name == "nt":
        drive, rest = os.path.splitdrive(str(tmp_path))
        unc_like = PureWindowsPath(f"\\\\localhost\\{drive[0]}$" + rest + "\\x.db")
        if not Path(str(unc_like)).exists():
            pytest.skip("no administrative share on this machine")
    else:
        unc_like = PureWindowsPath("\\\\" + str(tmp_path).lstrip("/").replace("/", "\\") + "\\x.db")
    uri = sqlite_uri(unc_like, mode="ro")
    assert uri.startswith("file:////")
    con = sqlite3.connect(uri, uri=True)
    assert con.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    con.close()


def test_local_path_with_uri_characters_opens(tmp_path):
    folder = tmp_path / f"สำรอง {URI_CHARS}"
    folder.mkdir()
    db = folder / "x.db"
    sqlite3.connect(db).close()
    con = sqlite3.connect(sqlite_uri(db, mode="ro"), uri=True)
    con.execute("PRAGMA quick_check")
    con.close()
    assert not (tmp_path / "สำรอง ").exists()      # nothing created at a cut-off name


def test_backup_check_and_restore_on_a_path_with_uri_characters(tmp_path, mini):
    """check_sqlite_file and restore_sqlite used f"file:{path.as_posix()}": '#' or '?' broke them."""
    from sqlalchemy import select

    from itadesk.store.backup import backup_sqlite, check_sqlite_file
    from itadesk.store.dossier import import_dossier
    from itadesk.store.models import Office
    from itadesk.store.restore import restore_sqlite
    from itadesk.store.session import open_database

    folder = tmp_path / f"ITA 2568 {URI_CHARS}"
    folder.mkdir()
    url = f"sqlite:///{folder / 'itadesk.sqlite3'}"
    db = open_database(url)
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    b = backup_sqlite(db.engine, directory=folder)
    db.dispose()
    assert check_sqlite_file(b) is None
    aside = restore_sqlite(b, url)
    assert aside is not None and check_sqlite_file(aside) is None
    db = open_database(url)
    with db.session() as s:
        assert s.scalar(select(Office.name)) == "เทศบาลตำบลทดสอบ"
    db.dispose()


def test_network_share_uses_the_rollback_journal(monkeypatch, tmp_path):
    from itadesk.domain import netpaths
    from itadesk.store import session

    assert session.sqlite_journal_mode(tmp_path / "x.db") == "WAL"
    real = netpaths.network_share_reason
    monkeypatch.setattr(netpaths, "network_share_reason",       # the folder is a CIFS mount
                        lambda p: real(p, windows=os.name == "nt", drive_is_remote=lambda _letter: True,
                                       mounts=lambda: [(str(tmp_path), "cifs")]))
    assert session.sqlite_journal_mode(tmp_path / "x.db") == "DELETE"
    db = session.open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    db.dispose()
    assert session.sqlite_journal_mode(Path(r"\\server\share\x.db")) == "DELETE"
