"""Room for the text at 1366×768 and at 125 % (1366×768 physical = 1093×614 logical pixels).

Issue 13 item 6 named the boxes a clerk found cut off or cramped: the measure period boxes,
the signer names in the chain editor, the analysis reason column, the district window's
heading (อันดับ) and right-hand columns, the analysis paragraph box and the suggestions.
Each is checked with the font's own metrics: the text needs no more room than it has.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QComboBox, QSplitter, QStyle, QStyleOptionComboBox

from itadesk.ui.models.analysis_table_model import AnalysisTableModel

from .conftest import SEED001

SIZES = {"1366x768": (1366, 768), "125%": (1093, 614)}
# Lines of the paragraph and of the suggestions visible without scrolling (the issue saw 4 and
# about 3 — "1.5 items" of two lines); at 125 % the window is a fifth smaller.
LINES = {"1366x768": (8, 5), "125%": (5, 3)}


def _seed(services) -> None:
    services.set_indicator_scores(2565, {n: Decimal(v) for n, v in SEED001[2565].items()})
    services.set_indicator_scores(2564, {n: Decimal(v) for n, v in SEED001[2564].items()})
    services.add_memo({"form": "report", "fiscal_year": 2565, "subject": "รายงานผล",
                       "chain": [{"heading": "ความเห็นของหัวหน้าสำนักปลัดเทศบาล", "person": "author"},
                                 {"heading": "ความเห็นของนายกเทศมนตรี", "person": "mayor"}]})


def _edit_field_width(combo: QComboBox) -> int:
    opt = QStyleOptionComboBox()
    combo.initStyleOption(opt)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width()


def _open(qtbot, services, settings, size):
    from itadesk.ui.main_window import MainWindow

    w = MainWindow(services, settings, "test")
    qtbot.addWidget(w)
    w.persist_settings = False
    w.resize(*size)
    w.load(2565)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("name", list(SIZES))
def test_named_boxes_have_room(qtbot, office, services, settings, name):
    _seed(services)
    w = _open(qtbot, services, settings, SIZES[name])
    short = []

    # analysis: every reason readable in its (wrapping) cell; paragraph and suggestions roomy
    w.select_tab("analysis")
    tab = w.analysisTab
    tab.draft_all()
    qtbot.wait(50)
    t, col = tab.table, AnalysisTableModel.COL_REASON
    fm = t.fontMetrics()
    for r in range(tab.model.rowCount()):
        text = tab.model.data(tab.model.index(r, col))
        need = fm.boundingRect(QRect(0, 0, t.columnWidth(col) - 8, 10_000), int(Qt.TextFlag.TextWordWrap), text)
        if need.height() > t.rowHeight(r):
            short.append(f"reason of row {r + 1}: needs {need.height()} px, has {t.rowHeight(r)}")
    split = getattr(tab, "splitter", None)
    if not (isinstance(split, QSplitter) and split.indexOf(tab.noteEditor) >= 0):
        short.append("the paragraph box cannot be made taller (no splitter between table and paragraph)")
    if not isinstance(getattr(tab.noteEditor, "splitter", None), QSplitter):
        short.append("paragraph and suggestions cannot be resized against each other")
    para, sugg = tab.noteEditor.textEdit, tab.noteEditor.suggestionList
    lines_para = para.viewport().height() // para.fontMetrics().lineSpacing()
    lines_sugg = sugg.viewport().height() // sugg.fontMetrics().lineSpacing()
    want_para, want_sugg = LINES[name]
    if lines_para < want_para:
        short.append(f"paragraph box shows {lines_para} lines (wanted {want_para})")
    if lines_sugg < want_sugg:
        short.append(f"suggestions show {lines_sugg} lines (wanted {want_sugg})")

    # measures: the period boxes show "ม.ค. ๒๕๖๖" whole
    w.select_tab("measures")
    w.measuresTab.propose()
    qtbot.wait(50)
    for combo in (w.measuresTab.editor.fromCombo, w.measuresTab.editor.toCombo):
        widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        if widest > _edit_field_width(combo):
            short.append(f"{combo.objectName()}: {widest} px of text in {_edit_field_width(combo)} px")

    # memos: every signer's name whole in the chain editor
    w.select_tab("memos")
    qtbot.wait(50)
    chain = w.memosTab.editor.chainTable
    assert chain.rowCount() == 2
    for r in range(chain.rowCount()):
        combo = chain.cellWidget(r, 1)
        text_w = combo.fontMetrics().horizontalAdvance(combo.currentText())
        if text_w > _edit_field_width(combo):
            short.append(f"signer {combo.currentText()}: {text_w} px of text in {_edit_field_width(combo)} px")

    # district window: every heading fits its column and no column hides past the right edge
    w.open_district_window()
    d = w.districtWindow
    qtbot.waitUntil(lambda: d.model.rowCount() > 0, timeout=10000)
    d.resize(*SIZES[name])
    qtbot.wait(50)
    hh = d.table.horizontalHeader()
    hfm = hh.fontMetrics()
    for c in range(d.model.columnCount()):
        head = str(d.model.headerData(c, Qt.Orientation.Horizontal))
        if hfm.horizontalAdvance(head) + 12 > hh.sectionSize(c):          # + the sort arrow's room
            short.append(f"district heading {head}: {hfm.horizontalAdvance(head)} px in {hh.sectionSize(c)}")
    if d.table.horizontalScrollBar().maximum() > 0:
        short.append("district table wider than its pane: the right-hand columns are hidden")
    d.close()
    assert not short, short
