"""Every released schema revision has a populated database in tests/fixtures/db/; each one
must open (upgrading itself, after a backup) with every row intact."""

import json
import shutil

import pytest
from sqlalchemy import select

from itadesk.store.dossier import office_to_dossier
from itadesk.store.models import Office
from itadesk.store.session import current_revision, head_revision, open_database

FIXTURES = ["rev0001.sqlite3"]
# What each fixture held when it was made (exported then), frozen beside it.
EXPECTED = {"เทศบาลตำบลโนนทอง": "rev0001-nonthong.json", "เทศบาลตำบลเวียง": "rev0001-wiang.json"}


@pytest.mark.parametrize("name", FIXTURES)
def test_old_database_upgrades_with_rows_intact(tmp_path, root, name):
    path = tmp_path / name
    shutil.copy(root / "tests" / "fixtures" / "db" / name, path)
    for _ in range(2):  # opening twice is harmless
        db = open_database(f"sqlite:///{path}")
        assert current_revision(db.engine) == head_revision()
        with db.session() as s:
            offices = s.scalars(select(Office)).all()
            assert {o.name for o in offices} == set(EXPECTED)
            for o in offices:
                want = json.loads((root / "tests" / "fixtures" / "db" / EXPECTED[o.name]).read_text(encoding="utf-8"))
                assert office_to_dossier(o) == want
        db.dispose()
