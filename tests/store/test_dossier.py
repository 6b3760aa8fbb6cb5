import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from itadesk.domain.errors import DossierError
from itadesk.store.dossier import import_dossier, office_to_dossier, parse_dossier, validate_dossier
from itadesk.store.models import Assessment, Office


def _roundtrip(db, data):
    with db.session() as s, s.begin():
        office_id = import_dossier(s, data).id
    with db.session() as s:
        return office_to_dossier(s.get(Office, office_id))


def test_mini_roundtrip_is_exact(db, mini):
    assert _roundtrip(db, mini) == mini


def test_examples_roundtrip_exactly(db, examples_dir):
    files = sorted(examples_dir.glob("*.json"))
    if not files:
        pytest.skip("no example dossiers yet")
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        assert _roundtrip(db, data) == data, f.name


def test_scores_stored_exactly(db, mini):
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    with db.engine.connect() as c:
        raw = c.exec_driver_sql("select score from indicator_score order by indicator").scalars().all()
    assert raw[0] == 9654 and raw[7] == 7320 and raw[9] == 10000


def test_second_import_refused_without_replace(db, mini):
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    with pytest.raises(DossierError, match="--replace"), db.session() as s, s.begin():
        import_dossier(s, mini)
    changed = copy.deepcopy(mini)
    changed["years"][0]["published_level"] = "B"
    with db.session() as s, s.begin():
        import_dossier(s, changed, replace=True)
    with db.session() as s:
        assert s.scalar(select(Assessment.published_level)) == "B"
        assert s.scalar(select(func.count()).select_from(Office)) == 1


@pytest.mark.parametrize("mutate,field", [
    (lambda d: d["years"][0]["indicators"].update({"11": "50"}), "indicators.11"),
    (lambda d: d["years"][0]["indicators"].update({"1": "101"}), "indicators.1"),
    (lambda d: d["memos"][0]["author"].update({"person": "nobody"}), "author.person"),
    (lambda d: d["office"].pop("name"), "office"),
    (lambda d: d["measures"][0].update({"period": {"from": "2023-09", "to": "2022-10"}}), "period"),
    (lambda d: d["memos"][0].update({"date": "2022-02-30"}), "date"),
    (lambda d: d["years"].append({"fiscal_year": 2565}), "years"),
])
def test_bad_dossier_names_field_in_thai(mini, mutate, field):
    d = copy.deepcopy(mini)
    mutate(d)
    with pytest.raises(DossierError) as e:
        validate_dossier(d, "x.json")
    assert field in str(e.value) and "x.json" in str(e.value)


def test_encodings(mini):
    raw = json.dumps(mini, ensure_ascii=False).encode("utf-8")
    assert parse_dossier(b"\xef\xbb\xbf" + raw)["office"]["name"] == "เทศบาลตำบลทดสอบ"
    with pytest.raises(DossierError, match="UTF-8"):
        parse_dossier(json.dumps(mini, ensure_ascii=False).encode("tis-620"))
    with pytest.raises(DossierError, match="JSON"):
        parse_dossier(b"{not json")


def _db_snapshot(db):
    with db.engine.connect() as c:
        return [tuple(r) for t in ("office", "assessment", "indicator_score", "memo", "measure")
                for r in c.exec_driver_sql(f"select * from {t} order by id").fetchall()]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 3000) | st.text(max_size=20),
    lambda ch: st.lists(ch, max_size=3) | st.dictionaries(st.text(max_size=8), ch, max_size=3),
    max_leaves=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path_choice=st.integers(0, 10_000), value=json_values, drop=st.booleans())
def test_malformed_dossier_never_crashes_and_changes_nothing(db, mini, path_choice, value, drop):
    with db.session() as s, s.begin():
        if s.scalar(select(func.count()).select_from(Office)) == 0:
            base = copy.deepcopy(mini)
            base["office"]["name"] = "หน่วยงานเดิม"
            import_dossier(s, base)
    before = _db_snapshot(db)
    d = copy.deepcopy(mini)
    # pick a random place in the tree and replace or drop it
    places = []

    def walk(node, parent, key):
        places.append((parent, key))
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, node, k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, node, i)

    walk(d, None, None)
    parent, key = places[path_choice % len(places)]
    if parent is None:
        d = value
    elif drop and isinstance(parent, dict):
        parent.pop(key)
    else:
        parent[key] = value
    try:
        with db.session() as s, s.begin():
            import_dossier(s, d, replace=True)
    except DossierError as e:
        assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(e))  # a Thai message
        assert _db_snapshot(db) == before
