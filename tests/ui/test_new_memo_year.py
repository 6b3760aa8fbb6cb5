"""A new memo is about the right year (the measures plan: the assessment year + 1, as the
มาตรการ tab shows it), says when its tables would print empty, and fills what the program knows."""

import datetime as dt

import pytest
from PySide6.QtCore import QTimer

from itadesk.ui import documents_bridge
from itadesk.ui.dialogs.new_memo_dialog import NewMemoDialog

pytestmark = pytest.mark.skipif(not documents_bridge.available(), reason="memo engine not installed")


def _answer(qtbot, tab, kind, check=None):
    """Open the new-memo dialog, choose ``kind``, look at it with ``check``, press สร้าง."""
    seen = {}

    def act():
        dlg = getattr(tab, "newMemoDialog", None)
        if dlg is None or not dlg.isVisible():      # not open yet: look again shortly
            QTimer.singleShot(20, act)
            return
        assert isinstance(dlg, NewMemoDialog)
        dlg.formCombo.setCurrentIndex(dlg.formCombo.findData(kind))
        seen["year"] = dlg.year()
        seen["warning"] = dlg.warning.text() if dlg.warning.isVisibleTo(dlg) else ""
        if check:
            check(dlg)
        dlg.okButton.click()
    QTimer.singleShot(0, act)
    tab.new_memo_dialog()
    return seen


def test_measures_plan_memo_is_for_next_year(qtbot, office, window, services):
    window.set_year(2565)
    window.select_tab("measures")
    assert window.measuresTab.measures_year == 2566        # what the มาตรการ tab shows
    window.select_tab("memos")
    tab = window.memosTab
    seen = _answer(qtbot, tab, "measures_plan")
    assert seen["year"] == 2566
    assert "2566" in seen["warning"] and "มาตรการ" in seen["warning"]   # no 2566 measures yet
    memo = tab.editor.memo
    assert memo.fiscal_year == 2566 and "2566" in memo.subject
    assert tab.model.rowCount() == 1                       # listed under the 2565 assessment
    seen = _answer(qtbot, tab, "analysis_report")
    assert seen["year"] == 2565
    assert tab.editor.memo.fiscal_year == 2565 and tab.model.rowCount() == 2


def test_new_memo_fills_unit_date_author(qtbot, office, window, services):
    window.set_year(2565)
    window.select_tab("memos")
    tab = window.memosTab
    _answer(qtbot, tab, "analysis_report")
    m = tab.editor.memo
    assert m.date == dt.date.today()
    assert m.unit == "สำนักปลัดเทศบาล เทศบาลตำบลทดสอบ"      # the profile's unit + office name
    assert (m.author or {}).get("person") == "author"
    assert tab.editor.dateEdit.text().endswith(str(dt.date.today().year + 543))
    # the clerk changes the unit and the author once; the next memo reuses them
    services.update_memo(m.id, base=m, unit="งานนโยบายและแผน สำนักปลัดเทศบาล เทศบาลตำบลทดสอบ",
                         author={"person": "mayor"})
    _answer(qtbot, tab, "analysis_report")
    m2 = tab.editor.memo
    assert m2.id != m.id
    assert m2.unit == "งานนโยบายและแผน สำนักปลัดเทศบาล เทศบาลตำบลทดสอบ"
    assert m2.author["person"] == "mayor"
