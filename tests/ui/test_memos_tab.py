"""Memos tab: a memo from a form, edited in place, previewed and exported to PDF."""

from decimal import Decimal

import pytest

from itadesk.ui import documents_bridge

from .conftest import SEED001, type_text

pytestmark = pytest.mark.skipif(not documents_bridge.available(), reason="memo engine not installed")


def test_create_memo_from_form_edit_and_export(qtbot, office, window, services, tmp_path):
    services.set_indicator_scores(2565, {n: Decimal(v) for n, v in SEED001[2565].items()})
    window.set_year(2565)
    window.select_tab("memos")
    tab = window.memosTab
    assert tab.emptyLabel.isVisible()
    memo_id = tab.create_memo("measures_plan")
    assert memo_id is not None and tab.model.rowCount() == 1
    memo = services.memo(memo_id)
    assert memo.form == "measures_plan" and memo.doc_no == "1"          # suggested running number
    # edit the subject as a clerk: saved as typed, no Save button
    ed = tab.editor
    ed.subjectEdit.selectAll()
    type_text(qtbot, ed.subjectEdit, "มาตรการส่งเสริมคุณธรรม ปี ๒๕๖๖")
    ed.flush()
    assert services.memo(memo_id).subject == "มาตรการส่งเสริมคุณธรรม ปี ๒๕๖๖"
    ed.toEdit.clear()
    type_text(qtbot, ed.toEdit, "นายกเทศมนตรีตำบลทดสอบ")
    ed.toEdit.editingFinished.emit()
    assert services.memo(memo_id).to == "นายกเทศมนตรีตำบลทดสอบ"
    # live preview arrives from the worker thread
    with qtbot.waitSignal(tab.preview_ready, timeout=30000) as sig:
        tab.refresh_preview()
    assert sig.args[0] >= 1 and tab.pdfDoc.pageCount() == sig.args[0]
    out = tmp_path / "memo.pdf"
    with qtbot.waitSignal(tab.exported, timeout=30000):
        assert tab.export_pdf(out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert "ส่งออก" not in window.statusBar().currentMessage() or str(out) in window.statusBar().currentMessage()
