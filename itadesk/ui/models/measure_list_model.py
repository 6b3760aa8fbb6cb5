"""Qt model of the year's measures (a list of store MeasureInfo, refilled whole)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...domain.measures import status_labels
from ...store.services import MeasureInfo
from .. import texts


class MeasureListModel(QAbstractTableModel):
    COL_NO, COL_TITLE, COL_INDICATORS, COL_STATUS = range(4)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.measures: list[MeasureInfo] = []
        self._labels = status_labels()

    def set_measures(self, measures: list[MeasureInfo]) -> None:
        self.beginResetModel()
        self.measures = list(measures)
        self.endResetModel()

    def replace(self, m: MeasureInfo) -> None:
        for r, x in enumerate(self.measures):
            if x.id == m.id:
                self.measures[r] = m
                self.dataChanged.emit(self.index(r, 0), self.index(r, 3))

    def measure_at(self, row: int) -> MeasureInfo | None:
        return self.measures[row] if 0 <= row < len(self.measures) else None

    def row_of(self, measure_id: int | None) -> int:
        return next((r for r, m in enumerate(self.measures) if m.id == measure_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.measures)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (texts.MS_COL_NO, texts.MS_COL_TITLE, texts.MS_COL_INDICATORS, texts.MS_COL_STATUS)[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.measures[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == self.COL_NO:
                return str(index.row() + 1)
            if c == self.COL_TITLE:
                return m.title
            if c == self.COL_INDICATORS:
                return ", ".join(str(i) for i in m.indicators)
            if c == self.COL_STATUS:
                return self._labels.get(m.status or "planned", "")
        if role == Qt.ItemDataRole.ToolTipRole and c == self.COL_TITLE:
            return m.title
        return None
