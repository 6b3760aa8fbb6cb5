"""The paragraph of one indicator and its suggestion picker (the วิเคราะห์ tab's lower half)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from .. import texts


class NoteEditor(QWidget):
    """Shows one note; emits ``text_edited(str)`` (debounced, and on leaving the field) and
    ``suggestions_changed(list)`` when the checked suggestions change.  Saves nothing itself."""

    text_edited = Signal(str)
    suggestions_changed = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._loading = False
        self.number: int | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)

        left = QVBoxLayout()
        self.titleLabel = QLabel(texts.A_PICK_ROW)
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setObjectName("noteTitle")
        self.reasonLabel = QLabel("")
        self.reasonLabel.setWordWrap(True)
        self.textEdit = QPlainTextEdit()
        self.textEdit.setObjectName("paragraphEdit")
        self.textEdit.setPlaceholderText(texts.A_PARAGRAPH_HINT)
        self.textEdit.setToolTip(texts.A_PARAGRAPH_HINT)
        self.textEdit.textChanged.connect(self._on_text_changed)
        self.textEdit.installEventFilter(self)
        left.addWidget(self.titleLabel)
        left.addWidget(self.reasonLabel)
        left.addWidget(self.textEdit, 1)

        box = QGroupBox(texts.A_SUGGESTIONS)
        right = QVBoxLayout(box)
        self.suggestionList = QListWidget()
        self.suggestionList.setObjectName("suggestionList")
        self.suggestionList.setWordWrap(True)
        self.suggestionList.itemChanged.connect(self._on_item_changed)
        self.addEdit = QLineEdit()
        self.addEdit.setPlaceholderText(texts.A_SUGGESTION_PLACEHOLDER)
        self.addEdit.setToolTip(texts.A_SUGGESTION_ADD)
        self.addEdit.returnPressed.connect(self._on_add)
        right.addWidget(self.suggestionList, 1)
        right.addWidget(self.addEdit)
        lay.addLayout(left, 3)
        lay.addWidget(box, 2)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self.flush)
        self.setEnabled(False)

    def show_note(self, number: int | None, title: str = "", reason: str = "", text: str = "",
                  available: list[str] = (), chosen: list[str] = ()) -> None:
        self.flush()
        self._loading = True
        try:
            self.number = number
            self.setEnabled(number is not None)
            self.titleLabel.setText(title or texts.A_PICK_ROW)
            self.reasonLabel.setText(reason)
            self.textEdit.setPlainText(text)
            self.suggestionList.clear()
            seen = []
            for s in list(available) + [c for c in chosen if c not in available]:
                if s in seen:
                    continue
                seen.append(s)
                it = QListWidgetItem(s)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked if s in chosen else Qt.CheckState.Unchecked)
                self.suggestionList.addItem(it)
        finally:
            self._loading = False

    def set_text(self, text: str) -> None:
        """Replace the shown text without reporting it as the clerk's edit."""
        self._timer.stop()
        self._loading = True
        try:
            self.textEdit.setPlainText(text)
        finally:
            self._loading = False

    def chosen(self) -> list[str]:
        out = []
        for i in range(self.suggestionList.count()):
            it = self.suggestionList.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                out.append(it.text())
        return out

    def flush(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.text_edited.emit(self.textEdit.toPlainText())

    def eventFilter(self, obj, event) -> bool:
        from PySide6.QtCore import QEvent

        if obj is self.textEdit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(obj, event)

    def _on_text_changed(self) -> None:
        if not self._loading and self.number is not None:
            self._timer.start()

    def _on_item_changed(self, _item) -> None:
        if not self._loading:
            self.flush()
            self.suggestions_changed.emit(self.chosen())

    def _on_add(self) -> None:
        t = self.addEdit.text().strip()
        if not t:
            return
        self._loading = True
        it = QListWidgetItem(t)
        it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        it.setCheckState(Qt.CheckState.Checked)
        self.suggestionList.addItem(it)
        self._loading = False
        self.addEdit.clear()
        self.flush()
        self.suggestions_changed.emit(self.chosen())
