"""The มาตรการ tab: the measures of fiscal year N+1 drawn from the analysis of year N (or the
measures of year N, to report on them), proposed from the weak indicators or added by hand,
each edited in place with its evidence files and its six-month and year-end reports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from ...domain.errors import ItaDeskError
from ...domain.measures import fiscal_year_period, period_problem, propose_measures
from ...store.concurrency import ConcurrentEditError
from ...store.services import EvidenceInfo, MeasureInfo, Services
from .. import texts
from ..dialogs.messages import ask, show_error
from ..models.analysis_context import AnalysisContext
from ..models.measure_list_model import MeasureListModel
from ..widgets.measure_editor import MeasureEditor


class MeasuresTab(QWidget):
    """Controller: the list of one fiscal year's measures and the editor of the selected one."""

    status_message = Signal(str)

    def __init__(self, services: Services, context: AnalysisContext | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        self.context = context or AnalysisContext(services, parent=self)
        self.year: int | None = None          # the analysis year selected in the window
        self.model = MeasureListModel(self)
        self._build()

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.yearCombo = QComboBox()
        self.yearCombo.setObjectName("measureYearCombo")
        self.yearCombo.currentIndexChanged.connect(lambda _i: self.reload())
        self.proposeButton = QPushButton(texts.MS_PROPOSE)
        self.proposeButton.setObjectName("proposeButton")
        self.proposeButton.clicked.connect(self.propose)
        self.addButton = QPushButton(texts.MS_ADD)
        self.addButton.clicked.connect(self.add_by_hand)
        self.deleteButton = QPushButton(texts.MS_DELETE)
        self.deleteButton.clicked.connect(self.delete_current)
        top = QHBoxLayout()
        top.addWidget(QLabel(texts.MS_SHOWING))
        top.addWidget(self.yearCombo)
        top.addStretch(1)
        top.addWidget(self.proposeButton)
        top.addWidget(self.addButton)
        top.addWidget(self.deleteButton)

        self.emptyLabel = QLabel("")
        self.emptyLabel.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("measureTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().hide()
        hh = self.table.horizontalHeader()
        for c in range(4):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(MeasureListModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        # Long Thai titles wrap: row heights follow the title column's width.
        hh.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.emptyLabel)

        self.editor = MeasureEditor()
        self.editor.edited.connect(self._on_edited)
        self.editor.report_edited.connect(self._on_report_edited)
        self.editor.evidence_add_requested.connect(self.add_evidence_dialog)
        self.editor.evidence_open_requested.connect(self.open_evidence)
        self.editor.evidence_remove_requested.connect(self.remove_evidence)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.editor)
        split.setSizes([430, 900])
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)

    # ------------------------------------------------------------ data
    def set_year(self, year: int) -> None:
        """``year`` is the analysed year N: show N+1's measures by default (N on request)."""
        self.year = year
        self.yearCombo.blockSignals(True)
        self.yearCombo.clear()
        self.yearCombo.addItem(texts.MS_YEAR_NEXT.format(next=year + 1, year=year), year + 1)
        self.yearCombo.addItem(texts.MS_YEAR_THIS.format(year=year), year)
        self.yearCombo.setCurrentIndex(0)
        self.yearCombo.blockSignals(False)
        self.reload()

    @property
    def measures_year(self) -> int | None:
        return self.yearCombo.currentData()

    def reload(self, select_id: int | None = None) -> None:
        fy = self.measures_year
        if fy is None or not self.services.has_office():
            return
        self.editor.flush()
        cur = self.current_measure()
        measures = self.services.measures(fy)
        self.model.set_measures(measures)
        self.emptyLabel.setText(texts.MS_NONE.format(year=fy, prev=fy - 1))
        self.emptyLabel.setVisible(not measures)
        self.deleteButton.setEnabled(bool(measures))
        want = select_id if select_id is not None else (cur.id if cur else None)
        row = max(self.model.row_of(want), 0)
        self.table.resizeRowsToContents()
        if measures:
            self.table.selectRow(row)
            self._show(self.model.measure_at(row))
        else:
            self._show(None)

    def current_measure(self) -> MeasureInfo | None:
        return self.model.measure_at(self.table.currentIndex().row())

    def _on_row_changed(self, current, _previous) -> None:
        self.editor.flush()
        self._show(self.model.measure_at(current.row()))

    def _show(self, m: MeasureInfo | None) -> None:
        units = self.services.profile().units if self.services.has_office() else ()
        self.editor.show_measure(m, tuple(units))

    # ------------------------------------------------------------ new / delete
    def propose(self) -> list[MeasureInfo]:
        """One measure per weak indicator of the previous year's analysis, with the
        suggestions chosen there as steps; indicators that already have a measure are skipped."""
        fy = self.measures_year
        try:
            ya = self.context.analyse(fy - 1)
        except ItaDeskError as e:
            show_error(self, str(e))
            return []
        existing = self.services.measures(fy)
        have = {i for m in existing for i in m.indicators}
        weak = [a for a in ya.analyses if a.needs_action]
        if not weak:
            show_error(self, texts.MS_PROPOSE_NONE.format(year=fy - 1), texts.INFO_TITLE)
            return []
        todo = [a for a in weak if a.number not in have]
        if len(todo) < len(weak):
            self.status_message.emit(texts.MS_PROPOSE_DUP.format(
                numbers=", ".join(str(a.number) for a in weak if a.number in have)))
        chosen = {n["indicator"]: n["suggestions"] for n in self.services.analysis_notes(fy - 1)
                  if n.get("suggestions")}
        proposed = propose_measures(ya.framework, todo, fy, self.services.profile().units,
                                    self.context.library, chosen=chosen, rules=self.context.rules,
                                    existing_keys=[m.key for m in existing])
        added = self.services.add_measures(proposed) if proposed else []
        self.reload(select_id=added[0].id if added else None)
        self.status_message.emit(texts.MS_PROPOSED.format(n=len(added)))
        return added

    def add_by_hand(self) -> MeasureInfo | None:
        fy = self.measures_year
        (m,) = self.services.add_measures([{
            "fiscal_year": fy, "title": texts.MS_NEW_TITLE, "period": fiscal_year_period(fy),
            "status": "planned"}])
        self.reload(select_id=m.id)
        self.editor.titleEdit.setFocus()
        self.editor.titleEdit.selectAll()
        return m

    def delete_current(self) -> None:
        m = self.current_measure()
        if m is None or not ask(self, texts.MS_DELETE_Q.format(title=m.title[:80])):
            return
        self.services.delete_measure(m.id)
        self.editor.measure = None
        self.reload()

    # ------------------------------------------------------------ saving
    def _on_edited(self, changes: dict) -> None:
        m = self.editor.measure
        if m is None:
            return
        if "period" in changes:
            problem = period_problem(changes["period"], m.fiscal_year)
            if problem:
                self.editor.show_message(texts.MS_PERIOD_BAD.format(msg=problem))
                return
        self.editor.show_message(None)
        self.save(m, changes)

    def save(self, m: MeasureInfo, changes: dict) -> MeasureInfo | None:
        try:
            new = self.services.update_measure(m.id, m.base(), changes)
        except ConcurrentEditError as e:
            return self._resolve_conflict(m, changes, e)
        except ItaDeskError as e:
            show_error(self, str(e))
            return None
        self._stored(new)
        return new

    def _resolve_conflict(self, m: MeasureInfo, changes: dict, e: ConcurrentEditError) -> MeasureInfo | None:
        """Another clerk saved this measure since it was read: reload theirs, or overwrite."""
        if e.current_version is not None and ask(self, str(e), texts.CONFIRM_TITLE,
                                                 yes=texts.MS_CONFLICT_MINE, no=texts.MS_CONFLICT_THEIRS):
            fresh = self.services.measure(m.id)
            return self.save(fresh, changes)
        self.editor.measure = None       # nothing to flush: theirs replaces what is shown
        self.reload(select_id=m.id)
        return None

    def _stored(self, m: MeasureInfo) -> None:
        self.editor.measure = m
        self.model.replace(m)
        self.status_message.emit(texts.STATUS_SAVED)

    def _on_report_edited(self, report: dict) -> None:
        m = self.editor.measure
        if m is None:
            return
        try:
            new = self.services.save_report(m.id, report)
        except ItaDeskError as e:
            show_error(self, str(e))
            return
        self._stored(new)
        if new.status != m.status:
            self.editor._loading = True
            self.editor.statusCombo.setCurrentIndex(self.editor.statusCombo.findData(new.status))
            self.editor._loading = False
        from ...domain.measures import report_kind_label

        self.status_message.emit(texts.MS_R_SAVED.format(kind=report_kind_label(report["kind"])))

    # ------------------------------------------------------------ evidence
    def add_evidence_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, texts.MS_EV_ADD.rstrip("…"))
        if not path:
            return
        dlg = QInputDialog(self)
        dlg.setWindowTitle(texts.MS_EVIDENCE)
        dlg.setLabelText(texts.MS_EV_DESC_Q)
        dlg.setTextValue(Path(path).stem)
        dlg.setOkButtonText(texts.OK)
        dlg.setCancelButtonText(texts.CANCEL)
        if dlg.exec():
            self.add_evidence_file(path, dlg.textValue())

    def add_evidence_file(self, path: str | Path, description: str = "") -> EvidenceInfo | None:
        m = self.editor.measure
        if m is None:
            return None
        try:
            ev = self.services.add_evidence(m.id, path, description)
        except ItaDeskError as e:
            show_error(self, str(e))
            return None
        self._refresh_evidence(m.id)
        self.status_message.emit(texts.MS_EV_ADDED)
        return ev

    def _refresh_evidence(self, measure_id: int) -> None:
        m = self.services.measure(measure_id)
        self.editor.measure = m
        self.model.replace(m)
        self.editor.show_evidence(m.evidence)

    def open_evidence(self, ev: EvidenceInfo) -> bool:
        try:    # only a file inside the data folder, of an evidence type, is handed to the system
            p = self.services.evidence_to_open(ev)
        except ItaDeskError as e:
            show_error(self, str(e))
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(p)))

    def remove_evidence(self, ev: EvidenceInfo) -> None:
        m = self.editor.measure
        if m is None or not ask(self, texts.MS_EV_REMOVE_Q.format(desc=ev.description)):
            return
        self.services.remove_evidence(ev.id)
        self._refresh_evidence(m.id)

    def flush(self) -> None:
        """Save what is typed (the editing contract; called on every switch and on close)."""
        self.editor.flush()

    def pending(self) -> bool:
        return self.editor.pending()

    def shutdown(self) -> None:
        self.flush()
