"""The window's check dialog: each line reads in the clerk's words, and a click on a line goes to
that memo in the memos tab (and to that measure in the measures tab)."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from itadesk.domain.checks import Location
from itadesk.ui import documents_bridge
from itadesk.ui.dialogs.check_dialog import CheckDialog, go_to

from tests.ui.conftest import SEED001, _thai_font, db_url, office, services, settings, window  # noqa: F401

pytestmark = pytest.mark.skipif(not documents_bridge.available(), reason="memo engine not installed")


def test_click_on_a_finding_goes_to_the_memo(qtbot, office, window, services, monkeypatch):  # noqa: F811
    for year in (2564, 2565):
        services.set_indicator_scores(year, {n: Decimal(v) for n, v in SEED001[year].items()})
    services.set_published(2565, Decimal("88.30"), "AA")        # planted: 88.30 is level A
    window.set_year(2565)
    window.select_tab("memos")
    tab = window.memosTab
    first = tab.create_memo("analysis_report")
    second = tab.create_memo("analysis_report")
    tab.memoList.setCurrentIndex(tab.model.index(tab.model.row_of(second), 0))
    key = services.memo(first).key
    services.update_memo(first, to="นายกองค์การบริหารส่วนตำบลทดสอบ")   # planted: a เทศบาล's mayor
    window.select_tab("scores")

    dialogs = []

    def exec_(dlg):
        dialogs.append(dlg)
        assert all("ตำแหน่ง" not in m for m in dlg.messages())       # no dotted paths for the clerk
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(CheckDialog, "exec", exec_)
    window.actCheck.trigger()
    dlg = dialogs[0]
    assert any("ระดับที่บันทึกไว้ ‘AA’" in m for m in dlg.messages())
    assert dlg.countLabel.text().startswith("สรุป: ข้อผิดพลาด ")
    # a finding inside the first memo: the click selects that memo in the memos tab
    got = []
    dlg.goto.connect(got.append)
    row = next(i for i in range(dlg.list.count())
               if dlg.list.item(i).data(Qt.ItemDataRole.UserRole).code == "addressee")
    assert "เรียน ‘นายกองค์การบริหารส่วนตำบลทดสอบ’" in dlg.list.item(row).text()
    assert "ช่องเรียน" in dlg.list.item(row).text()
    dlg.list.itemClicked.emit(dlg.list.item(row))
    assert got and (got[-1].kind, got[-1].key, got[-1].field) == ("memo", key, "to")
    assert window.tabs.currentWidget() is tab
    assert tab.current_memo_id() == first
    # a finding in a paragraph: that section is shown and the cursor is at that paragraph
    memo = services.memo(first)
    sec = next(i for i, x in enumerate(memo.sections) if len(x["paragraphs"]) > 1)
    assert go_to(window, Location("memo", key, "section", section=sec, paragraph=1), services.dossier())
    ed = tab.editor
    assert ed.sectionList.currentRow() == sec
    text = ed.paragraphsEdit.toPlainText()
    assert text[ed.paragraphsEdit.textCursor().position():].startswith(memo.sections[sec]["paragraphs"][1][:20])


def test_click_goes_to_a_measure(qtbot, office, window, services):  # noqa: F811
    services.set_indicator_scores(2565, {n: Decimal(v) for n, v in SEED001[2565].items()})
    added = services.add_measures([
        {"key": "x1", "fiscal_year": 2566, "title": "มาตรการหนึ่ง", "units": ["สำนักปลัดเทศบาล"]},
        {"key": "x2", "fiscal_year": 2566, "title": "มาตรการสอง", "units": ["กองสาธารณสุข"]}])
    window.set_year(2564)
    window.select_tab("scores")
    assert go_to(window, Location("measure", added[1].key, "units"), services.dossier())
    mt = window.measuresTab
    assert window.tabs.currentWidget() is mt and window.year == 2565
    assert mt.model.measure_at(mt.table.currentIndex().row()).key == added[1].key


def test_go_to_without_a_window_is_harmless():
    assert go_to(None, Location("memo", "x")) is False
    assert go_to(object(), Location("office")) is False
