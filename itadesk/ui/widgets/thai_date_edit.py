"""The one date editor of the program: Thai month names, พ.ศ. years, a พ.ศ. calendar.

The clerk types a date the way it is written in Thai offices (``2/11/2565``, ``2 พ.ย. 65``,
``๒ พฤศจิกายน ๒๕๖๕``: parsing is :func:`itadesk.domain.thai_dates.parse_thai_date`) or picks it
in the calendar.  The box then shows it as ``2 พฤศจิกายน 2565``.  A date that cannot be read
keeps the typed text, turns the box red and says in Thai what to type; the old date stays the
value until a good one is typed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InputError
from ...domain.thai_dates import (
    BE_MAX,
    BE_MIN,
    EXAMPLE,
    date_field_text,
    parse_thai_date,
)
from ...domain.thai_format import BE_OFFSET, MONTHS_LONG

THAI = QLocale(QLocale.Language.Thai, QLocale.Country.Thailand)
CAL_PICK = "เลือกวันที่จากปฏิทิน"
CAL_PREV = "เดือนก่อน"
CAL_NEXT = "เดือนถัดไป"
CAL_TODAY = "วันนี้"


def _to_date(q) -> dt.date:
    return q if isinstance(q, dt.date) else dt.date(q.year(), q.month(), q.day())


class ThaiCalendar(QWidget):
    """A month calendar whose heading is a Thai month and a พ.ศ. year (Qt's own heading can
    only show the Christian-era year, so it is hidden and replaced)."""

    picked = Signal(object)          # datetime.date

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cal = QCalendarWidget()
        self.cal.setObjectName("thaiCalendarGrid")
        self.cal.setLocale(THAI)
        self.cal.setNavigationBarVisible(False)
        self.cal.setFirstDayOfWeek(Qt.DayOfWeek.Sunday)
        self.cal.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.cal.setGridVisible(False)
        self.cal.clicked.connect(lambda q: self.picked.emit(_to_date(q)))
        self.cal.activated.connect(lambda q: self.picked.emit(_to_date(q)))
        self.cal.currentPageChanged.connect(self._sync_heading)
        self.prevButton = QToolButton()
        self.prevButton.setText("◀")
        self.prevButton.setToolTip(CAL_PREV)
        self.prevButton.clicked.connect(self.cal.showPreviousMonth)
        self.nextButton = QToolButton()
        self.nextButton.setText("▶")
        self.nextButton.setToolTip(CAL_NEXT)
        self.nextButton.clicked.connect(self.cal.showNextMonth)
        self.monthCombo = QComboBox()
        self.monthCombo.setObjectName("thaiCalendarMonth")
        self.monthCombo.addItems(list(MONTHS_LONG))
        self.monthCombo.currentIndexChanged.connect(self._page_from_heading)
        self.yearSpin = QSpinBox()
        self.yearSpin.setObjectName("thaiCalendarYear")
        self.yearSpin.setRange(BE_MIN, BE_MAX)
        self.yearSpin.setPrefix("พ.ศ. ")
        self.yearSpin.valueChanged.connect(self._page_from_heading)
        self.todayButton = QToolButton()
        self.todayButton.setText(CAL_TODAY)
        self.todayButton.clicked.connect(lambda: self.picked.emit(dt.date.today()))
        nav = QHBoxLayout()
        nav.addWidget(self.prevButton)
        nav.addWidget(self.monthCombo, 1)
        nav.addWidget(self.yearSpin)
        nav.addWidget(self.nextButton)
        nav.addWidget(self.todayButton)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(nav)
        lay.addWidget(self.cal)
        self._sync_heading(self.cal.yearShown(), self.cal.monthShown())

    def set_date(self, d: dt.date) -> None:
        self.cal.setSelectedDate(QDate(d.year, d.month, d.day))
        self.cal.setCurrentPage(d.year, d.month)

    def heading_text(self) -> str:
        return f"{self.monthCombo.currentText()} {self.yearSpin.text()}"

    def _sync_heading(self, year: int, month: int) -> None:
        for w in (self.monthCombo, self.yearSpin):
            w.blockSignals(True)
        self.monthCombo.setCurrentIndex(month - 1)
        self.yearSpin.setValue(year + BE_OFFSET)
        for w in (self.monthCombo, self.yearSpin):
            w.blockSignals(False)

    def _page_from_heading(self, *_a) -> None:
        self.cal.setCurrentPage(self.yearSpin.value() - BE_OFFSET, self.monthCombo.currentIndex() + 1)


class ThaiDateEdit(QWidget):
    """A date box that speaks พ.ศ.: type a Thai date or pick one in the calendar."""

    dateChanged = Signal(object)     # datetime.date, only for a good, changed date

    def __init__(self, parent=None):
        super().__init__(parent)
        self._date: dt.date | None = None
        self.lineEdit = QLineEdit()
        self.lineEdit.setObjectName("thaiDateText")
        self.lineEdit.setProperty("entry", "date")     # the editing contract: saved by commit(), tested apart
        self.lineEdit.setPlaceholderText(f"เช่น {EXAMPLE}")
        self.lineEdit.setToolTip(f"พิมพ์วันที่แบบไทย ปี พ.ศ. เช่น {EXAMPLE} หรือ ๒ พฤศจิกายน ๒๕๖๕")
        self.lineEdit.editingFinished.connect(self.commit)
        self.lineEdit.setMinimumWidth(self.fontMetrics().horizontalAdvance("30 พ.ย. 2565") + 16)
        self.calendarButton = QToolButton()
        self.calendarButton.setObjectName("thaiDateCalendarButton")
        self.calendarButton.setText("ปฏิทิน")
        self.calendarButton.setToolTip(CAL_PICK)
        self.calendarButton.clicked.connect(self.show_calendar)
        self.errorLabel = QLabel("")
        self.errorLabel.setObjectName("thaiDateError")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setStyleSheet("color: #b00020;")
        self.errorLabel.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.lineEdit, 1)
        row.addWidget(self.calendarButton)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(row)
        lay.addWidget(self.errorLabel)
        self.popup: QFrame | None = None
        self.calendar: ThaiCalendar | None = None
        self.setFocusProxy(self.lineEdit)

    # ------------------------------------------------------------ value
    def date(self) -> dt.date | None:
        return self._date

    def setDate(self, d) -> None:
        """Show ``d`` (a date or QDate) without emitting ``dateChanged``."""
        self._date = _to_date(d) if d is not None else None
        self._show_ok()
        self.lineEdit.setText(date_field_text(self._date) if self._date else "")

    def text(self) -> str:
        return self.lineEdit.text()

    def error(self) -> str:
        return self.errorLabel.text() if self.errorLabel.isVisibleTo(self) else ""

    def commit(self) -> bool:
        """Read what was typed; True when it is a good date (shown back in the Thai form)."""
        text = self.lineEdit.text()
        if self._date is not None and text == date_field_text(self._date):
            self._show_ok()
            return True
        try:
            d = parse_thai_date(text)
        except InputError as e:
            self.errorLabel.setText(str(e))
            self.errorLabel.show()
            self.lineEdit.setStyleSheet("border: 1px solid #b00020;")
            return False
        self._set_and_emit(d)
        return True

    # ------------------------------------------------------------ the editing contract
    def flush(self) -> None:
        """Save what is typed (a bad date keeps its text and its Thai message)."""
        if self.pending():
            self.commit()

    def pending(self) -> bool:
        return self.lineEdit.text() != (date_field_text(self._date) if self._date else "")

    def discard(self) -> None:
        self.setDate(self._date)

    def _set_and_emit(self, d: dt.date) -> None:
        changed = d != self._date
        self.setDate(d)
        if changed:
            self.dateChanged.emit(d)

    def _show_ok(self) -> None:
        self.errorLabel.hide()
        self.errorLabel.setText("")
        self.lineEdit.setStyleSheet("")

    # ------------------------------------------------------------ calendar
    def show_calendar(self) -> None:
        if self.popup is None:
            self.popup = QFrame(self, Qt.WindowType.Popup)
            self.popup.setFrameShape(QFrame.Shape.StyledPanel)
            self.calendar = ThaiCalendar(self.popup)
            self.calendar.picked.connect(self._picked)
            QVBoxLayout(self.popup).addWidget(self.calendar)
            self.popup.layout().setContentsMargins(0, 0, 0, 0)
        self.calendar.set_date(self._date or dt.date.today())
        self.popup.adjustSize()
        self.popup.move(self.mapToGlobal(self.lineEdit.geometry().bottomLeft()))
        self.popup.show()
        self.calendar.cal.setFocus()

    def _picked(self, d: dt.date) -> None:
        if self.popup is not None:
            self.popup.hide()
        self._set_and_emit(d)
        self.lineEdit.setFocus()
