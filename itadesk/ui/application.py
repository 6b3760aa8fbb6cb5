"""Start-up of the desktop program: Qt, font, Thai texts, log, crash dialog, lock, database, window.

Order matters for a clerk's first impression: the window is shown first, and slow work
(pythainlp's dictionary, reportlab) warms up in the background afterwards.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import time
from pathlib import Path

log = logging.getLogger("itadesk")
EXIT_LOCKED = 3
EXIT_DB = 2          # the database could not be opened (Thai message shown), like every CLI refusal
EXIT_NO_DISPLAY = 2


def setup_logging() -> Path:
    """logs/itadesk.log: private (0600) and password-filtered (see itadesk/logfile.py)."""
    from ..logfile import setup_logging as setup

    return setup()


def load_fonts(app, preferred: str = "") -> str:
    """Register the bundled Sarabun (Thai shows as boxes on a bare machine otherwise) and use it,
    or the office's chosen font when that one is installed.  Returns the family used."""
    from PySide6.QtGui import QFont, QFontDatabase

    family = ""
    try:
        import fontpkg

        for f in fontpkg.family("Sarabun").files:
            if f.style == "normal" and f.weight in (400, 700):
                fid = QFontDatabase.addApplicationFont(str(f.path))
                fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
                family = family or (fams[0] if fams else "")
    except Exception:  # the font package missing must not stop the program
        log.exception("could not load the bundled Sarabun font")
    if preferred and preferred in QFontDatabase.families():
        family = preferred
    if family:
        font = QFont(family)
        font.setPointSizeF(11)
        app.setFont(font)
    return family


def install_qt_thai(app) -> None:
    """Thai for Qt's own strings (standard buttons, line-edit menu, file/print dialogs)."""
    from PySide6.QtCore import QTranslator

    from ..paths import resources_dir

    qm = resources_dir() / "qt_th" / "qt_th.qm"
    if qm.exists():
        tr = QTranslator(app)
        if tr.load(str(qm)):
            app.installTranslator(tr)
            app._thai_translator = tr   # keep it alive


def install_stylesheet(app) -> None:
    from ..paths import resources_dir

    qss = resources_dir() / "app.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def shield_none_refcount() -> None:
    """Work around a PySide6 (6.12) reference-count bug that would crash the program.

    On CPython before 3.12, some PySide6 calls lose a reference to ``None`` each time:
    void painter calls such as ``QPainter.fillRect``/``setBrush``, and every Python
    ``data()`` override that returns None when Qt asks for an unused role.  A long session
    (a table of 1,000 offices repainted while scrolling, a chart of 1,000 bars) drives
    None's count to zero and the interpreter aborts ("none_dealloc").  None is never freed
    anyway, so give its count a margin no session can use up.  The same happens to True
    and False (the 50× open/edit/close test, tests/ui/test_close_stress.py, aborted at exit
    with "bool_dealloc"), and they are never freed either.  (Python 3.12+ makes these
    objects immortal; nothing to do there.)"""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for obj in (None, True, False):
        cell = ctypes.c_ssize_t.from_address(id(obj))   # ob_refcnt is the first field of every object
        if cell.value < 1 << 40:
            cell.value += 1 << 40


NO_DISPLAY = ("เปิดหน้าต่างโปรแกรมไม่ได้ เพราะไม่พบหน้าจอแสดงผล (ไม่มี DISPLAY หรือ WAYLAND_DISPLAY) "
              "เช่น เมื่อเข้าเครื่องทาง SSH หรือในเซิร์ฟเวอร์ที่ไม่มีจอ กรุณาเปิดโปรแกรมจากหน้าจอของเครื่อง "
              "(หรือเชื่อมต่อด้วย ssh -X) คำสั่งอื่น เช่น itadesk render และ itadesk export ใช้ได้โดยไม่ต้องมีหน้าจอ")
