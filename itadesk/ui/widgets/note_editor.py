"""The paragraph of one indicator and its suggestion picker (the วิเคราะห์ tab's lower half)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QGroupBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QSplitter, QVBoxLayout, QWidget)

from .. import texts
from .editing import EditContract


class NoteEditor(QWidget):
    """Shows one note; emits ``text_edited(str)`` under the editing contract (pause, focus-out,
    ``flush()``) and ``suggestions_changed(list)`` when the checked suggestions change.  A typed
    new suggestion is added on Enter or ``flush()``.  Saves nothing itself."""

    text_edited = Signal(str)
    suggestions_changed = Signal(list)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._loading = False
        self.number: int | None = None
        self.edits = EditContract(self, ignore=lambda: self._loading or self.number is None)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)

        leftw = QWidget()
        left = QVBoxLayout(leftw)
        left.setContentsMargins(0, 0, 0, 0)
        self.titleLabel = QLabel(texts.A_PICK_ROW)
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setObjectName("noteTitle")
        self.reasonLabel = QLabel("")
        self.reasonLabel.setWordWrap(True)
        self.textEdit = QPlainTextEdit()
        self.textEdit.setObjectName("paragraphEdit")
        self.textEdit.setPlaceholderText(texts.A_PARAGRAPH_HINT)
        self.textEdit.setToolTip(texts.A_PARAGRAPH_HINT)
        self.edits.text(self.textEdit, self.text_edited.emit)
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
        self.addEdit.setObjectName("suggestionAddEdit")
        self.addEdit.setProperty("entry", "new-item")
        self.edits.text(self.addEdit, lambda _t: self._on_add(), idle=False)
        right.addWidget(self.suggestionList, 1)
        right.addWidget(self.addEdit)
        # The clerk sizes paragraph and suggestions to the text (both grow with the window).
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(leftw)
        self.splitter.addWidget(box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        lay.addWidget(self.splitter)
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
        self.edits.discard()

    def set_text(self, text: str) -> None:
        """Replace the shown text without reporting it as the clerk's edit."""
        self._loading = True
        try:
            self.textEdit.setPlainText(text)
        finally:
            self._loading = False
        self.edits.discard()

    def chosen(self) -> list[str]:
        out = []
        for i in range(self.suggestionList.count()):
            it = self.suggestionList.item(i)
            if it.checkState() == Qt.CheckState.Checked:
                out.append(it.text())
        return out

    def flush(self) -> None:
        """Save what is typed (the paragraph; a typed new suggestion is added)."""
        self.edits.flush()

    def pending(self) -> bool:
        return self.edits.pending()

    def discard(self) -> None:
        self.edits.discard()

    def _on_item_changed(self, _item) -> None:
        if not self._loading:
            self.flush()
            self.suggestions_changed.emit(self.chosen())

    def _on_add(self) -> None:
        t = self.addEdit.text().strip()
        if not t or self.number is None:
            return
        self._loading = True
        it = QListWidgetItem(t)
        it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        it.setCheckState(Qt.CheckState.Checked)
        self.suggestionList.addItem(it)
        self._loading = False
        self.addEdit.clear()
        self.flush()                # the typed paragraph is saved before the new choice
        self.suggestions_changed.emit(self.chosen())
