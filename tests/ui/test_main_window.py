"""The real window driven by keyboard and clicks, asserting on stored rows and widget state."""

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWizard

from itadesk.store.services import Services
from itadesk.store.session import open_database
from itadesk.ui.models.score_table_model import IndicatorTableModel as M

from .conftest import SEED001, type_into, type_text

ROOT = Path(__file__).resolve().parents[2]


def _type_year(qtbot, window, year: int, thai_for: set[int] = frozenset()) -> None:
    from itadesk.domain.thai_format import to_thai_digits

    window.set_year(year)
    tab = window.scoresTab
    for n, v in SEED001[year].items():
        text = to_thai_digits(v) if n in thai_for else v
        type_into(qtbot, tab.indicatorTable, tab.indicators.row_of(n), M.COL_SCORE, text)


def test_first_run_wizard_creates_the_office(qtbot, services, settings):
    from itadesk.ui.dialogs.profile_wizard import ProfileWizard
    from itadesk.ui.main_window import MainWindow

    w = MainWindow(services, settings, "test")
    qtbot.addWidget(w)
    w.load()
    assert not services.has_office()
    done = {}

    def fill():
        try:
            _fill()
        except BaseException as e:  # an assertion inside exec() must not abort Qt
            done["error"] = e
            for x in QApplication.topLevelWidgets():
                if isinstance(x, ProfileWizard):
                    x.reject()

    def _fill():
        wiz = next(x for x in QApplication.topLevelWidgets() if isinstance(x, ProfileWizard) and x.isVisible())
        assert wiz.button(QWizard.WizardButton.NextButton).text() == "ถัดไป >"
        assert not wiz.button(QWizard.WizardButton.NextButton).isEnabled()   # a name is required
        type_text(qtbot, wiz.officePage.nameEdit, "เทศบาลตำบลโนนทอง")
        type_text(qtbot, wiz.officePage.amphoeEdit, "นายูง")
        type_text(qtbot, wiz.officePage.provinceEdit, "อุดรธานี")
        type_text(qtbot, wiz.officePage.prefixEdit, "อด ๘๑๘๐๑")
        qtbot.mouseClick(wiz.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        type_text(qtbot, wiz.unitsPage.unitsEdit, "สำนักปลัดเทศบาล")
        qtbot.keyClick(wiz.unitsPage.unitsEdit, Qt.Key.Key_Return)
        type_text(qtbot, wiz.unitsPage.unitsEdit, "กองคลัง")
        qtbot.mouseClick(wiz.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        page = wiz.peoplePage
        r = page.add_row()
        page.table.item(r, 0).setText("นายชัยยา ภูมิเขต")
        page.table.item(r, 1).setText("นายกเทศมนตรีตำบลโนนทอง")
        r = page.add_row()
        page.table.item(r, 0).setText("นายวิเชียร อุ่นเที่ยง")
        page.table.item(r, 1).setText("รองปลัดเทศบาล")
        page.table.item(r, 2).setText("ปลัดเทศบาลตำบลโนนทอง")
        qtbot.mouseClick(wiz.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        type_text(qtbot, wiz.emblemPage.websiteEdit, "www.nonthong.go.th")
        done["ok"] = True
        qtbot.mouseClick(wiz.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, fill)
    ok = w.edit_profile(first_run=True)
    assert "error" not in done, done.get("error")
    assert ok and done["ok"]
    p = services.profile()
    assert (p.name, p.amphoe, p.province, p.doc_prefix, p.website) == (
        "เทศบาลตำบลโนนทอง", "นายูง", "อุดรธานี", "อด ๘๑๘๐๑", "www.nonthong.go.th")
    assert p.units == ("สำนักปลัดเทศบาล", "กองคลัง")
    assert [(x.name, x.acting_for) for x in p.people] == [("นายชัยยา ภูมิเขต", None),
                                                          ("นายวิเชียร อุ่นเที่ยง", "ปลัดเทศบาลตำบลโนนทอง")]
    assert w.officeLabel.text() == "เทศบาลตำบลโนนทอง"


def test_typing_seed001_shows_total_and_level(qtbot, office, window, services):
    _type_year(qtbot, window, 2564, thai_for={1})           # "๘๘.๗๓"
    tab = window.scoresTab
    assert tab.totalLabel.text() == "85.56" and tab.levelLabel.text() == "A"
    _type_year(qtbot, window, 2565, thai_for={10})
    assert tab.totalLabel.text() == "88.30" and tab.levelLabel.text() == "A"
    assert tab.toolLabels["IIT"][1].text() == "93.14"
    stored = services.year_scores(2564).indicators
    assert stored[1] == Decimal("88.73") and stored == {n: Decimal(v) for n, v in SEED001[2564].items()}
    row = tab.indicators.row_of(7)
    assert tab.indicators.data(tab.indicators.index(row, M.COL_DIRECTION)) == "ลดลง"
    assert tab.indicators.data(tab.indicators.index(0, M.COL_DIRECTION)) == "เพิ่มขึ้น"
    # published result: a mismatch is shown, a match is confirmed
    type_text(qtbot, tab.publishedTotalEdit, "88.31")
    qtbot.keyClick(tab.publishedTotalEdit, Qt.Key.Key_Return)
    assert "ไม่ตรงกับที่คำนวณ" in tab.mismatchLabel.text()
    assert services.year_scores(2565).published_total == Decimal("88.31")
    tab.publishedTotalEdit.clear()
    type_text(qtbot, tab.publishedTotalEdit, "๘๘.๓๐")
    qtbot.keyClick(tab.publishedTotalEdit, Qt.Key.Key_Return)
    tab.publishedLevelCombo.setCurrentText("A")
    assert tab.mismatchLabel.text() == "ตรงกับผลที่ประกาศ"
    assert services.year_scores(2565).published_level == "A"


def test_bad_values_are_refused_in_place(qtbot, office, window, services):
    window.set_year(2565)
    tab = window.scoresTab
    view = tab.indicatorTable
    type_into(qtbot, view, 0, M.COL_SCORE, "96.54")
    for bad in ("abc", "101"):
        type_into(qtbot, view, 0, M.COL_SCORE, bad)
        assert tab.messageLabel.isVisible()
        assert "ไม่ได้บันทึก" in tab.messageLabel.text() and "คงค่าเดิมไว้" in tab.messageLabel.text()
        assert tab.indicators.data(tab.indicators.index(0, M.COL_SCORE)) == "96.54"
        assert "ไม่ได้บันทึก" in window.statusBar().currentMessage()
    assert services.year_scores(2565).indicators[1] == Decimal("96.54")
    type_into(qtbot, view, 0, M.COL_SCORE, "97")
    assert not tab.messageLabel.isVisible()


def test_undo_redo_of_a_table_edit(qtbot, office, window, services):
    window.set_year(2565)
    view = window.scoresTab.indicatorTable
    type_into(qtbot, view, 4, M.COL_SCORE, "85.14")
    type_into(qtbot, view, 4, M.COL_SCORE, "80")
    assert window.actUndo.isEnabled() and "ตัวชี้วัดที่ 5" in window.actUndo.text()
    assert window.actUndo.shortcut().toString() == "Ctrl+Z"
    window.actUndo.trigger()
    assert services.year_scores(2565).indicators[5] == Decimal("85.14")
    assert window.scoresTab.indicators.data(window.scoresTab.indicators.index(4, M.COL_SCORE)) == "85.14"
    window.actRedo.trigger()
    assert services.year_scores(2565).indicators[5] == Decimal("80")


def test_import_scores_csv_all_or_nothing(qtbot, office, window, services, tmp_path):
    window.set_year(2565)
    tab = window.scoresTab
    good = tmp_path / "itas.csv"
    rows = ["ตัวชี้วัด,คะแนน"] + [f"ตัวชี้วัดที่ {n},{v}" for n, v in SEED001[2565].items()]
    good.write_bytes("\n".join(rows).encode("cp874"))
    assert tab.import_scores_file(good) == 10
    assert tab.totalLabel.text() == "88.30"
    bad = tmp_path / "bad.csv"
    bad.write_text("การปฏิบัติหน้าที่,50\nการใช้งบประมาณ,๑๒๐\n", encoding="utf-8-sig")
    import pytest

    from itadesk.domain.errors import InputError

    with pytest.raises(InputError, match="แถวที่ 2"):
        tab.import_scores_file(bad)
    assert services.year_scores(2565).indicators[1] == Decimal("96.54")   # nothing changed
    window.actUndo.trigger()                                              # the import is one step
    assert services.year_scores(2565).indicators == {}


def test_close_and_reopen_keeps_everything(qtbot, office, window, services, settings, db_url):
    from itadesk.ui.main_window import MainWindow

    _type_year(qtbot, window, 2565)
    window.select_tab("memos")
    window.close()
    services.db.dispose()
    db = open_database(db_url)
    try:
        w2 = MainWindow(Services(db), settings, "test")
        qtbot.addWidget(w2)
        w2.load()
        assert w2.year == 2565 and w2.tabs.currentWidget() is w2.memosTab
        assert w2.scoresTab.totalLabel.text() == "88.30"
        assert w2.officeLabel.text() == "เทศบาลตำบลทดสอบ"
    finally:
        db.dispose()


def test_second_instance_on_same_file_is_refused(tmp_path, db_url):
    from itadesk.ui.application import DbLock, sqlite_file

    path = sqlite_file(db_url)
    first = DbLock(path)
    assert first.acquire()
    try:
        out = tmp_path / "x.png"
        r = subprocess.run([sys.executable, "-m", "itadesk", "gui", "--db", db_url, "--screenshot", str(out)],
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert r.returncode == 3
        assert "เปิดใช้อยู่ในโปรแกรม ITA Desk อีกหน้าต่างหนึ่ง" in r.stderr
        assert not out.exists()
    finally:
        first.release()
    again = DbLock(path)
    assert again.acquire()
    again.release()


def test_people_table_grows_by_itself(qtbot):
    """The signers' table always has an empty row at the end: no "add" click per person."""
    from itadesk.ui.dialogs.profile_wizard import ProfileWizard

    from .conftest import type_into

    wiz = ProfileWizard(None, first_run=True)
    qtbot.addWidget(wiz)
    wiz.show()
    page = wiz.peoplePage
    assert page.table.rowCount() == 1
    type_into(qtbot, page.table, 0, 0, "นายชัยยา ภูมิเขต")
    type_into(qtbot, page.table, 0, 1, "นายกเทศมนตรีตำบลโนนทอง")
    assert page.table.rowCount() == 2
    type_into(qtbot, page.table, 1, 0, "นางสาวสุพีย์ แก้วมี")
    assert page.table.rowCount() == 3
    assert [p.name for p in page.people()] == ["นายชัยยา ภูมิเขต", "นางสาวสุพีย์ แก้วมี"]
