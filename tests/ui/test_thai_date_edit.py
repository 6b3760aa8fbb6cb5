"""The one date editor: typed Thai dates, พ.ศ. calendar, bad input kept with a Thai message."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit

from itadesk.ui.widgets.thai_date_edit import ThaiDateEdit

from .conftest import type_text


def _type(qtbot, w, text):
    w.lineEdit.selectAll()
    w.lineEdit.clear()
    type_text(qtbot, w.lineEdit, text)
    qtbot.keyClick(w.lineEdit, Qt.Key.Key_Return)


def test_typed_forms_and_display(qtbot):
    w = ThaiDateEdit()
    qtbot.addWidget(w)
    w.show()
    got = []
    w.dateChanged.connect(got.append)
    for text in ("2/11/2565", "3 พ.ย. 65", "๔ พฤศจิกายน ๒๕๖๕"):
        _type(qtbot, w, text)
    assert got == [dt.date(2022, 11, 2), dt.date(2022, 11, 3), dt.date(2022, 11, 4)]
    assert w.text() == "4 พฤศจิกายน 2565"
    assert "2022" not in w.text()


def test_bad_date_keeps_text_and_says_why(qtbot):
    w = ThaiDateEdit()
    qtbot.addWidget(w)
    w.show()
    w.setDate(dt.date(2022, 11, 2))
    got = []
    w.dateChanged.connect(got.append)
    _type(qtbot, w, "31/11/2565")
    assert got == [] and w.date() == dt.date(2022, 11, 2)
    assert w.text() == "31/11/2565"                  # what was typed stays
    assert "30 วัน" in w.error()
    _type(qtbot, w, "30/11/2565")
    assert w.error() == "" and got == [dt.date(2022, 11, 30)]


def test_calendar_speaks_buddhist_era(qtbot):
    w = ThaiDateEdit()
    qtbot.addWidget(w)
    w.show()
    w.setDate(dt.date(2022, 11, 2))
    qtbot.mouseClick(w.calendarButton, Qt.MouseButton.LeftButton)
    cal = w.calendar
    assert cal.heading_text() == "พฤศจิกายน พ.ศ. 2565"
    qtbot.mouseClick(cal.nextButton, Qt.MouseButton.LeftButton)
    assert cal.heading_text() == "ธันวาคม พ.ศ. 2565"
    cal.yearSpin.setValue(2566)
    assert (cal.cal.yearShown(), cal.cal.monthShown()) == (2023, 12)
    got = []
    w.dateChanged.connect(got.append)
    cal.cal.setSelectedDate(cal.cal.selectedDate().addDays(0))
    cal.picked.emit(dt.date(2023, 12, 25))
    assert got == [dt.date(2023, 12, 25)] and w.text() == "25 ธันวาคม 2566"
    assert not w.popup.isVisible()


def test_no_christian_era_date_box_left(window):
    """Every date edited anywhere in the window is the Thai date editor."""
    assert window.findChildren(QDateEdit) == []
    assert len(window.findChildren(ThaiDateEdit)) >= 3   # memo date, 6- and 12-month report dates
