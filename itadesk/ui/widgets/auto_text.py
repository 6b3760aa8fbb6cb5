"""A multi-line text field that reports its text when the clerk pauses or leaves it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit

from .editing import TextCommit


class AutoText(QPlainTextEdit):
    """``committed(str)`` fires after a pause in typing, on focus-out, or on ``flush()``
    (the contract of :mod:`.editing`); ``set_text`` shows a value without firing (loading is
    not editing)."""

    committed = Signal(str)

    def __init__(self, lines: float = 2.6, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(int(self.fontMetrics().height() * lines + 12))
        self.setMaximumHeight(int(self.fontMetrics().height() * max(lines * 2, 6) + 12))
        self._loading = False
        self._commit = TextCommit(self, lambda t: self.committed.emit(t.strip()), ignore=lambda: self._loading)

    def set_text(self, text: str) -> None:
        self._loading = True
        try:
            self.setPlainText(text or "")
        finally:
            self._loading = False
        self._commit.discard()

    def pending(self) -> bool:
        return self._commit.pending()

    def flush(self) -> None:
        self._commit.flush()

    def discard(self) -> None:
        self._commit.discard()
