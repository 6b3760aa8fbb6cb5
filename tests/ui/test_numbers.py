"""Item 10 of issue 13: "96,54" typed as a score is refused with a Thai message saying what to
type, in every numeric entry of the window; the typed text stays to be corrected."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from itadesk.domain.errors import InputError
from itadesk.ui.numbers import read_score

from .conftest import type_text


def test_read_score_refuses_a_comma_and_says_what_to_type():
    with pytest.raises(InputError) as e:
        read_score("96,54")
    assert "96.54" in str(e.value) and "จุด (.)" in str(e.value)
    with pytest.raises(InputError) as e:
        read_score("๙๖,๕๔")                        # Thai digits: the example is given back in both
    assert "96.54" in str(e.value) and "๙๖.๕๔" in str(e.value)
    assert read_score(" ๙๖.๕๔ ") == Decimal("96.54") and read_score("") is None


def _scores(window):
    window.set_year(2565)
    window.select_tab("scores")
    return window.scoresTab


def test_score_cell_refuses_comma_and_gives_the_text_back(qtbot, office, window, services):
    tab = _scores(window)
    view = tab.indicatorTable
    index = view.model().index(0, view.model().COL_SCORE)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    type_text(qtbot, editor, "96,54")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(view.indexWidget(index), QLineEdit) and view.indexWidget(index) is not editor)
    assert view.indexWidget(index).text() == "96,54"                 # nothing typed is lost
    assert services.year_scores(2565).indicators.get(1) is None       # nothing guessed is stored
    assert tab.messageLabel.isVisible() and "96.54" in tab.messageLabel.text()
    again = view.indexWidget(index)
    again.setText("96.54")
    qtbot.keyClick(again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.year_scores(2565).indicators.get(1) == Decimal("96.54"))


def test_published_total_refuses_comma_and_keeps_it(qtbot, office, window, services):
    tab = _scores(window)
    edit = tab.publishedTotalEdit
    edit.setFocus()
    type_text(qtbot, edit, "88,30")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert services.year_scores(2565).published_total is None
    assert edit.text() == "88,30" and "88.30" in tab.messageLabel.text()


def test_rules_box_refuses_comma_instead_of_reading_96(qtbot, office, window):
    window.set_year(2565)
    spin = window.analysisTab.rulesPanel.keepBarSpin
    before = spin.value()
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "96,54")
    assert "จุด (.)" in spin.last_refusal
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == before                                     # not 96, not 9654
    qtbot.keyClick(spin, Qt.Key.Key_Backspace)                        # takes back the comma
    qtbot.keyClicks(spin, ".54")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert spin.value() == pytest.approx(96.54)
