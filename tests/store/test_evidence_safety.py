"""Evidence files never leave the data folder (issue 16, item 1).

The whole route, for every hostile form of an evidence ``file`` value: import (refused, nothing
written), and for databases that already hold such rows (written by an older version):
open (refused), delete evidence and delete measure (the row goes, the file outside stays).
A sentinel file outside the data folder must survive every case.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from itadesk.domain.errors import DossierError, InputError, ItaDeskError
from itadesk.store.dossier import import_dossier
from itadesk.store.models import Evidence, Measure, Office
from itadesk.store.services import Services
from itadesk.store.session import open_database

SENTINEL = b"%PDF-1.4 sentinel: must never be deleted or opened"


def _is_thai(msg: str) -> bool:
    return any("\u0e00" <= c <= "\u0e7f" for c in msg)


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A data folder (ITADESK_HOME), a dossier folder beside it and a sentinel outside both."""
    home = tmp_path / "home"
    monkeypatch.setenv("ITADESK_HOME", str(home))
    from itadesk import paths

    ev_dir = paths.evidence_dir()
    outside = tmp_path / "outside"
    outside.mkdir()
    sentinel = outside / "sentinel.pdf"
    sentinel.write_bytes(SENTINEL)
    folder = tmp_path / "dossier"
    folder.mkdir()
    db = open_database(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    yield {"home": home, "ev_dir": ev_dir, "outside": outside, "sentinel": sentinel, "folder": folder,
           "db": db, "tmp": tmp_path}
    db.dispose()


def _links(w) -> None:
    """Symbolic links out of the dossier folder and out of the data folder."""
    for base in (w["folder"], w["ev_dir"]):
        link = base / "link"
        if not link.exists():
            link.symlink_to(w["outside"], target_is_directory=True)


def hostile_forms(w) -> dict[str, str]:
    """Every form of a path that must not reach the sentinel (keys name the form)."""
    rel_from_ev = os.path.relpath(w["sentinel"], w["ev_dir"])             # ../../outside/sentinel.pdf
    rel_from_folder = os.path.relpath(w["sentinel"], w["folder"])         # ../outside/sentinel.pdf
    forms = {
        "dotdot (data folder)": rel_from_ev,
        "dotdot (dossier folder)": rel_from_folder,
        "dotdot backslashes": rel_from_ev.replace("/", "\\"),
        "dotdot inside a name": "a/../../" + rel_from_ev,
        "absolute posix": str(w["sentinel"]),
        "absolute file url-ish": "//" + str(w["sentinel"]).lstrip("/"),
        "drive letter": "C:\\Users\\Public\\x.pdf",
        "drive relative": "c:x.pdf",
        "UNC": "\\\\server\\share\\x.pdf",
        "UNC forward slashes": "//server/share/x.pdf",
        "device namespace": "\\\\?\\C:\\x.pdf",
        "device name": "CON",
        "device name with type": "NUL.pdf",
        "COM port": "ข้อมูล/COM1.pdf",
        "LPT with spaces": "lpt1 .pdf",
        "trailing dot": "x.pdf.",
        "trailing space": "x.pdf ",
        "NUL byte": "x\x00.pdf",
        "control character": "x\x07.pdf",
        "alternate data stream": "x.pdf:Zone.Identifier",
        "program": "setup.exe",
        "shortcut": "รายงาน.lnk",
        "bidi spoof": "\u202efdp.exe",
        "symlink out": "link/sentinel.pdf",
        "empty": "",
    }
    return forms


FORM_NAMES = list(hostile_forms({"sentinel": Path("/o/s.pdf"), "ev_dir": Path("/h/e"), "folder": Path("/d")}))


def _dossier(mini: dict, file: str, **ev) -> dict:
    d = copy.deepcopy(mini)
    d["measures"][0]["evidence"] = [{"description": "ภาพกิจกรรม", "file": file, **ev}]
    return d


def _counts(db) -> tuple[int, int, int]:
    with db.session() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Office, Measure, Evidence))


def _sentinel_ok(w) -> None:
    assert w["sentinel"].read_bytes() == SENTINEL


def _evidence_files(w) -> list[Path]:
    return [p for p in w["ev_dir"].rglob("*") if p.is_file() and not p.is_symlink()]


# ------------------------------------------------------------------ import

