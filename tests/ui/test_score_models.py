"""The score item models on their own: shape, roles, refusing bad input, saving good input."""

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from itadesk.domain.frameworks import framework_for
from itadesk.ui.models.score_table_model import IndicatorTableModel, ItemTableModel

from .conftest import SEED001

M = IndicatorTableModel


def test_indicator_model_shape_and_roles(services, office, qtbot):
    services.set_indicator_scores(2564, {n: Decimal(v) for n, v in SEED001[2564].items()})
    services.set_indicator_scores(2565, {7: Decimal("72.04")})
    m = IndicatorTableModel(services)
    m.load(2565)
    assert m.rowCount() == 10 and m.columnCount() == 6
    assert m.headerData(M.COL_SCORE, Qt.Orientation.Horizontal) == "คะแนนปี 2565"
    assert m.headerData(M.COL_PREV, Qt.Orientation.Horizontal) == "คะแนนปี 2564"
    row = m.row_of(7)
    assert m.data(m.index(row, M.COL_INDICATOR)) == "7. ประสิทธิภาพการสื่อสาร"
    assert m.data(m.index(row, M.COL_TOOL)) == "EIT"
    assert m.data(m.index(row, M.COL_SCORE)) == "72.04"
    assert m.data(m.index(row, M.COL_SCORE), Qt.ItemDataRole.UserRole) == Decimal("72.04")
    assert m.data(m.index(row, M.COL_PREV)) == "84.58"
    assert m.data(m.index(row, M.COL_CHANGE)) == "-12.54"
    assert m.data(m.index(row, M.COL_DIRECTION)) == "ลดลง"
    assert m.data(m.index(row, M.COL_DIRECTION), Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert m.data(m.index(0, M.COL_SCORE)) == ""          # not typed yet
    assert m.flags(m.index(0, M.COL_SCORE)) & Qt.ItemFlag.ItemIsEditable
    assert not m.flags(m.index(0, M.COL_INDICATOR)) & Qt.ItemFlag.ItemIsEditable


def test_set_data_refuses_bad_input_and_keeps_old_value(services, office, qtbot):
    m = IndicatorTableModel(services)
    m.load(2565)
    idx = m.index(0, M.COL_SCORE)
    assert m.setData(idx, "๘๘.๗๓")
    assert services.year_scores(2565).indicators[1] == Decimal("88.73")
    for bad in ("abc", "101", "-1", "88.735"):
        with qtbot.waitSignal(m.input_refused) as sig:
            assert not m.setData(idx, bad)
        assert "คงค่าเดิมไว้" in sig.args[0]
        assert m.data(idx) == "88.73"
        assert "ไม่ได้บันทึก" in m.data(idx, Qt.ItemDataRole.ToolTipRole)
    assert "นอกช่วง" in m.error_at(0) or "ทศนิยม" in m.error_at(0)
    assert services.year_scores(2565).indicators[1] == Decimal("88.73")
    assert m.setData(idx, "")                                # clearing is allowed
    assert 1 not in services.year_scores(2565).indicators
    assert m.error_at(0) is None


def test_undo_stack_records_model_edits(services, office, qtbot):
    stack = QUndoStack()
    m = IndicatorTableModel(services, stack)
    m.load(2565)
    m.setData(m.index(2, M.COL_SCORE), "96.07")
    m.setData(m.index(2, M.COL_SCORE), "90")
    assert stack.count() == 2 and stack.undoText() == "แก้คะแนนตัวชี้วัดที่ 3 ปี 2565"
    stack.undo()
    assert services.year_scores(2565).indicators[3] == Decimal("96.07")
    stack.undo()
    assert 3 not in services.year_scores(2565).indicators and m.data(m.index(2, M.COL_SCORE)) == ""
    stack.redo()
    assert m.data(m.index(2, M.COL_SCORE)) == "96.07"


def test_item_model(services, office, qtbot):
    fw = framework_for(2567)
    m = ItemTableModel(services)
    m.load(2567)
    assert m.rowCount() == len(fw.items) > 0 and m.columnCount() == 5
    code = fw.items[0].code
    assert m.data(m.index(0, ItemTableModel.COL_CODE)) == code
    assert m.setData(m.index(0, ItemTableModel.COL_SCORE), "๑๐๐")
    assert services.year_scores(2567).items[code] == Decimal("100")
    assert not m.setData(m.index(0, ItemTableModel.COL_SCORE), "x")
    assert m.data(m.index(0, ItemTableModel.COL_SCORE)) == "100.00"


def test_last_year_typed_in_place(qtbot, office, window, services):
    """Both years' scores are typed in one table, without switching the year (issue 13)."""
    from decimal import Decimal

    from itadesk.ui.models.score_table_model import IndicatorTableModel as SM

    from .conftest import SEED001, type_into

    window.set_year(2565)
    st = window.scoresTab
    for n, v in SEED001[2564].items():
        type_into(qtbot, st.indicatorTable, st.indicators.row_of(n), SM.COL_PREV, v)
    assert services.year_scores(2564).indicators[1] == Decimal("88.73")
    assert st.indicators.data(st.indicators.index(0, SM.COL_PREV)) == "88.73"
    window.undo_stack.undo()                       # undoable, like this year's cells
    assert 10 not in services.year_scores(2564).indicators
    # a bad entry is refused with a Thai message and the stored value kept
    type_into(qtbot, st.indicatorTable, 0, SM.COL_PREV, "abc")
    assert services.year_scores(2564).indicators[1] == Decimal("88.73")
