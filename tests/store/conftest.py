import json

import pytest

from itadesk.store.session import open_database


@pytest.fixture
def db(tmp_path):
    d = open_database(f"sqlite:///{tmp_path / 'test.sqlite3'}")
    yield d
    d.dispose()


@pytest.fixture
def mini(root):
    return json.loads((root / "tests" / "fixtures" / "mini_dossier.json").read_text(encoding="utf-8"))
