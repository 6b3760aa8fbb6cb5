import json

import pytest

from itadesk.store.session import open_database


@pytest.fixture
def db(db_url):
    d = open_database(db_url)
    yield d
    d.dispose()


@pytest.fixture
def mini(root):
    return json.loads((root / "tests" / "fixtures" / "mini_dossier.json").read_text(encoding="utf-8"))
