"""Answering the program's own modal dialogs (QInputDialog, QMessageBox, CheckDialog …) as a clerk
would: when the dialog is up, a handler reads it and clicks a button.  Nothing is mocked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenuBar, QWidget


class Modal:
    """``with Modal(handler):`` — each modal dialog that opens inside is passed to ``handler``
    (which must close it); ``seen`` lists the dialogs' class names in order."""

    def __init__(self, *handlers: Callable[[QWidget], None]):
        self.handlers = list(handlers)
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(30)
        self._timer.timeout.connect(self._poll)
        self._last: QWidget | None = None

    def _poll(self) -> None:
        w = QApplication.activeModalWidget()
        if w is None or w is self._last or not w.isVisible():
            return
        self._last = w
        self.seen.append(type(w).__name__)
        handler = self.handlers.pop(0) if len(self.handlers) > 1 else self.handlers[0]
        handler(w)

    def __enter__(self) -> Modal:
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.stop()


def click_button(dialog: QWidget, text: str) -> None:
    """Click the dialog's button whose text is ``text``."""
    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == text]
    assert buttons, f"no button “{text}” in {type(dialog).__name__}: " + \
        ", ".join(b.text() for b in dialog.findChildren(QAbstractButton))
    buttons[0].click()


def choose(value: str) -> Callable[[QWidget], None]:
    """For a QInputDialog with a list: pick the item that is (or starts with) ``value``, press OK.
    A dialog that is not such a list, or lacks the item, is closed (never left blocking) and the
    test fails."""
    def handler(dlg: QWidget) -> None:
        from PySide6.QtWidgets import QInputDialog

        items = dlg.comboBoxItems() if isinstance(dlg, QInputDialog) else []
        hits = [i for i in items if i == value] or [i for i in items if i.startswith(value)]
        if len(hits) != 1:
            dlg.close()
            raise AssertionError(f"{type(dlg).__name__}: no single item “{value}” in {items}")
        dlg.setTextValue(hits[0])
        dlg.accept()
    return handler


def menu_action(menubar: QMenuBar, text: str):
    """The menu bar's action whose text is ``text`` (any menu)."""
    for menu_action_ in menubar.actions():
        menu = menu_action_.menu()
        for a in menu.actions() if menu else []:
            if a.text() == text:
                return a
    raise AssertionError(f"no menu item “{text}”")


def button(widget: QWidget, text: str) -> QAbstractButton:
    found = [b for b in widget.findChildren(QAbstractButton) if b.text() == text]
    assert len(found) == 1, f"{len(found)} buttons “{text}”"
    return found[0]
