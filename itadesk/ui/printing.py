"""Printing a rendered memo PDF on the system printer.

QtPdf rasterises each page (Qt cannot draw a PDF's vector content onto a printer), so pages
are rendered at 300 dpi (enough for 16 pt Thai; the printer's own 1200 dpi would need
~550 MB per A4 page), on white (QtPdf's background is transparent), keeping the aspect
ratio, and a landscape attachment page is turned a quarter so it fills the portrait sheet
the way a landscape page comes out of any office printer.
"""

from __future__ import annotations

PRINT_DPI = 300


def print_pdf(printer, data: bytes, progress=None) -> int:
    """Print every page of ``data`` (PDF bytes) on ``printer``; returns the page count."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
    from PySide6.QtGui import QColor, QImage, QPainter, QTransform
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        buf.close()
        raise RuntimeError("printer")
    n = doc.pageCount()
    try:
        for i in range(n):
            if i:
                printer.newPage()
            pts = doc.pagePointSize(i)                  # page size in points (1/72 in)
            landscape = pts.width() > pts.height()
            w_px = round(pts.width() / 72 * PRINT_DPI)
            h_px = round(pts.height() / 72 * PRINT_DPI)
            img = doc.render(i, QSize(w_px, h_px))
            page = QImage(img.size(), QImage.Format.Format_RGB32)
            page.fill(QColor("white"))
            p = QPainter(page)
            p.drawImage(0, 0, img)
            p.end()
            if landscape:
                page = page.transformed(QTransform().rotate(90))
            area = QRectF(painter.viewport())
            scale = min(area.width() / page.width(), area.height() / page.height())
            w, h = page.width() * scale, page.height() * scale
            target = QRectF(area.x() + (area.width() - w) / 2, area.y() + (area.height() - h) / 2, w, h)
            painter.drawImage(target, page)
            if progress is not None:
                progress(i + 1, n)
    finally:
        painter.end()
        doc.close()
        buf.close()
    return n
