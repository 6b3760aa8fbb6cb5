"""A database opened read-only (a read-only file or folder): the window must not take typing it
cannot save.  Before, every field stayed editable: a clerk typed, the save failed with a message
after every pause, and the text was gone when the window closed.

Every field the editing-contract test finds writable on a normal window (nobody lists them) is
read-only here: key presses change nothing and nothing waits to be saved; table cells open no
editor; the menu items that change data are off; a banner says why; printing, exporting and
checking stay.  Choosing a writable database gives every field back."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QComboBox, QMessageBox

from itadesk.store.services import Services
from itadesk.store.session import _open_read_only

from .conftest import SEED001, type_text
from .test_editing_contract import _name, _seed, discover, reveal, text_widgets


def _window(qtbot, services, settings):
    from itadesk.ui.main_window import MainWindow

    services.select_office(services.offices()[0][0])
    w = MainWindow(services, settings, "test")
    w.set_read_only(bool(getattr(services.db, "read_only", False)))
    qtbot.addWidget(w)
    w.load(2565)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_nothing_can_be_typed_into_a_read_only_database(qtbot, office, services, db_url, settings, tmp_path,
                                                         monkeypatch):
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    _seed(services)
    services.set_indicator_scores(2565, {n: Decimal(v) for n, v in SEED001[2565].items()})
    # the writable fields of a normal window, found by walking it
    normal = _window(qtbot, services, settings)
    normal.analysisTab.draft_all()
    normal.select_tab("measures")
    assert len(normal.measuresTab.propose()) >= 2
    writable = {(a, i) for a, i, _ in discover(normal)[0]}
    assert len(writable) >= 20
    normal.close()

    path = db_url.removeprefix("sqlite:///")
    from pathlib import Path

    ro = _open_read_only(db_url, Path(path))
    try:
        assert ro.read_only
        win = _window(qtbot, Services(ro), settings)
        assert win.readOnlyBanner.isVisible() and "อ่านอย่างเดียว" in win.readOnlyBanner.text()
        assert discover(win)[0] == [], [_name(w) for _, _, w in discover(win)[0]]
        before = {}
        for attr in ("scoresTab", "analysisTab", "measuresTab", "memosTab"):
            tab = getattr(win, attr)
            win.tabs.setCurrentWidget(tab)
            for i, w in enumerate(text_widgets(tab)):
                if (attr, i) not in writable:
                    continue
                assert w.isReadOnly(), _name(w)
                reveal(w)
                target = w.lineEdit() if isinstance(w, QComboBox) else w
                target.setFocus()
                text = w.text() if hasattr(w, "text") else w.toPlainText()
                type_text(qtbot, target, "พิมพ์ไม่ได้")
                now = w.text() if hasattr(w, "text") else w.toPlainText()
                assert now == text, f"{_name(w)} took typing on a read-only database"
                before[_name(w)] = text
            assert not tab.pending()
            for v in tab.findChildren(QAbstractItemView):
                assert v.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers, _name(v)
            for s in tab.findChildren(QAbstractSpinBox):
                assert s.isReadOnly(), _name(s)
        qtbot.wait(300)
        assert boxes == [], boxes                  # no failed save reported: nothing was typed
        for a in win.writing_actions():
            assert not a.isEnabled(), a.text()
        assert win.actPrint.isEnabled() and win.actExportPdf.isEnabled() and win.actCheck.isEnabled()

        # the same window on a writable database: every field takes typing again
        win.set_read_only(False)
        assert not win.readOnlyBanner.isVisible()
        back = {(a, i) for a, i, _ in discover(win)[0]}
        assert writable <= back | {(a, i) for a, i in writable if not text_widgets(getattr(win, a))[i]
                                   .isEnabledTo(win)}
        w = win.scoresTab.findChild(type(text_widgets(win.scoresTab)[0]), text_widgets(win.scoresTab)[0].objectName())
        assert w is not None and not w.isReadOnly() or w.property("entry") == "filter"
        assert all(a.isEnabled() for a in win.writing_actions() if a not in (win.actUndo, win.actRedo))
        win.close()
    finally:
        ro.dispose()


def test_the_banner_and_lock_follow_a_database_switch(qtbot, office, services, settings, tmp_path, monkeypatch):
    """Switching from a read-only database to a writable one (แฟ้ม → เลือกฐานข้อมูล…) unlocks."""
    from pathlib import Path

    from itadesk.ui.database_switch import switch_database

    from PySide6.QtWidgets import QDialog

    from itadesk.ui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QDialog, "exec", lambda d: 0)
    monkeypatch.setattr(MainWindow, "first_run_if_needed", lambda self: None)
    url = f"sqlite:///{tmp_path / 'gui.sqlite3'}"
    ro = _open_read_only(url, Path(tmp_path / "gui.sqlite3"))
    win = _window(qtbot, Services(ro), settings)
    assert win.read_only and win.readOnlyBanner.isVisible()
    import shutil

    other = tmp_path / "other.sqlite3"           # a writable copy, with the office in it
    services.db.engine.dispose()
    shutil.copyfile(tmp_path / "gui.sqlite3", other)
    assert switch_database(win, f"sqlite:///{other}")
    assert not win.read_only and not win.readOnlyBanner.isVisible()
    assert all(not w.isReadOnly() for w in text_widgets(win.memosTab)
               if w.objectName() and w.property("entry") != "filter" and w.objectName() != "summaryEdit")
    win.close()
    win.services.db.dispose()
