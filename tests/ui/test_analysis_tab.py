"""The วิเคราะห์ tab: categories under adjustable rules, drafting, edited paragraphs protected."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from itadesk.ui.models.analysis_table_model import AnalysisTableModel as M

from .conftest import SEED001, type_text


@pytest.fixture
def seeded(office, services):
    for y in (2564, 2565):
        services.set_indicator_scores(y, {n: Decimal(v) for n, v in SEED001[y].items()})
    return services


def _weak(tab) -> set[int]:
    return {a.number for a in tab.result.analyses if a.needs_action}


class Answer:
    """Stands in for ``messages.ask`` (a QMessageBox): records the questions, gives one answer."""

    def __init__(self, answer: bool):
        self.answer, self.questions = answer, []

    def __call__(self, parent, text, *a, **kw):
        self.questions.append(text)
        return self.answer

    @property
    def call_count(self) -> int:
        return len(self.questions)


def _stored(services) -> dict:
    return {n["indicator"]: n for n in services.analysis_notes(2565)}


def test_default_scope_flags_5_to_9_and_table_shows_change(seeded, window):
    window.set_year(2565)
    window.select_tab("analysis")
    tab = window.analysisTab
    assert _weak(tab) == {5, 6, 7, 8, 9}
    m = tab.model
    r = m.row_of(7)
    assert m.data(m.index(r, M.COL_SCORE)) == "72.04" and m.data(m.index(r, M.COL_PREV)) == "84.58"
    assert m.data(m.index(r, M.COL_POINTS)) == "-12.54" and m.data(m.index(r, M.COL_DIRECTION)) == "ลดลง"
    assert m.data(m.index(r, M.COL_CATEGORY)) == "ข้อบกพร่องหรือจุดอ่อนที่ต้องแก้ไขโดยเร่งด่วน"
    assert m.data(m.index(r, M.COL_DIRECTION), Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert "ต่ำกว่าเกณฑ์ผ่าน" in m.data(m.index(r, M.COL_REASON))
    assert m.data(m.index(m.row_of(10), M.COL_RANK)) == "1"
    assert "๘๘.๓๐" in tab.summaryEdit.toPlainText() and "เพิ่มขึ้น ๒.๗๔ คะแนน" in tab.summaryEdit.toPlainText()


def test_weakest_per_tool_scope_flags_5_7_9_and_drafts(seeded, window, qtbot):
    window.set_year(2565)
    tab = window.analysisTab
    tab.rulesPanel.scopeCombo.setCurrentIndex(tab.rulesPanel.scopeCombo.findData("weakest_per_tool"))
    assert tab.context.rules.scope == "weakest_per_tool"
    assert _weak(tab) == {5, 7, 9}
    qtbot.mouseClick(tab.draftButton, Qt.MouseButton.LeftButton)
    notes = _stored(window.services)
    assert {n for n, x in notes.items() if x["category"] in ("urgent", "improve")} == {5, 7, 9}
    assert len(notes) == 10 and all(x["text"] and not x["edited"] for x in notes.values())
    assert notes[7]["text"].startswith("จากผลคะแนน EIT พบว่า เทศบาลตำบลทดสอบ ได้ผลการประเมินอยู่ในระดับต่ำ")
    assert notes[7]["suggestions"] and notes[1]["suggestions"] == []


def test_rules_adjustable_and_saved_with_the_office(seeded, window, tmp_path, monkeypatch):
    from itadesk.store.dossier import office_to_dossier
    from itadesk.store.models import Office
    from itadesk.ui.models.analysis_context import AnalysisContext

    window.set_year(2565)
    tab = window.analysisTab
    tab.rulesPanel.keepBarSpin.setValue(80)
    tab.rulesPanel.passMarkSpin.setValue(70)
    assert _weak(tab) == {6, 7, 8, 9}   # 85.14 (rose, over the bar of 80) is kept now
    assert {a.number for a in tab.result.analyses if a.category == "urgent"} == set()   # all pass 70
    tab.rulesPanel.saveButton.click()
    assert window.services.analysis_rules() == {"pass_mark": "70", "keep_bar": "80"}
    # another clerk's program on the same database starts with the office's rules
    other = AnalysisContext(window.services)
    assert other.rules.keep_bar == Decimal("80") and other.rules.pass_mark == Decimal("70")
    # and they travel with the dossier file
    with window.services.db.session() as s:
        assert office_to_dossier(s.get(Office, window.services.office_id))["office"]["analysis_rules"] == {
            "pass_mark": "70", "keep_bar": "80"}
    tab.rulesPanel.passMarkSpin.setValue(0)    # back to the framework's pass mark
    assert tab.context.rules.pass_mark is None


def test_edited_paragraph_survives_redraft_unless_yes(seeded, window, qtbot, monkeypatch):
    window.set_year(2565)
    tab = window.analysisTab
    tab.draft_all()
    tab.table.selectRow(tab.model.row_of(7))
    ed = tab.noteEditor
    assert ed.number == 7
    ed.textEdit.selectAll()
    type_text(qtbot, ed.textEdit, "ข้อความที่เจ้าหน้าที่แก้เอง")
    ed.flush()
    assert _stored(window.services)[7] == {**_stored(window.services)[7], "text": "ข้อความที่เจ้าหน้าที่แก้เอง",
                                           "edited": True}
    assert tab.model.data(tab.model.index(tab.model.row_of(7), M.COL_NOTE)) == "แก้ไขเอง"

    no = Answer(False)
    monkeypatch.setattr("itadesk.ui.tabs.analysis_tab.ask", no)
    tab.draft_all()
    assert no.call_count == 1 and "ตัวชี้วัดที่ ๗" in no.questions[0]
    assert _stored(window.services)[7]["text"] == "ข้อความที่เจ้าหน้าที่แก้เอง"

    # choosing suggestions re-drafts, but asks first over the clerk's text
    tab.table.selectRow(tab.model.row_of(7))
    ed.suggestionList.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert no.call_count == 2 and _stored(window.services)[7]["text"] == "ข้อความที่เจ้าหน้าที่แก้เอง"
    assert len(_stored(window.services)[7]["suggestions"]) == 2

    yes = Answer(True)
    monkeypatch.setattr("itadesk.ui.tabs.analysis_tab.ask", yes)
    tab.draft_all()
    note = _stored(window.services)[7]
    assert yes.call_count == 1 and note["edited"] is False and note["text"].startswith("จากผลคะแนน EIT")


def test_suggestion_picker_redrafts_unedited_paragraph(seeded, window):
    window.set_year(2565)
    tab = window.analysisTab
    tab.draft_all()
    tab.table.selectRow(tab.model.row_of(9))
    ed = tab.noteEditor
    before = _stored(window.services)[9]
    last = ed.suggestionList.item(ed.suggestionList.count() - 1)
    assert last.checkState() == Qt.CheckState.Unchecked
    last.setCheckState(Qt.CheckState.Checked)
    after = _stored(window.services)[9]
    assert len(after["suggestions"]) == len(before["suggestions"]) + 1
    assert last.text() in after["text"] and "๔. " in after["text"] and not after["edited"]
    assert ed.textEdit.toPlainText() == after["text"]
