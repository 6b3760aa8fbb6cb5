"""A tab that says its feature is coming (analysis and measures are built later)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .. import texts


class PlaceholderTab(QWidget):
    def __init__(self, what: str, parent=None):
        super().__init__(parent)
        self.label = QLabel(texts.COMING_SOON.format(what=what))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setObjectName("placeholderLabel")
        QVBoxLayout(self).addWidget(self.label)

    def set_year(self, year: int) -> None:
        pass

    def reload(self) -> None:
        pass
