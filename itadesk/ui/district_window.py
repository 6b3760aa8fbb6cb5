"""รายงาน → เปรียบเทียบหลายหน่วยงาน…: a district office's view of many offices in one year.

A sortable table (rank, office, IIT/EIT/OIT, total, level, last year, change), the number
of offices per level, a chart of totals, and export to Excel.  The ranking is read off the
GUI thread: the store's two-query district read takes ~50 ms on 1,000 offices, the scoring
of them a little more, and the window stays responsive on a slow office server.

The window gets a *source* with ``years()`` and ``results(year)`` (plain data out), so it
never touches SQLAlchemy; :class:`StoreDistrictSource` is the one over a database.  Unlike
the PDF workers, the loading job reads the database itself, in its own short session on
the engine's pool (read-only, one statement pair) — reading 1,000 offices on the GUI
thread would freeze the window on a remote server.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMainWindow,
                               QPushButton, QSpinBox, QSplitter, QTableView, QVBoxLayout, QWidget)

from ..domain.district import OfficeResult
from ..domain.errors import ItaDeskError
from . import workers
from .models.district_model import DistrictTableModel
from .widgets.district_chart import MODES, DistrictChart

log = logging.getLogger(__name__)
TITLE = "เปรียบเทียบหลายหน่วยงาน"
ACT_DISTRICT = "เปรียบเทียบหลายหน่วยงาน…"
EXPORT = "ส่งออก Excel…"
FILTER_XLSX = "สมุดงาน Excel (*.xlsx)"


class StoreDistrictSource:
    """District data from an open database (``itadesk.store.session.Database``), read through
    :class:`~itadesk.store.services.Services` (the window never queries the database itself)."""

    def __init__(self, db):
        from ..store.services import Services

        self.db = db
        self.services = Services(db)

    def years(self) -> list[int]:
        return self.services.district_years()

    def results(self, year: int) -> list[OfficeResult]:
        return self.services.district_results(year)


def _level_labels(year: int) -> list[str]:
    from ..domain.frameworks import framework_for

    try:
        return framework_for(year).level_labels
    except ItaDeskError:
        return []


class DistrictWindow(QMainWindow):
    loaded = Signal(int, float)       # offices, seconds
    exported = Signal(str)

    def __init__(self, source, year: int | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setObjectName("districtWindow")
        self.source = source
        self.year: int | None = None
        self.load_seconds: float | None = None
        self._gen = 0
        self._jobs: set = set()
        self.model = DistrictTableModel(self)
        self._build()
        years = source.years()
        self.yearCombo.blockSignals(True)
        for y in years:
            self.yearCombo.addItem(str(y), y)
        self.yearCombo.blockSignals(False)
        if years:
            want = year if year in years else years[-1]
            self.yearCombo.setCurrentIndex(self.yearCombo.findData(want))
            self.load_year(want)
        else:
            self.statusLabel.setText("ยังไม่มีผลการประเมินในฐานข้อมูลนี้")
        self.resize(1200, 720)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel("ปีงบประมาณ"))
        self.yearCombo = QComboBox()
        self.yearCombo.setMinimumContentsLength(6)
        self.yearCombo.currentIndexChanged.connect(self._on_yearCombo_changed)
        bar.addWidget(self.yearCombo)
        bar.addSpacing(16)
        bar.addWidget(QLabel("แผนภูมิ"))
        self.modeCombo = QComboBox()
        for key, label in MODES.items():
            self.modeCombo.addItem(label, key)
        self.modeCombo.currentIndexChanged.connect(self._on_chart_options)
        bar.addWidget(self.modeCombo)
        self.nSpin = QSpinBox()
        self.nSpin.setRange(5, 100)
        self.nSpin.setValue(20)
        self.nSpin.setSuffix(" หน่วยงาน")
        self.nSpin.valueChanged.connect(self._on_chart_options)
        bar.addWidget(self.nSpin)
        bar.addStretch(1)
        self.statusLabel = QLabel("")
        bar.addWidget(self.statusLabel)
        self.exportButton = QPushButton(EXPORT)
        self.exportButton.clicked.connect(self.export_dialog)
        self.exportButton.setEnabled(False)
        bar.addWidget(self.exportButton)

        self.table = QTableView()
        self.table.setObjectName("districtTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DistrictTableModel.COL_RANK, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        self._fit_columns()
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.countsLabel = QLabel("")
        self.countsLabel.setObjectName("levelCounts")
        self.countsLabel.setWordWrap(True)
        self.chart = DistrictChart()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.countsLabel)
        right.addWidget(self.chart, 1)
        rightw = QWidget()
        rightw.setLayout(right)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(rightw)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        self.splitter = split

        central = QWidget()
        lay = QVBoxLayout(central)
        lay.addLayout(bar)
        lay.addWidget(split, 1)
        self.setCentralWidget(central)
        self._on_chart_options()

    def _fit_columns(self) -> None:
        """Widths from the font in use (TH Sarabun, 125 %): every heading and a typical value fit;
        the office name takes what is left, so no column hides behind the chart."""
        fm = self.table.fontMetrics()
        hfm = self.table.horizontalHeader().fontMetrics()
        samples = {DistrictTableModel.COL_RANK: "1,000", DistrictTableModel.COL_LEVEL: "AA",
                   DistrictTableModel.COL_CHANGE: "+10.00", DistrictTableModel.COL_DIRECTION: "เพิ่มขึ้น"}
        for c in range(self.model.columnCount()):
            if c == DistrictTableModel.COL_OFFICE:
                continue
            head = str(self.model.headerData(c, Qt.Orientation.Horizontal) or "")
            value = samples.get(c, "100.00")
            self.table.setColumnWidth(c, max(hfm.horizontalAdvance(head) + 30, fm.horizontalAdvance(value) + 14))
        self.table.horizontalHeader().setSectionResizeMode(DistrictTableModel.COL_OFFICE,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(fm.horizontalAdvance("000") + 12)

    # ------------------------------------------------------------ loading
    def _on_yearCombo_changed(self, _i: int) -> None:
        y = self.yearCombo.currentData()
        if y is not None and y != self.year:
            self.load_year(int(y))

    def load_year(self, year: int) -> None:
        """Read the year's ranking off the GUI thread; ``loaded`` says when it is shown."""
        self.year = year
        self._gen += 1
        gen = self._gen
        t0 = time.perf_counter()
        self.statusLabel.setText("กำลังอ่านข้อมูล…")
        self.exportButton.setEnabled(False)
        jobs: list = []

        def done(results):
            self._jobs.difference_update(jobs)
            if gen == self._gen:
                self.show_results(results, year, time.perf_counter() - t0)

        def failed(msg, details):
            self._jobs.difference_update(jobs)
            if details:
                log.error("district load failed:\n%s", details)
            if gen == self._gen:
                self.statusLabel.setText(msg or "อ่านข้อมูลไม่สำเร็จ ดูรายละเอียดในบันทึกการทำงาน (log)")
        # Callbacks go with the start: a fast read cannot report before they are connected.
        job = workers.start(self.source.results, year, on_done=done, on_fail=failed, owner=self)
        jobs.append(job)
        self._jobs.add(job)

    def show_results(self, results: list[OfficeResult], year: int, seconds: float = 0.0) -> None:
        self.year = year
        self.model.set_results(results, year)
        hh = self.table.horizontalHeader()
        self.model.sort(hh.sortIndicatorSection(), hh.sortIndicatorOrder())
        levels = _level_labels(year)
        self.chart.set_results(results, levels)
        counts = self.model.level_counts()
        ranked = sum(counts.values())
        parts = [f"{lv} {counts[lv]:,}" for lv in levels if lv in counts]
        parts += [f"{lv} {n:,}" for lv, n in counts.items() if lv not in levels]
        partial = len(results) - ranked
        text = f"ปี {year}: {len(results):,} หน่วยงาน — ระดับ: " + (" · ".join(parts) or "-")
        if partial:
            text += f" · คะแนนยังไม่ครบ {partial:,}"
        self.countsLabel.setText(text)
        self._fit_columns()                 # the headings name the year
        self.load_seconds = seconds
        self.statusLabel.setText(f"อ่านข้อมูล {len(results):,} หน่วยงานใน {seconds:.2f} วินาที")
        self.exportButton.setEnabled(bool(results))
        self.loaded.emit(len(results), seconds)

    def showEvent(self, e) -> None:
        super().showEvent(e)
        if not getattr(self, "_sized", False):      # the table gets the room it needs
            self._sized = True
            w = max(self.splitter.width(), 800)
            fm = self.table.fontMetrics()
            need = (sum(self.table.columnWidth(c) for c in range(self.model.columnCount())
                        if c != DistrictTableModel.COL_OFFICE)
                    + fm.horizontalAdvance("เทศบาลตำบลหนองบัวแดง") + 40)   # a long office name
            table = min(max(need, int(w * 0.6)), w - fm.horizontalAdvance("0") * 30)
            self.splitter.setSizes([table, w - table])

    def pending_work(self) -> int:
        return len(self._jobs)

    def closeEvent(self, e) -> None:
        workers.cancel(self)          # a read still running reports to nobody
        self._jobs.clear()
        super().closeEvent(e)

    # ------------------------------------------------------------ chart and selection
    def _on_chart_options(self, *_a) -> None:
        mode = self.modeCombo.currentData()
        self.nSpin.setVisible(mode in ("top", "bottom"))
        self.chart.set_mode(mode, self.nSpin.value())

    def _on_current_changed(self, current, _previous) -> None:
        self.chart.set_selected(self.model.result_at(current.row()).office if current.isValid() else None)

    def select_office(self, office: str) -> None:
        row = self.model.row_of(office)
        if row >= 0:
            idx = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(idx)

    # ------------------------------------------------------------ export
    def export_dialog(self) -> None:
        from .settings import app_settings

        settings = app_settings()
        from ..domain.filenames import dated_filename

        start = Path(str(settings.value("paths/export", str(Path.home())))) / dated_filename(
            f"ผล ITA หลายหน่วยงาน ปี {self.year}", "xlsx")
        path, _ = QFileDialog.getSaveFileName(self, EXPORT.rstrip("…"), str(start), FILTER_XLSX)
        if path:
            settings.setValue("paths/export", str(Path(path).parent))
            self.export_xlsx(path)

    def export_xlsx(self, path: str | Path) -> Path:
        """The rows in the order shown, as an Excel workbook."""
        from ..documents.district_xlsx import write_district_xlsx
        from .dialogs.messages import show_error

        path = Path(path)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        try:
            write_district_xlsx(self.model.results(), self.year, path)
        except (OSError, ItaDeskError) as e:
            from ..faults import explain

            show_error(self, f"บันทึกไฟล์ {path.name} ไม่ได้: {explain(e) or getattr(e, 'strerror', None) or e}")
            raise
        self.statusLabel.setText(f"ส่งออกแล้ว: {path}")
        self.exported.emit(str(path))
        return path
