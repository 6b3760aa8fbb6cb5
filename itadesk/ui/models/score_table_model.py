"""Qt item models over one fiscal year's scores: indicators, and item codes where the year has them.

The year's framework decides the rows.  Typed values are parsed by the domain (Thai or
Arabic digits, 0–100, two decimals); a refused value keeps the old one, marks the cell
(tooltip + colour) and emits ``input_refused`` with the Thai reason.  Accepted values are
written through :class:`~itadesk.store.services.Services` at once, as undoable commands
when an undo stack is given.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Hashable, Mapping

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QUndoCommand, QUndoStack

from ...domain.errors import FrameworkError, InputError
from ...domain.frameworks import Framework, framework_for
from ...domain.scoring import DECREASED, INCREASED, direction_of
from ...domain.thai_format import format_score, format_signed
from ...store.concurrency import ConcurrentEditError
from ...store.services import Services, YearScores
from .. import texts
from ..numbers import read_score

GREEN = QColor("#1b7f3a")
RED = QColor("#b3261e")
ERROR_BG = QColor("#fde7e6")
EDITABLE_BG = QColor("#fffdf2")
_Index = QModelIndex | QPersistentModelIndex


def fmt(v: Decimal | None) -> str:
    return "" if v is None else format_score(v, thai=False)


class ScoreEditCommand(QUndoCommand):
    """Set one or several scores of one year; undo puts the old values back.

    Each write says what the cells held before (``expected``), so a cell another clerk has
    changed meanwhile is not overwritten: the model emits ``conflict`` instead.  A command
    made with ``applied=True`` was already written; its first ``redo`` (from push) is a no-op."""

    def __init__(self, model: "_ScoreModel", year: int, old: Mapping, new: Mapping, text: str,
                 applied: bool = False):
        super().__init__(text)
        self.model, self.year, self.old, self.new = model, year, dict(old), dict(new)
        self._skip_redo = applied

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.model.apply_values(self.year, self.new, expected=self.old)

    def undo(self) -> None:
        self.model.apply_values(self.year, self.old, expected=self.new)


class _ScoreModel(QAbstractTableModel):
    """Shared editing logic; subclasses say which rows/columns and which store call."""

    COL_SCORE = 0
    COL_PREV = 1
    input_refused = Signal(str)
    scores_changed = Signal()
    conflict = Signal(object, int, object)    # ConcurrentEditError, year, the values typed

    def __init__(self, services: Services, undo_stack: QUndoStack | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.year: int | None = None
        self.framework: Framework | None = None
        self._keys: list[Hashable] = []
        self._cur: dict = {}
        self._prev: dict = {}
        self._errors: dict = {}          # row (this year) or (row, -1) (last year) → message
        self._refused: dict = {}         # same keys: the text typed into a refused cell, given back to the editor
        self._prev_editable = False

    # -- subclass hooks
    def _rows_for(self, fw: Framework) -> list[Hashable]:
        raise NotImplementedError

    def _values(self, ys: YearScores) -> dict:
        raise NotImplementedError

    def _store(self, year: int, values: Mapping, expected: Mapping | None = None) -> None:
        raise NotImplementedError

    def _undo_text(self, key: Hashable, year: int) -> str:
        raise NotImplementedError

    # -- loading
    def load(self, year: int, current: YearScores | None = None, previous: YearScores | None = None) -> None:
        self.beginResetModel()
        self.year = year
        self.framework = framework_for(year)
        self._keys = self._rows_for(self.framework)
        self._cur = self._values(current or self.services.year_scores(year))
        self._prev = self._values(previous or self.services.year_scores(year - 1))
        self._errors = {}
        self._refused = {}
        # Last year's column is typed in place too (no switching years) when both years
        # share the rows (the same indicators / item codes).
        try:
            self._prev_editable = self._rows_for(framework_for(year - 1)) == self._keys
        except FrameworkError:
            self._prev_editable = False
        self.endResetModel()

    def current_values(self) -> dict:
        return dict(self._cur)

    def previous_values(self) -> dict:
        return dict(self._prev)

    def key_at(self, row: int) -> Hashable:
        return self._keys[row]

    def row_of(self, key: Hashable) -> int:
        return self._keys.index(key)

    def error_at(self, row: int) -> str | None:
        return self._errors.get(row)

    def take_refused_text(self, row: int, column: int | None = None) -> str | None:
        """What was typed into the cell and refused (once): the view puts it back in the editor."""
        return self._refused.pop((row, -1) if column == self.COL_PREV else row, None)

    # -- Qt model API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and (index.column() == self.COL_SCORE
                                or (index.column() == self.COL_PREV and self._prev_editable)):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def _score_data(self, row: int, key: Hashable, col: int, role: int) -> Any:
        if col == self.COL_SCORE:
            v = self._cur.get(key)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return fmt(v)
            if role == Qt.ItemDataRole.UserRole:
                return v
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(ERROR_BG if row in self._errors else EDITABLE_BG)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._errors.get(row) or texts.SCORE_HINT
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if col == self.COL_PREV:
            v = self._prev.get(key)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return fmt(v)
            if role == Qt.ItemDataRole.UserRole:
                return v
            if role == Qt.ItemDataRole.BackgroundRole and self._prev_editable:
                return QBrush(ERROR_BG if (row, -1) in self._errors else EDITABLE_BG)
            if role == Qt.ItemDataRole.ToolTipRole and self._prev_editable:
                return self._errors.get((row, -1)) or texts.SCORE_HINT
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        prev = index.isValid() and index.column() == self.COL_PREV and self._prev_editable
        if not index.isValid() or (index.column() != self.COL_SCORE and not prev) \
                or role != Qt.ItemDataRole.EditRole:
            return False
        row, key = index.row(), self._keys[index.row()]
        err_key = (row, -1) if prev else row
        text = "" if value is None else str(value).strip()
        try:
            new = read_score(text)
        except InputError as e:
            self._errors[err_key] = texts.SCORE_REFUSED.format(msg=e)
            self._refused[err_key] = text
            self.dataChanged.emit(index, index)
            self.input_refused.emit(self._errors[err_key])
            return False
        if self._errors.pop(err_key, None) is not None:
            self.dataChanged.emit(index, index)
        year = self.year - 1 if prev else self.year
        old = (self._prev if prev else self._cur).get(key)
        if old == new:
            return True
        self.push({key: old}, {key: new}, self._undo_text(key, year), year=year)
        return True

    def push(self, old: Mapping, new: Mapping, text: str, year: int | None = None) -> bool:
        """Write a change (refused if the cells no longer hold ``old``), then make it undoable."""
        year = self.year if year is None else year
        if not self.apply_values(year, new, expected=old):
            return False
        if self.undo_stack is not None:
            self.undo_stack.push(ScoreEditCommand(self, year, old, new, text, applied=True))
        return True

    def apply_values(self, year: int, values: Mapping, expected: Mapping | None = None) -> bool:
        """Write values to the store; refresh the view if it shows that year.

        False (and ``conflict`` emitted) when another clerk changed one of the cells."""
        try:
            self._store(year, values, expected)
        except ConcurrentEditError as e:
            self.conflict.emit(e, year, dict(values))
            return False
        if self.year is None or year not in (self.year, self.year - 1):
            return True
        shown = self._cur if year == self.year else self._prev
        for key, v in values.items():
            if v is None:
                shown.pop(key, None)
            else:
                shown[key] = v
            if key in self._keys:
                r = self._keys.index(key)
                self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))
        self.scores_changed.emit()
        return True


class IndicatorTableModel(_ScoreModel):
    """One row per indicator of the year's framework; this year beside last year."""

    COL_INDICATOR, COL_TOOL, COL_SCORE, COL_PREV, COL_CHANGE, COL_DIRECTION = range(6)

    def _rows_for(self, fw: Framework) -> list[Hashable]:
        return [i.number for i in fw.indicators]

    def _values(self, ys: YearScores) -> dict:
        return dict(ys.indicators)

    def _store(self, year: int, values: Mapping, expected: Mapping | None = None) -> None:
        self.services.set_indicator_scores(year, values, expected)

    def _undo_text(self, key: Hashable, year: int) -> str:
        return texts.UNDO_SCORE.format(n=key, year=year)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return None
        y = self.year or 0
        return (texts.COL_INDICATOR, texts.COL_TOOL, texts.COL_SCORE.format(year=y),
                texts.COL_SCORE.format(year=y - 1), texts.COL_CHANGE, texts.COL_DIRECTION)[section]

    def change(self, key: int) -> tuple[Decimal | None, str | None]:
        o, n = self._prev.get(key), self._cur.get(key)
        return (n - o if o is not None and n is not None else None), direction_of(o, n)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.framework is None:
            return None
        row, col = index.row(), index.column()
        key = self._keys[row]
        ind = self.framework.indicator(key)
        if col in (self.COL_SCORE, self.COL_PREV):
            return self._score_data(row, key, col, role)
        if col == self.COL_INDICATOR:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{ind.number}. {ind.name}"
            if role == Qt.ItemDataRole.UserRole:
                return ind.number
            if role == Qt.ItemDataRole.ToolTipRole:
                return ind.name
        if col == self.COL_TOOL and role == Qt.ItemDataRole.DisplayRole:
            return ind.tool
        if col in (self.COL_CHANGE, self.COL_DIRECTION):
            pts, direction = self.change(key)
            if role == Qt.ItemDataRole.DisplayRole:
                if col == self.COL_CHANGE:
                    return "" if pts is None else format_signed(pts, thai=False)
                return direction or ""
            if role == Qt.ItemDataRole.UserRole:
                return pts if col == self.COL_CHANGE else direction
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(GREEN) if direction == INCREASED else QBrush(RED) if direction == DECREASED else None
            if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_CHANGE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ItemTableModel(_ScoreModel):
    """One row per item/question code (i1, e4, O12 …) of the year's framework."""

    COL_CODE, COL_TITLE, COL_INDICATOR, COL_SCORE, COL_PREV = range(5)

    def _rows_for(self, fw: Framework) -> list[Hashable]:
        return [it.code for it in fw.items]

    def _values(self, ys: YearScores) -> dict:
        codes = {c.lower(): c for c in self._keys}
        return {codes.get(k.lower(), k): v for k, v in ys.items.items()}

    def _store(self, year: int, values: Mapping, expected: Mapping | None = None) -> None:
        self.services.set_item_scores(year, values, expected)

    def _undo_text(self, key: Hashable, year: int) -> str:
        return texts.UNDO_ITEM.format(code=key, year=year)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation == Qt.Orientation.Vertical:
            return None
        y = self.year or 0
        return (texts.COL_ITEM_CODE, texts.COL_ITEM_TITLE, texts.COL_ITEM_INDICATOR,
                texts.COL_SCORE.format(year=y), texts.COL_SCORE.format(year=y - 1))[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.framework is None:
            return None
        row, col = index.row(), index.column()
        key = self._keys[row]
        if col in (self.COL_SCORE, self.COL_PREV):
            return self._score_data(row, key, col, role)
        item = self.framework.item(str(key))
        if item is None or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if col == self.COL_CODE:
            return item.code
        if col == self.COL_TITLE:
            return item.title
        if col == self.COL_INDICATOR:
            return "" if item.indicator is None else str(item.indicator)
        return None
