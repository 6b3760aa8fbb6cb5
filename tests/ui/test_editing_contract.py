"""The editing contract, for every field a clerk can type into, found by walking the window.

Every writable QLineEdit / QPlainTextEdit / QTextEdit of every tab is found (nobody lists
them), typed into with key presses, left idle past the timer, then the row and the tab are
switched and the window is closed.  A new window on the same database must show every
text again.  A new editor is covered by this test without anyone remembering to add it.

Fields say what they hold with the dynamic property ``entry``: "score" (a number 0–100),
"numbers" (indicator numbers), "codes" (item codes), "new-item" (a box that adds an item to
a list: saved on Enter or a switch, never half-typed on a pause), "filter" (a search box:
nothing to save), "date" (the date editor: its own tests).  No property = free text.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QListWidget,
                               QPlainTextEdit, QScrollArea, QStackedWidget, QTabWidget, QTextEdit, QWidget)

from itadesk.store.services import Services
from itadesk.store.session import open_database
from itadesk.ui.widgets import editing

from .conftest import SEED001, type_text

SAMPLES = {"score": ("87.65", "87.65"), "numbers": ("3, 7", "3, 7"), "codes": ("i1, e4", "i1, e4"),
           # a date as a clerk types it, shown back in the Thai form once read (พ.ศ.)
           "date": ("2/11/2565", "2 พฤศจิกายน 2565")}
# Fields saved when the clerk leaves them (Enter, focus-out, any switch), not after a pause.
SAVED_ON_LEAVING = {"new-item", "date"}
# The list each tab switches rows in (the editor below it shows the selected record).
ROW_VIEWS = {"analysisTab": "table", "measuresTab": "table", "memosTab": "memoList"}


def excluded(w: QWidget) -> str | None:
    """Why a text widget is not a field the clerk types a record's text into (None: it is)."""
    p = w.parentWidget()
    if isinstance(p, QAbstractSpinBox):
        return "the text box inside a spin/date box: a number or date with its own arrows and tests"
    if any(isinstance(a, QAbstractItemView) for a in _ancestors(w)):
        return "a cell editor an item view opens while a cell is edited (committed by the view)"
    if isinstance(p, QComboBox) and not p.isEditable():
        return "the text of a fixed list"
    if w.isReadOnly():
        return "read-only (shown, not typed)"
    if w.property("entry") == "filter":
        return "entry=filter: a search box saves nothing"
    if not w.isEnabledTo(w.window()):
        return "disabled: nothing selected to type into"
    return None


def _ancestors(w: QWidget):
    p = w.parentWidget()
    while p is not None:
        yield p
        p = p.parentWidget()


def _name(w: QWidget) -> str:
    names = [w.objectName() or type(w).__name__]
    for a in _ancestors(w):
        if a.objectName() and not a.objectName().startswith("qt_"):
            names.append(a.objectName())
            break
    return "/".join(reversed(names))


def text_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit))]


def discover(win) -> tuple[list[tuple[str, int, QWidget]], list[tuple[str, str]]]:
    """(tab attribute, index among the tab's text widgets, widget) for every writable field."""
    found, skipped = [], []
    for attr in ("scoresTab", "analysisTab", "measuresTab", "memosTab"):
        tab = getattr(win, attr)
        for i, w in enumerate(text_widgets(tab)):
            reason = excluded(w)
            if reason:
                skipped.append((_name(w), reason))
            else:
                found.append((attr, i, w))
    return found, skipped


def reveal(w: QWidget) -> None:
    """Bring a field on screen: the pages of the tab widgets around it, the scroll areas."""
    child = w
    for p in _ancestors(w):
        if isinstance(p, QStackedWidget) and isinstance(p.parentWidget(), QTabWidget):
            p.parentWidget().setCurrentIndex(p.indexOf(child))
        child = p
    for p in _ancestors(w):
        if isinstance(p, QScrollArea):
            p.ensureWidgetVisible(w)


def _text(w: QWidget) -> str:
    if isinstance(w, QLineEdit):
        return w.text()
    return w.toPlainText()


def _select_row(tab, attr: str, row: int) -> None:
    view = getattr(tab, ROW_VIEWS[attr])
    view.setCurrentIndex(view.model().index(row, 0))
    view.selectionModel().select(view.currentIndex(), view.selectionModel().SelectionFlag.ClearAndSelect
                                 | view.selectionModel().SelectionFlag.Rows)


