"""The About dialog names every bundled component and its licence; the texts ship with us."""

import tomllib
from pathlib import Path

import pytest

from itadesk.ui import about_dialog

ROOT = Path(__file__).resolve().parents[2]
LICDIR = ROOT / "resources" / "licenses"


def _components():
    return tomllib.loads((LICDIR / "components.toml").read_text(encoding="utf-8"))["component"]


def test_every_listed_licence_file_exists_and_is_not_empty():
    for c in _components():
        for f in c["files"]:
            p = LICDIR / f
            assert p.is_file() and p.stat().st_size > 100, f


def test_sarabun_ofl_is_the_full_text_from_the_font_package():
    import fontpkg_sarabun

    ours = (LICDIR / "Sarabun-OFL-1.1.txt").read_text(encoding="utf-8")
    assert ours == (fontpkg_sarabun.ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ours


def test_lgpl_text_for_qt_and_gpl_it_refers_to():
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (LICDIR / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "Version 3, 29 June 2007" in (LICDIR / "GPL-3.0.txt").read_text(encoding="utf-8")


def test_about_text_names_every_component_and_licence():
    text = about_dialog.about_text()
    assert "ITA Desk รุ่น" in text
    for c in _components():
        assert c["name"] in text
        assert c["license"] in text
    for needle in ("Sarabun", "OFL-1.1", "PySide6", "LGPL-3.0", "ReportLab", "BSD", "PyThaiNLP",
                   "Apache-2.0", "SQLAlchemy", "MIT", "uharfbuzz", "Alembic", "psycopg", "Python"):
        assert needle in text, needle


def test_licence_text_of_sarabun_has_the_full_ofl():
    comp = next(c for c in about_dialog.components() if "Sarabun" in c.name)
    text = about_dialog.license_text(comp)
    assert "OFL-1.1" in text and "PERMISSION & CONDITIONS" in text


@pytest.mark.usefixtures("qapp")
def test_dialog_opens_lists_components_and_closes_in_thai(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox, QListWidget, QPlainTextEdit

    dlg = about_dialog.make_about_dialog(extra="ฐานข้อมูล: ทดสอบ.sqlite3")
    qtbot.addWidget(dlg)
    from PySide6.QtWidgets import QLabel

    assert "ฐานข้อมูล: ทดสอบ.sqlite3" in dlg.findChild(QLabel, "aboutHeader").text()
    lst = dlg.findChild(QListWidget, "aboutComponents")
    assert lst.count() == len(_components())
    text = dlg.findChild(QPlainTextEdit, "aboutLicenseText").toPlainText()
    assert "SIL OPEN FONT LICENSE" in text  # Sarabun is selected first
    lst.setCurrentRow(0)
    assert "ITA Desk" in dlg.findChild(QPlainTextEdit, "aboutLicenseText").toPlainText()
    box = dlg.findChild(QDialogButtonBox)
    assert box.button(QDialogButtonBox.StandardButton.Close).text() == "ปิด"
