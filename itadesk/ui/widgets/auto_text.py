"""A multi-line text field that reports its text when the clerk pauses or leaves it."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit


class AutoText(QPlainTextEdit):
    """``committed(str)`` fires 0.8 s after the last key, on focus-out, or on ``flush()``;
    ``set_text`` shows a value without firing (loading is not editing)."""

    committed = Signal(str)

    def __init__(self, lines: float = 2.6, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setFixedHeight(int(self.fontMetrics().height() * lines + 12))
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._on_changed)
        self._pending = False

    def set_text(self, text: str) -> None:
        self._timer.stop()
        self._pending = False
        self._loading = True
        try:
            self.setPlainText(text or "")
        finally:
            self._loading = False

    def flush(self) -> None:
        self._timer.stop()
        if self._pending:
            self._pending = False
            self.committed.emit(self.toPlainText().strip())

    def focusOutEvent(self, e) -> None:
        self.flush()
        super().focusOutEvent(e)

    def _on_changed(self) -> None:
        if not self._loading:
            self._pending = True
            self._timer.start()