def _row(tab, attr: str) -> int:
    return getattr(tab, ROW_VIEWS[attr]).currentIndex().row() if attr in ROW_VIEWS else -1


def _open(qtbot, db_url, settings):
    from itadesk.ui.main_window import MainWindow

    db = open_database(db_url)
    services = Services(db)
    services.select_office(services.offices()[0][0])
    w = MainWindow(services, settings, "test")
    qtbot.addWidget(w)
    w.load(2565)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    return w, db


def _seed(services) -> None:
    services.set_indicator_scores(2565, {n: Decimal(v) for n, v in SEED001[2565].items()})
    services.set_indicator_scores(2564, {n: Decimal(v) for n, v in SEED001[2564].items()})
    for subject in ("รายงานผลการวิเคราะห์", "มาตรการส่งเสริมคุณธรรม"):
        services.add_memo({"form": "report", "fiscal_year": 2565, "subject": subject,
                           "sections": [{"title": "ต้นเรื่อง", "paragraphs": ["ย่อหน้าเดิม"]}]})


def test_every_typed_field_survives_idle_switch_and_close(qtbot, office, services, db_url, settings, capsys,
                                                         monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    errors: list[str] = []                # a message box would wait for a click: record it instead
    monkeypatch.setattr(QMessageBox, "exec", lambda box: box.icon() == QMessageBox.Icon.Warning
                        and errors.append(box.text()) or 0)   # questions: answered "no" (keep the typed text)
    monkeypatch.setattr(editing, "IDLE_MS", 150)      # the same timers, a quicker clerk (test time)
    _seed(services)
    win, db = _open(qtbot, db_url, settings)
    win.analysisTab.draft_all()
    win.select_tab("measures")
    assert len(win.measuresTab.propose()) >= 2

    typed: list[tuple[str, int, int, str, str, str]] = []    # tab, index, row, kind, expected, name
    n = 0
    found, skipped = discover(win)
    tabs = sorted({a for a, _, _ in found}, key=["scoresTab", "analysisTab", "measuresTab", "memosTab"].index)
    assert tabs == ["scoresTab", "analysisTab", "measuresTab", "memosTab"], tabs
    for attr in tabs:
        tab = getattr(win, attr)
        win.tabs.setCurrentWidget(tab)
        row = _row(tab, attr)
        fields = [(i, w) for a, i, w in discover(win)[0] if a == attr]
        fields.sort(key=lambda f: f[1].property("entry") in SAVED_ON_LEAVING)   # they wait for a switch: last
        for i, w in fields:
            n += 1
            kind = w.property("entry") or "text"
            text, want = SAMPLES.get(kind, (f"ข้อความทดสอบที่ {n}", f"ข้อความทดสอบที่ {n}"))
            reveal(w)
            target = w.lineEdit() if isinstance(w, QComboBox) else w
            target.setFocus()
            qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            type_text(qtbot, target, text)
            assert _text(w) == text, _name(w)
            qtbot.wait(editing.IDLE_MS + 150)                     # the clerk pauses ...
            if kind not in SAVED_ON_LEAVING:              # ... and the idle timer saved it
                assert not tab.pending(), f"{_name(w)}: still unsaved after the idle timer"
            typed.append((attr, i, row, kind, want, _name(w)))
        if attr in ROW_VIEWS:                              # another row, then the next tab
            _select_row(tab, attr, row + 1 if row + 1 < getattr(tab, ROW_VIEWS[attr]).model().rowCount() else 0)
    win.select_tab("scores")
    win.close()
    with capsys.disabled():
        print(f"\neditors found ({len(typed)}): " + ", ".join(t[5] for t in typed))
        print(f"excluded ({len(skipped)}): " + "; ".join(f"{a}: {r}" for a, r in skipped))

    win2, db2 = _open(qtbot, db_url, settings)
    try:
        lost = []
        for attr, i, row, kind, want, name in typed:
            tab = getattr(win2, attr)
            win2.tabs.setCurrentWidget(tab)
            if attr in ROW_VIEWS:
                _select_row(tab, attr, row)
            w = text_widgets(tab)[i]
            if kind == "new-item":            # the typed item went into the list beside it
                items = [lw.item(k).text() for lw in tab.findChildren(QListWidget) for k in range(lw.count())]
                if want not in items:
                    lost.append((name, want, "not in any list"))
            elif _text(w) != want:
                lost.append((name, want, _text(w)))
        assert not lost, lost
        assert not errors, errors
    finally:
        win2.close()
        db2.dispose()
        db.dispose()
