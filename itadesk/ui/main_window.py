"""The main window: menus, fiscal-year selector, the four tabs, status bar, remembered geometry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QAbstractSpinBox, QComboBox, QFileDialog, QInputDialog, QLabel,
                               QLineEdit, QMainWindow, QPlainTextEdit, QTabWidget, QTextEdit, QToolBar, QVBoxLayout,
                               QWidget)

from ..domain.errors import ItaDeskError
from ..domain.thai_format import fiscal_year_of
from ..paths import examples_dir
from ..store.concurrency import ConcurrentEditError
from ..store.services import Services
from . import texts
from .dialogs.messages import ask, show_error
from .models.analysis_context import AnalysisContext
from .tabs.analysis_tab import AnalysisTab
from .tabs.measures_tab import MeasuresTab
from .tabs.memos_tab import MemosTab
from .tabs.scores_tab import ScoresTab

TAB_KEYS = ("scores", "analysis", "measures", "memos")
ACT_CHOOSE_DB = "เลือกฐานข้อมูล…"
ACT_DISTRICT = "เปรียบเทียบหลายหน่วยงาน…"


def _stamp(memo) -> str:
    """The memo's version when it was printed: any later edit makes it differ."""
    return str(memo.version)


def _lock(w, what: str, get, set_, on: bool, locked) -> None:
    """Set ``what`` of ``w`` to ``locked`` (remembering the widget's own value), or back."""
    key = "_itadesk_before_read_only_" + what
    if on:
        if not hasattr(w, key):
            setattr(w, key, get())
        set_(locked)
    elif hasattr(w, key):
        set_(getattr(w, key))
        delattr(w, key)


