"""The district's totals drawn with QPainter, readable from 10 to 1,000+ offices.

Modes:
* ``histogram`` — how many offices per 2-point band of total, stacked by level (colour),
  with the selected office marked by a line and its name;
* ``top`` / ``bottom`` — the N best / worst offices as labelled horizontal bars;
* ``all`` — every office as a thin bar, best to worst, the selected one highlighted.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...domain.district import OfficeResult

PALETTE = ["#1b7f3a", "#4f9d3a", "#9bbf3b", "#e0b52b", "#e07b2b", "#c8462b", "#9e1f1f", "#6d6d6d"]
GRID = QColor("#d9dde3")
TEXT = QColor("#333333")
HILITE = QColor("#1f4fd1")
MODES = {"histogram": "จำนวนหน่วยงานตามช่วงคะแนน", "top": "อันดับสูงสุด", "bottom": "อันดับต่ำสุด",
         "all": "ทุกหน่วยงาน"}


class DistrictChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("แผนภูมิคะแนนรวมของหน่วยงาน")
        self.mode = "histogram"
        self.n = 20
        self.bin_width = 2
        self._ranked: list[OfficeResult] = []      # complete results, best first
        self._levels: list[str] = []
        self.selected: str | None = None

    def sizeHint(self) -> QSize:
        return QSize(520, 320)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 180)

    def set_results(self, results: list[OfficeResult], levels: list[str]) -> None:
        """``levels``: the year's level labels, best first (colours follow that order)."""
        self._ranked = sorted((r for r in results if r.total is not None), key=lambda r: -r.total)
        seen = list(levels) + sorted({r.level for r in self._ranked if r.level and r.level not in levels})
        self._levels = seen
        self.update()

    def set_mode(self, mode: str, n: int | None = None) -> None:
        self.mode = mode
        if n is not None:
            self.n = max(1, n)
        self.update()

    def set_selected(self, office: str | None) -> None:
        self.selected = office
        self.update()

    def level_color(self, level: str | None) -> QColor:
        if level in self._levels:
            i = self._levels.index(level)
            return QColor(PALETTE[min(i, len(PALETTE) - 2)])
        return QColor(PALETTE[-1])

    def histogram(self) -> tuple[float, list[tuple[float, dict[str, int]]]]:
        """(bin width, [(bin start, {level: count})]) from the lowest total up to 100."""
        w = self.bin_width
        if not self._ranked:
            return w, []
        lo = math.floor(float(self._ranked[-1].total) / w) * w
        bins = [(lo + i * w, {}) for i in range(int((100 - lo) / w) + 1)]
        for r in self._ranked:
            i = min(int((float(r.total) - lo) // w), len(bins) - 1)
            counts = bins[i][1]
            counts[r.level or ""] = counts.get(r.level or "", 0) + 1
        return w, bins

    # ------------------------------------------------------------ painting
    def paintEvent(self, _e) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        p.setPen(TEXT)
        if not self._ranked:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "ยังไม่มีหน่วยงานที่มีคะแนนครบในปีนี้")
            return
        if self.mode == "histogram":
            self._paint_histogram(p)
        elif self.mode in ("top", "bottom"):
            self._paint_ranked(p)
        else:
            self._paint_all(p)
        p.end()

    def _legend(self, p: QPainter, x: float, y: float) -> float:
        """Level colours, wrapped onto more lines when the chart is narrow; returns its height."""
        fm = p.fontMetrics()
        x0, y0 = x, y
        for lv in self._levels:
            if not any(r.level == lv for r in self._ranked):
                continue
            w = 14 + fm.horizontalAdvance(lv) + 14
            if x > x0 and x + w > self.width():
                x, y = x0, y + fm.height()
            p.fillRect(QRectF(x, y + 3, 10, fm.height() - 6), self.level_color(lv))
            p.setPen(TEXT)
            p.drawText(QPointF(x + 14, y + fm.ascent()), lv)
            x += w
        return y - y0 + fm.height() + 4

    def _paint_histogram(self, p: QPainter) -> None:
        fm = p.fontMetrics()
        lh = fm.height()
        w, bins = self.histogram()
        top = self._legend(p, 8, 4) + 6
        left, bottom, right = fm.horizontalAdvance("1000") + 12, lh + 8, 10
        plot = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - bottom))
        peak = max(sum(c.values()) for _, c in bins) or 1
        step = max(1, 10 ** int(math.log10(peak)) // (2 if peak / 10 ** int(math.log10(peak)) < 3 else 1))
        p.setPen(QPen(GRID, 1))
        v = 0
        while v <= peak:
            y = plot.bottom() - plot.height() * v / peak
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(TEXT)
            p.drawText(QRectF(0, y - lh / 2, left - 6, lh), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(v))
            p.setPen(QPen(GRID, 1))
            v += step
        bw = plot.width() / len(bins)
        for i, (start, counts) in enumerate(bins):
            x = plot.left() + i * bw
            y = plot.bottom()
            for lv in self._levels + [""]:
                n = counts.get(lv, 0)
                if not n:
                    continue
                h = plot.height() * n / peak
                p.fillRect(QRectF(x + 1, y - h, max(1.0, bw - 2), h), self.level_color(lv or None))
                y -= h
            if i % max(1, int(len(bins) / 10)) == 0:
                p.setPen(TEXT)
                p.drawText(QRectF(x - 20, plot.bottom() + 2, 40, lh), Qt.AlignmentFlag.AlignHCenter, f"{start:g}")
        sel = next((r for r in self._ranked if r.office == self.selected), None)
        if sel is not None:
            lo = bins[0][0]
            x = plot.left() + (float(sel.total) - lo) / w * bw
            p.setPen(QPen(HILITE, 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            label = f"{sel.office} {sel.total:.2f}"
            tw = fm.horizontalAdvance(label)
            tx = min(max(plot.left(), x - tw / 2), plot.right() - tw)
            p.fillRect(QRectF(tx - 3, plot.top(), tw + 6, lh), QColor(255, 255, 255, 220))
            p.setPen(HILITE)
            p.drawText(QPointF(tx, plot.top() + fm.ascent()), label)

    def _paint_ranked(self, p: QPainter) -> None:
        fm = p.fontMetrics()
        lh = fm.height()
        rows = self._ranked[: self.n] if self.mode == "top" else self._ranked[-self.n:][::-1]
        top = self._legend(p, 8, 4) + 4
        names = [f"{r.rank}. {r.office}" for r in rows]
        left = min(max((fm.horizontalAdvance(s) for s in names), default=0) + 10, self.width() * 0.45)
        right = fm.horizontalAdvance("100.00") + 10
        plot = QRectF(left, top, max(10, self.width() - left - right), max(10, self.height() - top - 4))
        rh = plot.height() / max(1, len(rows))
        lo = min(50.0, math.floor(float(min(r.total for r in rows)) / 10) * 10)
        for i, (r, name) in enumerate(zip(rows, names)):
            y = plot.top() + i * rh
            frac = (float(r.total) - lo) / (100 - lo)
            color = HILITE if r.office == self.selected else self.level_color(r.level)
            p.fillRect(QRectF(plot.left(), y + rh * 0.15, plot.width() * frac, rh * 0.7), color)
            if rh >= lh * 0.8:
                p.setPen(HILITE if r.office == self.selected else TEXT)
                p.drawText(QRectF(0, y, left - 6, rh), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                           fm.elidedText(name, Qt.TextElideMode.ElideMiddle, int(left - 8)))
                p.drawText(QRectF(plot.left() + plot.width() * frac + 4, y, right, rh),
                           Qt.AlignmentFlag.AlignVCenter, f"{r.total:.2f}")

    def _paint_all(self, p: QPainter) -> None:
        fm = p.fontMetrics()
        lh = fm.height()
        top = self._legend(p, 8, 4) + 4
        left = fm.horizontalAdvance("100") + 10
        plot = QRectF(left, top, max(10, self.width() - left - 8), max(10, self.height() - top - lh - 6))
        lo = min(50.0, math.floor(float(self._ranked[-1].total) / 10) * 10)
        for v in range(int(lo), 101, 10):
            y = plot.bottom() - plot.height() * (v - lo) / (100 - lo)
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(TEXT)
            p.drawText(QRectF(0, y - lh / 2, left - 6, lh), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(v))
        n = len(self._ranked)
        bw = plot.width() / n
        sel_x = None
        for i, r in enumerate(self._ranked):
            h = plot.height() * (float(r.total) - lo) / (100 - lo)
            x = plot.left() + i * bw
            p.fillRect(QRectF(x, plot.bottom() - h, max(bw - (1 if bw > 3 else 0), 0.6), h), self.level_color(r.level))
            if r.office == self.selected:
                sel_x = (x + bw / 2, r)
        p.setPen(TEXT)
        p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), lh), Qt.AlignmentFlag.AlignLeft, "อันดับ 1")
        p.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), lh), Qt.AlignmentFlag.AlignRight, f"อันดับ {n}")
        if sel_x is not None:
            x, r = sel_x
            p.setPen(QPen(HILITE, 2))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            label = f"{r.rank}. {r.office} {r.total:.2f}"
            tw = fm.horizontalAdvance(label)
            tx = min(max(plot.left(), x - tw / 2), plot.right() - tw)
            p.fillRect(QRectF(tx - 3, plot.top(), tw + 6, lh), QColor(255, 255, 255, 220))
            p.drawText(QPointF(tx, plot.top() + fm.ascent()), label)


__all__ = ["DistrictChart", "MODES"]
