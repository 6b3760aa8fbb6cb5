"""Screenshots of the window for docs/screenshots/: each tab, the date editor with its พ.ศ.
calendar, and the memo preview at fit-width — at 1366×768 and at a 125 % scale.

    python benchmarks/screenshots.py [--out docs/screenshots] [--scales 1 1.25]

Each scale runs in a fresh offscreen process (Qt reads QT_SCALE_FACTOR at start) on a new
database holding seed 001 (examples/seed001_nonthong_analysis_2565.json), year 2565.
1366×768 physical pixels at 125 % is a 1093×614 logical window.  Look at the PNGs afterwards.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "examples" / "seed001_nonthong_analysis_2565.json"


def _wait(app, win, seconds: float = 30) -> None:
    from PySide6.QtCore import QDeadlineTimer, QEventLoop, QThreadPool

    deadline = time.perf_counter() + seconds
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    while time.perf_counter() < deadline and (win.pending_work() or QThreadPool.globalInstance().activeThreadCount()):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThreadPool.globalInstance().waitForDone(QDeadlineTimer(20))
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)


def shoot(out: Path, scale: float) -> list[Path]:
    """Runs inside the child process: the Qt application exists only here."""
    from PySide6.QtCore import QPoint, QRect, QSettings
    from PySide6.QtGui import QPainter, QPixmap

    from itadesk.store.services import Services
    from itadesk.store.session import open_database
    from itadesk.ui.application import make_app
    from itadesk.ui.main_window import MainWindow

    app = make_app()
    tmp = Path(tempfile.mkdtemp(prefix="itadesk-shots-"))
    db = open_database(f"sqlite:///{tmp / 'shots.sqlite3'}")
    services = Services(db)
    services.import_dossier_file(SEED)
    win = MainWindow(services, QSettings(str(tmp / "s.ini"), QSettings.Format.IniFormat), "seed001")
    win.persist_settings = False
    win.load(2565)
    win.resize(round(1366 / scale), round(768 / scale))
    win.show()
    suffix = "" if scale == 1 else f"_scale{round(scale * 100)}"
    saved: list[Path] = []

    def save(pix: QPixmap, name: str) -> None:
        p = out / f"{name}{suffix}.png"
        pix.save(str(p))
        saved.append(p)

    for key in ("scores", "analysis", "measures", "memos"):
        win.select_tab(key)
        _wait(app, win)
        save(win.grab(), key)

    tab = win.memosTab                    # the preview at fit-width, then the whole tab for it
    if tab.preview is not None:
        tab.preview.fit_width()
        _wait(app, win)
        tab.set_preview_only(True)
        _wait(app, win)
        save(win.grab(), "preview_fitwidth")
        tab.set_preview_only(False)
        _wait(app, win)

    de = tab.editor.dateEdit              # the date editor: a typed date, then the calendar
    tab.editor.ensureWidgetVisible(de)
    de.lineEdit.setText("2 พ.ย. 65")
    de.commit()
    de.show_calendar()
    _wait(app, win)
    body = tab.editor.widget()
    top = de.mapTo(body, QPoint(0, 0)).y()
    field = body.grab(QRect(0, max(0, top - 50), body.width(), de.height() + 100))
    cal = de.popup.grab()
    dpr = field.devicePixelRatio()
    fs, cs = field.deviceIndependentSize(), cal.deviceIndependentSize()
    pix = QPixmap(round(max(fs.width(), cs.width()) * dpr), round((fs.height() + cs.height() + 8) * dpr))
    pix.setDevicePixelRatio(dpr)
    pix.fill(win.palette().window().color())
    painter = QPainter(pix)
    painter.drawPixmap(QPoint(0, 0), field)
    painter.drawPixmap(QPoint(0, round(fs.height()) + 8), cal)
    painter.end()
    save(pix, "date_editor")
    de.popup.hide()
    win.close()
    db.dispose()
    return saved


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--scales", nargs="+", type=float, default=[1.0, 1.25])
    ap.add_argument("--child", type=float, help=argparse.SUPPRESS)
    a = ap.parse_args()
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    if a.child is not None:
        for p in shoot(out, a.child):
            print(p)
        return 0
    rc = 0
    for scale in a.scales:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=str(scale),
                   ITADESK_HOME=tempfile.mkdtemp(prefix="itadesk-shots-home-"), PYTHAINLP_OFFLINE="1")
        r = subprocess.run([sys.executable, __file__, "--out", str(out), "--child", str(scale)], env=env, check=False)
        rc = rc or r.returncode
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
