"""Closing while work runs: open the window, edit in every tab, start a preview, close — 50 times.

A clerk closes the program seconds after opening it, while the page preview is still being
rendered on a worker thread.  Nothing may be logged as an error, no Qt warning, no exception
in a slot (pytest-qt fails the test on those), no crash (faulthandler prints the stack of a
segmentation fault), and what was typed must be saved.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import time
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QMessageBox

from itadesk.ui import documents_bridge, workers

from .conftest import SEED001, type_text

ROUNDS = 50


def _seed(services) -> int:
    services.set_indicator_scores(2565, {n: Decimal(v) for n, v in SEED001[2565].items()})
    services.set_indicator_scores(2564, {n: Decimal(v) for n, v in SEED001[2564].items()})
    services.add_measures([{"fiscal_year": 2566, "title": "มาตรการเดิม", "status": "planned",
                            "period": {"from": "2565-10", "to": "2566-09"}}])
    return services.add_memo({"form": "report", "fiscal_year": 2565, "subject": "รายงานผล",
                              "sections": [{"title": "ต้นเรื่อง", "paragraphs": ["ย่อหน้า"]}]}).id


def test_open_edit_preview_close_fifty_times(qtbot, office, services, settings, caplog, qtlog, monkeypatch, capsys):
    from itadesk.ui.main_window import MainWindow

    if not faulthandler.is_enabled():                 # pytest's own plugin usually has it on
        faulthandler.enable(file=sys.__stderr__)
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: errors.append(box.text()) or 0)
    caplog.set_level(logging.WARNING)
    memo_id = _seed(services)
    preview = documents_bridge.available()
    t0 = time.perf_counter()
    shown = 0
    for i in range(ROUNDS):
        w = MainWindow(services, settings, "test")
        w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        w.load(2565)
        w.show()
        qtbot.waitExposed(w)
        # an edit in every tab, as typed (no pause: closing must save it)
        w.select_tab("scores")
        type_text(qtbot, w.scoresTab.publishedTotalEdit, "")
        w.scoresTab.publishedTotalEdit.setText("")
        type_text(qtbot, w.scoresTab.publishedTotalEdit, f"{80 + i % 10}.5")
        w.select_tab("analysis")
        type_text(qtbot, w.analysisTab.noteEditor.textEdit, f" รอบ {i}")
        w.select_tab("measures")
        type_text(qtbot, w.measuresTab.editor.titleEdit, f" รอบ {i}")
        w.select_tab("memos")
        ed = w.memosTab.editor
        ed.unitCombo.lineEdit().setFocus()
        type_text(qtbot, ed.unitCombo.lineEdit(), f"กอง {i}")
        type_text(qtbot, ed.subjectEdit, f" รอบ {i}")
        if preview:
            w.memosTab.refresh_preview()             # a render starts on a worker thread ...
            if i % 25 == 24:                         # ... now and then it is waited for
                with qtbot.waitSignal(w.memosTab.preview_ready, timeout=30000):
                    pass
                shown += 1
        w.close()                                    # ... mostly it is still running
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        qtbot.wait(1)
        assert services.year_scores(2565).published_total == Decimal(f"{80 + i % 10}.50")
        assert f"รอบ {i}" in services.memo(memo_id).subject
    workers.shutdown()
    qtbot.wait(10)
    seconds = time.perf_counter() - t0
    with capsys.disabled():
        print(f"\n{ROUNDS} open/edit/preview/close rounds in {seconds:.1f} s ({shown} previews shown)")
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not bad, [f"{r.name}: {r.getMessage()}" for r in bad]
    qt_bad = [m for m in qtlog.records if m.type.name in ("QtWarningMsg", "QtCriticalMsg", "QtFatalMsg")
              and "propagateSizeHints" not in m.message]      # the offscreen platform's own notice
    assert not qt_bad, [m.message for m in qt_bad]
    assert not errors, errors
    assert workers.pending() == 0
