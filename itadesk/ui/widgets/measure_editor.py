"""The editor of one measure: what, steps, units, period, monitoring, results, evidence, reports.

It shows a store ``MeasureInfo`` and emits what the clerk changed; the มาตรการ tab saves it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QScrollArea,
                               QTabWidget, QVBoxLayout, QWidget)

from ...domain.measures import REPORT_KINDS, report_kind_label, status_labels
from ...domain.thai_format import fiscal_year_months, month_short
from ...store.services import EvidenceInfo, MeasureInfo
from .buttons import button_row
from .. import texts
from .auto_text import AutoText


def _ints(text: str) -> list[int]:
    from ...domain.thai_format import to_arabic_digits

    out = []
    for part in to_arabic_digits(text).replace("،", ",").replace(" ", ",").split(","):
        if part.strip().isdigit() and int(part) not in out:
            out.append(int(part))
    return out


class _ReportBox(QWidget):
    """One progress report (6m or 12m): every field is saved as it is changed."""

    edited = Signal(dict)

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        self._loading = False
        f = QFormLayout(self)
        self.dateEdit = QDateEdit()
        self.dateEdit.setCalendarPopup(True)
        self.dateEdit.setDisplayFormat("dd/MM/yyyy")
        self.dateEdit.dateChanged.connect(lambda _d: self._emit({}))
        self.statusCombo = QComboBox()
        for s, label in status_labels().items():
            self.statusCombo.addItem(label, s)
        self.statusCombo.currentIndexChanged.connect(
            lambda _i: self._emit({"status": self.statusCombo.currentData()}))
        self.outputEdit = AutoText()
        self.outputEdit.committed.connect(lambda t: self._emit({"output": t}))
        self.outcomeEdit = AutoText()
        self.outcomeEdit.committed.connect(lambda t: self._emit({"outcome": t}))
        self.noteEdit = AutoText(1.6)
        self.noteEdit.committed.connect(lambda t: self._emit({"note": t}))
        f.addRow(texts.MS_R_DATE, self.dateEdit)
        f.addRow(texts.MS_F_STATUS, self.statusCombo)
        f.addRow(texts.MS_F_OUTPUT, self.outputEdit)
        f.addRow(texts.MS_F_OUTCOME, self.outcomeEdit)
        f.addRow(texts.MS_R_NOTE, self.noteEdit)

    def show_report(self, r: dict | None, default_status: str) -> None:
        self._loading = True
        try:
            r = r or {}
            d = dt.date.fromisoformat(r["date"]) if r.get("date") else dt.date.today()
            self.dateEdit.setDate(QDate(d.year, d.month, d.day))
            self.statusCombo.setCurrentIndex(max(0, self.statusCombo.findData(r.get("status") or default_status)))
            self.outputEdit.set_text(r.get("output", ""))
            self.outcomeEdit.set_text(r.get("outcome", ""))
            self.noteEdit.set_text(r.get("note", ""))
        finally:
            self._loading = False

    def flush(self) -> None:
        for w in (self.outputEdit, self.outcomeEdit, self.noteEdit):
            w.flush()

    def _emit(self, fields: dict) -> None:
        if self._loading:
            return
        q = self.dateEdit.date()
        self.edited.emit({"kind": self.kind, "date": dt.date(q.year(), q.month(), q.day()).isoformat(),
                          **fields})


def _page(tabs: QTabWidget, title: str) -> QVBoxLayout:
    area = QScrollArea()
    area.setWidgetResizable(True)
    body = QWidget()
    area.setWidget(body)
    tabs.addTab(area, title)
    return QVBoxLayout(body)


class MeasureEditor(QTabWidget):
    """Two pages: the plan (what, how, who, when, monitoring) and the results (status, output,
    outcome, suggestions, evidence, the six-month and year-end reports)."""

    edited = Signal(dict)                  # measure fields → new values
    report_edited = Signal(dict)           # {"kind": "6m", "date": …, field: value}
    evidence_add_requested = Signal()
    evidence_open_requested = Signal(object)
    evidence_remove_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDocumentMode(True)
        self.measure: MeasureInfo | None = None
        self.office_units: tuple[str, ...] = ()
        self._loading = False
        self._steps: list[dict] = []
        lay = _page(self, texts.MS_PAGE_PLAN)
        form = QFormLayout()

        self.titleEdit = AutoText(2.0)
        self.titleEdit.setObjectName("measureTitle")
        self.titleEdit.committed.connect(lambda t: self._emit(title=t))
        self.indicatorsEdit = QLineEdit()
        self.indicatorsEdit.editingFinished.connect(lambda: self._emit(indicators=_ints(self.indicatorsEdit.text())))
        self.itemsEdit = QLineEdit()
        self.itemsEdit.editingFinished.connect(self._on_items)
        row = QHBoxLayout()
        row.addWidget(self.indicatorsEdit)
        row.addWidget(QLabel(texts.MS_F_ITEMS))
        row.addWidget(self.itemsEdit)
        form.addRow(texts.MS_F_TITLE, self.titleEdit)
        form.addRow(texts.MS_F_INDICATORS, row)

        self.stepList = QListWidget()
        self.stepList.setObjectName("stepList")
        self.stepList.setWordWrap(True)
        self.stepList.setAlternatingRowColors(True)
        self.stepList.setMinimumHeight(int(self.fontMetrics().height() * 7))
        self.stepList.itemChanged.connect(self._on_step_changed)
        self.newStepEdit = QLineEdit()
        self.newStepEdit.setObjectName("newStepEdit")
        self.newStepEdit.setPlaceholderText(texts.MS_STEP_NEW)
        self.newStepEdit.returnPressed.connect(self.add_step)
        srow = QHBoxLayout()
        srow.addWidget(self.newStepEdit, 1)
        for label, slot in ((texts.MS_STEP_ADD, self.add_step), (texts.MS_STEP_UP, lambda: self._move(-1)),
                            (texts.MS_STEP_DOWN, lambda: self._move(1)), (texts.MS_STEP_REMOVE, self._remove_step)):
            b = QPushButton(label)
            b.clicked.connect(slot)
            srow.addWidget(b)
        steps = QVBoxLayout()
        steps.addWidget(self.stepList)
        steps.addLayout(srow)
        form.addRow(texts.MS_F_STEPS, steps)

        self.unitList = QListWidget()
        self.unitList.setObjectName("unitList")
        self.unitList.setMaximumHeight(int(self.fontMetrics().height() * 6.5))
        self.unitList.itemChanged.connect(self._on_unit_changed)
        form.addRow(texts.MS_F_UNITS, self.unitList)

        self.fromCombo, self.toCombo = QComboBox(), QComboBox()
        self.fromCombo.setObjectName("periodFrom")
        self.toCombo.setObjectName("periodTo")
        for c in (self.fromCombo, self.toCombo):
            c.currentIndexChanged.connect(self._on_period)
        prow = QHBoxLayout()
        prow.addWidget(self.fromCombo)
        prow.addWidget(QLabel(texts.MS_PERIOD_TO))
        prow.addWidget(self.toCombo)
        prow.addStretch(1)
        form.addRow(texts.MS_F_PERIOD, prow)

        self.monitoringEdit = AutoText()
        self.monitoringEdit.committed.connect(lambda t: self._emit(monitoring=t))
        self.statusCombo = QComboBox()
        for s, label in status_labels().items():
            self.statusCombo.addItem(label, s)
        self.statusCombo.currentIndexChanged.connect(lambda _i: self._emit(status=self.statusCombo.currentData()))
        self.outputEdit = AutoText()
        self.outputEdit.committed.connect(lambda t: self._emit(output=t))
        self.outcomeEdit = AutoText()
        self.outcomeEdit.committed.connect(lambda t: self._emit(outcome=t))
        self.suggestionsEdit = AutoText()
        self.suggestionsEdit.committed.connect(lambda t: self._emit(suggestions=t))
        form.addRow(texts.MS_F_MONITORING, self.monitoringEdit)
        lay.addLayout(form)
        self.messageLabel = QLabel("")
        self.messageLabel.setProperty("role", "error")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.hide()
        lay.addWidget(self.messageLabel)
        lay.addStretch(1)

        lay = _page(self, texts.MS_PAGE_RESULTS)
        form = QFormLayout()
        form.addRow(texts.MS_F_STATUS, self.statusCombo)
        form.addRow(texts.MS_F_OUTPUT, self.outputEdit)
        form.addRow(texts.MS_F_OUTCOME, self.outcomeEdit)
        form.addRow(texts.MS_F_SUGGESTIONS, self.suggestionsEdit)
        lay.addLayout(form)

        evBox = QGroupBox(texts.MS_EVIDENCE)
        ev = QVBoxLayout(evBox)
        self.evidenceList = QListWidget()
        self.evidenceList.setObjectName("evidenceList")
        self.evidenceList.setMaximumHeight(int(self.fontMetrics().height() * 5))
        self.evidenceList.itemDoubleClicked.connect(lambda it: self.evidence_open_requested.emit(self._ev(it)))
        erow = button_row((texts.MS_EV_ADD, self.evidence_add_requested.emit),
                          (texts.MS_EV_OPEN, lambda: self._ev_action(self.evidence_open_requested)),
                          (texts.MS_EV_REMOVE, lambda: self._ev_action(self.evidence_remove_requested)))
        ev.addWidget(self.evidenceList)
        ev.addLayout(erow)
        lay.addWidget(evBox)

        repBox = QGroupBox(texts.MS_REPORTS)
        rl = QVBoxLayout(repBox)
        self.reportTabs = QTabWidget()
        self.reports = {k: _ReportBox(k) for k in REPORT_KINDS}
        for k, box in self.reports.items():
            self.reportTabs.addTab(box, report_kind_label(k))
            box.edited.connect(self.report_edited)
        rl.addWidget(self.reportTabs)
        lay.addWidget(repBox)
        lay.addStretch(1)
        self.setEnabled(False)

    # ------------------------------------------------------------ showing
    def show_measure(self, m: MeasureInfo | None, office_units: tuple[str, ...] = ()) -> None:
        self.flush()
        self._loading = True
        try:
            self.measure = m
            self.setEnabled(m is not None)
            self.show_message(None)
            if m is None:
                return
            self.titleEdit.set_text(m.title)
            self.indicatorsEdit.setText(", ".join(str(i) for i in m.indicators))
            self.itemsEdit.setText(", ".join(m.items))
            self._steps = [dict(s) for s in m.steps]
            self._fill_steps()
            self.unitList.clear()
            from ...domain.analysis import default_phrases

            all_units = default_phrases().get("measure", "all_units")
            names = list(office_units) + [all_units] + [u for u in m.units if u not in office_units and u != all_units]
            for u in names:
                it = QListWidgetItem(u)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked if u in m.units else Qt.CheckState.Unchecked)
                self.unitList.addItem(it)
            self._fill_months(m.fiscal_year, m.period)
            self.monitoringEdit.set_text(m.monitoring)
            self.statusCombo.setCurrentIndex(max(0, self.statusCombo.findData(m.status or "planned")))
            self.outputEdit.set_text(m.output)
            self.outcomeEdit.set_text(m.outcome)
            self.suggestionsEdit.set_text(m.suggestions)
            self.show_evidence(m.evidence)
            for k, box in self.reports.items():
                box.show_report(next((r for r in m.reports if r.get("kind") == k), None),
                                m.status or "planned")
        finally:
            self._loading = False

    def show_evidence(self, evidence) -> None:
        self.evidenceList.clear()
        for e in evidence:
            name = (e.file or "").rsplit("/", 1)[-1]
            it = QListWidgetItem(f"{e.description} — {name}" if name else e.description)
            it.setData(Qt.ItemDataRole.UserRole, e)
            it.setToolTip(f"SHA-256: {e.sha256}" if e.sha256 else "")
            self.evidenceList.addItem(it)

    def show_message(self, text: str | None) -> None:
        self.messageLabel.setText(text or "")
        self.messageLabel.setVisible(bool(text))

    def _fill_steps(self) -> None:
        self.stepList.clear()
        for s in self._steps:
            it = QListWidgetItem(s.get("text", ""))
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsEditable)
            self.stepList.addItem(it)

    def _fill_months(self, fy: int, period: dict | None) -> None:
        months = [f"{y:04d}-{mo:02d}" for y, mo in fiscal_year_months(fy)]
        for c in (self.fromCombo, self.toCombo):
            c.clear()
            for (y, mo), iso in zip(fiscal_year_months(fy), months):
                c.addItem(month_short(y, mo, full_year=True), iso)
        p = period or {}
        self.fromCombo.setCurrentIndex(months.index(p["from"]) if p.get("from") in months else 0)
        self.toCombo.setCurrentIndex(months.index(p["to"]) if p.get("to") in months else len(months) - 1)

    # ------------------------------------------------------------ editing
    def flush(self) -> None:
        for w in (self.titleEdit, self.monitoringEdit, self.outputEdit, self.outcomeEdit, self.suggestionsEdit):
            w.flush()
        for box in self.reports.values():
            box.flush()

    def _emit(self, **changes) -> None:
        if not self._loading and self.measure is not None:
            self.edited.emit(changes)

    def _on_items(self) -> None:
        items = [x.strip() for x in self.itemsEdit.text().replace(" ", ",").split(",") if x.strip()]
        self._emit(items=items)

    def add_step(self) -> None:
        t = self.newStepEdit.text().strip()
        if not t or self.measure is None:
            return
        self._steps.append({"text": t})
        self._loading = True
        self._fill_steps()
        self._loading = False
        self.newStepEdit.clear()
        self._emit(steps=[dict(s) for s in self._steps])

    def _on_step_changed(self, it: QListWidgetItem) -> None:
        if self._loading:
            return
        r = self.stepList.row(it)
        t = it.text().strip()
        if t:
            self._steps[r]["text"] = t
        else:
            del self._steps[r]
            self._loading = True
            self._fill_steps()
            self._loading = False
        self._emit(steps=[dict(s) for s in self._steps])

    def _move(self, delta: int) -> None:
        r = self.stepList.currentRow()
        j = r + delta
        if r < 0 or not 0 <= j < len(self._steps):
            return
        self._steps[r], self._steps[j] = self._steps[j], self._steps[r]
        self._loading = True
        self._fill_steps()
        self._loading = False
        self.stepList.setCurrentRow(j)
        self._emit(steps=[dict(s) for s in self._steps])

    def _remove_step(self) -> None:
        r = self.stepList.currentRow()
        if r < 0:
            return
        del self._steps[r]
        self._loading = True
        self._fill_steps()
        self._loading = False
        self._emit(steps=[dict(s) for s in self._steps])

    def _on_unit_changed(self, _it) -> None:
        if self._loading:
            return
        units = [self.unitList.item(i).text() for i in range(self.unitList.count())
                 if self.unitList.item(i).checkState() == Qt.CheckState.Checked]
        self._emit(units=units)

    def _on_period(self, _i: int) -> None:
        a, b = self.fromCombo.currentData(), self.toCombo.currentData()
        if a and b:
            self._emit(period={"from": a, "to": b})

    def _ev(self, it: QListWidgetItem | None) -> EvidenceInfo | None:
        return it.data(Qt.ItemDataRole.UserRole) if it is not None else None

    def _ev_action(self, signal) -> None:
        e = self._ev(self.evidenceList.currentItem())
        if e is not None:
            signal.emit(e)
