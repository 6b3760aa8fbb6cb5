"""Message boxes with Thai buttons (Qt has no Thai translation of its own).

Tests replace ``ask`` / ``show_error`` / ``show_info`` with mocker; nothing else in ui/
builds a QMessageBox directly.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from .. import texts


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    return box


def show_error(parent: QWidget | None, text: str, title: str = texts.ERROR_TITLE) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, title, text)
    box.addButton(texts.OK, QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, text: str, title: str = texts.INFO_TITLE) -> None:
    box = _box(parent, QMessageBox.Icon.Information, title, text)
    box.addButton(texts.OK, QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask(parent: QWidget | None, text: str, title: str = texts.CONFIRM_TITLE,
        yes: str = texts.YES, no: str = texts.NO) -> bool:
    box = _box(parent, QMessageBox.Icon.Question, title, text)
    y = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    n = box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(n)
    box.setEscapeButton(n)
    box.exec()
    return box.clickedButton() is y
