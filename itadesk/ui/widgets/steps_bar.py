"""The year's work as a row of steps in the main toolbar: each shows ✓ (done) or ! (needs
attention), says why in its tooltip, and goes to its tab when clicked; beside them, in words,
what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from ..models.year_steps import DONE, TITLES, TODO, Step, next_step

MARK = {DONE: "✓", TODO: "!", "wait": "·"}
NEXT = "ต่อไป: {title} — {reason}"
ALL_DONE = "งานของปีนี้ครบทุกขั้นแล้ว"


class StepsBar(QWidget):
    step_clicked = Signal(str)        # the step's key: scores, analysis, measures, memos, print

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stepsBar")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 0, 6, 0)
        lay.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for n, (key, title) in enumerate(TITLES):
            if n:
                arrow = QLabel("→")
                arrow.setEnabled(False)
                lay.addWidget(arrow)
            b = QToolButton()
            b.setObjectName(f"step_{key}")
            b.setText(f"{n + 1}. {title}")
            b.setAutoRaise(True)
            b.clicked.connect(lambda _c=False, k=key: self.step_clicked.emit(k))
            self.buttons[key] = b
            lay.addWidget(b)
        self.nextLabel = QLabel("")
        self.nextLabel.setObjectName("stepsNext")
        self.nextLabel.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.nextLabel.setMinimumWidth(0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lay.addWidget(self.nextLabel, 1)
        self.steps: list[Step] = []
        self._full_next = ""

    def set_steps(self, steps: list[Step]) -> None:
        self.steps = list(steps)
        for n, s in enumerate(steps):
            b = self.buttons[s.key]
            b.setText(f"{MARK.get(s.state, '')} {n + 1}. {s.title}")
            b.setToolTip(s.reason)
            b.setProperty("stepState", s.state)
            color = {DONE: "#1b6e20", TODO: "#9a3b00"}.get(s.state, "#777777")
            b.setStyleSheet(f"QToolButton {{ color: {color}; font-weight: {'bold' if s.state == TODO else 'normal'}; }}")
        nxt = next_step(steps)
        text = NEXT.format(title=nxt.title, reason=nxt.reason) if nxt else ALL_DONE
        self.nextLabel.setToolTip(text)
        self._full_next = text
        self._elide()

    def _elide(self) -> None:
        fm = self.nextLabel.fontMetrics()
        self.nextLabel.setText(fm.elidedText(self._full_next, Qt.TextElideMode.ElideRight,
                                             max(self.nextLabel.width(), 80)))

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._elide()

    def sizeHint(self):
        """The steps only: the next-step sentence takes what room is left (elided), so the
        toolbar never pushes the office name into its overflow menu at 125 %."""
        h = super().sizeHint()
        h.setWidth(max(0, h.width() - self.nextLabel.sizeHint().width()))
        return h

    def minimumSizeHint(self):
        return self.sizeHint()

    def state(self, key: str) -> str:
        return next((s.state for s in self.steps if s.key == key), "")

    def reason(self, key: str) -> str:
        return next((s.reason for s in self.steps if s.key == key), "")
