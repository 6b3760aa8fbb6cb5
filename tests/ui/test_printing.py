"""Printing at true size: every memo page reaches Qt's PDF printer on A4, drawn 1:1.

The scale and margins are measured from the output, not from the code's numbers: both the
memo PDF and the printed PDF are rasterised by poppler (pdftoppm) and the bounding boxes of
their ink are compared — within 0.5 % in size and 1 mm at every edge.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QImage, QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter

from itadesk.documents import render_memo_bytes
from itadesk.ui.printing import PrintThread, paper_warning, prepare_printer, print_pdf

DPI = 150                       # 1 px = 0.17 mm
MM_PER_PX = 25.4 / DPI

needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed")


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def memo():
    d = json.loads((ROOT / "examples" / "seed000_wiang_results_2565.json").read_text(encoding="utf-8"))
    data, info = render_memo_bytes(d)
    return data, info.pages


def _pdf_printer(out: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def _ink_boxes(pdf: Path, tmp: Path) -> list[tuple[tuple[float, float], tuple[float, float, float, float]]]:
    """Per page: (page size mm, ink bbox mm (left, top, right, bottom)) from poppler's rendering."""
    from PIL import Image

    prefix = tmp / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(prefix)], check=True, timeout=120)
    out = []
    for png in sorted(tmp.glob(f"{pdf.stem}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        im = Image.open(png)
        bb = im.point(lambda v: 255 if v < 128 else 0).getbbox()
        assert bb is not None, f"{png.name}: no ink"
        out.append(((im.width * MM_PER_PX, im.height * MM_PER_PX), tuple(v * MM_PER_PX for v in bb)))
    return out


def _turned(size, box):
    """A landscape page's ink box after a quarter turn clockwise onto the portrait sheet."""
    (_w, h), (x0, y0, x1, y1) = size, box
    return (h - y1, x0, h - y0, x1)


def _assert_true_size(memo_boxes, printed_boxes, paper_mm=(210.0, 297.0)):
    assert len(printed_boxes) == len(memo_boxes)
    for n, ((msize, mbox), (psize, pbox)) in enumerate(zip(memo_boxes, printed_boxes), 1):
        assert abs(psize[0] - paper_mm[0]) < 1 and abs(psize[1] - paper_mm[1]) < 1, f"page {n}: {psize}"
        want = _turned(msize, mbox) if msize[0] > msize[1] else mbox
        for edge, (a, b) in zip(("left", "top", "right", "bottom"), zip(want, pbox)):
            assert abs(a - b) <= 1.0, f"page {n}: {edge} edge of the ink at {b:.2f} mm, memo {a:.2f} mm"
        for k in (0, 1):           # scale: ink width and height within 0.5 %
            w_memo, w_print = want[k + 2] - want[k], pbox[k + 2] - pbox[k]
            assert abs(w_print / w_memo - 1) <= 0.005, f"page {n}: scale {w_print / w_memo:.4f}"


@needs_poppler
def test_printed_page_is_the_memo_at_true_size(qapp, tmp_path, memo):
    data, pages = memo
    (tmp_path / "memo.pdf").write_bytes(data)
    out = tmp_path / "printed.pdf"
    printer = _pdf_printer(out)
    # a driver's default: Letter with 4.2 mm margins — the memo must still come out A4, 1:1
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter), QPageLayout.Orientation.Portrait,
                                      QMarginsF(4.2, 4.2, 4.2, 4.2), QPageLayout.Unit.Millimeter))
    assert prepare_printer(printer) is None          # A4 was taken: no warning
    seen = []
    assert print_pdf(printer, data, progress=lambda i, n: seen.append((i, n))) == pages
    assert seen == [(i, pages) for i in range(1, pages + 1)]
    _assert_true_size(_ink_boxes(tmp_path / "memo.pdf", tmp_path), _ink_boxes(out, tmp_path))


