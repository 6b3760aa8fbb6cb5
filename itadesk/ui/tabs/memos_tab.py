"""The บันทึกข้อความ tab: the year's memos, the editor of one, a live page preview, print and export."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QTimer, Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QListView, QProgressBar,
                               QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from ...domain.errors import ItaDeskError
from ...store.concurrency import ConcurrentEditError
from ...store.services import Services
from .. import documents_bridge as docs
from .. import texts, workers
from ..dialogs.messages import ask, show_error
from ..models.memo_list_model import MemoListModel
from ..widgets.memo_editor import MemoEditor

log = logging.getLogger(__name__)


def default_pdf_name(memo) -> str:
    """The name offered when a memo is exported: its subject's start and its พ.ศ. date."""
    from ...domain.filenames import dated_filename, safe_filename

    title = safe_filename(" ".join((memo.subject or "").split()) or texts.TAB_MEMOS, max_chars=60)
    return dated_filename(title, "pdf", memo.date)


class MemosTab(QWidget):
    status_message = Signal(str)
    preview_ready = Signal(int)       # pages
    exported = Signal(str)            # path
    printed = Signal()

    def __init__(self, services: Services, parent=None):
        super().__init__(parent)
        self.services = services
        self.year: int | None = None
        self._jobs: set = set()
        self._render_gen = 0
        self._pdf_bytes: bytes | None = None
        self._stale = False
        self.conflictDialog = None
        self._held: dict = {}
        self.model = MemoListModel(self)
        self._build()

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.listTitle = QLabel("")
        self.memoList = QListView()
        self.memoList.setModel(self.model)
        self.memoList.setWordWrap(True)
        self.memoList.setSpacing(2)
        self.memoList.selectionModel().currentChanged.connect(self._on_current_changed)
        self.emptyLabel = QLabel(texts.MEMO_NONE)
        self.emptyLabel.setWordWrap(True)
        self.newButton = QPushButton(texts.MEMO_NEW)
        self.newButton.clicked.connect(self.new_memo_dialog)
        self.deleteButton = QPushButton(texts.MEMO_DELETE)
        self.deleteButton.clicked.connect(self.delete_current)
        left = QVBoxLayout()
        left.addWidget(self.listTitle)
        left.addWidget(self.memoList, 1)
        left.addWidget(self.emptyLabel)
        row = QHBoxLayout()
        row.addWidget(self.newButton)
        row.addWidget(self.deleteButton)
        left.addLayout(row)
        leftw = QWidget()
        leftw.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)

        self.editor = MemoEditor()
        self.editor.edited.connect(self._on_edited)
        self.editor.next_doc_no_requested.connect(self._suggest_doc_no)

        self.previewStack = QStackedWidget()
        self.previewLabel = QLabel(texts.M_PREVIEW_NA if not docs.available() else "")
        self.previewLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.previewLabel.setWordWrap(True)
        self.previewStack.addWidget(self.previewLabel)
        self.pdfView = None
        self.pdfDoc = None
        self.preview = None
        self.previewWindow = None
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumHeight(int(self.fontMetrics().height() * 0.8))
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.printButton = QPushButton(texts.M_PRINT)
        self.printButton.clicked.connect(self.print_memo)
        self.exportButton = QPushButton(texts.M_EXPORT)
        self.exportButton.clicked.connect(self.export_pdf_dialog)
        self.focusButton = QPushButton("อ่านตัวอย่างเต็มช่อง")
        self.focusButton.setObjectName("previewFocusButton")
        self.focusButton.setCheckable(True)
        self.focusButton.setToolTip("ซ่อนรายการและช่องแก้ไขชั่วคราว ให้ตัวอย่างกว้างเต็มแท็บ")
        self.focusButton.toggled.connect(self.set_preview_only)
        prow = QHBoxLayout()
        prow.addWidget(QLabel(texts.M_PREVIEW))
        prow.addStretch(1)
        prow.addWidget(self.focusButton)
        prow.addWidget(self.printButton)
        prow.addWidget(self.exportButton)
        right = QVBoxLayout()
        right.addLayout(prow)
        right.addWidget(self.progress)
        right.addWidget(self.previewStack, 1)
        rightw = QWidget()
        rightw.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(leftw)
        split.addWidget(self.editor)
        split.addWidget(rightw)
        split.setSizes([210, 500, 640])
        split.setChildrenCollapsible(False)
        self.splitter = split
        self._splitter_moved = False
        split.splitterMoved.connect(lambda *_a: setattr(self, "_splitter_moved", True))
        QVBoxLayout(self).addWidget(split)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(600)
        self._preview_timer.timeout.connect(self.refresh_preview)

    def _ensure_pdf_view(self) -> bool:
        if self.pdfView is not None:
            return True
        try:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView  # noqa: F401  (the preview needs it)
        except ImportError:
            return False
        from ..widgets.pdf_preview import PdfPreview

        self.pdfDoc = QPdfDocument(self)
        self.preview = PdfPreview(self.pdfDoc)
        self.preview.enlarge_requested.connect(self.open_preview_window)
        self.pdfView = self.preview.view
        self.previewStack.addWidget(self.preview)
        return True

    def open_preview_window(self) -> None:
        """The pages in a large window of their own (proof-reading without exporting)."""
        from ..widgets.pdf_preview import PreviewWindow

        if self.pdfDoc is None:
            return
        if self.previewWindow is None:
            self.previewWindow = PreviewWindow(self.pdfDoc, self)
        self.previewWindow.show()
        self.previewWindow.raise_()
        self.previewWindow.activateWindow()

    def set_preview_only(self, on: bool) -> None:
        """Give the whole tab to the preview (the list and the editor step aside) or not."""
        self.splitter.widget(0).setVisible(not on)
        self.splitter.widget(1).setVisible(not on)
        self.focusButton.setChecked(on)

    # ------------------------------------------------------------ data
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if self.year is None or not self.services.has_office():
            return
        self.editor.set_profile(self.services.profile())
        cur = self.current_memo_id()
        # The memos about this assessment year: the next year's measures plan included.
        memos = [m for m in self.services.memos(None)
                 if m.fiscal_year - docs.form_year_offset(m.form) == self.year]
        self.model.set_memos(memos)
        self.listTitle.setText(texts.MEMO_LIST.format(year=self.year))
        self.emptyLabel.setVisible(not memos)
        self.deleteButton.setEnabled(bool(memos))
        want = select_id if select_id is not None else cur
        row = self.model.row_of(want) if want is not None else -1
        if memos:
            self.memoList.setCurrentIndex(self.model.index(max(row, 0)))
        else:
            self.editor.show_memo(None)
            self._show_preview_message(texts.MEMO_NONE if docs.available() else texts.M_PREVIEW_NA)

    def current_memo_id(self) -> int | None:
        i = self.memoList.currentIndex()
        return self.model.memo_at(i.row()).id if i.isValid() else None

    def _on_current_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        self.editor.show_memo(self.model.memo_at(current.row()))
        self.refresh_preview()

    def _on_edited(self, changes: dict) -> None:
        memo = self.editor.memo
        if memo is None:
            return
        if self.conflictDialog is not None:      # held until the clerk answers the open question
            self._held.update(changes)
            return
        try:
            updated = self.services.update_memo(memo.id, base=memo, **changes)
        except ConcurrentEditError as e:
            self._on_conflict(e, memo, changes)
            return
        except ItaDeskError as e:
            show_error(self, str(e))
            return
        self._saved(updated)

    def _saved(self, updated) -> None:
        self.editor.memo = updated
        self.model.replace(updated)
        self.status_message.emit(texts.STATUS_SAVED)
        self._preview_timer.start()

    def _on_conflict(self, error: ConcurrentEditError, memo, changes: dict) -> None:
        """Another clerk saved these fields first.  The editor keeps what was typed (and the
        changes are held here) until the clerk chooses whose text to keep."""
        from ..dialogs.conflict_dialog import MINE, ask_conflict

        if self.conflictDialog is not None:      # one question at a time; the first one decides
            self._held.update(changes)
            return
        self._held = dict(changes)
        self.status_message.emit(str(error))

        def chosen(which: str) -> None:
            self.conflictDialog = None
            held, self._held = self._held, {}
            if which != MINE:     # theirs for the contested fields; later edits of others still saved
                held = {k: v for k, v in held.items() if k not in changes}
            try:
                fresh = self.services.memo(memo.id)
                if held:
                    fresh = self.services.update_memo(memo.id, base=fresh, **held)
            except ConcurrentEditError as e2:     # yet another save meanwhile: ask again
                self._on_conflict(e2, memo, held)
                return
            except ItaDeskError as e2:
                show_error(self, str(e2))
                self.reload()
                return
            self.model.replace(fresh)
            if self.editor.memo is not None and self.editor.memo.id == memo.id:
                self.editor.discard()
                self.editor.memo = None           # show the stored text without saving the typed one
                self.editor.show_memo(fresh)
            self.status_message.emit(texts.STATUS_SAVED)
            self._preview_timer.start()
        self.conflictDialog = ask_conflict(self, error, chosen)

    def _suggest_doc_no(self) -> None:
        if self.editor.memo is None:
            return
        self.editor.set_doc_no(self.services.next_doc_no(self.year))

    # ------------------------------------------------------------ new / delete
    def new_memo_dialog(self) -> None:
        forms = docs.forms()
        if not forms:
            show_error(self, texts.NO_FORMS)
            return
        from ..dialogs.new_memo_dialog import NewMemoDialog

        dossier = self.services.dossier()
        dlg = NewMemoDialog(forms, self.year, lambda k, y: docs.data_gaps(dossier, k, y), self)
        self.newMemoDialog = dlg
        try:
            if not dlg.exec():
                return
            self.create_memo(dlg.kind(), dlg.year())
        finally:
            self.newMemoDialog = None

    def _usual(self, kind: str) -> tuple[str | None, str | None]:
        """The author and ส่วนราชการ of the office's latest memo (of this form if there is one):
        a clerk writes most memos as the same person, from the same unit."""
        memos = sorted(self.services.memos(None), key=lambda m: m.id)
        same = [m for m in memos if m.form == kind] or memos
        last = same[-1] if same else None
        if last is None:
            return None, None
        author = (last.author or {}).get("person")
        keys = {p.key for p in self.services.profile().people}
        return (author if author in keys else None), (last.unit or None)

    def create_memo(self, kind: str, fiscal_year: int | None = None) -> int | None:
        year = fiscal_year if fiscal_year is not None else docs.memo_year_for(kind, self.year)
        try:
            author, unit = self._usual(kind)
            memo = docs.new_memo(self.services.dossier(), kind, year, author_key=author, unit=unit)
            if not memo.get("doc_no"):
                memo["doc_no"] = self.services.next_doc_no(self.year)
            info = self.services.add_memo(memo)
        except ItaDeskError as e:
            show_error(self, str(e))
            return None
        self.reload(select_id=info.id)
        self.status_message.emit(texts.STATUS_SAVED)
        return info.id

    def delete_current(self) -> None:
        memo = self.editor.memo
        if memo is None or not ask(self, texts.MEMO_DELETE_Q.format(subject=memo.subject[:80])):
            return
        self.services.delete_memo(memo.id)
        self.editor.memo = None
        self.reload()

    # ------------------------------------------------------------ preview / export / print
    def _show_preview_message(self, text: str) -> None:
        self.previewLabel.setText(text)
        self.previewStack.setCurrentWidget(self.previewLabel)

    def _render(self, on_done) -> bool:
        memo = self.editor.memo
        if memo is None or not docs.available():
            return False
        self.editor.flush()
        dossier = self.services.dossier()       # read on the GUI thread; the job gets plain data
        self.progress.show()
        jobs: list = []          # the job, once started: its callbacks come only after that

        def done(result):
            self._jobs.difference_update(jobs)
            self.progress.setVisible(bool(self._jobs))
            on_done(result)

        def failed(msg, details):
            self._jobs.difference_update(jobs)
            self.progress.setVisible(bool(self._jobs))
            if details:
                log.error("PDF rendering failed:\n%s", details)
            self._show_preview_message(msg or texts.ERROR_TITLE)
            if msg:
                self.status_message.emit(msg)

        # Callbacks go with the start: a fast job cannot report before they are connected.
        job = workers.start(docs.render_pdf, dossier, memo.key, on_done=done, on_fail=failed, owner=self)
        jobs.append(job)
        self._jobs.add(job)
        return True

    def fit_splitter(self) -> None:
        """Share the width: the preview wide enough for 16-pt body text of at least 14 screen
        pixels at fit-width, the editor its full width, the list what is left (until the
        clerk drags the splitter: then theirs)."""
        if self._splitter_moved or not self.splitter.widget(0).isVisible():
            return
        total = self.splitter.width() - 2 * self.splitter.handleWidth()
        scale = self.devicePixelRatioF() or 1.0
        preview = int(14 / 16 * 595.28 / scale) + 48          # page + view margins + scroll bar
        editor = self.editor.widget().minimumSizeHint().width() + self.editor.verticalScrollBar().sizeHint().width() + 4
        rest = total - preview - editor
        if rest < 150:                                         # narrow: the list and the preview give
            preview = max(preview - (150 - rest) // 2, 260)
            rest = max(total - preview - editor, 120)
        listw = min(rest, max(170, int(total * 0.16)))
        self.splitter.setSizes([listw, total - listw - preview, preview])

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self.fit_splitter()

    def showEvent(self, e) -> None:
        super().showEvent(e)
        self.fit_splitter()
        if self._stale:
            self.refresh_preview()

    def refresh_preview(self) -> None:
        # Rendering costs CPU: do it only while the tab is on screen (start-up stays fast).
        self._stale = not self.isVisible()
        if self._stale:
            return
        self._render_gen += 1
        gen = self._render_gen
        if self.editor.memo is not None and docs.available() and not self._jobs:
            self._show_preview_message(texts.M_PREVIEW_WAIT)
        elif self._jobs:  # one render at a time; come back when it is done
            self._preview_timer.start()
            return
        self._render(lambda result: self._show_pdf(result, gen))

    def _show_pdf(self, result, gen: int) -> None:
        if gen != self._render_gen:
            return
        data, pages = result
        self._pdf_bytes = data
        if not self._ensure_pdf_view():
            self._show_preview_message(texts.M_PREVIEW_NA)
            return
        buf = QBuffer(self)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        old = getattr(self, "_pdf_buffer", None)
        self.pdfDoc.load(buf)
        self._pdf_buffer = buf
        if old is not None:
            old.deleteLater()
        self.previewStack.setCurrentWidget(self.preview)
        self.preview_ready.emit(pages)

    def export_pdf_dialog(self) -> None:
        memo = self.editor.memo
        if memo is None:
            return
        from ..settings import app_settings

        settings = app_settings()
        start = Path(str(settings.value("paths/pdf", str(Path.home())))) / default_pdf_name(memo)
        path, _ = QFileDialog.getSaveFileName(self, texts.ACT_EXPORT_PDF, str(start), texts.FILTER_PDF)
        if path:
            settings.setValue("paths/pdf", str(Path(path).parent))
            self.export_pdf(path)

    def check_before_print(self) -> bool:
        """The consistency checker on this memo and the data it prints; True = go on."""
        from ..dialogs.check_dialog import confirm_print

        memo = self.editor.memo
        if memo is None:
            return False
        self.editor.flush()
        return confirm_print(self, self.services.dossier(), memo.key)

    def export_pdf(self, path: str | Path, check: bool = True) -> bool:
        path = Path(path)
        if check and not self.check_before_print():
            return False
        self.status_message.emit(texts.M_EXPORTING)

        def write(result) -> None:
            from ...domain.safety import WriteError, write_atomic

            data, _pages = result
            try:
                write_atomic(path, data)
            except WriteError as e:
                show_error(self, str(e))
                return
            except OSError as e:
                from ...faults import explain

                show_error(self, f"บันทึกไฟล์ {path.name} ไม่ได้: {explain(e) or e.strerror or e}")
                return
            self.status_message.emit(texts.M_EXPORTED.format(path=path))
            self.exported.emit(str(path))

        return self._render(write)

    def print_memo(self) -> None:
        if self.editor.memo is None or not self.check_before_print():
            return
        self._render(self._print_pdf)

    def _print_pdf(self, result) -> None:
        from ..printing import print_memo

        data, _pages = result      # A4 at 100 %, on a worker thread with a cancellable progress dialog

        def printed() -> None:
            self.status_message.emit(texts.M_PRINTED)
            self.printed.emit()

        self._print_job = print_memo(self, data, texts.ACT_PRINT.rstrip("…"), printed)

    def pending_work(self) -> int:
        return len(self._jobs) + (1 if self._preview_timer.isActive() else 0)

    def flush(self) -> None:
        """Save what is typed (the editing contract; called on every switch and on close)."""
        self.editor.flush()

    def pending(self) -> bool:
        return self.editor.pending()

    def shutdown(self) -> None:
        """Closing: save what is typed, stop the preview and drop the renders under way."""
        self.editor.flush()
        self._preview_timer.stop()
        workers.cancel(self)
        self._jobs.clear()
        self.progress.hide()