class MainWindow(QMainWindow):
    """Owns the tabs, the menus and the undo stack; data goes through the injected Services."""

    year_changed = Signal(int)

    def __init__(self, services: Services, settings: QSettings, db_label: str = "", parent=None):
        super().__init__(parent)
        self.services = services
        self.settings = settings
        self.db_label = db_label
        self.undo_stack = QUndoStack(self)
        self.year: int | None = None
        self.persist_settings = True
        self.setWindowTitle(texts.APP_TITLE)
        self.setMinimumSize(900, 560)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.scoresTab = ScoresTab(services, self.undo_stack)
        self.analysisContext = AnalysisContext(services, parent=self)
        self.analysisTab = AnalysisTab(services, self.analysisContext)
        self.measuresTab = MeasuresTab(services, self.analysisContext)
        self.memosTab = MemosTab(services)
        for w, label in ((self.scoresTab, texts.TAB_SCORES), (self.analysisTab, texts.TAB_ANALYSIS),
                         (self.measuresTab, texts.TAB_MEASURES), (self.memosTab, texts.TAB_MEMOS)):
            self.tabs.addTab(w, label)
            if hasattr(w, "status_message"):
                w.status_message.connect(self.show_status)
        self.memosTab.exported.connect(self._memo_delivered)
        self.memosTab.printed.connect(self._memo_delivered)
        # a database that cannot be written: said above the tabs for as long as it is open
        self.readOnlyBanner = QLabel(texts.READ_ONLY_BANNER)
        self.readOnlyBanner.setObjectName("readOnlyBanner")
        self.readOnlyBanner.setWordWrap(True)
        self.readOnlyBanner.setStyleSheet("QLabel#readOnlyBanner { background: #fff3cd; color: #5c4400; "
                                          "border: 1px solid #e0c36a; padding: 6px; }")
        self.readOnlyBanner.hide()
        self.read_only = False
        central = QWidget()
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.readOnlyBanner)
        box.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.tabs.currentChanged.connect(lambda _i: self.flush_tabs())   # typed text saved on tab switch
        self.tabs.currentChanged.connect(lambda _i: self._steps_timer.start())
        # a tab may build editors as rows are shown: they are locked too on a read-only database
        self.tabs.currentChanged.connect(lambda _i: self.read_only and self.set_read_only(True))
        # Scores typed in คะแนน change what วิเคราะห์ and มาตรการ work from: they re-read the
        # year when next shown (else "ร่างบทวิเคราะห์" would draft from the scores before).
        self._scores_dirty = False
        for m in (self.scoresTab.indicators, self.scoresTab.items):
            m.scores_changed.connect(self._on_scores_typed)
        self.tabs.currentChanged.connect(self._refresh_if_scores_changed)

        self._build_toolbar()
        self._build_menus()
        self.dbLabel = QLabel(texts.STATUS_DB.format(path=db_label))
        self.statusBar().addPermanentWidget(self.dbLabel)
        self.statusBar().showMessage(texts.STATUS_READY)
        self._restore_settings()

    # ------------------------------------------------------------ building
    def _build_toolbar(self) -> None:
        tb = QToolBar()
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.addWidget(QLabel(texts.YEAR_LABEL + " "))
        self.yearCombo = QComboBox()
        self.yearCombo.setObjectName("yearCombo")
        self.yearCombo.setMinimumContentsLength(6)
        self.yearCombo.currentIndexChanged.connect(self._on_yearCombo_changed)
        tb.addWidget(self.yearCombo)
        from .widgets.steps_bar import StepsBar

        self.stepsBar = StepsBar()                 # the year's work, step by step (fits at 1366)
        self.stepsBar.step_clicked.connect(self.go_to_step)
        tb.addWidget(self.stepsBar)
        self._steps_timer = QTimer(self)
        self._steps_timer.setSingleShot(True)
        self._steps_timer.setInterval(400)
        self._steps_timer.timeout.connect(self.refresh_steps)
        self.officeLabel = QLabel("")
        self.officeLabel.setObjectName("officeLabel")
        tb.addWidget(self.officeLabel)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)

    def _act(self, menu, text: str, slot, shortcut=None) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.triggered.connect(slot)
        menu.addAction(a)
        return a

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(texts.MENU_FILE)
        self.actOpenExample = self._act(m, texts.ACT_OPEN_EXAMPLE, self.open_example)
        self.actImportDossier = self._act(m, texts.ACT_IMPORT_DOSSIER, self.import_dossier_dialog,
                                          QKeySequence.StandardKey.Open)
        self._act(m, texts.ACT_EXPORT_DOSSIER, self.export_dossier_dialog, "Ctrl+Shift+S")
        m.addSeparator()
        self.actImportScores = self._act(m, texts.ACT_IMPORT_SCORES, self.scoresTab.import_scores_dialog, "Ctrl+I")
        m.addSeparator()
        self.actProfile = self._act(m, texts.ACT_PROFILE, self.edit_profile)
        self._act(m, texts.ACT_SWITCH_OFFICE, self.switch_office)
        self._act(m, texts.ACT_BACKUP, self.backup_now)
        self.actRestore = self._act(m, texts.ACT_RESTORE, self.restore_dialog)
        self.actChooseDb = self._act(m, ACT_CHOOSE_DB, self.choose_database_dialog)
        m.addSeparator()
        self._act(m, texts.ACT_QUIT, self.close, "Ctrl+Q")

        m = mb.addMenu(texts.MENU_EDIT)
        self.actUndo = self.undo_stack.createUndoAction(self, texts.ACT_UNDO)
        self.actUndo.setShortcut(QKeySequence("Ctrl+Z"))
        self.actRedo = self.undo_stack.createRedoAction(self, texts.ACT_REDO)
        self.actRedo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        m.addAction(self.actUndo)
        m.addAction(self.actRedo)

        m = mb.addMenu(texts.MENU_REPORT)
        self.actNewMemo = self._act(m, texts.ACT_NEW_MEMO, self._new_memo, "Ctrl+N")
        self.actPrint = self._act(m, texts.ACT_PRINT, self._print, "Ctrl+P")
        self.actExportPdf = self._act(m, texts.ACT_EXPORT_PDF, self._export_pdf, "Ctrl+E")
        m.addSeparator()
        self.actCheck = self._act(m, texts.ACT_CHECK, self.check_office, "F7")
        self.actDistrict = self._act(m, ACT_DISTRICT, self.open_district_window)

        m = mb.addMenu(texts.MENU_HELP)
        self._act(m, texts.ACT_ABOUT, self.about, "F1")
        self._act(m, texts.ACT_LOGS, self._open_logs)

    # ------------------------------------------------------------ read-only databases
    def set_read_only(self, on: bool) -> None:
        """A database that cannot be written (a read-only file or folder): nothing can be typed,
        since text typed there could not be saved and would be lost when the window closes.
        Every text field, number box and table cell of every tab becomes read-only (search
        boxes stay), the menu items that change data are disabled, and a banner says why.
        Viewing, checking, previewing, printing and exporting stay.  ``False`` undoes it (a
        writable database was chosen)."""
        self.read_only = on
        self.readOnlyBanner.setVisible(on)
        for tab in self.edit_tabs():
            for w in tab.findChildren(QWidget):
                if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
                    if w.property("entry") == "filter":
                        continue
                    _lock(w, "readOnly", w.isReadOnly, w.setReadOnly, on, True)
                elif isinstance(w, QAbstractItemView):
                    _lock(w, "editTriggers", w.editTriggers, w.setEditTriggers, on,
                          QAbstractItemView.EditTrigger.NoEditTriggers)
        for a in self.writing_actions():
            a.setEnabled(not on)

    def writing_actions(self) -> list[QAction]:
        """The menu items that change the database (disabled while it is read-only)."""
        return [self.actOpenExample, self.actImportDossier, self.actImportScores, self.actProfile,
                self.actRestore, self.actNewMemo, self.actUndo, self.actRedo]

    # ------------------------------------------------------------ settings
    def _restore_settings(self) -> None:
        geo = self.settings.value("window/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
            self._clamp_to_screen()
        else:
            self.resize(1366, 768)
        tab = self.settings.value("window/tab", "scores")
        if tab in TAB_KEYS:
            self.tabs.setCurrentIndex(TAB_KEYS.index(tab))

    def _clamp_to_screen(self) -> None:
        screen = self.screen()
        if screen is None:
            return
        avail = screen.availableGeometry()
        g = self.frameGeometry()
        if not avail.intersects(g):
            self.move(avail.topLeft())
        if g.width() > avail.width() or g.height() > avail.height():
            self.resize(min(g.width(), avail.width()), min(g.height(), avail.height()))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", TAB_KEYS[self.tabs.currentIndex()])
        if self.year is not None:
            self.settings.setValue("data/year", self.year)
        if self.services.has_office():
            self.settings.setValue("data/office", self.services.office_id)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        from . import workers

        if self.persist_settings:
            self.save_settings()
        self.flush_tabs()
        for t in self.edit_tabs():
            t.shutdown()
        workers.cancel(self)            # renders under way report to nobody
        super().closeEvent(event)

    def edit_tabs(self) -> tuple:
        return (self.scoresTab, self.analysisTab, self.measuresTab, self.memosTab)

    def flush_tabs(self) -> None:
        """Save what is being typed in every tab (the editing contract: on a tab, year, office
        or database switch and on close)."""
        for t in self.edit_tabs():
            t.flush()

    def pending_edits(self) -> bool:
        return any(t.pending() for t in self.edit_tabs())

    # ------------------------------------------------------------ data
    def select_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TAB_KEYS.index(key))

    def load(self, year: int | None = None) -> None:
        """(Re)read everything for the current office; call after the office changes."""
        self.flush_tabs()
        if not self.services.has_office():
            self.officeLabel.setText("")
            return
        p = self.services.profile()
        self.setWindowTitle(texts.WINDOW_TITLE.format(office=p.name))
        self.officeLabel.setText(p.name)
        from ..domain.frameworks import available_years

        have = self.services.years()
        this_year = fiscal_year_of(dt.date.today())
        years = sorted(set(available_years()) | set(have) | {this_year})
        if year is None:
            saved = self.settings.value("data/year")
            # a new office starts on the last year whose results it has in hand (the year just
            # ended, and one the program has a framework for), not on the year that began today
            fws = available_years()
            start = min(this_year - 1, max(fws)) if fws else this_year
            year = int(saved) if saved is not None and int(saved) in years else (max(have) if have else start)
        self.yearCombo.blockSignals(True)
        self.yearCombo.clear()
        for y in years:
            self.yearCombo.addItem(str(y) + (" •" if y in have else ""), y)
        self.yearCombo.setCurrentIndex(self.yearCombo.findData(year) if year in years else len(years) - 1)
        self.yearCombo.blockSignals(False)
        self.undo_stack.clear()
        self.analysisContext.reload_rules()     # each office keeps its own analysis rules
        self.set_year(self.yearCombo.currentData())

    def set_year(self, year: int) -> None:
        self.flush_tabs()                       # typed text belongs to the year it was typed in
        self.year = year
        i = self.yearCombo.findData(year)
        if i >= 0 and i != self.yearCombo.currentIndex():
            self.yearCombo.blockSignals(True)
            self.yearCombo.setCurrentIndex(i)
            self.yearCombo.blockSignals(False)
        for t in (self.scoresTab, self.analysisTab, self.measuresTab, self.memosTab):
            t.set_year(year)
        if self.read_only:
            self.set_read_only(True)            # editors the tabs built for this year
        self.year_changed.emit(year)
        self.refresh_steps()

    def _on_yearCombo_changed(self, _i: int) -> None:
        y = self.yearCombo.currentData()
        if y is not None and y != self.year:
            self.set_year(int(y))

    def show_status(self, msg: str) -> None:
        self.statusBar().showMessage(msg, 10000)
        self._steps_timer.start()               # something was saved: the steps may have moved

    def _on_scores_typed(self) -> None:
        self._scores_dirty = True

    def _refresh_if_scores_changed(self, _i: int = -1) -> None:
        w = self.tabs.currentWidget()
        if self._scores_dirty and w in (self.analysisTab, self.measuresTab, self.memosTab):
            self._scores_dirty = False
            self.analysisTab.reload()
            self.measuresTab.reload()

    def refresh_steps(self) -> None:
        from . import documents_bridge as docs
        from .models.year_steps import memo_error_counter, year_steps

        if self.year is None or not self.services.has_office():
            return
        d = self.services.dossier()
        memos = {m.key: m for m in self.services.memos(None)}

        def delivered(key: str) -> bool:     # printed/exported after its last change
            m = memos.get(key)
            return m is not None and self.settings.value(self._delivered_key(key)) == _stamp(m)

        self.stepsBar.set_steps(year_steps(d, self.year, memo_year_offset=docs.form_year_offset,
                                           memo_problems=memo_error_counter(d), delivered=delivered))

    def _delivered_key(self, memo_key: str) -> str:
        return f"delivered/{self.services.office_id}/{memo_key}"

    def _memo_delivered(self, *_a) -> None:
        """The memo on screen was printed or exported: the last step is done for it."""
        memo = self.memosTab.editor.memo
        if memo is not None:
            fresh = self.services.memo(memo.id)
            self.settings.setValue(self._delivered_key(fresh.key), _stamp(fresh))
        self._steps_timer.start()

    def go_to_step(self, key: str) -> None:
        if key == "print":
            self.select_tab("memos")
            self.memosTab.exportButton.setFocus()
        else:
            self.select_tab(key)

    def pending_work(self) -> int:
        return self.memosTab.pending_work()

    # ------------------------------------------------------------ file menu
    def open_example(self) -> None:
        d = examples_dir()
        files = sorted(d.glob("*.json")) if d else []
        if not files:
            show_error(self, texts.NO_EXAMPLES)
            return
        path = files[0]
        if len(files) > 1:
            dlg = QInputDialog(self)
            dlg.setWindowTitle(texts.ACT_OPEN_EXAMPLE.rstrip("…"))
            dlg.setLabelText(texts.PICK_EXAMPLE)
            dlg.setComboBoxItems([f.stem for f in files])
            dlg.setOkButtonText(texts.OK)
            dlg.setCancelButtonText(texts.CANCEL)
            if not dlg.exec():
                return
            path = d / f"{dlg.textValue()}.json"
        self.import_dossier(path)

    def import_dossier(self, path: Path | str) -> bool:
        from ..store.dossier import load_dossier_file

        self.flush_tabs()
        try:
            o = load_dossier_file(path)["office"]
            name = o["name"]
            replace = False
            if self.services.office_exists(name, o.get("amphoe", ""), o.get("province", "")):
                if not ask(self, texts.REPLACE_Q.format(name=name)):
                    return False
                replace = True
            name = self.services.import_dossier_file(path, replace_existing=replace)
        except ItaDeskError as e:
            show_error(self, str(e))
            return False
        self.settings.remove("data/year")
        self.load()
        self.show_status(texts.IMPORTED_DOSSIER.format(name=name))
        return True

    def import_dossier_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, texts.ACT_IMPORT_DOSSIER, "", texts.FILTER_DOSSIER)
        if path:
            self.import_dossier(path)

    def export_dossier_dialog(self) -> None:
        if not self.services.has_office():
            return
        name = self.services.profile().name
        from ..domain.filenames import dated_filename

        start = str(Path(self.settings.value("paths/export", str(Path.home()))) / dated_filename(name, "json"))
        path, _ = QFileDialog.getSaveFileName(self, texts.ACT_EXPORT_DOSSIER, start, texts.FILTER_DOSSIER)
        if not path:
            return
        try:
            self.services.export_dossier(path)
        except (OSError, ItaDeskError) as e:
            from ..faults import explain

            show_error(self, explain(e) or str(e))
            return
        self.settings.setValue("paths/export", str(Path(path).parent))
        self.show_status(texts.EXPORTED_DOSSIER.format(path=path))

    def edit_profile(self, first_run: bool = False) -> bool:
        from .dialogs.profile_wizard import ProfileWizard

        self.flush_tabs()
        base = self.services.profile() if self.services.has_office() and not first_run else None
        wiz = ProfileWizard(base, self, first_run=first_run)
        while True:
            if not wiz.exec():
                if wiz.wants_example:
                    self.open_example()
                return False
            try:
                self._save_profile(wiz.profile(), base)
                break
            except ItaDeskError as e:
                show_error(self, str(e))
        self.load(self.year)
        self.show_status(texts.STATUS_SAVED)
        return True

    def _save_profile(self, profile, base) -> None:
        """Save the wizard's profile; if another clerk saved it meanwhile, let the clerk choose."""
        from .dialogs.conflict_dialog import MINE, ConflictDialog

        while True:
            try:
                self.services.save_profile(profile, base=base)
                return
            except ConcurrentEditError as e:
                dlg = ConflictDialog(e, self)
                dlg.exec()
                if dlg.choice != MINE:
                    return                        # keep theirs: load() shows it
                base = self.services.profile()    # the same typed profile, over the fresh one

    def switch_office(self) -> None:
        offices = self.services.offices()
        if len(offices) < 2:
            return
        dlg = QInputDialog(self)
        dlg.setWindowTitle(texts.ACT_SWITCH_OFFICE.rstrip("…"))
        dlg.setLabelText(texts.ACT_SWITCH_OFFICE.rstrip("…"))
        dlg.setComboBoxItems([n for _, n in offices])
        dlg.setOkButtonText(texts.OK)
        dlg.setCancelButtonText(texts.CANCEL)
        if dlg.exec():
            oid = dict((n, i) for i, n in offices)[dlg.textValue()]
            self.flush_tabs()
            self.services.select_office(oid)
            self.load()

    def backup_now(self) -> None:
        try:
            path = self.services.backup_now()
        except ItaDeskError as e:
            show_error(self, str(e))
            return
        self.show_status(texts.BACKUP_DONE.format(path=path))

    def restore_dialog(self) -> None:
        from .dialogs.restore_dialog import RestoreDialog
        from .database_switch import restore_backup

        if self.services.db.sqlite_path is None:
            show_error(self, texts.RESTORE_ONLY_SQLITE, texts.ACT_RESTORE)
            return
        dlg = RestoreDialog(self)
        if dlg.exec() and dlg.chosen() is not None:
            if ask(self, texts.RESTORE_CONFIRM.format(name=dlg.chosen().name), texts.ACT_RESTORE):
                restore_backup(self, dlg.chosen())

    # ------------------------------------------------------------ database (several clerks, district)
    def choose_database_dialog(self) -> None:
        from .dialogs.db_settings_dialog import DbSettingsDialog

        db = self.services.db
        dlg = DbSettingsDialog(db.url, self, source_sqlite=db.sqlite_path)
        if dlg.exec():
            self.switch_database(dlg.url(), dlg.remember_password())

    def switch_database(self, url: str, remember_password: bool = False) -> bool:
        """Re-open every tab's services on another database; remember it for the next start."""
        from .database_switch import switch_database

        return switch_database(self, url, remember_password)

    def open_district_window(self) -> None:
        from .district_window import DistrictWindow, StoreDistrictSource

        w = DistrictWindow(StoreDistrictSource(self.services.db), self.year, self)
        w.setWindowFlag(Qt.WindowType.Window, True)
        w.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.districtWindow = w
        w.show()

    # ------------------------------------------------------------ report / help
    def _new_memo(self) -> None:
        self.select_tab("memos")
        self.memosTab.new_memo_dialog()

    def _print(self) -> None:
        self.select_tab("memos")
        self.memosTab.print_memo()

    def _export_pdf(self) -> None:
        self.select_tab("memos")
        self.memosTab.export_pdf_dialog()

    def check_office(self) -> None:
        """Report menu: every consistency finding of the office's data (domain.checks)."""
        from .dialogs.check_dialog import show_findings

        if not self.services.has_office():
            return
        self.flush_tabs()
        show_findings(self, self.services.dossier())

    def about(self) -> None:
        from ..paths import logs_dir
        from .about_dialog import show_about

        show_about(self, extra=f"ฐานข้อมูล: {self.db_label}\nบันทึกการทำงาน: {logs_dir()}")

    def _open_logs(self) -> None:
        from ..paths import logs_dir

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(logs_dir())))

    def first_run_if_needed(self) -> None:
        """At first start (no office in the database) open the profile wizard."""
        if not self.services.has_office():
            QTimer.singleShot(0, lambda: self.edit_profile(first_run=True))
