"""แฟ้ม → กู้คืนข้อมูลจากไฟล์สำรอง…: pick one of the backups (newest first)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QVBoxLayout)

from ...domain.thai_format import thai_date_long, to_thai_digits
from .. import texts


def _describe(b) -> str:
    kind = (texts.RESTORE_AUTO if b.automatic else
            texts.RESTORE_BEFORE_UPGRADE if b.before_migration else texts.RESTORE_MANUAL)
    when = f"{thai_date_long(b.when.date())} เวลา {to_thai_digits(b.when.strftime('%H:%M'))} น."
    size = to_thai_digits(f"{max(b.size // 1024, 1):,}")
    return f"{when}  ({kind}, {size} KB)"


class RestoreDialog(QDialog):
    def __init__(self, parent=None, backups=None):
        super().__init__(parent)
        from ...store.backup import list_backups

        self.setWindowTitle(texts.RESTORE_TITLE)
        self.resize(560, 380)
        lay = QVBoxLayout(self)
        backups = list_backups() if backups is None else backups
        hint = QLabel(texts.RESTORE_HINT if backups else texts.RESTORE_NONE)
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.backupList = QListWidget()
        for b in backups:
            item = QListWidgetItem(_describe(b))
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            item.setToolTip(str(b.path))
            self.backupList.addItem(item)
        if backups:
            self.backupList.setCurrentRow(0)
        lay.addWidget(self.backupList)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("กู้คืน")
        box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(backups))
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("ยกเลิก")
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        self.backupList.itemDoubleClicked.connect(lambda _: self.accept())
        lay.addWidget(box)

    def chosen(self) -> Path | None:
        item = self.backupList.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
