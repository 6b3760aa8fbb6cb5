"""Qt model of one year's analysis: one row per indicator, read-only (the rules decide)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.analysis import IndicatorAnalysis, Phrases, default_phrases
from ...domain.scoring import DECREASED, INCREASED
from ...domain.thai_format import format_score, format_signed
from .. import texts

GREEN = QColor("#1b7f3a")
RED = QColor("#b3261e")
CATEGORY_BG = {"urgent": QColor("#fde7e6"), "improve": QColor("#fff4d6"), "keep": QColor("#e8f5e9")}


class AnalysisTableModel(QAbstractTableModel):
    """Wraps ``domain.analysis.IndicatorAnalysis`` rows plus whether each has a stored note."""

    (COL_INDICATOR, COL_SCORE, COL_PREV, COL_POINTS, COL_PERCENT, COL_DIRECTION, COL_RANK,
     COL_CATEGORY, COL_NOTE, COL_REASON) = range(10)

    def __init__(self, parent=None, phrases: Phrases | None = None):
        super().__init__(parent)
        self.rows: list[IndicatorAnalysis] = []
        self.notes: dict[int, dict] = {}
        self.year: int | None = None
        self.phrases = phrases or default_phrases()

    def set_analysis(self, year: int, rows: list[IndicatorAnalysis], notes: dict[int, dict]) -> None:
        self.beginResetModel()
        self.year, self.rows, self.notes = year, list(rows), dict(notes)
        self.endResetModel()

    def set_note(self, note: dict) -> None:
        n = int(note["indicator"])
        self.notes[n] = note
        for r, a in enumerate(self.rows):
            if a.number == n:
                self.dataChanged.emit(self.index(r, 0), self.index(r, self.columnCount() - 1))

    def analysis_at(self, row: int) -> IndicatorAnalysis | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, number: int) -> int:
        return next((r for r, a in enumerate(self.rows) if a.number == number), -1)

    # ------------------------------------------------------------ Qt
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else 10

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        y = self.year or 0
        # Two lines for the number columns: the reason column gets the width (1366 px, 125 %).
        two = (texts.COL_SCORE.format(year=y), texts.COL_SCORE.format(year=y - 1), texts.A_COL_POINTS,
               texts.A_COL_PERCENT)
        two = tuple(t.replace(" ", "\n", 1) for t in two)
        return (texts.COL_INDICATOR, *two, texts.COL_DIRECTION, texts.A_COL_RANK,
                texts.A_COL_CATEGORY, texts.A_COL_NOTE, texts.A_COL_REASON)[section]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(a, c)
        if role == Qt.ItemDataRole.ToolTipRole:
            if c in (self.COL_CATEGORY, self.COL_REASON):
                return a.reason
            if c == self.COL_NOTE:
                return self.notes.get(a.number, {}).get("text") or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole and c in (self.COL_DIRECTION, self.COL_POINTS,
                                                             self.COL_PERCENT):
            if a.direction == INCREASED:
                return QBrush(GREEN)
            if a.direction == DECREASED:
                return QBrush(RED)
        if role == Qt.ItemDataRole.BackgroundRole and c == self.COL_CATEGORY and a.category:
            return QBrush(CATEGORY_BG[a.category])
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COL_SCORE <= c <= self.COL_RANK:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, a: IndicatorAnalysis, c: int) -> str:
        if c == self.COL_INDICATOR:
            return f"{a.number}. {a.name} ({a.tool})"
        if c == self.COL_SCORE:
            return format_score(a.score, thai=False) if a.score is not None else ""
        if c == self.COL_PREV:
            return format_score(a.prev, thai=False) if a.prev is not None else ""
        if c == self.COL_POINTS:
            return format_signed(a.points, thai=False) if a.points is not None else ""
        if c == self.COL_PERCENT:
            return format_signed(a.percent, thai=False) + " %" if a.percent is not None else ""
        if c == self.COL_DIRECTION:
            return a.direction or ""
        if c == self.COL_RANK:
            return str(a.rank) if a.rank is not None else ""
        if c == self.COL_CATEGORY:
            return self.phrases.category_label(a.category) if a.category else ""
        if c == self.COL_NOTE:
            n = self.notes.get(a.number)
            if not n or not n.get("text"):
                return texts.A_NOTE_NONE
            return texts.A_NOTE_EDITED if n.get("edited") else texts.A_NOTE_DRAFTED
        if c == self.COL_REASON:
            return a.reason
        return ""
