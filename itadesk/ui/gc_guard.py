"""Python's cyclic garbage collector runs in whichever thread happens to allocate when a
threshold is passed.  When that is a worker thread (the database dialog's connection test,
background jobs), it can destroy Qt wrappers that live in reference cycles and belong to the
GUI thread — a segmentation fault was seen exactly so.  The automatic collector is therefore
switched off while the window runs and the same thresholds are checked from a GUI-thread timer
(the pattern pyqtgraph and others use), so every collection happens on the GUI thread."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = 300):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generation whose count is past its threshold, as gc itself would."""
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = self.threshold
        if c0 > t0:
            gen = 2 if (c1 > t1 and c2 > t2) else 1 if c1 > t1 else 0
            gc.collect(gen)

    def stop(self) -> None:
        """Give collection back to Python (tests; the end of the program)."""
        self.timer.stop()
        gc.enable()


_installed: GuiThreadCollector | None = None


def install(app: QObject) -> GuiThreadCollector:
    """Once per application: collections from now on happen on the GUI thread only."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
        app.destroyed.connect(lambda *_a: gc.enable())
    return _installed


def uninstall() -> None:
    global _installed
    if _installed is not None:
        _installed.stop()
        _installed.deleteLater()
        _installed = None
