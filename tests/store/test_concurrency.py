"""Two clerks, two processes, one record: the second save is told what changed."""

import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from itadesk.store.concurrency import ConcurrentEditError, save_changes, snapshot
from itadesk.store.dossier import import_dossier
from itadesk.store.models import Measure, Office
from itadesk.store.session import open_database

OTHER_CLERK = textwrap.dedent("""
    import sys
    from sqlalchemy import select
    from itadesk.store.concurrency import save_changes, snapshot
    from itadesk.store.models import Measure
    from itadesk.store.session import open_database
    db = open_database(sys.argv[1])
    with db.session() as s, s.begin():
        m = s.scalar(select(Measure).where(Measure.key == "m1"))
        base = snapshot(m, ["title", "monitoring"])
        print(save_changes(s, Measure, m.id, base, {"monitoring": sys.argv[2]}))
    db.dispose()
""")


def _other_clerk_saves(url, root, monitoring):
    out = subprocess.run([sys.executable, "-c", OTHER_CLERK, url, monitoring], cwd=root,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return int(out.stdout.strip())


def test_second_save_is_told_what_changed(db_url, root, mini):
    db = open_database(db_url)
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    # clerk A opens the measure
    with db.session() as s:
        m = s.scalar(select(Measure).where(Measure.key == "m1"))
        pk, base = m.id, snapshot(m, ["title", "monitoring"])
    # clerk B (another process) changes the monitoring text and saves
    assert _other_clerk_saves(db_url, root, "รายงานทุกไตรมาส") == base["version"] + 1
    # clerk A saves a change to the same field: refused, with the field named
    with pytest.raises(ConcurrentEditError) as e, db.session() as s, s.begin():
        save_changes(s, Measure, pk, base, {"monitoring": "รายงานทุกเดือน"}, what="มาตรการ")
    err = e.value
    assert [c.field for c in err.conflicts] == ["monitoring"]
    assert err.conflicts[0].theirs == "รายงานทุกไตรมาส" and err.conflicts[0].mine == "รายงานทุกเดือน"
    assert "ผู้ใช้อื่น" in str(err)
    with db.session() as s:
        assert s.scalar(select(Measure.monitoring)) == "รายงานทุกไตรมาส"   # nothing overwritten
    # A chooses to keep theirs and apply a title change on the fresh base: accepted
    with db.session() as s, s.begin():
        m = s.get(Measure, pk)
        v = save_changes(s, Measure, pk, snapshot(m, ["title"]), {"title": "มาตรการใหม่"})
    assert v == base["version"] + 2
    db.dispose()


def test_orm_version_guard(db_url, mini):
    """Even without save_changes, an ORM flush over a stale version is refused."""
    from sqlalchemy.orm.exc import StaleDataError

    db = open_database(db_url)
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    s1, s2 = db.session(), db.session()
    o1 = s1.scalar(select(Office))
    o2 = s2.scalar(select(Office))
    o1.website = "a"
    s1.commit()
    o2.website = "b"
    with pytest.raises(StaleDataError):
        s2.commit()
    s1.close()
    s2.close()
    db.dispose()
