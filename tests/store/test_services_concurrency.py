"""Two clerks, two processes, one office database: the services layer never overwrites silently.

Runs on ``db_url``: SQLite by default, PostgreSQL when ITADESK_TEST_DB_URL is set.
"""

import subprocess
import sys
import textwrap
from decimal import Decimal as D

import pytest

from itadesk.store.concurrency import ConcurrentEditError
from itadesk.store.services import OfficeProfile, PersonInfo, Services, replace
from itadesk.store.session import open_database

OTHER_CLERK = textwrap.dedent("""
    import sys
    from decimal import Decimal
    from itadesk.store.services import Services
    from itadesk.store.session import open_database
    db = open_database(sys.argv[1])
    sv = Services(db)
    what = sys.argv[2]
    if what == "score":
        shown = sv.year_scores(2568).indicators.get(3)
        sv.set_indicator_scores(2568, {3: Decimal(sys.argv[3])}, expected={3: shown})
    elif what == "memo":
        m = sv.memos()[0]
        sv.update_memo(m.id, base=m, subject=sys.argv[3])
    elif what == "published":
        ys = sv.year_scores(2568)
        sv.set_published(2568, Decimal(sys.argv[3]), ys.published_level, base=ys.published_base())
    elif what == "profile":
        p = sv.profile()
        sv.save_profile(p.__class__(**{**p.__dict__, "phone": sys.argv[3]}), base=p)
    db.dispose()
""")


def other_clerk(url, root, what, value):
    out = subprocess.run([sys.executable, "-c", OTHER_CLERK, url, what, value], cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


@pytest.fixture
def sv(db_url):
    db = open_database(db_url)
    s = Services(db)
    s.save_profile(OfficeProfile(name="เทศบาลตำบลทดสอบ", amphoe="นายูง", province="อุดรธานี",
                                 phone="042-000000",
                                 people=(PersonInfo("author", "นายก", "นักวิเคราะห์"),)))
    s.set_indicator_scores(2568, {1: D("80.00"), 3: D("70.00")})
    s.add_memo({"form": "report", "fiscal_year": 2568, "subject": "รายงานผล"})
    yield s
    db.dispose()


def test_score_cell_conflict_then_overwrite(sv, db_url, root):
    shown = sv.year_scores(2568).indicators[3]            # clerk A sees 70.00
    other_clerk(db_url, root, "score", "75.50")            # clerk B saves 75.50
    with pytest.raises(ConcurrentEditError) as e:
        sv.set_indicator_scores(2568, {3: D("90.00")}, expected={3: shown})
    err = e.value
    assert [c.field for c in err.conflicts] == ["ตัวชี้วัดที่ 3"]
    c = err.conflicts[0]
    assert (c.base, c.theirs, c.mine) == (D("70.00"), D("75.50"), D("90.00"))
    assert "ตัวชี้วัดที่ 3" in str(err) and "ผู้ใช้อื่น" in str(err)
    assert sv.year_scores(2568).indicators[3] == D("75.50")          # nothing overwritten
    # another cell that nobody touched is still saved normally
    sv.set_indicator_scores(2568, {1: D("81.00")}, expected={1: D("80.00")})
    # A chooses "บันทึกของฉันทับ": re-save on the fresh value
    fresh = sv.year_scores(2568).indicators[3]
    sv.set_indicator_scores(2568, {3: D("90.00")}, expected={3: fresh})
    assert sv.year_scores(2568).indicators == {1: D("81.00"), 3: D("90.00")}


def test_memo_field_conflict_then_overwrite(sv, db_url, root):
    m = sv.memos()[0]                                      # clerk A opens the memo
    other_clerk(db_url, root, "memo", "รายงานผลของนาย ข")  # clerk B changes the subject
    # a different field of the same memo merges without a conflict
    m2 = sv.update_memo(m.id, base=m, to="นายกเทศมนตรี")
    assert m2.subject == "รายงานผลของนาย ข" and m2.to == "นายกเทศมนตรี"
    with pytest.raises(ConcurrentEditError) as e:
        sv.update_memo(m.id, base=m, subject="รายงานผลของนาย ก")
    assert [c.field for c in e.value.conflicts] == ["เรื่อง"]
    assert e.value.conflicts[0].theirs == "รายงานผลของนาย ข"
    assert "เรื่อง" in str(e.value)
    assert sv.memo(m.id).subject == "รายงานผลของนาย ข"
    fresh = sv.memo(m.id)
    out = sv.update_memo(m.id, base=fresh, subject="รายงานผลของนาย ก")
    assert out.subject == "รายงานผลของนาย ก" and out.version > fresh.version


def test_published_and_profile_conflicts(sv, db_url, root):
    ys = sv.year_scores(2568)
    p = sv.profile()
    other_clerk(db_url, root, "published", "88.30")
    other_clerk(db_url, root, "profile", "042-111111")
    with pytest.raises(ConcurrentEditError) as e:
        sv.set_published(2568, D("90.00"), None, base=ys.published_base())
    assert [c.field for c in e.value.conflicts] == ["คะแนนรวมที่ประกาศ"]
    assert sv.year_scores(2568).published_total == D("88.30")
    # the level was not changed by the other clerk: saving it alone merges
    sv.set_published(2568, D("88.30"), "AA", base=ys.published_base() | {"published_total": D("88.30")})
    with pytest.raises(ConcurrentEditError) as e:
        sv.save_profile(replace(p, phone="042-999999"), base=p)
    assert [c.field for c in e.value.conflicts] == ["โทรศัพท์"]
    assert sv.profile().phone == "042-111111"
    # a field nobody else touched is saved, and the other clerk's phone is kept
    out = sv.save_profile(replace(p, website="https://example.go.th"), base=p)
    assert (out.website, out.phone) == ("https://example.go.th", "042-111111")
    fresh = sv.profile()
    assert sv.save_profile(replace(fresh, phone="042-999999"), base=fresh).phone == "042-999999"
