"""Service methods for analysis notes, measures, evidence and progress reports."""

from __future__ import annotations

import hashlib

import pytest

from itadesk.store.concurrency import ConcurrentEditError
from itadesk.store.services import OfficeProfile, Services
from itadesk.store.session import open_database


@pytest.fixture
def svc(tmp_path, monkeypatch):
    monkeypatch.setenv("ITADESK_HOME", str(tmp_path / "home"))
    db = open_database(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    s = Services(db)
    s.save_profile(OfficeProfile(name="เทศบาลตำบลทดสอบ", units=("สำนักปลัดเทศบาล", "กองคลัง")))
    yield s
    db.dispose()


def _measure(**kw):
    d = {"fiscal_year": 2566, "title": "มาตรการ/แนวทางการเปิดเผยข้อมูล", "indicators": [9],
         "steps": [{"text": "เผยแพร่ข้อมูล"}], "units": ["กองคลัง"],
         "period": {"from": "2022-10", "to": "2023-09"}, "status": "planned"}
    d.update(kw)
    return d


def test_analysis_notes_upsert_keep_others(svc):
    svc.save_analysis_notes(2565, [{"indicator": 5, "category": "improve", "text": "ก"},
                                   {"indicator": 7, "category": "urgent", "text": "ข"}])
    svc.save_analysis_note(2565, {"indicator": 5, "category": "improve", "text": "แก้แล้ว", "edited": True})
    notes = {n["indicator"]: n for n in svc.analysis_notes(2565)}
    assert notes[5]["text"] == "แก้แล้ว" and notes[5]["edited"] is True
    assert notes[7]["text"] == "ข" and notes[7]["edited"] is False
    assert svc.dossier()["years"][0]["analysis"][0]["edited"] is True


def test_measure_edit_and_concurrent_edit(svc):
    (m,) = svc.add_measures([_measure(key="m2566-9")])
    other = svc.measure(m.id)               # a second clerk reads the same version
    m2 = svc.update_measure(m.id, m.base(), {"title": "มาตรการเปิดเผยข้อมูลให้ครบ"})
    assert m2.version == m.version + 1
    with pytest.raises(ConcurrentEditError) as e:
        svc.update_measure(other.id, other.base(), {"title": "ชื่ออื่น"})
    assert "ผู้ใช้อื่น" in str(e.value)
    assert svc.measure(m.id).title == "มาตรการเปิดเผยข้อมูลให้ครบ"
    # overwrite with mine: the base is the current row
    svc.update_measure(m.id, svc.measure(m.id).base(), {"title": "ชื่ออื่น"})
    assert svc.measure(m.id).title == "ชื่ออื่น"


def test_keys_are_unique(svc):
    a, b = svc.add_measures([_measure(key="m2566-9"), _measure(key="m2566-9")])
    assert a.key != b.key


def test_reports_each_kept_and_status_follows(svc):
    (m,) = svc.add_measures([_measure()])
    svc.save_report(m.id, {"kind": "6m", "output": "ดำเนินการแล้วร้อยละ ๕๐", "status": "in_progress"})
    m = svc.save_report(m.id, {"kind": "12m", "output": "ครบถ้วน", "status": "done"})
    assert [r["kind"] for r in m.reports] == ["6m", "12m"] and m.status == "done"
    m = svc.save_report(m.id, {"kind": "6m", "note": "หมายเหตุ"})
    six = m.reports[0]
    assert six["output"] == "ดำเนินการแล้วร้อยละ ๕๐" and six["note"] == "หมายเหตุ"


def test_evidence_copied_with_hash_and_survives_original(svc, tmp_path):
    (m,) = svc.add_measures([_measure()])
    usb = tmp_path / "usb"
    usb.mkdir()
    src = usb / "รูปกิจกรรม.pdf"
    src.write_bytes(b"%PDF-1.4 evidence")
    ev = svc.add_evidence(m.id, src, "ภาพกิจกรรมเผยแพร่ข้อมูล")
    src.unlink()
    path = svc.evidence_path(ev)
    assert path.is_file() and str(usb) not in str(path)
    assert ev.sha256 == hashlib.sha256(b"%PDF-1.4 evidence").hexdigest()
    assert ev.file.startswith("เทศบาลตำบลทดสอบ/2566/")
    svc.remove_evidence(ev.id)
    assert not path.exists() and svc.measure(m.id).evidence == ()
