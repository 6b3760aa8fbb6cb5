"""Scores typed in คะแนน are what วิเคราะห์ and มาตรการ work from at once (no year switch)."""

from PySide6.QtCore import Qt

from itadesk.ui.models.score_table_model import IndicatorTableModel as SM

from .conftest import SEED001, type_into


def test_draft_after_typing_scores_without_switching_year(qtbot, office, window, services):
    window.set_year(2565)
    window.select_tab("scores")
    st = window.scoresTab
    for col, year in ((SM.COL_SCORE, 2565), (SM.COL_PREV, 2564)):
        for n, v in SEED001[year].items():
            type_into(qtbot, st.indicatorTable, st.indicators.row_of(n), col, v)
    window.select_tab("analysis")
    qtbot.mouseClick(window.analysisTab.draftButton, Qt.MouseButton.LeftButton)
    assert len(services.analysis_notes(2565)) == 10
    window.select_tab("measures")
    qtbot.mouseClick(window.measuresTab.proposeButton, Qt.MouseButton.LeftButton)
    assert services.measures(2566)
