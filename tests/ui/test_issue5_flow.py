"""Issue 5 end to end on real widgets: seed 001's scores typed in → analysis drafted →
measures proposed and edited → six-month report → memos printed from that data, with the
consistency checker in front of print/export."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from itadesk.ui import documents_bridge
from itadesk.ui.dialogs.check_dialog import CheckDialog
from itadesk.ui.models.score_table_model import IndicatorTableModel as SM

from .conftest import SEED001, type_into, type_text

pytestmark = pytest.mark.skipif(not documents_bridge.available(), reason="memo engine not installed")


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _pdf_text(data: bytes, tmp_path) -> str:
    from tests.pdftext import pdf_text

    return pdf_text(data, layout=True)


def _render(services, memo_id):
    from itadesk.documents import render_memo_bytes

    return render_memo_bytes(services.dossier(), services.memo(memo_id).key)


def test_seed001_scores_to_results_memo(qtbot, office, window, services, tmp_path):
    # 1. scores typed in the คะแนน tab, as a clerk does
    for year in (2564, 2565):
        window.set_year(year)
        st = window.scoresTab
        for n, v in SEED001[year].items():
            type_into(qtbot, st.indicatorTable, st.indicators.row_of(n), SM.COL_SCORE, v)
    window.set_year(2565)

    # 2. analysis with the rule seed 001's office used: the weakest indicator of each tool
    window.select_tab("analysis")
    at = window.analysisTab
    at.rulesPanel.scopeCombo.setCurrentIndex(at.rulesPanel.scopeCombo.findData("weakest_per_tool"))
    qtbot.mouseClick(at.draftButton, Qt.MouseButton.LeftButton)
    notes = {n["indicator"]: n for n in services.analysis_notes(2565)}
    assert {n for n, x in notes.items() if x["category"] != "keep"} == {5, 7, 9}
    # accepted as drafted: nothing more to do, the notes are stored

    # 3. measures for 2566 from the weak points; one edited by typing a new step
    window.select_tab("measures")
    mt = window.measuresTab
    assert mt.measures_year == 2566
    qtbot.mouseClick(mt.proposeButton, Qt.MouseButton.LeftButton)
    ms = services.measures(2566)
    assert sorted(m.indicators[0] for m in ms) == [5, 7, 9]
    mt.table.selectRow(mt.model.row_of(next(m.id for m in ms if m.indicators == (7,))))
    ed = mt.editor
    ed.newStepEdit.setFocus()
    type_text(qtbot, ed.newStepEdit, "จัดทำกลุ่มไลน์ตอบคำถามประชาชน")
    qtbot.keyClick(ed.newStepEdit, Qt.Key.Key_Return)

    # 4. six-month report on that measure
    six = ed.reports["6m"]
    six.outputEdit.setFocus()
    type_text(qtbot, six.outputEdit, "เปิดกลุ่มไลน์แล้ว มีสมาชิกสองร้อยคน")
    six.outputEdit.flush()
    six.statusCombo.setCurrentIndex(six.statusCombo.findData("in_progress"))
    m7 = next(m for m in services.measures(2566) if m.indicators == (7,))
    assert m7.steps[-1]["text"] == "จัดทำกลุ่มไลน์ตอบคำถามประชาชน" and m7.status == "in_progress"

    # 5. the results memo of fiscal 2566 lists the measures with the edits and the report
    window.set_year(2566)
    window.select_tab("memos")
    memo_id = window.memosTab.create_memo("measures_results")
    data, info = _render(services, memo_id)
    printed = _flat("".join(info.texts))
    for s in ("จัดทำกลุ่มไลน์ตอบคำถามประชาชน", "เปิดกลุ่มไลน์แล้วมีสมาชิกสองร้อยคน", "รอบ๖เดือน"):
        assert _flat(s) in printed, s
    pdf = _flat(_pdf_text(data, tmp_path))
    if pdf:
        assert _flat("จัดทำกลุ่มไลน์ตอบคำถามประชาชน") in pdf

    # 6. the analysis report of 2565: drafted paragraphs in its table, summary in its body
    window.set_year(2565)
    memo_id = window.memosTab.create_memo("analysis_report")
    memo = services.memo(memo_id)
    body = " ".join(p for s in memo.sections for p in s["paragraphs"])
    assert "เพิ่มขึ้น 2.74 คะแนน คิดเป็นร้อยละ 3.20" in body
    _data, info = _render(services, memo_id)
    printed = _flat("".join(info.texts))
    assert _flat(notes[7]["text"])[:60] in printed and _flat(notes[1]["text"])[:60] in printed


def test_checker_runs_before_print_and_export(qtbot, office, window, services, tmp_path, monkeypatch):
    from decimal import Decimal

    for year in (2564, 2565):
        services.set_indicator_scores(year, {n: Decimal(v) for n, v in SEED001[year].items()})
    services.set_published(2565, Decimal("88.30"), "AA")        # planted: 88.30 is level A
    window.set_year(2565)
    window.select_tab("memos")
    tab = window.memosTab
    tab.create_memo("analysis_report")
    shown = []

    def answer(result):
        def exec_(dlg):
            shown.append(dlg.messages())
            return result
        return exec_

    rendered = []
    monkeypatch.setattr(tab, "_render", lambda on_done: rendered.append(on_done) or True)
    monkeypatch.setattr(CheckDialog, "exec", answer(QDialog.DialogCode.Rejected))   # กลับไปแก้ไข
    tab.print_memo()
    assert shown and any("AA" in m and "ข้อผิดพลาด" in m for m in shown[0]), shown
    assert rendered == []                                      # nothing printed
    assert not tab.export_pdf(tmp_path / "x.pdf") and rendered == []
    monkeypatch.setattr(CheckDialog, "exec", answer(QDialog.DialogCode.Accepted))   # พิมพ์ต่อ
    assert tab.export_pdf(tmp_path / "x.pdf") and len(rendered) == 1 and len(shown) == 3


def test_report_menu_lists_office_findings(office, window, services, monkeypatch):
    from decimal import Decimal

    services.set_indicator_scores(2565, {n: Decimal(v) for n, v in SEED001[2565].items()})
    services.set_published(2565, Decimal("90.00"), "A")         # planted: the scores give 88.30
    shown = []
    monkeypatch.setattr(CheckDialog, "exec", lambda dlg: shown.append(dlg.messages()) or 0)
    window.actCheck.trigger()
    assert shown and any("90" in m or "๙๐" in m for m in shown[0]), shown
