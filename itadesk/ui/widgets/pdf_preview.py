"""A page preview a clerk can proof-read: fit width / fit page / zoom, page by page, and a
button that opens the same pages in a window of their own (as large as the screen allows).

It shows a ``QPdfDocument`` it is given (the memos tab owns the document and reloads it);
several previews can show one document.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

T_FIT_WIDTH = "พอดีความกว้าง"
T_FIT_PAGE = "ทั้งหน้า"
T_ZOOM_IN = "ขยาย"
T_ZOOM_OUT = "ย่อ"
T_PREV = "หน้าก่อน"
T_NEXT = "หน้าถัดไป"
T_PAGE = "หน้า {page}/{pages}"
T_WINDOW = "เปิดหน้าต่างใหญ่"
T_WINDOW_TITLE = "ตัวอย่างก่อนพิมพ์"
ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 6.0


class PdfPreview(QWidget):
    """Toolbar (fit width, whole page, zoom −/+, page −/+, large window) over a QPdfView."""

    enlarge_requested = Signal()

    def __init__(self, document: QPdfDocument, parent=None, with_window_button: bool = True):
        super().__init__(parent)
        self.document: QPdfDocument | None = document
        document.destroyed.connect(self._document_gone)
        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setDocument(document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(8)

        def tool(text: str, tip: str, slot) -> QToolButton:
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            return b

        self.fitWidthButton = tool(T_FIT_WIDTH, "ให้หน้ากระดาษกว้างเต็มช่อง อ่านตัวหนังสือได้ชัด", self.fit_width)
        self.fitPageButton = tool(T_FIT_PAGE, "เห็นทั้งหน้าในช่องเดียว", self.fit_page)
        self.zoomOutButton = tool("−", T_ZOOM_OUT + " (Ctrl+−)", self.zoom_out)
        self.zoomInButton = tool("+", T_ZOOM_IN + " (Ctrl++)", self.zoom_in)
        self.zoomLabel = QLabel("")
        self.prevButton = tool("◀", T_PREV + " (Page Up)", lambda: self.go_to(self.page() - 1))
        self.nextButton = tool("▶", T_NEXT + " (Page Down)", lambda: self.go_to(self.page() + 1))
        self.pageLabel = QLabel("")
        for b in (self.fitWidthButton, self.fitPageButton):
            b.setCheckable(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.fitWidthButton, self.fitPageButton, self.zoomOutButton, self.zoomLabel,
                  self.zoomInButton):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.prevButton, self.pageLabel, self.nextButton):
            bar.addWidget(w)
        self.windowButton = None
        if with_window_button:
            self.windowButton = tool(T_WINDOW, "อ่านตัวอย่างในหน้าต่างแยกขนาดใหญ่", self.enlarge_requested.emit)
            bar.addWidget(self.windowButton)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        for keys, slot in (("Ctrl++", self.zoom_in), ("Ctrl+=", self.zoom_in), ("Ctrl+-", self.zoom_out),
                           ("PgUp", lambda: self.go_to(self.page() - 1)),
                           ("PgDown", lambda: self.go_to(self.page() + 1))):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.view.pageNavigator().currentPageChanged.connect(self._update_labels)
        self.view.zoomModeChanged.connect(self._update_labels)
        self.view.zoomFactorChanged.connect(self._update_labels)
        document.pageCountChanged.connect(self._update_labels)
        document.statusChanged.connect(self._update_labels)
        self._update_labels()

    # ------------------------------------------------------------ zoom
    def _document_gone(self, *_a) -> None:
        self.document = None

    def pages(self) -> int:
        doc = self.document
        return doc.pageCount() if doc is not None and shiboken6.isValid(doc) else 0

    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def pixels_per_point(self) -> float:
        """Screen pixels per PDF point at the current zoom (what the clerk's eyes get)."""
        dpi = self.view.logicalDpiX() / 72.0
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.Custom or self.pages() == 0:
            return self.view.zoomFactor() * dpi
        size = self.document.pagePointSize(max(self.page(), 0))
        m = self.view.documentMargins()
        avail_w = self.view.viewport().width() - m.left() - m.right()
        zoom = avail_w / (size.width() * dpi) if size.width() else 1.0
        if mode == QPdfView.ZoomMode.FitInView:
            avail_h = self.view.viewport().height() - m.top() - m.bottom()
            zoom = min(zoom, avail_h / (size.height() * dpi) if size.height() else zoom)
        return zoom * dpi

    def zoom(self) -> float:
        return self.pixels_per_point() / (self.view.logicalDpiX() / 72.0)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_labels()

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self._update_labels()

    def set_zoom(self, factor: float) -> None:
        factor = max(ZOOM_MIN, min(ZOOM_MAX, factor))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        self._update_labels()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    # ------------------------------------------------------------ pages
    def go_to(self, page: int) -> None:
        if self.pages() == 0:
            return
        page = max(0, min(self.pages() - 1, page))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())
        self._update_labels()

    def _update_labels(self, *_a) -> None:
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.view):
            return
        n = self.pages()
        p = min(max(self.page(), 0), max(n - 1, 0))
        self.pageLabel.setText(T_PAGE.format(page=p + 1, pages=n) if n else "")
        self.prevButton.setEnabled(n > 0 and p > 0)
        self.nextButton.setEnabled(n > 0 and p < n - 1)
        mode = self.view.zoomMode()
        self.fitWidthButton.setChecked(mode == QPdfView.ZoomMode.FitToWidth)
        self.fitPageButton.setChecked(mode == QPdfView.ZoomMode.FitInView)
        self.zoomLabel.setText(f"{round(self.zoom() * 100)}%" if n else "")

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._update_labels()


class PreviewWindow(QWidget):
    """The same pages in a window of their own, opened large, for proof-reading."""

    def __init__(self, document: QPdfDocument, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(T_WINDOW_TITLE)
        self.preview = PdfPreview(document, self, with_window_button=False)
        QVBoxLayout(self).addWidget(self.preview)
        screen = (parent.screen() if parent is not None else None)
        if screen is not None:
            g = screen.availableGeometry()
            self.resize(int(g.width() * 0.6), int(g.height() * 0.95))
        else:
            self.resize(900, 740)
