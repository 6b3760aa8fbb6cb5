"""An upgrade is applied whole or not at all: when a later revision fails (or the program is
killed) after an earlier one has altered a table, nothing of the upgrade stays in the file.
(The sqlite3 module would otherwise commit each CREATE/ALTER on its own: a crash in CI left
"duplicate column name: analysis_rules" behind, and the database no longer opened.)"""

import shutil
import sqlite3

import pytest

from itadesk.store.session import DatabaseOpenError, open_database


def _state(path):
    con = sqlite3.connect(path)
    try:
        cols = {r[1] for r in con.execute("PRAGMA table_info(office)")}
        rev = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        offices = con.execute("SELECT count(*) FROM office").fetchone()[0]
    finally:
        con.close()
    return cols, rev, offices


def test_a_failing_upgrade_leaves_the_old_file_as_it_was(tmp_path, root, monkeypatch):
    from alembic.operations import Operations

    path = tmp_path / "old.sqlite3"
    shutil.copy(root / "tests" / "fixtures" / "db" / "rev0001.sqlite3", path)
    cols0, rev0, n0 = _state(path)
    assert "analysis_rules" not in cols0 and rev0.startswith("0001")

    def fail(*_a, **_k):        # revision 0003 fails after 0002 added its column
        raise RuntimeError("disk gone")
    monkeypatch.setattr(Operations, "create_index", fail)
    with pytest.raises((DatabaseOpenError, RuntimeError)):
        open_database(f"sqlite:///{path}", backup=False)
    assert _state(path) == (cols0, rev0, n0)          # not half upgraded

    monkeypatch.undo()
    db = open_database(f"sqlite:///{path}", backup=False)   # and it upgrades cleanly afterwards
    db.dispose()
    cols, rev, n = _state(path)
    assert "analysis_rules" in cols and rev.startswith("0003") and n == n0
