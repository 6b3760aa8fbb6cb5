"""Switching the open database while the program runs (แฟ้ม → เลือกฐานข้อมูล…).

Every object under the main window that holds the old :class:`Services` (tabs, their item
models, tabs added later by other modules) is given a new one over the new database; the
old database is closed, its file lock released, and the choice is remembered for the next
start (without the password: see :mod:`itadesk.ui.settings`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from ..store.services import Services
from ..store.session import DatabaseOpenError, open_database
from . import texts
from .dialogs.messages import show_error

log = logging.getLogger(__name__)


def replace_services(root: QObject, old: Services, new: Services) -> int:
    """Give ``new`` to ``root`` and every descendant holding ``old``; returns how many."""
    n = 0
    for obj in [root, *root.findChildren(QObject)]:
        if getattr(obj, "services", None) is old:
            obj.services = new
            n += 1
    return n


def db_label(db) -> str:
    return str(db.sqlite_path) if db.sqlite_path else db.engine.url.render_as_string(hide_password=True)


def switch_database(win, url: str, remember_password: bool = False) -> bool:
    from .application import DbLock, sqlite_file
    from .settings import remember_db_url

    old = win.services
    if url == old.db.url:
        remember_db_url(win.settings, url, remember_password)
        return True
    lock = DbLock(sqlite_file(url))
    if not lock.acquire():
        show_error(win, texts.LOCKED.format(path=lock.path))
        return False
    try:
        db = open_database(url)
    except DatabaseOpenError as e:
        lock.release()
        show_error(win, str(e), texts.DB_OPEN_FAILED)
        return False
    win.flush_tabs()                         # what is being typed goes to the old database first
    old_lock = getattr(win, "db_lock", None)
    if old_lock is not None:
        old_lock.release()
    win.db_lock = lock
    old.db.dispose()
    _install(win, old, db)
    remember_db_url(win.settings, url, remember_password)
    return True


def _install(win, old: Services, db) -> None:
    """Hand a freshly opened database to every holder of ``old`` and reload the window."""
    new = Services(db)
    n = replace_services(win, old, new)
    log.info("database now %s (%d holders)", db_label(db), n)
    win.db_label = db_label(db)
    win.dbLabel.setText(texts.STATUS_DB.format(path=win.db_label))
    win.settings.remove("data/office")
    win.settings.remove("data/year")
    win.undo_stack.clear()
    win.set_read_only(bool(getattr(db, "read_only", False)))
    win.load()
    win.first_run_if_needed()


def restore_backup(win, backup_path) -> bool:
    """Replace the open SQLite database with a backup (the current file is kept aside) and
    reload the window on it.  Returns False, with a Thai message, when nothing was changed."""
    from ..domain.errors import ItaDeskError
    from ..store.restore import restore_sqlite

    old = win.services
    url = old.db.url
    win.flush_tabs()
    old.db.dispose()
    try:
        aside = restore_sqlite(backup_path, url)
    except ItaDeskError as e:
        show_error(win, str(e), texts.ACT_RESTORE)
        aside = None
    try:
        db = open_database(url)
    except DatabaseOpenError as e:
        show_error(win, str(e), texts.DB_OPEN_FAILED)
        return False
    _install(win, old, db)
    if aside is None:
        return False
    win.show_status(texts.RESTORED.format(path=aside))
    return True
