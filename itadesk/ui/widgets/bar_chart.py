"""A grouped bar chart of the indicators for two years, drawn with QPainter (no QtCharts)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .. import texts

CUR = QColor("#2f6db5")
PREV = QColor("#a9b8c9")
GRID = QColor("#d9dde3")
TEXT = QColor("#333333")


class BarChart(QWidget):
    """Bars per indicator: last year (grey) and this year (blue); 0–100 scale."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._labels: list[str] = []
        self._cur: list[Decimal | None] = []
        self._prev: list[Decimal | None] = []
        self._years = (0, 0)
        self.setAccessibleName(texts.CHART_TITLE)

    def sizeHint(self) -> QSize:
        return QSize(420, 240)

    def minimumSizeHint(self) -> QSize:
        return QSize(260, 160)

    def set_data(self, labels: list[str], current: list[Decimal | None], previous: list[Decimal | None],
                 years: tuple[int, int]) -> None:
        self._labels, self._cur, self._prev, self._years = labels, current, previous, years
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        lh = fm.height()
        w, h = self.width(), self.height()
        left, right, top, bottom = fm.horizontalAdvance("100") + 10, 8, lh + 8, lh + 6
        plot = QRectF(left, top, max(10, w - left - right), max(10, h - top - bottom))
        # legend
        x = left
        for colour, year in ((PREV, self._years[1]), (CUR, self._years[0])):
            p.fillRect(QRectF(x, 4, 12, 12), colour)
            label = f"ปี {year}"
            p.setPen(TEXT)
            p.drawText(QRectF(x + 16, 0, 200, lh + 4), Qt.AlignmentFlag.AlignVCenter, label)
            x += 16 + fm.horizontalAdvance(label) + 14
        # grid
        p.setPen(QPen(GRID, 1))
        for v in (0, 25, 50, 75, 100):
            y = plot.bottom() - plot.height() * v / 100
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(TEXT)
            p.drawText(QRectF(0, y - lh / 2, left - 4, lh), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       str(v))
            p.setPen(QPen(GRID, 1))
        n = len(self._labels)
        if not n or not any(v is not None for v in self._cur + self._prev):
            p.setPen(TEXT)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, texts.CHART_NO_DATA)
            p.end()
            return
        slot = plot.width() / n
        bar = max(2.0, slot * 0.34)
        for i, label in enumerate(self._labels):
            x0 = plot.left() + i * slot + (slot - 2 * bar) / 2
            for j, (vals, colour) in enumerate(((self._prev, PREV), (self._cur, CUR))):
                v = vals[i] if i < len(vals) else None
                if v is None:
                    continue
                bh = plot.height() * float(max(0, min(100, v))) / 100
                p.fillRect(QRectF(x0 + j * bar, plot.bottom() - bh, bar - 1, bh), colour)
            p.setPen(TEXT)
            p.drawText(QRectF(plot.left() + i * slot, plot.bottom() + 2, slot, lh),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        p.end()
