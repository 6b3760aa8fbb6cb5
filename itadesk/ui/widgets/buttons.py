"""A row of push buttons, left-aligned (add / remove … under a list or table)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton


def button_row(*buttons: tuple[str, object]) -> QHBoxLayout:
    """``button_row(("เพิ่ม", self.add), ("ลบ", self.remove))`` → a layout with those buttons."""
    row = QHBoxLayout()
    for label, slot in buttons:
        b = QPushButton(label)
        b.clicked.connect(slot)
        row.addWidget(b)
    row.addStretch(1)
    return row