@pytest.mark.parametrize("form", FORM_NAMES)
def test_import_refuses_every_hostile_evidence_path(world, mini, form):
    w = world
    if "symlink" in form:
        _links(w)
    bad = hostile_forms(w)[form]
    path = w["folder"] / "แฟ้ม.json"
    path.write_text(json.dumps(_dossier(mini, bad), ensure_ascii=False), encoding="utf-8")
    before = _counts(w["db"])
    with pytest.raises(ItaDeskError) as e:
        Services(w["db"]).import_dossier_file(path)
    assert _is_thai(str(e.value)) and ("evidence" in str(e.value) or "file" in str(e.value))
    assert _counts(w["db"]) == before == (0, 0, 0)
    assert _evidence_files(w) == []
    _sentinel_ok(w)


@pytest.mark.skipif(sys.platform == "win32", reason="CLI run via the POSIX venv layout")
def test_cli_import_refuses_hostile_path_in_thai(world, mini):
    import subprocess

    w = world
    bad = os.path.relpath(w["sentinel"], w["folder"])
    path = w["folder"] / "แฟ้ม.json"
    path.write_text(json.dumps(_dossier(mini, bad), ensure_ascii=False), encoding="utf-8")
    db_path = w["tmp"] / "cli.sqlite3"
    out = subprocess.run([sys.executable, "-m", "itadesk", "import", str(path), "--db", f"sqlite:///{db_path}"],
                         capture_output=True, text=True, encoding="utf-8",
                         env={**os.environ, "ITADESK_HOME": str(w["home"])}, timeout=120)
    assert out.returncode == 2 and "Traceback" not in out.stderr and _is_thai(out.stderr), out.stderr
    assert "measures[0].evidence[0].file" in out.stderr
    _sentinel_ok(w)


def test_import_copies_evidence_under_generated_name_then_open_and_delete(world, mini):
    """The whole route with a good dossier: import → open → delete evidence → delete measure.
    The dossier's own file (outside the data folder) is the sentinel of this case."""
    w = world
    src = w["folder"] / "หลักฐาน" / "ภาพ กิจกรรม.JPG"
    src.parent.mkdir()
    src.write_bytes(b"\xff\xd8\xff photo")
    digest = hashlib.sha256(b"\xff\xd8\xff photo").hexdigest()
    d = _dossier(mini, "หลักฐาน\\ภาพ กิจกรรม.JPG", sha256=digest)
    d["measures"][0]["evidence"].append({"description": "คำสั่งแต่งตั้ง", "file": "หลักฐาน/ภาพ กิจกรรม.JPG"})
    path = w["folder"] / "แฟ้ม.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    svc = Services(w["db"])
    svc.import_dossier_file(path)
    m = svc.measures(2566)[0]
    assert len(m.evidence) == 2
    for ev in m.evidence:
        assert ev.sha256 == digest
        name = ev.file.rsplit("/", 1)[-1]
        assert name.startswith("ev-") and name.endswith(".jpg") and "ภาพ" not in name   # generated name
        p = svc.evidence_to_open(ev)
        assert w["ev_dir"].resolve() in p.resolve().parents and p.read_bytes() == b"\xff\xd8\xff photo"
    a, b = m.evidence
    assert a.file != b.file                                 # one copy per record
    svc.remove_evidence(a.id)
    assert not (w["ev_dir"] / a.file).exists() and (w["ev_dir"] / b.file).exists()
    svc.delete_measure(m.id)
    assert not (w["ev_dir"] / b.file).exists() and _counts(w["db"])[1:] == (0, 0)
    assert src.read_bytes() == b"\xff\xd8\xff photo"        # the dossier's own file is never touched


def test_failed_import_leaves_no_copied_file(world, mini):
    w = world
    (w["folder"] / "a.pdf").write_bytes(b"%PDF a")
    d = _dossier(mini, "a.pdf")
    d["measures"][0]["evidence"].append({"description": "ไม่มีไฟล์นี้", "file": "missing.pdf"})
    path = w["folder"] / "แฟ้ม.json"
    path.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DossierError, match="ไม่พบไฟล์หลักฐาน"):
        Services(w["db"]).import_dossier_file(path)
    assert _evidence_files(w) == [] and _counts(w["db"]) == (0, 0, 0)


