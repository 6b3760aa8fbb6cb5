"""Run slow, Qt-free work (PDF rendering, dictionary warm-up) on the thread pool.

A job receives plain data read on the GUI thread and reports through signals; it never
opens a database session (docs/design.md, section 2).
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class JobSignals(QObject):
    finished = Signal(object)      # the function's result
    failed = Signal(str, str)      # Thai message (or empty), details


class Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any):
        super().__init__()
        self.fn, self.args = fn, args
        self.signals = JobSignals()
        self.setAutoDelete(True)

    def run(self) -> None:
        from ..domain.errors import ItaDeskError

        try:
            result = self.fn(*self.args)
        except ItaDeskError as e:
            self.signals.failed.emit(str(e), "")
        except Exception as e:  # reported to the GUI thread, which logs and shows it
            log.exception("background job failed")
            self.signals.failed.emit("", "".join(traceback.format_exception(e)))
        else:
            self.signals.finished.emit(result)


def start(fn: Callable[..., Any], *args: Any, on_done=None, on_fail=None) -> Job:
    job = Job(fn, *args)
    if on_done is not None:
        job.signals.finished.connect(on_done)
    if on_fail is not None:
        job.signals.failed.connect(on_fail)
    QThreadPool.globalInstance().start(job)
    return job
