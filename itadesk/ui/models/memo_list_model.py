"""A list model over the memos of one fiscal year (MemoInfo objects, not ORM rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...domain.thai_format import thai_date_short
from ...store.services import MemoInfo

_Index = QModelIndex | QPersistentModelIndex


class MemoListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._memos: list[MemoInfo] = []

    def set_memos(self, memos: list[MemoInfo]) -> None:
        self.beginResetModel()
        self._memos = list(memos)
        self.endResetModel()

    def memo_at(self, row: int) -> MemoInfo:
        return self._memos[row]

    def row_of(self, memo_id: int) -> int:
        for n, m in enumerate(self._memos):
            if m.id == memo_id:
                return n
        return -1

    def replace(self, memo: MemoInfo) -> None:
        r = self.row_of(memo.id)
        if r >= 0:
            self._memos[r] = memo
            self.dataChanged.emit(self.index(r), self.index(r))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._memos)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._memos[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = thai_date_short(m.date, thai=False) if m.date else "ยังไม่ลงวันที่"
            return f"{m.subject or '(ไม่มีชื่อเรื่อง)'}\n{when}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return m.subject
        if role == Qt.ItemDataRole.UserRole:
            return m.id
        return None
