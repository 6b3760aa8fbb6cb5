"""One editing contract for every field a clerk types into.

A typed text is handed to its ``commit`` callback (which saves it):

- when the clerk pauses typing for :data:`IDLE_MS` (the idle timer),
- when the field loses focus, or Enter is pressed in a one-line field,
- whenever the owner calls ``flush()`` — the tabs call it on a row, tab, year, office or
  database switch and the main window on close, so nothing typed waits for a timer.

Every editor widget holds one :class:`EditContract` and exposes ``flush()`` / ``pending()``
/ ``discard()``; the tabs and the main window only call those.  Loading a record into the
fields is not typing: changes while the owner's ``ignore()`` says so are not pending, and
``discard()`` forgets what is pending (after the stored text replaced it).

Fields that *add* an item (a new suggestion, a new step) commit on Enter and on ``flush()``
but not on a pause or focus-out, so a half-typed item is not added while the clerk thinks.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QWidget

IDLE_MS = 800
"""Milliseconds of no typing after which a field is saved."""


def _text_of(w: QWidget) -> str:
    if isinstance(w, QLineEdit):
        return w.text()
    if isinstance(w, QComboBox):
        return w.currentText()
    return w.toPlainText()


class TextCommit(QObject):
    """The contract for one text field (QLineEdit, editable QComboBox, QPlainTextEdit, QTextEdit)."""

    def __init__(self, widget: QWidget, commit: Callable[[str], None], *, ignore: Callable[[], bool] | None = None,
                 idle: bool = True, parent: QObject | None = None):
        super().__init__(parent or widget)
        self.widget = widget
        self._commit = commit
        self._ignore = ignore or (lambda: False)
        self._idle = idle
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(IDLE_MS)
        self._timer.timeout.connect(self.flush)
        line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
        if isinstance(line, QLineEdit):
            line.textEdited.connect(self._changed)        # typed, not set by the program
            line.returnPressed.connect(self.flush)
        else:
            widget.textChanged.connect(self._changed)
        self._watched = line
        line.installEventFilter(self)

    def _changed(self, *_a) -> None:
        if self._ignore():
            return
        self._pending = True
        if self._idle:
            self._timer.start()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._watched and event.type() == QEvent.Type.FocusOut and self._idle:
            self.flush()
        return False

    def pending(self) -> bool:
        return self._pending

    def flush(self) -> None:
        self._timer.stop()
        if self._pending:
            self._pending = False
            self._commit(_text_of(self.widget))

    def discard(self) -> None:
        self._timer.stop()
        self._pending = False


def commit_open_editor(view: QAbstractItemView) -> None:
    """Commit the cell a clerk is typing in (item views' own editors) and close it."""
    from PySide6.QtWidgets import QAbstractItemDelegate

    if view.state() != QAbstractItemView.State.EditingState:
        return
    editor = view.indexWidget(view.currentIndex())
    if editor is None:
        editor = view.focusWidget() if view.isAncestorOf(view.focusWidget() or view) else None
    if editor is not None:
        view.commitData(editor)
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)


class EditContract(QObject):
    """The fields of one editor: ``text()`` registers a field; ``flush``/``pending``/``discard``
    act on all of them (and on item views and spin boxes registered with ``view()``/``spin()``)."""

    def __init__(self, owner: QObject, ignore: Callable[[], bool] | None = None):
        super().__init__(owner)
        self._ignore = ignore
        self._texts: list[TextCommit] = []
        self._views: list[QAbstractItemView] = []
        self._spins: list[QAbstractSpinBox] = []
        self._children: list = []

    def text(self, widget: QWidget, commit: Callable[[str], None], idle: bool = True) -> TextCommit:
        tc = TextCommit(widget, commit, ignore=self._ignore, idle=idle, parent=self)
        self._texts.append(tc)
        return tc

    def view(self, view: QAbstractItemView) -> None:
        """An item view whose cells are typed into (committed on flush)."""
        self._views.append(view)

    def spin(self, spin: QAbstractSpinBox) -> None:
        """A spin box (or date box): on flush its typed text is read as a value."""
        self._spins.append(spin)

    def child(self, editor) -> None:
        """Another editor with ``flush()``/``pending()``/``discard()`` (a sub-form)."""
        self._children.append(editor)

    def pending(self) -> bool:
        return (any(t.pending() for t in self._texts) or any(c.pending() for c in self._children)
                or any(v.state() == QAbstractItemView.State.EditingState for v in self._views))

    def flush(self) -> None:
        for v in self._views:
            commit_open_editor(v)
        for s in self._spins:
            s.interpretText()
        for t in self._texts:
            t.flush()
        for c in self._children:
            c.flush()

    def discard(self) -> None:
        for t in self._texts:
            t.discard()
        for c in self._children:
            c.discard()