def test_sha256_mismatch_and_special_files_refused(world, mini):
    w = world
    (w["folder"] / "a.pdf").write_bytes(b"%PDF a")
    path = w["folder"] / "แฟ้ม.json"
    path.write_text(json.dumps(_dossier(mini, "a.pdf", sha256="0" * 64), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DossierError, match="sha256"):
        Services(w["db"]).import_dossier_file(path)
    (w["folder"] / "folder.pdf").mkdir()
    path.write_text(json.dumps(_dossier(mini, "folder.pdf"), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DossierError, match="ไม่ใช่ไฟล์ธรรมดา"):
        Services(w["db"]).import_dossier_file(path)
    if hasattr(os, "mkfifo"):     # a pipe would read forever
        os.mkfifo(w["folder"] / "pipe.pdf")
        path.write_text(json.dumps(_dossier(mini, "pipe.pdf"), ensure_ascii=False), encoding="utf-8")
        with pytest.raises(DossierError, match="ไม่ใช่ไฟล์ธรรมดา"):
            Services(w["db"]).import_dossier_file(path)
    assert _evidence_files(w) == [] and _counts(w["db"]) == (0, 0, 0)


def test_dict_import_without_a_folder_refuses_evidence_files(world, mini):
    with world["db"].session() as s, pytest.raises(DossierError, match="ไม่ได้นำเข้าจากไฟล์"):
        with s.begin():
            import_dossier(s, _dossier(mini, "a.pdf"))


# ------------------------------------------------------------------ rows stored by an older version

def _store_hostile_row(w, mini, file: str) -> tuple[int, int]:
    """What an older version stored from a hostile dossier: the ``file`` value as written."""
    with w["db"].session() as s, s.begin():
        import_dossier(s, mini)
        m = s.scalar(select(Measure))
        ev = Evidence(description="จากรุ่นเก่า", file=file, position_order=0)
        m.evidence.append(ev)
        s.flush()
        return m.id, ev.id


@pytest.mark.parametrize("form", [f for f in FORM_NAMES if f != "empty"])
def test_old_rows_with_hostile_paths_never_opened_or_deleted_outside(world, mini, form):
    w = world
    if "symlink" in form:
        _links(w)
    bad = hostile_forms(w)[form]
    measure_id, ev_id = _store_hostile_row(w, mini, bad)
    svc = Services(w["db"])
    ev = svc.measure(measure_id).evidence[0]
    assert ev.file == bad
    with pytest.raises(InputError) as e:
        svc.evidence_to_open(ev)
    assert _is_thai(str(e.value))
    if form not in ("program", "shortcut", "bidi spoof"):   # these are inside: only their type is refused
        with pytest.raises(InputError):
            svc.evidence_path(ev)
    svc.remove_evidence(ev_id)                  # the record goes; nothing outside is touched
    assert svc.measure(measure_id).evidence == ()
    _sentinel_ok(w)
    with w["db"].session() as s, s.begin():
        m = s.get(Measure, measure_id)
        m.evidence.append(Evidence(description="อีกครั้ง", file=bad, position_order=1))
    svc.delete_measure(measure_id)
    assert _counts(w["db"])[1:] == (0, 0)
    _sentinel_ok(w)
    assert w["outside"].exists() and (not (w["ev_dir"] / "link").exists() or (w["ev_dir"] / "link").is_symlink())


def test_old_rows_with_harmless_names_still_open(world, mini):
    """Names an older version made (double spaces, long Thai) are inside: still opened."""
    w = world
    rel = "เทศบาลตำบลทดสอบ/2566/รายงาน  ผล " + "ก" * 70 + ".pdf"     # 70 Thai letters: > 200 bytes
    p = w["ev_dir"] / rel
    p.parent.mkdir(parents=True)
    p.write_bytes(b"%PDF old")
    measure_id, _ = _store_hostile_row(w, mini, rel)
    svc = Services(w["db"])
    assert svc.evidence_to_open(svc.measure(measure_id).evidence[0]).read_bytes() == b"%PDF old"


def test_replace_import_removes_old_copies_only_inside(world, mini):
    w = world
    (w["folder"] / "a.pdf").write_bytes(b"%PDF a")
    path = w["folder"] / "แฟ้ม.json"
    path.write_text(json.dumps(_dossier(mini, "a.pdf"), ensure_ascii=False), encoding="utf-8")
    svc = Services(w["db"])
    svc.import_dossier_file(path)
    first = _evidence_files(w)
    assert len(first) == 1
    with w["db"].session() as s, s.begin():     # an older version's hostile row in the same office
        m = s.scalar(select(Measure))
        m.evidence.append(Evidence(description="x", file=os.path.relpath(w["sentinel"], w["ev_dir"]),
                                   position_order=5))
    svc.import_dossier_file(path, replace_existing=True)
    now = _evidence_files(w)
    assert len(now) == 1 and now != first
    _sentinel_ok(w)
