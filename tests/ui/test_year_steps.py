"""The year's steps: states and reasons from the data, and a click that goes to the tab."""

import json
from decimal import Decimal

from PySide6.QtCore import Qt

from itadesk.ui.models.year_steps import DONE, TODO, WAIT, next_step, year_steps

from .conftest import SEED001


def _states(steps):
    return {s.key: s.state for s in steps}


def test_empty_office_starts_with_scores():
    steps = year_steps({"years": [], "measures": [], "memos": []}, 2565, indicator_count=lambda y: 10)
    assert _states(steps) == {"scores": TODO, "analysis": WAIT, "measures": WAIT, "memos": WAIT, "print": WAIT}
    assert next_step(steps).key == "scores" and "2565" in next_step(steps).reason


def test_partly_typed_scores_say_how_many():
    d = {"years": [{"fiscal_year": 2565, "indicators": {"1": "90", "2": "80", "3": "70"}}]}
    s = year_steps(d, 2565, indicator_count=lambda y: 10)[0]
    assert s.state == TODO and "3 จาก 10" in s.reason


def test_seed001_is_done_up_to_the_memo(examples_dir):
    d = json.loads((examples_dir / "seed001_nonthong_analysis_2565.json").read_text(encoding="utf-8"))
    steps = year_steps(d, 2565, indicator_count=lambda y: 10, memo_problems=lambda k: 0)
    assert _states(steps) == {"scores": DONE, "analysis": DONE, "measures": DONE, "memos": DONE, "print": DONE}
    assert "5" in steps[2].reason and "2566" in steps[2].reason          # five measures for 2566
    steps = year_steps(d, 2565, indicator_count=lambda y: 10, memo_problems=lambda k: 2)
    assert steps[-1].state == TODO and "1 ฉบับ" in steps[-1].reason
    # the 2566 window: nothing typed for 2566 yet
    assert year_steps(d, 2566, indicator_count=lambda y: 10)[0].state == TODO


def test_bar_in_window_moves_and_goes(qtbot, office, window, services):
    window.set_year(2565)
    bar = window.stepsBar
    assert bar.state("scores") == TODO and "ต่อไป: คะแนน" in bar.nextLabel.toolTip()
    for y in (2564, 2565):
        services.set_indicator_scores(y, {n: Decimal(v) for n, v in SEED001[y].items()})
    window.refresh_steps()
    assert bar.state("scores") == DONE and bar.state("analysis") == TODO
    window.select_tab("scores")
    qtbot.mouseClick(bar.buttons["analysis"], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.analysisTab
    qtbot.mouseClick(bar.buttons["print"], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.memosTab
    # at 1366 px the five steps are all on screen, none cut off
    window.resize(1366, 768)
    qtbot.wait(50)
    for b in bar.buttons.values():
        assert b.isVisible() and b.width() >= b.sizeHint().width()
        assert b.mapTo(window, b.rect().topRight()).x() <= window.width()


def test_print_step_waits_for_print_or_export(examples_dir):
    d = json.loads((examples_dir / "seed001_nonthong_analysis_2565.json").read_text(encoding="utf-8"))
    steps = year_steps(d, 2565, indicator_count=lambda y: 10, memo_problems=lambda k: 0,
                       delivered=lambda k: False)
    assert steps[-1].state == TODO and "ยังไม่ได้พิมพ์" in steps[-1].reason
    steps = year_steps(d, 2565, indicator_count=lambda y: 10, memo_problems=lambda k: 0,
                       delivered=lambda k: True)
    assert steps[-1].state == DONE
