"""The วิเคราะห์ tab: the year's indicators against last year, their categories under visible
rules, the drafted paragraph of each (edited ones are never overwritten without asking), the
chosen suggestions, and the summary paragraph for the memo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from ...domain.analysis import (draft_paragraph, mark_edited, merge_notes, note_for, redraft,
                                default_suggestions_for, summary_paragraph)
from ...domain.errors import ItaDeskError
from ...domain.scoring import compute
from ...store.services import Services
from .. import texts
from ..dialogs.messages import ask, show_error
from ..models.analysis_context import AnalysisContext, YearAnalysis
from ..models.analysis_table_model import AnalysisTableModel
from ..widgets.note_editor import NoteEditor
from ..widgets.rules_panel import RulesPanel


class AnalysisTab(QWidget):
    """Controller of the analysis of the selected fiscal year; notes go through Services."""

    status_message = Signal(str)

    def __init__(self, services: Services, context: AnalysisContext | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.context = context or AnalysisContext(services, parent=self)
        self.year: int | None = None
        self.result: YearAnalysis | None = None
        self.notes: dict[int, dict] = {}
        self.model = AnalysisTableModel(self)
        self._build()
        self.context.rules_changed.connect(self.reload)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.headerLabel = QLabel("")
        self.headerLabel.setObjectName("analysisHeader")
        self.headerLabel.setWordWrap(True)
        self.draftButton = QPushButton(texts.A_DRAFT)
        self.draftButton.setObjectName("draftButton")
        self.draftButton.clicked.connect(self.draft_all)
        top = QHBoxLayout()
        top.addWidget(self.headerLabel, 1)
        top.addWidget(self.draftButton)

        self.rulesPanel = RulesPanel()
        self.rulesPanel.setObjectName("rulesPanel")
        self.rulesPanel.changed.connect(lambda ch: self.context.set_rules(**ch))
        self.rulesPanel.save_requested.connect(self._save_rules)

        self.messageLabel = QLabel("")
        self.messageLabel.setProperty("role", "error")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.hide()

        self.table = QTableView()
        self.table.setObjectName("analysisTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # The reason is read in full: it wraps, and its row grows to the lines it needs.
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setMinimumSectionSize(int(self.fontMetrics().height() * 1.35))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hh = self.table.horizontalHeader()
        for c in range(self.model.columnCount()):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(AnalysisTableModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(AnalysisTableModel.COL_CATEGORY, QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(AnalysisTableModel.COL_INDICATOR, QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)

        self.noteEditor = NoteEditor()
        self.noteEditor.text_edited.connect(self._on_text_edited)
        self.noteEditor.suggestions_changed.connect(self._on_suggestions_changed)

        sumBox = QGroupBox(texts.A_SUMMARY)
        sl = QHBoxLayout(sumBox)
        sl.setContentsMargins(6, 2, 6, 4)
        self.summaryEdit = QPlainTextEdit()
        self.summaryEdit.setObjectName("summaryEdit")
        self.summaryEdit.setReadOnly(True)
        self.summaryEdit.setMinimumHeight(int(self.fontMetrics().height() * 2.6 + 12))
        self.copyButton = QPushButton(texts.A_COPY)
        self.copyButton.clicked.connect(self.copy_summary)
        sl.addWidget(self.summaryEdit, 1)
        sl.addWidget(self.copyButton, 0, Qt.AlignmentFlag.AlignTop)

        # Table, paragraph (with its suggestions) and summary: the clerk drags the borders.
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.noteEditor)
        split.addWidget(sumBox)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 5)
        split.setStretchFactor(2, 1)
        split.setChildrenCollapsible(False)
        self.splitter = split

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.rulesPanel)
        lay.addWidget(self.messageLabel)
        lay.addWidget(split, 1)

    # ------------------------------------------------------------ data
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def showEvent(self, e) -> None:
        super().showEvent(e)
        if not getattr(self, "_sized", False):     # first show: room for the paragraph to be read
            self._sized = True
            h = max(self.splitter.height(), 300)
            summary = self.summaryEdit.minimumHeight() + self.fontMetrics().height() + 16
            table = int((h - summary) * 0.46)
            self.splitter.setSizes([table, h - summary - table, summary])

    def _office_name(self) -> str:
        return self.services.profile().name

    def _thai(self) -> bool:
        return self.services.profile().thai_digits

    def reload(self) -> None:
        if self.year is None or not self.services.has_office():
            return
        y = self.year
        self.noteEditor.flush()
        cur = self.model.analysis_at(self.table.currentIndex().row())
        keep_number = cur.number if cur else None
        self.rulesPanel.show_rules(self.context.rules, self.context.pass_mark(y))
        self.headerLabel.setText(texts.A_HEADER.format(year=y, prev=y - 1, next=y + 1))
        try:
            self.result = self.context.analyse(y)
        except ItaDeskError as e:
            self.result = None
            self.model.set_analysis(y, [], {})
            self._message(texts.A_NO_FRAMEWORK.format(year=y, msg=e))
            self.noteEditor.show_note(None)
            self.summaryEdit.setPlainText("")
            return
        self.notes = {n["indicator"]: n for n in self.services.analysis_notes(y)}
        self.model.set_analysis(y, self.result.analyses, self.notes)
        self._fit_category_column()
        has_scores = bool(self.result.scores)
        self._message(None if has_scores else texts.A_NO_SCORES.format(year=y))
        self.draftButton.setEnabled(has_scores)
        self._update_summary()
        row = self.model.row_of(keep_number) if keep_number is not None else -1
        if row < 0:
            row = next((r for r, a in enumerate(self.result.analyses) if a.needs_action), 0)
        if has_scores:
            self.table.selectRow(row)
            self._show_row(row)
        else:
            self.noteEditor.show_note(None)

    def _fit_category_column(self) -> None:
        """Long indicator and category names take two lines, so the reason beside them has the width
        (item views wrap Thai even where no word break is known: WrapAtWordBoundaryOrAnywhere)."""
        fm = self.table.fontMetrics()
        for col, share in ((AnalysisTableModel.COL_CATEGORY, 0.55), (AnalysisTableModel.COL_INDICATOR, 0.62)):
            labels = [self.model.data(self.model.index(r, col)) or "" for r in range(self.model.rowCount())]
            widest = max([fm.horizontalAdvance(t) for t in labels] + [0])
            head = fm.horizontalAdvance(str(self.model.headerData(col, Qt.Orientation.Horizontal)))
            self.table.setColumnWidth(col, max(head + 24, int(widest * share) + 16))

    def _message(self, text: str | None) -> None:
        self.messageLabel.setText(text or "")
        self.messageLabel.setVisible(bool(text))

    def _update_summary(self) -> None:
        r = self.result
        if r is None or not r.scores:
            self.summaryEdit.setPlainText("")
            return
        cur = compute(r.framework, r.scores)
        prev = compute(r.framework, r.prev_scores) if r.prev_scores else None
        pub = self.services.year_scores(self.year)
        text = summary_paragraph(self._office_name(), self.year, cur.total or pub.published_total,
                                 cur.level or pub.published_level,
                                 prev.total if prev else None, prev.level if prev else None,
                                 thai=self._thai())
        self.summaryEdit.setPlainText(text)

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summaryEdit.toPlainText())
        self.status_message.emit(texts.A_COPIED)

    # ------------------------------------------------------------ drafting
    def _suggestions_for(self, a) -> list[str]:
        note = self.notes.get(a.number)
        if note and note.get("suggestions") and a.needs_action:
            return list(note["suggestions"])
        return default_suggestions_for(self.result.framework, a, self.context.library, self.context.rules)

    def draft_all(self) -> int:
        """Draft every scored indicator; ask once per hand-edited paragraph before replacing it."""
        if self.result is None:
            return 0
        self.noteEditor.flush()
        office, thai = self._office_name(), self._thai()
        drafted = [note_for(office, a, self._suggestions_for(a), thai=thai)
                   for a in self.result.analyses if a.category]
        notes, questions = merge_notes(list(self.notes.values()), drafted)
        kept = 0
        by_ind = {n["indicator"]: n for n in notes}
        fresh = {d["indicator"]: d for d in drafted}
        for q in questions:
            ind = int(q.note["indicator"])
            if ask(self, q.message, texts.A_REDRAFT_Q_TITLE):
                d = fresh[ind]
                by_ind[ind] = redraft(q.note, d["text"], force=True, category=d["category"],
                                      suggestions=d["suggestions"]).note
            else:
                # The clerk's text stays; the category follows the rules in force.
                by_ind[ind] = {**q.note, "category": fresh[ind]["category"]}
                kept += 1
        saved = self.services.save_analysis_notes(self.year, by_ind.values())
        self.context.notes_changed.emit(self.year)
        self.reload()
        msg = texts.A_DRAFTED.format(n=len(drafted))
        if kept:
            msg += " · " + texts.A_KEPT_EDITED.format(n=kept)
        self.status_message.emit(msg)
        return len(saved)

    # ------------------------------------------------------------ one indicator
    def current_analysis(self):
        return self.model.analysis_at(self.table.currentIndex().row())

    def _on_row_changed(self, current, _previous) -> None:
        self._show_row(current.row())

    def _show_row(self, row: int) -> None:
        a = self.model.analysis_at(row)
        if a is None or a.category is None or self.result is None:
            self.noteEditor.show_note(None)
            return
        note = self.notes.get(a.number, {})
        lib = [s.text for s in self.context.library.suggestions(self.result.framework, a.number, a.weak_items)]
        chosen = list(note.get("suggestions") or []) if note else self._suggestions_for(a)
        cat = self.model.phrases.category_label(a.category)
        self.noteEditor.show_note(a.number, texts.A_PARAGRAPH.format(n=a.number, name=a.name),
                                  f"{cat}: {a.reason}", note.get("text", ""), lib, chosen)

    def _analysis_of(self, number: int):
        return next((a for a in self.result.analyses if a.number == number), None) if self.result else None

    def _on_text_edited(self, text: str) -> None:
        n = self.noteEditor.number
        a = self._analysis_of(n) if n is not None else None
        if a is None:
            return
        base = self.notes.get(n) or {"indicator": n, "category": a.category, "text": "", "suggestions": []}
        note = mark_edited(base, text)
        if note == base:
            return
        self._save_note(note)

    def _on_suggestions_changed(self, chosen: list[str]) -> None:
        n = self.noteEditor.number
        a = self._analysis_of(n) if n is not None else None
        if a is None:
            return
        text = draft_paragraph(self._office_name(), a, chosen, thai=self._thai())
        base = self.notes.get(n) or {"indicator": n}
        r = redraft(base, text, category=a.category, suggestions=chosen)
        if r.ask:
            if ask(self, r.message, texts.A_REDRAFT_Q_TITLE):
                r = redraft(base, text, force=True, category=a.category, suggestions=chosen)
            else:
                self._save_note({**base, "suggestions": chosen})   # keep the typed text
                return
        self._save_note(r.note)
        self.noteEditor.set_text(r.note["text"])

    def _save_note(self, note: dict) -> None:
        try:
            saved = self.services.save_analysis_note(self.year, note)
        except ItaDeskError as e:
            show_error(self, str(e))
            return
        self.notes[saved["indicator"]] = saved
        self.model.set_note(saved)
        self.context.notes_changed.emit(self.year)
        self.status_message.emit(texts.STATUS_SAVED)

    def _save_rules(self) -> None:
        try:
            office = self.context.save_rules()
        except ItaDeskError as e:
            show_error(self, f"บันทึกกฎไม่ได้: {e}")
            return
        self.status_message.emit(texts.A_RULES_SAVED.format(office=office))

    def flush(self) -> None:
        """Save what is typed (the editing contract; called on every switch and on close)."""
        self.noteEditor.flush()
        self.rulesPanel.flush()

    def pending(self) -> bool:
        return self.noteEditor.pending()

    def shutdown(self) -> None:
        self.flush()
