"""Run slow, Qt-free work (PDF rendering, dictionary warm-up) on the thread pool.

A job receives plain data read on the GUI thread and reports through signals; it never
opens a database session (docs/design.md, section 2).

The callbacks are handed to :func:`start` (never connected after it: a fast job would
report before anyone listens).  They run on the GUI thread through a small receiver that
is a child of ``owner``: when the owner widget is closed or deleted, its jobs are cancelled
(:func:`cancel`) and a late result goes nowhere.  At the end of the program
:func:`shutdown` cancels what has not started and waits for what runs, so no thread
reports into a window (or an interpreter) that is gone.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable

from PySide6.QtCore import QDeadlineTimer, QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

_live: dict["Job", "_Receiver"] = {}


class JobSignals(QObject):
    finished = Signal(object)      # the function's result
    failed = Signal(str, str)      # Thai message (or empty), details


class Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any):
        super().__init__()
        self.fn, self.args = fn, args
        self.signals = JobSignals()
        self.cancelled = False
        self.setAutoDelete(True)

    def run(self) -> None:
        from ..domain.errors import ItaDeskError

        if self.cancelled:
            return
        signals = self.signals          # kept alive here until the report is sent
        try:
            result = self.fn(*self.args)
        except ItaDeskError as e:
            self._report(signals.failed, str(e), "")
        except Exception as e:  # reported to the GUI thread, which logs and shows it
            from ..faults import explain

            fault = explain(e)     # a full disk, a read-only folder …: Thai, what to do
            if not self.cancelled:
                log.exception("background job failed")
            self._report(signals.failed, fault or "", "" if fault else "".join(traceback.format_exception(e)))
        else:
            self._report(signals.finished, result)

    def _report(self, signal, *args: Any) -> None:
        if self.cancelled:
            return
        try:
            signal.emit(*args)
        except RuntimeError:           # the program is ending and took the receiver with it
            log.debug("background job finished after its window closed")


class _Receiver(QObject):
    """Lives on the GUI thread as a child of the job's owner; calls the callbacks there."""

    def __init__(self, job: Job, on_done, on_fail, parent: QObject | None):
        super().__init__(parent)
        self.job, self.on_done, self.on_fail = job, on_done, on_fail
        job.signals.finished.connect(self.done)
        job.signals.failed.connect(self.fail)

    @Slot(object)
    def done(self, result: Any) -> None:
        self._end(self.on_done, result)

    @Slot(str, str)
    def fail(self, msg: str, details: str) -> None:
        self._end(self.on_fail, msg, details)

    def _end(self, callback, *args: Any) -> None:
        job = self.job
        _live.pop(job, None)
        self.deleteLater()
        if not job.cancelled and callback is not None:
            callback(*args)


def start(fn: Callable[..., Any], *args: Any, on_done: Callable | None = None, on_fail: Callable | None = None,
          owner: QObject | None = None) -> Job:
    """Run ``fn(*args)`` on the pool; ``on_done(result)`` or ``on_fail(message, details)`` on the
    GUI thread, unless the job was cancelled or ``owner`` is gone by then."""
    job = Job(fn, *args)
    _live[job] = _Receiver(job, on_done, on_fail, owner)
    QThreadPool.globalInstance().start(job)
    return job


def _owned_by(receiver: QObject, owner: QObject) -> bool:
    p = receiver.parent()
    while p is not None:
        if p is owner:
            return True
        p = p.parent()
    return False


def cancel(owner: QObject | None = None) -> int:
    """Cancel the jobs of ``owner`` (and of its children), or all jobs: the ones not started
    are taken off the queue, the running ones report to nobody.  Returns how many."""
    n = 0
    for job, rec in list(_live.items()):
        try:
            mine = owner is None or _owned_by(rec, owner)
        except RuntimeError:           # its owner is already deleted
            mine = True
        if not mine:
            continue
        job.cancelled = True
        _live.pop(job, None)
        try:
            QThreadPool.globalInstance().tryTake(job)
        except RuntimeError:           # already ran and was deleted by the pool
            pass
        n += 1
    return n


def pending(owner: QObject | None = None) -> int:
    """Jobs of ``owner`` (or all) that have not reported yet."""
    return sum(1 for rec in list(_live.values()) if owner is None or _owned_by(rec, owner))


def shutdown(timeout_ms: int = 15000) -> bool:
    """Cancel every job and wait (at most ``timeout_ms``) for the running ones to end."""
    cancel()
    return QThreadPool.globalInstance().waitForDone(QDeadlineTimer(timeout_ms))
