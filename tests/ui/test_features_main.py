"""The main window's file menu, used as a clerk does: open an example, import and export an
office's dossier, switch between offices, back up.  Only the file dialogs are stood in for."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from itadesk.ui import texts

from .modal import Modal, choose, menu_action

ROOT = Path(__file__).resolve().parents[2]
NONTHONG = ROOT / "examples" / "seed001_nonthong_analysis_2565.json"
WIANG = ROOT / "examples" / "seed000_wiang_results_2565.json"


def _office_name(path: Path) -> str:
    return json.loads(path.read_text(encoding="utf-8"))["office"]["name"]


def test_open_example_from_the_menu(window, services, qtbot):
    with Modal(choose(NONTHONG.stem)) as m:
        menu_action(window.menuBar(), texts.ACT_OPEN_EXAMPLE).trigger()
    assert m.seen == ["QInputDialog"]
    assert services.profile().name == "เทศบาลตำบลโนนทอง"          # seed 001's office
    assert "เทศบาลตำบลโนนทอง" in window.officeLabel.text()
    assert len(services.memos()) == 1


def test_open_example_cancelled_changes_nothing(window, services):
    with Modal(lambda dlg: dlg.reject()):
        menu_action(window.menuBar(), texts.ACT_OPEN_EXAMPLE).trigger()
    assert not services.has_office()


def test_import_and_export_dossier_from_the_menu(window, services, monkeypatch, tmp_path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(NONTHONG), "")))
    menu_action(window.menuBar(), texts.ACT_IMPORT_DOSSIER).trigger()
    assert services.profile().name == _office_name(NONTHONG)
    out = tmp_path / "ออก" / "แฟ้ม.json"
    out.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    menu_action(window.menuBar(), texts.ACT_EXPORT_DOSSIER).trigger()
    back = json.loads(out.read_text(encoding="utf-8"))
    src = json.loads(NONTHONG.read_text(encoding="utf-8"))
    assert back["office"]["name"] == src["office"]["name"]
    assert [m["subject"] for m in back["memos"]] == [m["subject"] for m in src["memos"]]
    years = {y["fiscal_year"]: y["indicators"] for y in back["years"]}
    assert years[2565]["10"] == "100.00" and years[2564]["1"] == "88.73"   # seed 001 lines 167, 158
    assert str(out) in window.statusBar().currentMessage()


def test_import_of_a_broken_file_shows_a_thai_error_and_keeps_the_data(window, services, monkeypatch, tmp_path):
    bad = tmp_path / "เสีย.json"
    bad.write_text('{"format": "itadesk-dossier", "version": 1, "office": ', encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    shown = []
    with Modal(lambda box: (shown.append(box.text()), box.accept())):
        menu_action(window.menuBar(), texts.ACT_IMPORT_DOSSIER).trigger()
    assert shown and "เสีย.json" in shown[0]
    assert not services.has_office()


def test_switch_office_from_the_menu(window, services, monkeypatch):
    for path in (NONTHONG, WIANG):
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, p=path, **k: (str(p), "")))
        menu_action(window.menuBar(), texts.ACT_IMPORT_DOSSIER).trigger()
    assert services.profile().name == "เทศบาลตำบลเวียง"
    with Modal(choose("เทศบาลตำบลโนนทอง")) as m:
        menu_action(window.menuBar(), texts.ACT_SWITCH_OFFICE).trigger()
    assert m.seen == ["QInputDialog"]
    assert services.profile().name == "เทศบาลตำบลโนนทอง"
    assert "เทศบาลตำบลโนนทอง" in window.officeLabel.text()


def test_backup_from_the_menu(window, office, services):
    from itadesk.paths import backups_dir

    before = set(backups_dir().iterdir())
    menu_action(window.menuBar(), texts.ACT_BACKUP).trigger()
    new = set(backups_dir().iterdir()) - before
    assert len(new) == 1
    (path,) = new
    assert str(path) in window.statusBar().currentMessage()
    import sqlite3

    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("select name from office")]
    finally:
        con.close()
    assert names == ["เทศบาลตำบลทดสอบ"]
