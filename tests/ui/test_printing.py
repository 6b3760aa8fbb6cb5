"""Printing: every memo page reaches the printer, A4, on white, landscape pages turned."""

import json

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from itadesk.documents import render_memo_bytes
from itadesk.ui.printing import print_pdf


def test_print_memo_to_a_pdf_printer(qapp, tmp_path, root):
    from pypdf import PdfReader

    d = json.loads((root / "examples" / "seed000_wiang_results_2565.json").read_text(encoding="utf-8"))
    data, info = render_memo_bytes(d)
    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    seen = []
    assert print_pdf(printer, data, progress=lambda i, n: seen.append((i, n))) == info.pages
    assert seen[-1] == (info.pages, info.pages)
    r = PdfReader(str(out))
    assert len(r.pages) == info.pages
    for page in r.pages:   # every sheet A4 portrait, the landscape table pages turned onto it
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(w), round(h)) == (595, 842)

    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(out))
    img = doc.render(2, QSize(300, 424))     # the landscape results table, printed
    dark = sum(1 for x in range(0, 300, 3) for y in range(0, 424, 3) if img.pixelColor(x, y).value() < 128)
    assert dark > 50
    doc.close()
