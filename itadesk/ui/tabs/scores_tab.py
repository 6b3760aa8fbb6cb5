"""The คะแนน tab: type a year's indicator and item scores; see tools, total, level and last year."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter,
                               QTabWidget, QVBoxLayout, QWidget)

from ...domain.errors import InputError
from ...domain.scoring import check_published, compute
from ...domain.thai_format import format_score
from ...store.concurrency import ConcurrentEditError
from ...store.services import Services
from .. import texts
from ..dialogs.conflict_dialog import MINE
from ..numbers import read_score
from ..models.score_table_model import IndicatorTableModel, ItemTableModel
from ..widgets.bar_chart import BarChart
from ..widgets.editing import EditContract
from ..widgets.score_view import ScoreTableView


class ScoresTab(QWidget):
    """Owns the indicator and item models of the selected year and the summary beside them."""

    status_message = Signal(str)

    def __init__(self, services: Services, undo_stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.services = services
        self.undo_stack = undo_stack
        self.year: int | None = None
        self.indicators = IndicatorTableModel(services, undo_stack, self)
        self.items = ItemTableModel(services, undo_stack, self)
        self._build()
        self._pub_base: dict | None = None
        self.conflictDialog = None
        for m in (self.indicators, self.items):
            m.input_refused.connect(self._show_refusal)
            m.scores_changed.connect(self._on_scores_changed)
            m.conflict.connect(lambda e, y, v, m=m: self._on_score_conflict(m, e, y, v))

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        self.edits = EditContract(self)
        top = QHBoxLayout()
        self.hintLabel = QLabel(texts.SCORE_HINT)
        self.hintLabel.setWordWrap(True)
        self.importButton = QPushButton(texts.IMPORT_BUTTON)
        self.importButton.clicked.connect(self.import_scores_dialog)
        top.addWidget(self.hintLabel, 1)
        top.addWidget(self.importButton)

        self.messageLabel = QLabel("")
        self.messageLabel.setObjectName("messageLabel")
        self.messageLabel.setProperty("role", "error")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.hide()

        self.indicatorTable = ScoreTableView()
        self.indicatorTable.setModel(self.indicators)
        hh = self.indicatorTable.horizontalHeader()
        hh.setSectionResizeMode(IndicatorTableModel.COL_INDICATOR, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 6):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.itemTable = ScoreTableView()
        self.itemTable.setModel(self.items)
        ih = self.itemTable.horizontalHeader()
        ih.setSectionResizeMode(ItemTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for c in (0, 2, 3, 4):
            ih.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.edits.view(self.indicatorTable)
        self.edits.view(self.itemTable)
        self.tables = QTabWidget()
        self.tables.setDocumentMode(True)
        self.tables.addTab(self.indicatorTable, texts.SUB_INDICATORS)
        self.tables.addTab(self.itemTable, texts.SUB_ITEMS)

        self.summaryBox = QGroupBox()
        grid = QGridLayout(self.summaryBox)
        self.toolLabels: dict[str, tuple[QLabel, QLabel]] = {}
        self._toolGrid = grid
        self.totalLabel = QLabel("-")
        self.totalLabel.setObjectName("totalLabel")
        self.levelLabel = QLabel("-")
        self.levelLabel.setObjectName("levelLabel")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        big.setBold(True)
        for w in (self.totalLabel, self.levelLabel):
            w.setFont(big)
        self.missingLabel = QLabel("")
        self.missingLabel.setWordWrap(True)
        self.fallbackLabel = QLabel("")
        self.fallbackLabel.setWordWrap(True)
        self.fallbackLabel.hide()

        pub = QFormLayout()
        self.publishedTotalEdit = QLineEdit()
        self.publishedTotalEdit.setObjectName("publishedTotalEdit")
        self.publishedTotalEdit.setProperty("entry", "score")
        self.publishedTotalEdit.setPlaceholderText("เช่น ๘๘.๓๐")
        self.edits.text(self.publishedTotalEdit, lambda _t: self._on_published_total_edited())
        self.publishedLevelCombo = QComboBox()
        self.publishedLevelCombo.currentIndexChanged.connect(self._on_published_level_changed)
        pub.addRow(texts.PUBLISHED_TOTAL, self.publishedTotalEdit)
        pub.addRow(texts.PUBLISHED_LEVEL, self.publishedLevelCombo)
        self.mismatchLabel = QLabel("")
        self.mismatchLabel.setObjectName("mismatchLabel")
        self.mismatchLabel.setWordWrap(True)

        self.chart = BarChart()
        right = QVBoxLayout()
        right.addWidget(self.summaryBox)
        right.addLayout(pub)
        right.addWidget(self.mismatchLabel)
        right.addWidget(self.chart, 1)
        rightw = QWidget()
        rightw.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tables)
        split.addWidget(rightw)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.splitter = split

        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.messageLabel)
        lay.addWidget(split, 1)

    def showEvent(self, e) -> None:
        super().showEvent(e)
        if not getattr(self, "_sized", False):   # tables get the room: long Thai indicator names
            self._sized = True
            w = max(self.width(), 600)
            self.splitter.setSizes([int(w * 0.62), w - int(w * 0.62)])

    def _rebuild_tool_rows(self) -> None:
        grid = self._toolGrid
        keep = (self.totalLabel, self.levelLabel, self.missingLabel, self.fallbackLabel)
        while grid.count():
            w = grid.takeAt(0).widget()
            if w is not None and w not in keep:
                w.deleteLater()
        self.toolLabels = {}
        fw = self.indicators.framework
        r = 0
        for t in fw.tools:
            name = QLabel(f"{t.code} ({format_score(t.weight, thai=False, places=0)}%)")
            name.setToolTip(t.name)
            val = QLabel("-")
            val.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, r, 0)
            grid.addWidget(val, r, 1)
            self.toolLabels[t.code] = (name, val)
            r += 1
        grid.addWidget(QLabel(texts.TOTAL), r, 0)
        grid.addWidget(self.totalLabel, r, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(QLabel(texts.LEVEL), r + 1, 0)
        grid.addWidget(self.levelLabel, r + 1, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.missingLabel, r + 2, 0, 1, 2)
        grid.addWidget(self.fallbackLabel, r + 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)

    # ------------------------------------------------------------ data
    def set_year(self, year: int) -> None:
        self.year = year
        self.reload()

    def flush(self) -> None:
        """Save what is typed (the editing contract: a score cell being edited, the published total)."""
        self.edits.flush()

    def pending(self) -> bool:
        return self.edits.pending()

    def shutdown(self) -> None:
        self.flush()

    def reload(self) -> None:
        if self.year is None or not self.services.has_office():
            return
        self.edits.discard()
        cur = self.services.year_scores(self.year)
        prev = self.services.year_scores(self.year - 1)
        self.indicators.load(self.year, cur, prev)
        self.items.load(self.year, cur, prev)
        fw = self.indicators.framework
        self.tables.setTabEnabled(1, bool(fw.items))
        if fw.items and cur.items and not cur.indicators:   # ITAS gave this office items only
            self.tables.setCurrentIndex(1)
        elif not fw.items:
            self.tables.setCurrentIndex(0)
        self.tables.setTabToolTip(1, "" if fw.items else texts.NO_ITEMS)
        self.summaryBox.setTitle(texts.SUMMARY_TITLE.format(year=self.year))
        if fw.fiscal_year != self.year:
            self.fallbackLabel.setText(texts.FRAMEWORK_FALLBACK.format(year=self.year, used=fw.fiscal_year))
        self._rebuild_tool_rows()
        self.fallbackLabel.setVisible(fw.fiscal_year != self.year)
        self.publishedLevelCombo.blockSignals(True)
        self.publishedLevelCombo.clear()
        self.publishedLevelCombo.addItem("", None)
        for label in fw.level_labels:
            self.publishedLevelCombo.addItem(label, label)
        i = self.publishedLevelCombo.findData(cur.published_level) if cur.published_level else 0
        if i < 0 and cur.published_level:
            self.publishedLevelCombo.addItem(cur.published_level, cur.published_level)
            i = self.publishedLevelCombo.count() - 1
        self.publishedLevelCombo.setCurrentIndex(max(0, i))
        self.publishedLevelCombo.blockSignals(False)
        self._published_total = cur.published_total
        self._published_level = cur.published_level
        self._pub_base = cur.published_base()
        self.publishedTotalEdit.setText(format_score(cur.published_total, thai=False) if cur.published_total else "")
        self._hide_message()
        self._update_summary()

    def _update_summary(self) -> None:
        fw = self.indicators.framework
        cur = self.indicators.current_values()
        r = compute(fw, cur)
        for code, (_name, val) in self.toolLabels.items():
            val.setText(format_score(r.tools[code], thai=False) if code in r.tools else "-")
        self.totalLabel.setText(format_score(r.total, thai=False) if r.total is not None else "-")
        self.levelLabel.setText(r.level or "-")
        self.missingLabel.setText(texts.MISSING.format(numbers=", ".join(map(str, r.missing)))
                                  if r.missing and len(r.missing) < len(fw.indicators) else "")
        mism = check_published(fw, r, self._published_total, self._published_level)
        if mism:
            self.mismatchLabel.setText("\n".join(m.message() for m in mism))
            self.mismatchLabel.setProperty("role", "error")
        elif r.total is not None and (self._published_total is not None or self._published_level):
            self.mismatchLabel.setText(texts.PUBLISHED_OK)
            self.mismatchLabel.setProperty("role", "ok")
        else:
            self.mismatchLabel.setText("")
        self.mismatchLabel.style().unpolish(self.mismatchLabel)
        self.mismatchLabel.style().polish(self.mismatchLabel)
        prev = self.indicators.previous_values()
        nums = [i.number for i in fw.indicators]
        self.chart.set_data([str(n) for n in nums], [cur.get(n) for n in nums], [prev.get(n) for n in nums],
                            (self.year, self.year - 1))

    def _on_scores_changed(self) -> None:
        self._hide_message()
        self._update_summary()
        self.status_message.emit(texts.STATUS_SAVED)

    def _show_refusal(self, msg: str) -> None:
        self.messageLabel.setText(msg)
        self.messageLabel.show()
        self.status_message.emit(msg)

    def _hide_message(self) -> None:
        self.messageLabel.hide()
        self.messageLabel.setText("")

    # ------------------------------------------------------------ published result
    def _on_published_total_edited(self) -> None:
        text = self.publishedTotalEdit.text().strip()
        try:
            value = read_score(text)
        except InputError as e:
            # The typed text stays in the box to be corrected; the stored total is unchanged.
            self._show_refusal(texts.SCORE_REFUSED.format(msg=e))
            return
        if value == self._published_total:
            return
        if not self._save_published(value, self._published_level):
            return
        self._published_total = value
        self._hide_message()
        self._update_summary()
        self.status_message.emit(texts.STATUS_SAVED)

    def _on_published_level_changed(self, _i: int) -> None:
        level = self.publishedLevelCombo.currentData()
        if level == self._published_level or self.year is None:
            return
        if not self._save_published(self._published_total, level):
            return
        self._published_level = level
        self._update_summary()
        self.status_message.emit(texts.STATUS_SAVED)

    def _save_published(self, total, level, base: dict | None = None) -> bool:
        """Save the published result over what this tab showed; a conflict opens the dialog."""
        year, shown = self.year, dict(base or self._pub_base or {})
        try:
            v = self.services.set_published(year, total, level, base=shown or None)
        except ConcurrentEditError as e:
            self._show_refusal(str(e))
            typed_total = total != shown.get("published_total")
            typed_level = level != shown.get("published_level")

            def chosen(which: str) -> None:
                if which == MINE and self.year == year:
                    fresh = self.services.year_scores(year).published_base()
                    if not self._save_published(total if typed_total else fresh["published_total"],
                                                level if typed_level else fresh["published_level"], base=fresh):
                        return
                self.reload()
            self._open_conflict(e, chosen)
            return False
        self._pub_base = {"version": v, "published_total": total, "published_level": (level or "").strip() or None}
        return True

    # ------------------------------------------------------------ conflicts
    def _open_conflict(self, error: ConcurrentEditError, on_choice) -> None:
        from ..dialogs.conflict_dialog import ask_conflict

        def done(which: str) -> None:
            self.conflictDialog = None
            on_choice(which)
        self.conflictDialog = ask_conflict(self, error, done)

    def _on_score_conflict(self, model, error: ConcurrentEditError, year: int, values: dict) -> None:
        """Another clerk saved some of these cells first: the typed ``values`` wait for the choice."""
        self._show_refusal(str(error))

        def chosen(which: str) -> None:
            if self.year != year:
                return
            self.reload()                       # the other clerk's values (their data stays)
            if which == MINE:                   # typed values again, over the fresh ones (undoable)
                fresh = model.current_values()
                model.push({k: fresh.get(k) for k in values}, values,
                           texts.UNDO_IMPORT.format(year=year) if len(values) > 1
                           else model._undo_text(next(iter(values)), year))
        self._open_conflict(error, chosen)

    # ------------------------------------------------------------ import
    def import_scores_dialog(self) -> None:
        from ..dialogs.messages import show_error

        path, _ = QFileDialog.getOpenFileName(self, texts.ACT_IMPORT_SCORES, "", texts.FILTER_SCORES)
        if not path:
            return
        try:
            n = self.import_scores_file(path)
        except InputError as e:
            show_error(self, str(e))
            return
        self.status_message.emit(texts.IMPORTED.format(n=n, year=self.year))

    def import_scores_file(self, path: str | Path) -> int:
        """All or nothing; one undoable step. Raises InputError naming the bad row."""
        from ...domain.score_import import MAX_CSV_BYTES, MAX_XLSX_BYTES, parse_scores_file

        try:
            with open(path, "rb") as fh:   # never more than the largest accepted file (+1 to refuse it)
                data = fh.read(max(MAX_XLSX_BYTES, MAX_CSV_BYTES) + 1)
        except OSError as e:
            raise InputError(f"เปิดไฟล์ {Path(path).name} ไม่ได้ ({e.strerror or e})") from None
        scores: dict[int, Decimal] = parse_scores_file(data, self.indicators.framework, name=Path(path).name)
        old = self.indicators.current_values()
        self.indicators.push({k: old.get(k) for k in scores}, scores, texts.UNDO_IMPORT.format(year=self.year))
        return len(scores)
