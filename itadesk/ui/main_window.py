"""Placeholder main window until the desktop-program work lands."""

from __future__ import annotations

import sys


def run(db_url=None, tab=None, screenshot=None, year=None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    w = QMainWindow()
    w.setWindowTitle("ITA Desk")
    w.setCentralWidget(QLabel("ITA Desk — หน้าต่างหลักกำลังพัฒนา"))
    w.resize(800, 500)
    w.show()
    if screenshot:
        app.processEvents()
        w.grab().save(screenshot)
        return 0
    return app.exec()
