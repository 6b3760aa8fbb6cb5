"""The มาตรการ tab: proposed from weak indicators, edited in place, evidence, reports, conflicts."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from itadesk.store.services import Services

from .conftest import SEED001, type_text
from .test_analysis_tab import Answer


@pytest.fixture
def seeded(office, services):
    for y in (2564, 2565):
        services.set_indicator_scores(y, {n: Decimal(v) for n, v in SEED001[y].items()})
    return services


@pytest.fixture
def tab(seeded, window):
    window.set_year(2565)
    window.select_tab("measures")
    return window.measuresTab


def test_measures_are_for_next_year_and_cover_each_weak_indicator(tab, qtbot):
    assert tab.measures_year == 2566 and "2566" in tab.yearCombo.currentText()
    assert "2565" in tab.yearCombo.currentText() and tab.emptyLabel.isVisible()
    qtbot.mouseClick(tab.proposeButton, Qt.MouseButton.LeftButton)
    ms = tab.services.measures(2566)
    assert sorted(i for m in ms for i in m.indicators) == [5, 6, 7, 8, 9]
    assert all(m.steps and m.units and m.period == {"from": "2022-10", "to": "2023-09"} for m in ms)
    assert [m.indicators[0] for m in ms][:3] == [7, 8, 6]      # urgent first, lowest first
    assert tab.model.rowCount() == 5 and not tab.emptyLabel.isVisible()
    # a second click adds nothing: every weak indicator already has its measure
    assert tab.propose() == [] and len(tab.services.measures(2566)) == 5
    tab.yearCombo.setCurrentIndex(1)          # the measures OF 2565 (none here)
    assert tab.measures_year == 2565 and tab.model.rowCount() == 0


def test_proposed_steps_follow_the_suggestions_chosen_in_the_analysis(tab, window):
    window.analysisContext.set_rules(scope="weakest_per_tool")
    a = window.analysisTab
    a.set_year(2565)
    a.draft_all()
    a.table.selectRow(a.model.row_of(9))
    a.noteEditor.suggestionList.item(0).setCheckState(Qt.CheckState.Unchecked)
    chosen = tab.services.analysis_notes(2565)[8]["suggestions"]
    tab.propose()
    ms = {m.indicators[0]: m for m in tab.services.measures(2566)}
    assert set(ms) == {5, 7, 9}
    lib = window.analysisContext.library
    assert [s["text"] for s in ms[9].steps] == [lib.step_for(t) for t in chosen]


def test_edit_fields_steps_units_period_saved_as_made(tab, qtbot):
    tab.propose()
    m = tab.current_measure()
    ed = tab.editor
    ed.newStepEdit.setFocus()
    type_text(qtbot, ed.newStepEdit, "จัดอบรมเจ้าหน้าที่เรื่องช่องทางร้องเรียน")
    qtbot.keyClick(ed.newStepEdit, Qt.Key.Key_Return)
    got = tab.services.measure(m.id)
    assert got.steps[-1] == {"text": "จัดอบรมเจ้าหน้าที่เรื่องช่องทางร้องเรียน"} and got.version == m.version + 1
    ed.titleEdit.selectAll()
    type_text(qtbot, ed.titleEdit, "มาตรการสื่อสารสองทาง")
    ed.titleEdit.flush()
    assert tab.services.measure(m.id).title == "มาตรการสื่อสารสองทาง"
    assert tab.model.data(tab.model.index(0, 1)) == "มาตรการสื่อสารสองทาง"
    # units: the office's units are offered, checked ones saved
    item = ed.unitList.item(0)
    assert item.text() == "สำนักปลัดเทศบาล"
    item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                       else Qt.CheckState.Checked)
    assert ("สำนักปลัดเทศบาล" in tab.services.measure(m.id).units) == (item.checkState() == Qt.CheckState.Checked)
    # period: months of fiscal 2566 only; an end before the start is refused with a message
    assert ed.fromCombo.count() == 12 and ed.fromCombo.itemText(0) == "ต.ค. ๒๕๖๕"
    ed.fromCombo.setCurrentIndex(2)
    assert tab.services.measure(m.id).period == {"from": "2022-12", "to": "2023-09"}
    ed.toCombo.setCurrentIndex(1)
    assert tab.services.measure(m.id).period == {"from": "2022-12", "to": "2023-09"}
    assert ed.messageLabel.isVisible() and "เดือนเริ่มต้น" in ed.messageLabel.text()
    ed.statusCombo.setCurrentIndex(ed.statusCombo.findData("in_progress"))
    assert tab.services.measure(m.id).status == "in_progress"


def test_concurrent_edit_asks_theirs_or_mine(tab, db_url, monkeypatch):
    from itadesk.store.session import open_database

    tab.propose()
    m = tab.current_measure()
    other_db = open_database(db_url)
    other = Services(other_db)
    try:
        o = other.measure(m.id)
        other.update_measure(o.id, o.base(), {"title": "ชื่อที่เพื่อนแก้"})
        theirs = Answer(False)
        monkeypatch.setattr("itadesk.ui.tabs.measures_tab.ask", theirs)
        tab.editor.titleEdit.set_text("ชื่อของฉัน")
        tab.editor._emit(title="ชื่อของฉัน")
        assert "ผู้ใช้อื่น" in theirs.questions[0]
        assert tab.services.measure(m.id).title == "ชื่อที่เพื่อนแก้"
        assert tab.editor.titleEdit.toPlainText() == "ชื่อที่เพื่อนแก้"          # reloaded theirs
        o = other.measure(m.id)
        other.update_measure(o.id, o.base(), {"monitoring": "รายงานทุกเดือน"})
        mine = Answer(True)
        monkeypatch.setattr("itadesk.ui.tabs.measures_tab.ask", mine)
        tab.editor._emit(title="ชื่อของฉัน")
        got = tab.services.measure(m.id)
        assert mine.call_count == 1 and got.title == "ชื่อของฉัน" and got.monitoring == "รายงานทุกเดือน"
    finally:
        other_db.dispose()


def test_evidence_copied_and_opens_after_original_is_gone(tab, tmp_path, monkeypatch):
    from itadesk import paths

    tab.propose()
    m = tab.current_measure()
    usb = tmp_path / "E_drive"
    usb.mkdir()
    src = usb / "ภาพกิจกรรม.jpg"
    src.write_bytes(b"\xff\xd8\xff evidence photo")
    ev = tab.add_evidence_file(src, "ภาพกิจกรรมประชาสัมพันธ์ช่องทางร้องเรียน")
    src.unlink()
    opened = []
    monkeypatch.setattr("itadesk.ui.tabs.measures_tab.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    assert tab.open_evidence(ev)
    p = opened[0]
    assert p.startswith(str(paths.evidence_dir())) and open(p, "rb").read() == b"\xff\xd8\xff evidence photo"
    assert tab.editor.evidenceList.count() == 1
    assert "ภาพกิจกรรมประชาสัมพันธ์" in tab.editor.evidenceList.item(0).text()
    monkeypatch.setattr("itadesk.ui.tabs.measures_tab.ask", Answer(True))
    tab.remove_evidence(ev)
    assert tab.services.measure(m.id).evidence == () and tab.editor.evidenceList.count() == 0


def test_six_month_and_year_end_reports_each_kept(tab, qtbot):
    tab.propose()
    m = tab.current_measure()
    six = tab.editor.reports["6m"]
    six.outputEdit.setFocus()
    type_text(qtbot, six.outputEdit, "จัดทำช่องทางไลน์แล้ว")
    six.outputEdit.flush()
    six.statusCombo.setCurrentIndex(six.statusCombo.findData("in_progress"))
    year_end = tab.editor.reports["12m"]
    year_end.outputEdit.setPlainText("ดำเนินการครบทุกขั้นตอน")    # an edit (set_text would be loading)
    year_end.outputEdit.flush()
    year_end.statusCombo.setCurrentIndex(year_end.statusCombo.findData("done"))
    got = tab.services.measure(m.id)
    assert [(r["kind"], r["output"]) for r in got.reports] == [
        ("6m", "จัดทำช่องทางไลน์แล้ว"), ("12m", "ดำเนินการครบทุกขั้นตอน")]
    assert got.status == "done" and tab.editor.statusCombo.currentData() == "done"
