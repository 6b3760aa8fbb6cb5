"""The analysis rules a clerk may adjust: pass mark, keep bar, fall tolerance, scope."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QGridLayout, QLabel, QPushButton, QSizePolicy, QToolTip, QWidget

from ...domain.analysis import Rules
from .. import texts


class NumberSpin(QDoubleSpinBox):
    """A decimal box that refuses a typed comma with a Thai message (itadesk.ui.numbers):
    Qt would silently drop it and read "96,54" as 96."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.last_refusal = ""
        self._refusing = False       # after a comma: nothing more is read until it is corrected

    def keyPressEvent(self, e) -> None:
        from PySide6.QtCore import Qt

        from ..numbers import COMMAS, comma_problem

        if e.text() and e.text() in COMMAS:
            self._refusing = True
            self.last_refusal = comma_problem(self.lineEdit().text() + e.text()) or ""
        elif self._refusing and e.key() == Qt.Key.Key_Backspace:
            self._refusing = False       # takes back the refused comma (it was never written)
            QToolTip.hideText()
            e.accept()
            return
        if self._refusing:               # "96,54" must not end up as 96: keys wait for the correction
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), self.last_refusal, self)
            e.accept()
            return
        super().keyPressEvent(e)

    def focusOutEvent(self, e) -> None:
        if self._refusing:               # leaving with the comma unresolved: the stored value stays
            self._refusing = False
            self.setValue(self.value())
        super().focusOutEvent(e)

    def interpretText(self) -> None:
        if self._refusing:
            self._refusing = False
            self.setValue(self.value())
            return
        super().interpretText()


def _spin(lo: float, hi: float) -> QDoubleSpinBox:
    s = NumberSpin()
    s.setRange(lo, hi)
    s.setDecimals(2)
    s.setSingleStep(1.0)
    s.setKeyboardTracking(False)     # one change per finished value, not per key
    return s


class RulesPanel(QWidget):
    """Emits ``changed(dict)`` with Rules fields; knows nothing of where rules are kept."""

    changed = Signal(dict)
    save_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._loading = False
        self.passMarkSpin = _spin(0, 100)
        self.keepBarSpin = _spin(0, 100)
        self.fallTolSpin = _spin(0, 100)
        self.scopeCombo = QComboBox()
        self.scopeCombo.addItem(texts.A_SCOPE_ALL, "all")
        self.scopeCombo.addItem(texts.A_SCOPE_WEAKEST, "weakest_per_tool")
        self.scopeCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.saveButton = QPushButton(texts.A_RULES_SAVE)
        title = QLabel(texts.A_RULES + ":")
        f = title.font()
        f.setBold(True)
        title.setFont(f)
        # One row when it fits, two when the window is narrow (1366 px at 125 %): nothing is cut.
        self._first = [title]
        for label, w in ((texts.A_PASS_MARK, self.passMarkSpin), (texts.A_KEEP_BAR, self.keepBarSpin),
                         (texts.A_FALL_TOL, self.fallTolSpin)):
            self._first += [QLabel(label), w]
        self._second = [QLabel(texts.A_SCOPE), self.scopeCombo]
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # Its width follows the window (the rows rearrange) instead of holding the window wide.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._rows = 0
        self._arrange(1)
        self.passMarkSpin.valueChanged.connect(self._on_pass_mark)
        self.keepBarSpin.valueChanged.connect(lambda v: self._emit(keep_bar=Decimal(f"{v:.2f}")))
        self.fallTolSpin.valueChanged.connect(lambda v: self._emit(fall_tolerance=Decimal(f"{v:.2f}")))
        self.scopeCombo.currentIndexChanged.connect(lambda _i: self._emit(scope=self.scopeCombo.currentData()))
        self.saveButton.clicked.connect(self.save_requested)

    def _arrange(self, rows: int) -> None:
        if rows == self._rows:
            return
        self._rows = rows
        g = self._grid
        while g.count():
            g.takeAt(0)
        for c in range(g.columnCount()):
            g.setColumnStretch(c, 0)
        col = 0
        for w in self._first:
            g.addWidget(w, 0, col)
            col += 1
        if rows == 1:
            for w in self._second:
                g.addWidget(w, 0, col)
                col += 1
            g.setColumnStretch(col, 1)
            g.addWidget(self.saveButton, 0, col + 1)
        else:
            g.setColumnStretch(col, 1)
            g.addWidget(self._second[0], 1, 0)
            g.addWidget(self._second[1], 1, 1, 1, 3)
            g.addWidget(self.saveButton, 1, 4, 1, max(1, col - 4))

    def _one_row_width(self) -> int:
        sp = self._grid.horizontalSpacing() if self._grid.horizontalSpacing() >= 0 else 6
        ws = self._first + self._second + [self.saveButton]
        return sum(w.sizeHint().width() for w in ws) + sp * len(ws)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._arrange(1 if self._one_row_width() <= e.size().width() else 2)

    def show_rules(self, rules: Rules, framework_mark: Decimal) -> None:
        self._loading = True
        try:
            # 0 shows as "ตามกรอบการประเมิน (85)": the rules file leaves pass_mark empty for that.
            self.passMarkSpin.setSpecialValueText(texts.A_PASS_MARK_FW.format(mark=f"{framework_mark:g}"))
            self.passMarkSpin.setValue(float(rules.pass_mark) if rules.pass_mark is not None else 0.0)
            self.keepBarSpin.setValue(float(rules.keep_bar))
            self.fallTolSpin.setValue(float(rules.fall_tolerance))
            self.scopeCombo.setCurrentIndex(max(0, self.scopeCombo.findData(rules.scope)))
        finally:
            self._loading = False

    def flush(self) -> None:
        """A number typed and not yet confirmed with Enter counts (the editing contract)."""
        for s in (self.passMarkSpin, self.keepBarSpin, self.fallTolSpin):
            s.interpretText()

    def _on_pass_mark(self, v: float) -> None:
        self._emit(pass_mark=None if v == 0 else Decimal(f"{v:.2f}"))

    def _emit(self, **changes) -> None:
        if not self._loading:
            self.changed.emit(changes)
