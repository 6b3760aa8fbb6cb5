"""Tests that need a real PostgreSQL server (ITADESK_TEST_DB_URL); CI always gives one."""

import copy

from itadesk.store.dossier import import_dossier
from itadesk.store.repo import list_offices
from itadesk.store.session import current_revision, head_revision, open_database


def test_migrations_and_thai_sorting_on_postgres(pg_url, mini):
    db = open_database(pg_url)
    assert db.engine.dialect.name == "postgresql"
    assert current_revision(db.engine) == head_revision()
    with db.session() as s, s.begin():
        for name in ["เทศบาลตำบลเวียง", "องค์การบริหารส่วนตำบลภูซาง", "เทศบาลตำบลโนนทอง", "กองทดสอบ"]:
            d = copy.deepcopy(mini)
            d["office"]["name"] = name
            import_dossier(s, d)
    with db.session() as s:
        names = [o.name for o in list_offices(s)]
    assert names == ["กองทดสอบ", "เทศบาลตำบลโนนทอง", "เทศบาลตำบลเวียง", "องค์การบริหารส่วนตำบลภูซาง"]
    db.dispose()
