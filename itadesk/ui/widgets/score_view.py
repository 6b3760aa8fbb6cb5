"""A table view for typing scores: Enter commits and moves down, rows tall enough for Thai marks."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLineEdit, QTableView


class ScoreTableView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(False)
        self.setWordWrap(False)
        vh = self.verticalHeader()
        vh.setVisible(False)
        # Thai stacks marks above and below the line: give rows ~1.7 line heights.
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(int(self.fontMetrics().height() * 1.7))
        self.horizontalHeader().setHighlightSections(False)

    def closeEditor(self, editor, hint) -> None:
        index = self.currentIndex()
        super().closeEditor(editor, hint)
        take = getattr(self.model(), "take_refused_text", None)
        refused = take(index.row(), index.column()) if take is not None and index.isValid() else None
        if refused is not None:
            # Refused (the message says why): the typed text comes back in the cell to be corrected.
            from PySide6.QtCore import QPersistentModelIndex, QTimer

            keep = QPersistentModelIndex(index)
            QTimer.singleShot(0, self, lambda: self._edit_again(keep, refused))
            return
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and index.isValid():
            below = index.siblingAtRow(index.row() + 1)
            if below.isValid():
                self.setCurrentIndex(below)

    def _edit_again(self, index, text: str) -> None:
        if not index.isValid():
            return
        idx = self.model().index(index.row(), index.column())
        self.setCurrentIndex(idx)
        self.edit(idx)
        editor = self.indexWidget(idx)
        if isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()
