"""A Qt table model over a district's :class:`OfficeResult` list (1,000 offices and more).

No widget per cell: display strings are made once when the results are set, sorting works
on precomputed keys (office names by Thai collation, not by code point), so a sort of
1,000 rows is a few milliseconds.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCollator, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.district import OfficeResult, level_counts
from ...domain.scoring import DECREASED, INCREASED
from ...domain.thai_format import format_score, format_signed

GREEN = QColor("#1b7f3a")
RED = QColor("#b3261e")
_Index = QModelIndex | QPersistentModelIndex
HEADERS = ("อันดับ", "หน่วยงาน", "IIT", "EIT", "OIT", "คะแนนรวม", "ระดับ", "คะแนนรวมปีก่อน",
           "เปลี่ยนแปลง", "ทิศทาง")
_PRE_VOWELS = "เแโใไ"


def thai_sort_key():
    """A key function ordering Thai names as a Thai dictionary does.

    QCollator (ICU / the OS) does this; where it falls back to code points, the classic
    rule is applied by hand: a leading vowel เ แ โ ใ ไ sorts after the consonant it precedes."""
    c = QCollator(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
    if c.compare("เก", "ขา") < 0:
        return c.sortKey

    def swap(s: str) -> str:
        out, i = [], 0
        while i < len(s):
            if s[i] in _PRE_VOWELS and i + 1 < len(s):
                out += [s[i + 1], s[i]]
                i += 2
            else:
                out.append(s[i])
                i += 1
        return "".join(out)
    return swap


def _num(v: Decimal | None) -> str:
    return "" if v is None else format_score(v, thai=False)


class DistrictTableModel(QAbstractTableModel):
    """One row per office; columns as in the district workbook."""

    (COL_RANK, COL_OFFICE, COL_IIT, COL_EIT, COL_OIT, COL_TOTAL, COL_LEVEL, COL_PREV, COL_CHANGE,
     COL_DIRECTION) = range(10)
    TOOL_COLS = {COL_IIT: "IIT", COL_EIT: "EIT", COL_OIT: "OIT"}

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[OfficeResult] = []
        self._text: list[tuple[str, ...]] = []
        self._cache: dict = {}
        self._name_key = thai_sort_key()
        self.fiscal_year: int | None = None
        self._sort = (self.COL_RANK, Qt.SortOrder.AscendingOrder)

    # ------------------------------------------------------------ data in
    def set_results(self, results: list[OfficeResult], fiscal_year: int | None = None) -> None:
        self.beginResetModel()
        self.fiscal_year = fiscal_year
        self._rows = list(results)
        self._index_rows()
        self._apply_sort()
        self.endResetModel()

    def _index_rows(self) -> None:
        key = self._name_key
        self._cache = {id(r): (self._texts(r), key(r.office)) for r in self._rows}

    @staticmethod
    def _texts(r: OfficeResult) -> tuple[str, ...]:
        return ("" if r.rank is None else str(r.rank), r.office,
                _num(r.tools.get("IIT")), _num(r.tools.get("EIT")), _num(r.tools.get("OIT")),
                _num(r.total), r.level or "", _num(r.previous_total),
                "" if r.change is None else format_signed(r.change, thai=False), r.direction or "")

    def results(self) -> list[OfficeResult]:
        """The rows in the order shown."""
        return list(self._rows)

    def result_at(self, row: int) -> OfficeResult:
        return self._rows[row]

    def row_of(self, office: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.office == office), -1)

    def level_counts(self) -> dict[str, int]:
        return level_counts(self._rows)

    # ------------------------------------------------------------ Qt API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == self.COL_PREV and self.fiscal_year:
                return f"รวมปี {self.fiscal_year - 1}"
            if section == self.COL_TOTAL and self.fiscal_year:
                return f"รวมปี {self.fiscal_year}"
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        r = self._rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cache[id(r)][0][col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col not in (self.COL_OFFICE, self.COL_LEVEL, self.COL_DIRECTION):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col in (self.COL_CHANGE, self.COL_DIRECTION):
            return QBrush(GREEN) if r.direction == INCREASED else QBrush(RED) if r.direction == DECREASED else None
        if role == Qt.ItemDataRole.ToolTipRole and col == self.COL_OFFICE:
            return r.office
        if role == Qt.ItemDataRole.UserRole:
            return self._value(r, col)
        return None

    def _value(self, r: OfficeResult, col: int) -> Any:
        if col == self.COL_RANK:
            return r.rank
        if col == self.COL_OFFICE:
            return r.office
        if col in self.TOOL_COLS:
            return r.tools.get(self.TOOL_COLS[col])
        return {self.COL_TOTAL: r.total, self.COL_LEVEL: r.level, self.COL_PREV: r.previous_total,
                self.COL_CHANGE: r.change, self.COL_DIRECTION: r.direction}.get(col)

    # ------------------------------------------------------------ sorting
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort()
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        col, order = self._sort
        desc = order == Qt.SortOrder.DescendingOrder
        cache = self._cache
        if col == self.COL_OFFICE:
            self._rows.sort(key=lambda r: cache[id(r)][1], reverse=desc)
            return
        if col == self.COL_LEVEL:      # levels in their own order (best first), not alphabetically
            have = sorted((r for r in self._rows if r.total is not None),
                          key=lambda r: (r.total, r.office), reverse=not desc)
            self._rows = have + [r for r in self._rows if r.total is None]
            return
        # empty cells always last, ties by name
        have = [r for r in self._rows if self._value(r, col) is not None]
        empty = [r for r in self._rows if self._value(r, col) is None]
        have.sort(key=lambda r: cache[id(r)][1])
        have.sort(key=lambda r: self._value(r, col), reverse=desc)
        empty.sort(key=lambda r: cache[id(r)][1])
        self._rows = have + empty
