"""Printing a rendered memo PDF on the system printer at true size.

The printed page is the product (it is signed by hand), so it is printed 1:1: A4, 100 %,
the page's top-left corner on the paper's top-left corner (QPrinter *full-page* mode, page
layout A4 portrait with zero margins) — never scaled to the printer's printable area, which
made 16 pt text come out at ~15.3 pt and the 3 cm margin at ~33 mm.  A printer whose paper is
not A4 is reported in Thai before anything is printed; the page still prints at 100 %.

Qt cannot draw a PDF's vector content onto a printer (QtPdf only rasterises), so each page is
rendered at 300 dpi (enough for 16 pt Thai), composited on white (QtPdf's background is
transparent) and sent as 8-bit greyscale: 8.7 MB per A4 page instead of ~35 MB of colour.
A landscape attachment page is turned a quarter onto the portrait sheet, as any office
printer does with a landscape page.  The work runs on a worker thread with a cancellable
progress dialog, so the window stays responsive while a 20-page report spools.
"""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QThread, Signal

PRINT_DPI = 300
A4_MM = (210.0, 297.0)

PAPER_NOT_A4 = ("กระดาษของเครื่องพิมพ์ตั้งไว้เป็น {paper} ไม่ใช่ A4 บันทึกข้อความจะพิมพ์ขนาดจริง 100 % "
                "ตามแบบ A4 แต่ตำแหน่งบนกระดาษอาจเลื่อนหรือขอบล่างอาจถูกตัด "
                "ควรเปลี่ยนขนาดกระดาษเป็น A4 ในหน้าต่างพิมพ์ ต้องการพิมพ์ต่อหรือไม่")
PRINTING = "กำลังพิมพ์บันทึกข้อความ หน้า {page} จาก {pages}"
PREPARING = "กำลังเตรียมหน้าสำหรับพิมพ์"
CANCEL = "ยกเลิก"
PRINT_FAILED = ("พิมพ์ไม่สำเร็จ: เครื่องพิมพ์ไม่พร้อมหรือถูกยกเลิก บันทึกข้อความยังอยู่ครบ "
                "ลองตรวจเครื่องพิมพ์แล้วสั่งพิมพ์ใหม่ หรือส่งออกเป็น PDF แล้วพิมพ์จากไฟล์")
PRINT_CANCELLED = "ยกเลิกการพิมพ์แล้ว หน้าที่ส่งไปยังเครื่องพิมพ์ก่อนยกเลิกอาจยังพิมพ์ออกมา"


class PrintCancelled(Exception):
    """The clerk cancelled; pages already spooled may still come out."""


def prepare_printer(printer) -> str | None:
    """Ask for A4 portrait, zero margins, full-page mode; None when the paper is A4, else the
    Thai warning to show (the printer kept another paper size, e.g. Letter)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    printer.setFullPage(True)          # after the layout: setting a layout can turn it off again
    return paper_warning(printer)


def paper_warning(printer) -> str | None:
    """The Thai warning when the printer's paper (as chosen in the print dialog) is not A4."""
    from PySide6.QtGui import QPageSize

    size = printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter)
    w, h = sorted((size.width(), size.height()))
    if abs(w - A4_MM[0]) <= 1 and abs(h - A4_MM[1]) <= 1:
        return None
    name = printer.pageLayout().pageSize().name() or f"{w:.0f} × {h:.0f} มม."
    return PAPER_NOT_A4.format(paper=name)