@needs_poppler
def test_letter_paper_is_warned_about_and_still_printed_at_100_percent(qapp, tmp_path, memo):
    data, pages = memo
    (tmp_path / "memo.pdf").write_bytes(data)
    out = tmp_path / "letter.pdf"
    printer = _pdf_printer(out)
    prepare_printer(printer)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))    # the clerk chose Letter in the dialog
    msg = paper_warning(printer)
    assert msg is not None and "Letter" in msg and "A4" in msg and "100" in msg
    print_pdf(printer, data)
    memo_boxes = _ink_boxes(tmp_path / "memo.pdf", tmp_path)
    printed = _ink_boxes(out, tmp_path)
    # page 1 is portrait: same left/top corner of the ink in mm, same size (nothing shrunk to fit)
    (_ms, mbox), (psize, pbox) = memo_boxes[0], printed[0]
    assert abs(psize[0] - 215.9) < 1 and abs(psize[1] - 279.4) < 1
    assert abs(mbox[0] - pbox[0]) <= 1 and abs(mbox[1] - pbox[1]) <= 1
    assert abs((pbox[2] - pbox[0]) / (mbox[2] - mbox[0]) - 1) <= 0.005


def test_pages_go_out_as_300_dpi_greyscale(qapp, memo):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    from itadesk.ui.printing import _page_image

    data, _pages = memo
    doc, buf = QPdfDocument(), QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    img, pts = _page_image(doc, 0)
    assert img.format() == QImage.Format.Format_Grayscale8
    assert abs(img.width() - 2480) <= 2 and abs(img.height() - 3508) <= 2       # A4 at 300 dpi
    assert img.sizeInBytes() < 10 * 1024 * 1024
    assert img.pixelColor(5, 5).value() == 255                                # white, not transparent
    doc.close()


def test_printing_runs_off_the_window_thread_and_can_be_cancelled(qapp, qtbot, tmp_path, memo):
    data, pages = memo
    printer = _pdf_printer(tmp_path / "t.pdf")
    prepare_printer(printer)
    t = PrintThread(printer, data)
    with qtbot.waitSignal(t.done, timeout=60_000) as got:
        t.start()
    assert got.args == [pages]
    t.wait()

    printer = _pdf_printer(tmp_path / "c.pdf")
    prepare_printer(printer)
    t = PrintThread(printer, data)
    t.progress.connect(lambda i, n: t.cancel() if i == 1 else None)
    with qtbot.waitSignal(t.cancelled_run, timeout=60_000):
        t.start()
    t.wait()


def test_print_memo_warns_about_letter_and_prints_in_the_background(qapp, qtbot, tmp_path, memo, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from itadesk.ui import printing
    from itadesk.ui.dialogs import messages

    data, pages = memo
    parent = QWidget()
    qtbot.addWidget(parent)
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask", lambda _p, text, *a, **k: asked.append(text) or False)

    class LetterDialog:          # the print dialog where the clerk picks Letter
        def __init__(self, printer, _parent):
            self.printer = printer

        def setWindowTitle(self, _t):
            pass

        def exec(self):
            self.printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
            return True

    import PySide6.QtPrintSupport as qps

    monkeypatch.setattr(qps, "QPrintDialog", LetterDialog)
    out = tmp_path / "never.pdf"
    assert printing.print_memo(parent, data, "พิมพ์", printer=_pdf_printer(out)) is None
    assert len(asked) == 1 and "Letter" in asked[0] and not out.exists()

    done: list[bool] = []
    out = tmp_path / "a4.pdf"
    t = printing.print_memo(parent, data, "พิมพ์", lambda: done.append(True), printer=_pdf_printer(out),
                            dialog=False)
    assert t is not None
    qtbot.waitUntil(lambda: done == [True], timeout=60_000)
    from shiboken6 import isValid

    qtbot.waitUntil(lambda: not isValid(t), timeout=10_000)    # the finished thread deletes itself
    assert len(asked) == 1 and out.stat().st_size > 0
