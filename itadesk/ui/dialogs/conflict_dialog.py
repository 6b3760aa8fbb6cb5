"""Another clerk saved the same field first: show what each side has, let the clerk choose.

The dialog only shows and asks; the tab that opened it keeps what the clerk typed (the
typed values travel in the error's ``mine``) until a choice is made:

* "ใช้ข้อมูลของผู้อื่น" (``THEIRS``): the tab reloads the other clerk's values;
* "บันทึกของฉันทับ" (``MINE``): the tab saves the typed values again on the fresh version.

It is opened with ``open()`` (window-modal, not blocking) and reports through ``chosen``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from ...domain.thai_format import format_score
from ...store.concurrency import ConcurrentEditError

THEIRS, MINE = "theirs", "mine"
TITLE = "มีผู้อื่นแก้ไขข้อมูลเดียวกัน"
HEADERS = ("ช่อง", "ค่าที่ท่านเห็นก่อนแก้", "ค่าที่ผู้อื่นบันทึกไว้", "ค่าที่ท่านพิมพ์")
USE_THEIRS = "ใช้ข้อมูลของผู้อื่น"
KEEP_MINE = "บันทึกของฉันทับ"
EMPTY = "(ว่าง)"


def show_value(v: Any, limit: int = 160) -> str:
    """A field's value as a clerk reads it."""
    if v is None or v == "" or v == () or v == []:
        return EMPTY
    if isinstance(v, Decimal):
        return format_score(v, thai=False)
    if isinstance(v, bool):
        return "ใช่" if v else "ไม่ใช่"
    if isinstance(v, dt.date):
        from ...domain.thai_format import thai_date_long

        return thai_date_long(v, thai=False)
    if isinstance(v, bytes):
        return f"(รูปภาพ {len(v):,} ไบต์)"
    if isinstance(v, dict):
        text = v.get("title") or v.get("name") or v.get("heading") or v.get("person") or ""
        paras = v.get("paragraphs")
        if paras:
            text = (text + ": " if text else "") + " ".join(paras)
        s = text or ", ".join(f"{k}={x}" for k, x in v.items())
    elif isinstance(v, (list, tuple)):
        s = " / ".join(show_value(x, limit) for x in v)
    elif hasattr(v, "name") and hasattr(v, "key"):    # PersonInfo
        s = f"{v.name} {getattr(v, 'position', '')}".strip()
    else:
        s = str(v)
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


class ConflictDialog(QDialog):
    chosen = Signal(str)     # THEIRS or MINE

    def __init__(self, error: ConcurrentEditError, parent=None):
        super().__init__(parent)
        self.error = error
        self.choice: str | None = None
        self.setWindowTitle(TITLE)
        self.setObjectName("conflictDialog")
        lay = QVBoxLayout(self)
        self.messageLabel = QLabel(str(error))
        self.messageLabel.setWordWrap(True)
        lay.addWidget(self.messageLabel)

        t = QTableWidget(len(error.conflicts), 4)
        t.setObjectName("conflictTable")
        t.setHorizontalHeaderLabels(list(HEADERS))
        t.verticalHeader().hide()
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setWordWrap(True)
        for r, c in enumerate(error.conflicts):
            for col, v in enumerate((c.field, show_value(c.base), show_value(c.theirs), show_value(c.mine))):
                item = QTableWidgetItem(v)
                item.setToolTip(v)
                t.setItem(r, col, item)
        hh = t.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2, 3):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        t.resizeRowsToContents()
        t.setVisible(bool(error.conflicts))
        self.table = t
        lay.addWidget(t, 1)
        hint = QLabel("ข้อมูลที่ท่านพิมพ์ยังอยู่ครบ จะถูกบันทึกหรือทิ้งไปตามที่ท่านเลือกเท่านั้น")
        hint.setWordWrap(True)
        lay.addWidget(hint)

        box = QDialogButtonBox()
        self.theirsButton = QPushButton(USE_THEIRS)
        self.mineButton = QPushButton(KEEP_MINE)
        box.addButton(self.theirsButton, QDialogButtonBox.ButtonRole.RejectRole)
        box.addButton(self.mineButton, QDialogButtonBox.ButtonRole.AcceptRole)
        self.theirsButton.clicked.connect(lambda: self._choose(THEIRS))
        self.mineButton.clicked.connect(lambda: self._choose(MINE))
        self.mineButton.setEnabled(error.current_version is not None)   # a deleted row cannot be saved over
        self.theirsButton.setDefault(True)
        lay.addWidget(box)
        self.resize(760, 320)

    def _choose(self, which: str) -> None:
        self.choice = which
        self.done(QDialog.DialogCode.Accepted if which == MINE else QDialog.DialogCode.Rejected)
        self.chosen.emit(which)

    def reject(self) -> None:           # Esc / window close = keep the other clerk's data
        if self.choice is None:
            self._choose(THEIRS)
        else:
            super().reject()


def ask_conflict(parent, error: ConcurrentEditError, on_choice) -> ConflictDialog:
    """Open the dialog window-modally; ``on_choice(THEIRS|MINE)`` runs when the clerk decides."""
    dlg = ConflictDialog(error, parent)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.chosen.connect(on_choice)
    dlg.open()
    return dlg