def _page_image(doc, i: int):
    """Page ``i`` at PRINT_DPI, on white, 8-bit grey; landscape pages turned to portrait."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QImage, QPainter, QTransform

    pts = doc.pagePointSize(i)                      # page size in points (1/72 in)
    w_px = round(pts.width() / 72 * PRINT_DPI)
    h_px = round(pts.height() / 72 * PRINT_DPI)
    img = doc.render(i, QSize(w_px, h_px))
    if img.isNull():
        raise RuntimeError(f"render page {i}")
    img = img.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    p = QPainter(img)                               # white behind the page, in place
    p.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationOver)
    p.fillRect(img.rect(), QColor("white"))
    p.end()
    page = img.convertToFormat(QImage.Format.Format_Grayscale8)
    del img
    if pts.width() > pts.height():
        page = page.transformed(QTransform().rotate(90))
        pts = type(pts)(pts.height(), pts.width())
    return page, pts


def print_pdf(printer, data: bytes, progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> int:
    """Print every page of ``data`` (PDF bytes) on ``printer`` at true size; returns the page
    count.  ``progress(done, total)`` after each page; ``cancelled()`` is asked before each
    page and stops the run (PrintCancelled).  Safe on a worker thread (QPainter on a QPrinter
    is thread-safe as long as the printer is not used elsewhere meanwhile)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument

    printer.setFullPage(True)          # device (0, 0) = the sheet's corner, whatever the paper
    doc = QPdfDocument()
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    n = doc.pageCount()
    if n <= 0:
        doc.close()
        buf.close()
        raise RuntimeError("empty document")
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        buf.close()
        raise RuntimeError("printer")
    dpi = printer.resolution()
    try:
        for i in range(n):
            if cancelled is not None and cancelled():
                printer.abort()
                raise PrintCancelled()
            if i:
                printer.newPage()
            page, pts = _page_image(doc, i)
            # 1:1 — the page's size in device pixels at the printer's resolution, from the
            # paper's corner (full-page mode: device (0, 0) is the corner of the sheet)
            target = QRectF(0, 0, pts.width() / 72 * dpi, pts.height() / 72 * dpi)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, page)
            del page
            if progress is not None:
                progress(i + 1, n)
    finally:
        painter.end()
        doc.close()
        buf.close()
    return n


class PrintThread(QThread):
    """Runs :func:`print_pdf` off the window's thread; ``cancel()`` stops before the next page."""

    progress = Signal(int, int)
    done = Signal(int)              # pages printed
    failed = Signal(str)            # Thai message
    cancelled_run = Signal()

    def __init__(self, printer, data: bytes, parent=None):
        super().__init__(parent)
        self.printer, self.data = printer, data
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def stop_and_wait(self) -> None:
        self._stop.set()
        self.wait(60_000)

    def run(self) -> None:
        import logging

        try:
            n = print_pdf(self.printer, self.data, progress=self.progress.emit, cancelled=self._stop.is_set)
        except PrintCancelled:
            self.cancelled_run.emit()
        except Exception:  # reported to the clerk in Thai; the details go to the log
            logging.getLogger(__name__).exception("printing failed")
            self.failed.emit(PRINT_FAILED)
        else:
            self.done.emit(n)


def print_memo(parent, data: bytes, title: str, on_printed: Callable[[], None] | None = None,
               *, printer=None, dialog: bool = True) -> PrintThread | None:
    """The print dialog (A4 asked for), a warning when the paper is not A4, then the printing
    on a worker thread with a cancellable progress dialog.  Returns the running thread, or
    None when the clerk cancelled before printing."""
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QApplication, QProgressDialog

    from .dialogs.messages import ask, show_error, show_info

    if printer is None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer)
    if dialog:
        dlg = QPrintDialog(printer, parent)
        dlg.setWindowTitle(title)
        if not dlg.exec():
            return None
    printer.setFullPage(True)          # the dialog may have changed the layout: keep 1:1
    warning = paper_warning(printer)
    if warning and not ask(parent, warning, title, yes="พิมพ์ต่อ", no=CANCEL):
        return None

    thread = PrintThread(printer, data, parent)
    box = QProgressDialog(PREPARING, CANCEL, 0, 0, parent)
    box.setWindowTitle(title)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setMinimumDuration(300)
    box.canceled.connect(thread.cancel)

    def step(i: int, n: int) -> None:
        box.setMaximum(n)
        box.setValue(i)
        box.setLabelText(PRINTING.format(page=min(i + 1, n), pages=n))

    def finish() -> None:
        box.reset()
        box.deleteLater()

    def ok(_n: int) -> None:
        finish()
        if on_printed is not None:
            on_printed()

    def failed(msg: str) -> None:
        finish()
        show_error(parent, msg, title)

    def stopped() -> None:
        finish()
        show_info(parent, PRINT_CANCELLED, title)

    thread.progress.connect(step)
    thread.done.connect(ok)
    thread.failed.connect(failed)
    thread.cancelled_run.connect(stopped)
    thread.finished.connect(thread.deleteLater)     # QThread.finished: run() has returned
    app = QApplication.instance()
    if app is not None:                # quitting mid-run: stop after the current page, then wait
        app.aboutToQuit.connect(thread.stop_and_wait)
    thread.start()
    return thread
