"""The memo preview can be proof-read: fit width, whole page, zoom, pages, a large window."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from itadesk.ui import documents_bridge

from .conftest import SEED001

pytestmark = pytest.mark.skipif(not documents_bridge.available(), reason="memo engine not installed")

A4_WIDTH_PT = 595.28
BODY_PT = 16          # the official body size (cabinet resolution 2553)


def _page_width_px(view) -> int:
    """Width of the paper on screen: the widest run of white pixels in a row of the top margin."""
    img = view.viewport().grab().toImage()
    y = view.documentMargins().top() + 8       # inside the paper's top margin: no text there
    best = run = 0
    for x in range(img.width()):
        c = img.pixelColor(x, y)
        if c.red() > 240 and c.green() > 240 and c.blue() > 240:
            run += 1
            best = max(best, run)
        else:
            run = 0
    return best


@pytest.fixture
def previewed(qtbot, office, window, services):
    for year in (2564, 2565):
        services.set_indicator_scores(year, {n: Decimal(v) for n, v in SEED001[year].items()})
    window.resize(1366, 768)
    window.set_year(2565)
    window.select_tab("memos")
    tab = window.memosTab
    with qtbot.waitSignal(tab.preview_ready, timeout=30000):
        tab.create_memo("analysis_report")
    qtbot.wait(50)
    return tab


def test_fit_width_body_text_is_readable_at_1366(qtbot, previewed):
    p = previewed.preview
    assert p.fitWidthButton.isChecked()
    body_px = BODY_PT * p.pixels_per_point()
    assert body_px >= 14, f"16-pt body text is {body_px:.1f} px high at fit-width"
    # the same from the pixels on screen: the paper's width in the grab
    paper = _page_width_px(p.view)
    assert paper >= 14 / BODY_PT * A4_WIDTH_PT, paper


def test_zoom_pages_and_window(qtbot, previewed):
    p = previewed.preview
    assert p.pages() >= 2 and p.pageLabel.text() == f"หน้า 1/{p.pages()}"
    base = p.zoom()
    qtbot.mouseClick(p.zoomInButton, Qt.MouseButton.LeftButton)
    assert p.zoom() == pytest.approx(base * 1.25, rel=0.02)
    qtbot.mouseClick(p.zoomOutButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(p.zoomOutButton, Qt.MouseButton.LeftButton)
    assert p.zoom() < base
    qtbot.mouseClick(p.fitPageButton, Qt.MouseButton.LeftButton)
    assert p.fitPageButton.isChecked() and not p.fitWidthButton.isChecked()
    qtbot.mouseClick(p.nextButton, Qt.MouseButton.LeftButton)
    assert p.page() == 1 and p.pageLabel.text().startswith("หน้า 2/")
    qtbot.mouseClick(p.prevButton, Qt.MouseButton.LeftButton)
    assert p.page() == 0 and not p.prevButton.isEnabled()
    # the whole tab for the preview, then back
    qtbot.mouseClick(previewed.focusButton, Qt.MouseButton.LeftButton)
    assert not previewed.editor.isVisible()
    qtbot.mouseClick(p.fitWidthButton, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert BODY_PT * p.pixels_per_point() >= 20
    qtbot.mouseClick(previewed.focusButton, Qt.MouseButton.LeftButton)
    assert previewed.editor.isVisible()
    # a large window of its own, on the same pages
    qtbot.mouseClick(p.windowButton, Qt.MouseButton.LeftButton)
    w = previewed.previewWindow
    assert w.isVisible() and w.preview.pages() == p.pages()
    w.close()
