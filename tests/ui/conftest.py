"""GUI fixtures: a fresh database per test, real widgets, settings in tmp_path, Sarabun loaded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from itadesk.store.services import OfficeProfile, PersonInfo, Services
from itadesk.store.session import open_database

SEED001 = {
    2565: {1: "96.54", 2: "93.28", 3: "96.07", 4: "94.65", 5: "85.14", 6: "79.79", 7: "72.04",
           8: "73.20", 9: "89.29", 10: "100"},
    2564: {1: "88.73", 2: "74.98", 3: "79.43", 4: "75.15", 5: "74.57", 6: "84.90", 7: "84.58",
           8: "81.62", 9: "90.64", 10: "93.75"},
}


@pytest.fixture(scope="session", autouse=True)
def _thai_font(qapp):
    from itadesk.ui.application import install_stylesheet, load_fonts, shield_none_refcount

    shield_none_refcount()   # the program does this in make_app(); pytest-qt makes its own app
    load_fonts(qapp)
    install_stylesheet(qapp)


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'gui.sqlite3'}"


@pytest.fixture
def services(db_url):
    db = open_database(db_url)
    yield Services(db)
    db.dispose()


@pytest.fixture
def office(services):
    return services.save_profile(OfficeProfile(
        name="เทศบาลตำบลทดสอบ", kind="เทศบาลตำบล", amphoe="นายูง", province="อุดรธานี",
        doc_prefix="อด ๘๑๘๐๑", units=("สำนักปลัดเทศบาล",),
        people=(PersonInfo("author", "นายอนุวัฒน์ หาญบุรุษ", "ผู้ช่วยนักวิเคราะห์นโยบายและแผน"),
                PersonInfo("mayor", "นายชัยยา ภูมิเขต", "นายกเทศมนตรีตำบลทดสอบ"))))


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "itadesk.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


@pytest.fixture
def window(qtbot, services, settings):
    from itadesk.ui.main_window import MainWindow

    w = MainWindow(services, settings, "test")
    qtbot.addWidget(w)
    w.load()
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.memosTab.shutdown()


def type_into(qtbot, view, row: int, col: int, text: str) -> None:
    """Type into a table cell as a clerk does: select, type, Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    index = view.model().index(row, col)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index) or view.focusWidget()
    assert isinstance(editor, QLineEdit), editor
    editor.selectAll()
    type_text(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits and closes the editor through a queued call; a refused value comes
    # back in a new editor on the same cell (nothing typed is lost).
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState or view.indexWidget(index) not in (None, editor),
                    timeout=2000)


def type_text(qtbot, widget, text: str) -> None:
    """Key presses carrying the text, as a Thai keyboard layout sends them.

    (QTest.keyClicks converts characters to Latin-1 and aborts on Thai.)"""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
