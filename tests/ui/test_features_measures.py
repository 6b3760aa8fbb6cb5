"""The measures tab: a measure added by hand and deleted, through its buttons."""

from __future__ import annotations

from decimal import Decimal

import pytest

from itadesk.ui import texts

from .conftest import SEED001, type_text
from .modal import Modal, button, click_button


@pytest.fixture
def tab(office, services, window):
    for y in (2564, 2565):
        services.set_indicator_scores(y, {n: Decimal(v) for n, v in SEED001[y].items()})
    window.set_year(2565)
    window.select_tab("measures")
    return window.measuresTab


def test_add_a_measure_by_hand_then_delete_it(tab, services, qtbot):
    assert services.measures(2566) == []
    button(tab, texts.MS_ADD).click()
    (m,) = services.measures(2566)                    # for the year after the scores' year
    assert m.title == texts.MS_NEW_TITLE and m.status == "planned"
    assert tab.current_measure().id == m.id
    ed = tab.editor
    assert ed.titleEdit.textCursor().selectedText() == texts.MS_NEW_TITLE   # ready to type over
    ed.titleEdit.selectAll()
    type_text(qtbot, ed.titleEdit, "จัดทำคู่มือการปฏิบัติงาน")
    ed.titleEdit.flush()
    assert services.measures(2566)[0].title == "จัดทำคู่มือการปฏิบัติงาน"

    asked = []
    with Modal(lambda box: (asked.append(box.text()), click_button(box, texts.NO))):
        button(tab, texts.MS_DELETE).click()
    assert "จัดทำคู่มือการปฏิบัติงาน" in asked[0] and len(services.measures(2566)) == 1
    with Modal(lambda box: click_button(box, texts.YES)):
        button(tab, texts.MS_DELETE).click()
    assert services.measures(2566) == [] and tab.model.rowCount() == 0