NO_DISPLAY_SERVER = ("เปิดหน้าต่างโปรแกรมไม่ได้ เพราะเชื่อมต่อหน้าจอ {display} ไม่ได้ (ไม่มีโปรแกรมแสดงผลทำงานอยู่) "
                     "กรุณาเปิดโปรแกรมจากหน้าจอของเครื่อง คำสั่งอื่น เช่น itadesk render ใช้ได้โดยไม่ต้องมีหน้าจอ")
NO_XCB_CURSOR = ("เปิดหน้าต่างโปรแกรมไม่ได้ เพราะเครื่องนี้ยังไม่ได้ติดตั้งไลบรารี libxcb-cursor0 ที่ Qt ต้องใช้ "
                 "กรุณาติดตั้งด้วยคำสั่ง  sudo apt install libxcb-cursor0  (Debian/Ubuntu) หรือ "
                 " sudo dnf install xcb-util-cursor  (Fedora) แล้วเปิดโปรแกรมอีกครั้ง")


def qt_platform_problem(env: dict | None = None, platform: str | None = None,
                        find_library=None) -> str | None:
    """Why Qt could not open a window here (Thai), checked BEFORE the QApplication exists —
    Qt itself would abort the process (SIGABRT) with an English message.  None when it can."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    qpa = (env.get("QT_QPA_PLATFORM") or "").split(":")[0].split(";")[0].strip().lower()
    if qpa and qpa not in ("xcb", "wayland", "wayland-egl"):
        return None        # offscreen, minimal, vnc, eglfs, linuxfb …: no display server needed
    wayland = bool(env.get("WAYLAND_DISPLAY"))
    x11 = bool(env.get("DISPLAY"))
    if qpa.startswith("wayland"):
        return None if wayland else NO_DISPLAY
    if not wayland and not x11:
        return NO_DISPLAY
    display = env.get("DISPLAY") or ""
    if not wayland and display.startswith(":") and Path("/tmp/.X11-unix").is_dir():
        num = display[1:].split(".")[0]
        if num.isdigit() and not Path(f"/tmp/.X11-unix/X{num}").exists():
            return NO_DISPLAY_SERVER.format(display=display)
    if qpa == "xcb" or not wayland:       # Qt will use xcb: it needs libxcb-cursor.so.0
        if find_library is None:
            import ctypes.util

            find_library = ctypes.util.find_library
        bundled = getattr(sys, "_MEIPASS", None)
        if bundled and any(Path(bundled).rglob("libxcb-cursor.so*")):
            return None
        if not find_library("xcb-cursor"):
            return NO_XCB_CURSOR
    return None


def make_app(argv: list[str] | None = None):
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    shield_none_refcount()
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("ITA Desk")
    app.setOrganizationName("ITADesk")
    QLocale.setDefault(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
    install_qt_thai(app)
    load_fonts(app)
    install_stylesheet(app)
    from .gc_guard import install as collect_on_gui_thread

    collect_on_gui_thread(app)         # no garbage collection in a worker thread (a segfault)
    return app


READ_ONLY_OPENED = ("ฐานข้อมูล {path} เป็นแบบอ่านอย่างเดียว (ไฟล์หรือโฟลเดอร์ที่เก็บเขียนไม่ได้ หรือผู้ใช้นี้ไม่มีสิทธิ์เขียน) "
                    "โปรแกรมจึงเปิดให้ดูและพิมพ์เอกสารได้ แต่บันทึกการแก้ไขไม่ได้ ถ้าต้องการแก้ไข กรุณาปิดโปรแกรม "
                    "ให้สิทธิ์เขียนไฟล์และโฟลเดอร์นี้ (หรือคัดลอกฐานข้อมูลไปไว้ในโฟลเดอร์ที่เขียนได้) แล้วเปิดใหม่")


class DbLock:
    """One window per database FILE: a QLockFile beside it (PostgreSQL needs none)."""

    def __init__(self, db_path: Path | None):
        self.path = db_path
        self._lock = None

    def acquire(self) -> bool:
        if self.path is None:
            return True
        from PySide6.QtCore import QLockFile

        lock = QLockFile(str(self.path) + ".lock")
        lock.setStaleLockTime(0)    # held for the whole session, not a short operation
        if not lock.tryLock(100):
            # held by another window: refuse; a read-only folder cannot even hold the lock file:
            # then the database opens read-only (or is refused in Thai) and needs no lock
            return lock.error() != QLockFile.LockError.LockFailedError
        self._lock = lock
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def sqlite_file(url: str) -> Path | None:
    from sqlalchemy.engine import make_url

    try:
        u = make_url(url)
    except Exception:
        return None
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database).resolve()


def open_db_interactive(url: str, quiet: bool):
    """open_database with Thai messages; offers to restore the latest backup of a corrupt file."""
    from ..domain.errors import ItaDeskError
    from ..store.session import DatabaseOpenError, open_database
    from . import texts
    from .dialogs.messages import ask, show_error, show_info

    from ..store.backup import latest_good_backup

    try:
        return open_database(url, read_only_ok=True)
    except DatabaseOpenError as e:
        msg, restorable = str(e), e.restorable
    from ..redact import redact_url

    log.error("cannot open database %s: %s", redact_url(url), msg)
    if quiet:
        sys.stderr.write(f"{texts.DB_OPEN_FAILED}: {msg}\n")
        return None
    good = latest_good_backup() if restorable and sqlite_file(url) else None
    backup = good.path if good is not None else None
    if backup is not None:
        if ask(None, f"{msg}\n\n" + texts.RESTORE_Q.format(backup=backup.name), texts.DB_OPEN_FAILED):
            from ..store.restore import restore_sqlite

            try:
                aside = restore_sqlite(backup, url)
            except ItaDeskError as e2:
                show_error(None, str(e2), texts.DB_OPEN_FAILED)
                return None
            except Exception as e2:  # e.g. sqlite3 cannot even copy the damaged file aside
                log.exception("restore failed")
                show_error(None, f"กู้คืนข้อมูลไม่สำเร็จ ({e2}) ไฟล์เดิมไม่ถูกแก้ไข กรุณาติดต่อผู้ดูแลระบบ "
                                 f"ไฟล์สำรองอยู่ที่ {backup}", texts.DB_OPEN_FAILED)
                return None
            show_info(None, texts.RESTORED.format(path=aside))
            try:
                return open_database(url, read_only_ok=True)
            except DatabaseOpenError as e3:
                show_error(None, str(e3), texts.DB_OPEN_FAILED)
                return None
        return None
    show_error(None, msg, texts.DB_OPEN_FAILED)
    return None


def run(db_url: str | None = None, tab: str | None = None, screenshot: str | None = None,
        year: int | None = None) -> int:
    t0 = time.perf_counter()
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..paths import default_db_url, setup_pythainlp_env

    setup_pythainlp_env()
    log_path = setup_logging()
    problem = qt_platform_problem()
    if problem:
        log.error("no window possible: %s", problem)
        sys.stderr.write(f"ผิดพลาด: {problem}\n")
        return EXIT_NO_DISPLAY
    app = make_app()
    from . import texts
    from .dialogs.crash_dialog import install_excepthook
    from .dialogs.messages import show_error

    install_excepthook(str(log_path))
    from .settings import app_settings, remembered_db_url

    remembered = None if db_url else remembered_db_url(app_settings())
    url = db_url or remembered or default_db_url()
    quiet = bool(screenshot)
    lock = DbLock(sqlite_file(url))
    if not lock.acquire():
        msg = texts.LOCKED.format(path=lock.path)
        log.warning("database already open elsewhere: %s", lock.path)
        if quiet:
            sys.stderr.write(msg + "\n")
        else:
            show_error(None, msg, texts.APP_TITLE)
        return EXIT_LOCKED
    try:
        db = open_db_interactive(url, quiet)
        if db is None and remembered and not quiet:
            # the remembered server is down or wants a password: let the clerk choose again
            db, lock = _choose_other_database(url, lock)
        if db is None:
            return EXIT_DB
        try:
            return _run_window(app, db, tab, screenshot, year, t0, lock)
        finally:
            db.dispose()
    finally:
        lock.release()


def _choose_other_database(url: str, lock: "DbLock"):
    """After the remembered database failed to open: the database dialog, until one opens."""
    from .dialogs.db_settings_dialog import DbSettingsDialog
    from .settings import app_settings, remember_db_url

    while True:
        dlg = DbSettingsDialog(url)
        if not dlg.exec():
            return None, lock
        url = dlg.url()
        new_lock = DbLock(sqlite_file(url))
        if not new_lock.acquire():
            continue
        db = open_db_interactive(url, False)
        if db is not None:
            lock.release()
            remember_db_url(app_settings(), url, dlg.remember_password())
            return db, new_lock
        new_lock.release()


def _run_window(app, db, tab, screenshot, year, t0, lock=None) -> int:
    from ..store.services import Services
    from . import documents_bridge, workers
    from .main_window import MainWindow
    from .settings import app_settings

    settings = app_settings()
    services = Services(db)
    saved = settings.value("data/office")
    if saved is not None:
        try:
            ids = {i for i, _ in services.offices()}
            if int(saved) in ids:
                services.select_office(int(saved))
        except (TypeError, ValueError):
            pass
    if not screenshot and db.sqlite_path is not None:
        from ..store.backup import auto_backup

        auto_backup(db)   # at most one a day, old ones pruned; never raises
    label = str(db.sqlite_path) if db.sqlite_path else db.engine.url.render_as_string(hide_password=True)
    if getattr(db, "read_only", False):
        label += " (อ่านอย่างเดียว)"
        log.warning("database opened read-only: %s", db.sqlite_path)
        if screenshot:
            sys.stderr.write(READ_ONLY_OPENED.format(path=db.sqlite_path) + "\n")
        else:
            from .dialogs.messages import show_info

            show_info(None, READ_ONLY_OPENED.format(path=db.sqlite_path))
    win = MainWindow(services, settings, label)
    win.set_read_only(bool(getattr(db, "read_only", False)))   # nothing typed where it cannot be saved
    win.db_lock = lock     # switching databases (แฟ้ม → เลือกฐานข้อมูล…) moves the lock
    if services.has_office() and services.profile().font:
        load_fonts(app, services.profile().font)
    win.load(year)
    if tab:
        win.select_tab(tab)
    if screenshot:
        return _screenshot(app, win, screenshot, t0)
    win.show()
    win.first_run_if_needed()
    app._warmup = workers.start(documents_bridge.warm_up)
    log.info("window shown in %.2f s", time.perf_counter() - t0)
    try:
        return app.exec()
    finally:
        workers.shutdown()                  # no thread may report into a closed window
        if win.services.db is not db:       # the clerk switched databases meanwhile
            win.services.db.dispose()
            if win.db_lock is not lock and win.db_lock is not None:
                win.db_lock.release()


def _screenshot(app, win, out: str, t0: float) -> int:
    from PySide6.QtCore import QDeadlineTimer, QEventLoop, QThreadPool

    win.persist_settings = False     # a screenshot must not move the clerk's window
    # 1366×768 physical pixels, as on the office screen: at a 125 % scale that is 1093×614.
    scale = float(os.environ.get("QT_SCALE_FACTOR") or 1) or 1
    win.resize(round(1366 / scale), round(768 / scale))
    win.show()
    deadline = time.perf_counter() + 30
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    while time.perf_counter() < deadline and (win.pending_work() or QThreadPool.globalInstance().activeThreadCount()):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThreadPool.globalInstance().waitForDone(QDeadlineTimer(20))
    app.processEvents()
    loaded = time.perf_counter() - t0
    ok = win.grab().save(out)
    win.close()
    if not ok:
        sys.stderr.write(f"ผิดพลาด: บันทึกภาพหน้าต่างเป็น {out} ไม่สำเร็จ กรุณาตรวจสอบว่าโฟลเดอร์มีอยู่ "
                         "เขียนได้ และดิสก์ไม่เต็ม\n")
        return 2
    if os.environ.get("ITADESK_REPORT_STARTUP"):
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        sys.stdout.write(f"loaded {loaded:.3f} s maxrss {rss:.0f} MB\n")
    return 0 if ok else 1
