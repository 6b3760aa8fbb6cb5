import json

import pytest

from itadesk.cli import main
from itadesk.domain.errors import ItaDeskError
from itadesk.store.dossier import office_to_dossier
from itadesk.store.repo import get_office
from itadesk.store.session import open_database
from itadesk.store.transfer import transfer


def test_round_trip_with_counts(tmp_path, db_url, root, capsys):
    src = f"sqlite:///{tmp_path / 'home.sqlite3'}"
    back = f"sqlite:///{tmp_path / 'back.sqlite3'}"
    fixture = root / "tests" / "fixtures" / "mini_dossier.json"
    assert main(["import", str(fixture), "--db", src]) == 0
    assert main(["migrate-db", "--from", src, "--to", db_url]) == 0      # up (PostgreSQL in CI)
    assert "จำนวนแถวตรงกันทุกตาราง" in capsys.readouterr().out
    report = transfer(db_url, back)                                       # and home again
    assert report.ok and report.counts["indicator_score"] == (10, 10)
    db = open_database(back)
    with db.session() as s:
        assert office_to_dossier(get_office(s)) == json.loads(fixture.read_text(encoding="utf-8"))
    db.dispose()
    # the copied database keeps working: new rows get fresh ids
    assert main(["import", str(fixture), "--db", db_url, "--replace"]) == 0


def test_target_must_be_empty(tmp_path, root):
    a = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    b = f"sqlite:///{tmp_path / 'b.sqlite3'}"
    fixture = root / "tests" / "fixtures" / "mini_dossier.json"
    main(["import", str(fixture), "--db", a])
    main(["import", str(fixture), "--db", b])
    with pytest.raises(ItaDeskError, match="ว่างเปล่า"):
        transfer(a, b)
