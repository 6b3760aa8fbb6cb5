"""The dialog shown for an unexpected error: says data is safe, details to copy, where the log is."""

from __future__ import annotations

import logging
import platform
import sys
import traceback

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QStyle,
                               QVBoxLayout)

from ... import __version__
from .. import texts

log = logging.getLogger("itadesk")


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(texts.CRASH_TITLE)
        self.resize(640, 420)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        text = QLabel(texts.CRASH_TEXT)
        text.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(icon)
        head.addWidget(text, 1)
        self.detailsEdit = QPlainTextEdit(details)
        self.detailsEdit.setReadOnly(True)
        self.logLabel = QLabel(texts.CRASH_LOG.format(path=log_path))
        self.logLabel.setWordWrap(True)
        self.logLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copyButton = QPushButton(texts.CRASH_COPY)
        self.copyButton.clicked.connect(self.copy_details)
        close = QPushButton(texts.CLOSE)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copyButton)
        buttons.addStretch(1)
        buttons.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.detailsEdit, 1)
        lay.addWidget(self.logLabel)
        lay.addLayout(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.detailsEdit.toPlainText())
        self.copyButton.setText(texts.CRASH_COPIED)


def format_details(exc_type, exc, tb) -> str:
    """The crash report: version, platform and the traceback, database passwords blanked."""
    from ...redact import redact_text

    head = f"ITA Desk {__version__} / Python {platform.python_version()} / {platform.platform()}\n\n"
    return head + redact_text("".join(traceback.format_exception(exc_type, exc, tb)))


def install_excepthook(log_path: str) -> None:
    """Log every uncaught exception and show it in a CrashDialog (once at a time)."""
    showing = {"now": False}

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        details = format_details(exc_type, exc, tb)
        from ...domain.errors import ItaDeskError

        if issubclass(exc_type, ItaDeskError):  # a Thai message meant for the user, not a crash
            from .messages import show_error

            from ...redact import redact_text

            show_error(None, redact_text(exc))
            return
        from ...faults import explain

        fault = explain(exc)
        if fault is not None:   # a read-only database, a full disk …: what happened and what to do
            from .messages import show_error

            show_error(None, fault)
            return
        if showing["now"] or QGuiApplication.instance() is None:
            sys.stderr.write(details)
            return
        showing["now"] = True
        try:
            CrashDialog(details, log_path).exec()
        finally:
            showing["now"] = False

    sys.excepthook = hook
