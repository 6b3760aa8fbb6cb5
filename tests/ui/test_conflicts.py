"""The conflict dialog in the tabs: another clerk (a second Services object) saved first."""

from decimal import Decimal as D

import pytest

from itadesk.store.services import Services
from itadesk.store.session import open_database
from itadesk.ui.dialogs.conflict_dialog import ConflictDialog, show_value
from itadesk.ui.models.score_table_model import IndicatorTableModel

from .conftest import type_into, type_text


@pytest.fixture
def other(db_url, office):
    """The other clerk: a second connection to the same database."""
    db = open_database(db_url)
    sv = Services(db)
    yield sv
    db.dispose()


def _scores_window(window):
    window.set_year(2568)
    window.select_tab("scores")
    return window.scoresTab


def _dialog(qtbot, tab) -> ConflictDialog:
    qtbot.waitUntil(lambda: tab.conflictDialog is not None and tab.conflictDialog.isVisible(), timeout=3000)
    return tab.conflictDialog


def _cells(dlg):
    t = dlg.table
    return [[t.item(r, c).text() for c in range(4)] for r in range(t.rowCount())]


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_score_conflict_dialog(qtbot, window, services, other, choice):
    tab = _scores_window(window)
    view, row = tab.indicatorTable, tab.indicators.row_of(3)
    type_into(qtbot, view, row, IndicatorTableModel.COL_SCORE, "70")
    assert services.year_scores(2568).indicators[3] == D("70.00")
    # the other clerk changes indicator 3 while this window still shows 70.00
    other.set_indicator_scores(2568, {3: D("75.50")}, expected={3: D("70.00")})
    type_into(qtbot, view, row, IndicatorTableModel.COL_SCORE, "๙๐")
    dlg = _dialog(qtbot, tab)
    assert dlg.windowTitle() == "มีผู้อื่นแก้ไขข้อมูลเดียวกัน"
    assert _cells(dlg) == [["ตัวชี้วัดที่ 3", "70.00", "75.50", "90.00"]]
    assert "ตัวชี้วัดที่ 3" in dlg.messageLabel.text()
    assert other.year_scores(2568).indicators[3] == D("75.50")        # nothing overwritten yet
    assert tab.messageLabel.isVisible()
    (dlg.theirsButton if choice == "theirs" else dlg.mineButton).click()
    qtbot.waitUntil(lambda: tab.conflictDialog is None)
    want = D("75.50") if choice == "theirs" else D("90.00")
    assert other.year_scores(2568).indicators[3] == want
    assert tab.indicators.current_values()[3] == want
    if choice == "mine":    # the overwrite is undoable, back to the other clerk's value
        window.undo_stack.undo()
        assert other.year_scores(2568).indicators[3] == D("75.50")


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_published_total_conflict(qtbot, window, services, other, choice):
    tab = _scores_window(window)
    ys = other.year_scores(2568)
    other.set_published(2568, D("88.30"), None, base=ys.published_base())
    edit = tab.publishedTotalEdit
    edit.setText("")
    type_text(qtbot, edit, "90")
    edit.editingFinished.emit()
    dlg = _dialog(qtbot, tab)
    assert _cells(dlg) == [["คะแนนรวมที่ประกาศ", "(ว่าง)", "88.30", "90.00"]]
    assert edit.text() == "90"                                       # what was typed stays
    (dlg.theirsButton if choice == "theirs" else dlg.mineButton).click()
    qtbot.waitUntil(lambda: tab.conflictDialog is None)
    want = D("88.30") if choice == "theirs" else D("90.00")
    assert services.year_scores(2568).published_total == want
    assert edit.text() == ("88.30" if choice == "theirs" else "90.00")


@pytest.mark.parametrize("choice", ["theirs", "mine"])
def test_memo_conflict_dialog(qtbot, window, services, other, choice):
    window.set_year(2568)
    window.select_tab("memos")
    tab = window.memosTab
    info = services.add_memo({"form": "report", "fiscal_year": 2568, "subject": "รายงานผล"})
    tab.reload(select_id=info.id)
    m = other.memo(info.id)
    other.update_memo(m.id, base=m, subject="รายงานของผู้อื่น")
    tab.editor.subjectEdit.setPlainText("รายงานของฉัน")
    tab.editor.flush()
    dlg = _dialog(qtbot, tab)
    assert _cells(dlg) == [["เรื่อง", "รายงานผล", "รายงานของผู้อื่น", "รายงานของฉัน"]]
    assert tab.editor.subjectEdit.toPlainText() == "รายงานของฉัน"      # nothing typed lost
    (dlg.theirsButton if choice == "theirs" else dlg.mineButton).click()
    qtbot.waitUntil(lambda: tab.conflictDialog is None)
    want = "รายงานของผู้อื่น" if choice == "theirs" else "รายงานของฉัน"
    assert other.memo(info.id).subject == want
    assert tab.editor.subjectEdit.toPlainText() == want
    tab.editor.flush()                     # no second save / dialog after the choice
    assert tab.conflictDialog is None and other.memo(info.id).subject == want
    tab._preview_timer.stop()
    qtbot.waitUntil(lambda: not tab._jobs, timeout=60000)     # let the page preview finish


def test_show_value():
    assert show_value(None) == "(ว่าง)"
    assert show_value(D("75.5")) == "75.50"
    assert show_value(({"title": "ต้นเรื่อง", "paragraphs": ["ก", "ข"]},)) == "ต้นเรื่อง: ก ข"
    assert show_value("x" * 500).endswith("…")
