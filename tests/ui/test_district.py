"""The district window on 1,000 offices × 8 years: rows, Thai sort, level counts, XLSX, speed."""

import os
import time

import pytest
from PySide6.QtCore import Qt

from benchmarks.district_gui_bench import INCOMPLETE, populate
from itadesk.domain.district import level_counts
from itadesk.domain.scoring import DECREASED, INCREASED
from itadesk.store.session import open_database
from itadesk.ui.district_window import DistrictWindow, StoreDistrictSource
from itadesk.ui.models.district_model import GREEN, RED, DistrictTableModel, thai_sort_key

N = 1000
PG_URL = os.environ.get("ITADESK_TEST_DB_URL", "")


@pytest.fixture(scope="module", params=["sqlite"] + (["postgresql"] if PG_URL else []))
def district_db(request, tmp_path_factory):
    if request.param == "postgresql":
        from tests.dbfixtures import _reset_pg

        _reset_pg(PG_URL)
        url = PG_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('district') / 'district.sqlite3'}"
    t = time.perf_counter()
    populate(url, N)
    print(f"\n[{request.param}] generated {N} offices × 8 years in {time.perf_counter() - t:.2f} s")
    db = open_database(url)
    db.label = request.param
    yield db
    db.dispose()


@pytest.fixture
def window(qtbot, district_db):
    w = DistrictWindow(StoreDistrictSource(district_db), 2569)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: w.load_seconds is not None and not w.pending_work(), timeout=30000)
    print(f"\n[{district_db.label}] district window: {w.model.rowCount()} offices loaded in "
          f"{w.load_seconds * 1000:.0f} ms (off the GUI thread)")
    return w


def _col(model, col, role=Qt.ItemDataRole.UserRole):
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


def test_rows_ranks_and_counts(window):
    m = window.model
    assert m.rowCount() == N and m.columnCount() == 10
    assert window.yearCombo.currentData() == 2569 and window.yearCombo.count() == 8
    ranks = _col(m, m.COL_RANK)
    totals = _col(m, m.COL_TOTAL)
    assert ranks[0] == 1 and ranks[: N - INCOMPLETE] == sorted(ranks[: N - INCOMPLETE])
    assert totals[: N - INCOMPLETE] == sorted(totals[: N - INCOMPLETE], reverse=True)
    assert ranks[N - INCOMPLETE:] == [None] * INCOMPLETE and totals[N - INCOMPLETE:] == [None] * INCOMPLETE
    assert m.headerData(m.COL_PREV, Qt.Orientation.Horizontal) == "รวมปี 2568"
    # level counts: as the domain counts them, shown in the window, for every complete office
    counts = m.level_counts()
    assert counts == level_counts(m.results()) and sum(counts.values()) == N - INCOMPLETE
    label = window.countsLabel.text()
    for lv, n in counts.items():
        assert f"{lv} {n:,}" in label
    assert f"คะแนนยังไม่ครบ {INCOMPLETE}" in label
    # change column: signed text, green up / red down
    for r in range(60):
        res = m.result_at(r)
        fg = m.index(r, m.COL_CHANGE).data(Qt.ItemDataRole.ForegroundRole)
        if res.direction == INCREASED:
            assert fg.color() == GREEN and m.index(r, m.COL_CHANGE).data().startswith("+")
        elif res.direction == DECREASED:
            assert fg.color() == RED and m.index(r, m.COL_CHANGE).data().startswith("-")


def test_sorting_thai_names_and_numbers(window):
    m, view = window.model, window.table
    t = time.perf_counter()
    view.sortByColumn(m.COL_OFFICE, Qt.SortOrder.AscendingOrder)
    print(f"\nsort by name: {(time.perf_counter() - t) * 1000:.1f} ms")
    names = _col(m, m.COL_OFFICE)
    key = thai_sort_key()
    assert names == sorted(names, key=key)
    # Thai dictionary order, not code points: เกาะคา (ก) before ขามใหญ่ (ข)
    first = {p: next(i for i, n in enumerate(names) if n == f"เทศบาลตำบล{p} 1") for p in ("เกาะคา", "ขามใหญ่")}
    assert first["เกาะคา"] < first["ขามใหญ่"]
    assert sorted(["ขา", "เก"], key=key) == ["เก", "ขา"]
    view.sortByColumn(m.COL_CHANGE, Qt.SortOrder.DescendingOrder)
    changes = _col(m, m.COL_CHANGE)
    have = [c for c in changes if c is not None]
    assert have == sorted(have, reverse=True) and changes[len(have):] == [None] * (N - len(have))
    view.sortByColumn(m.COL_TOTAL, Qt.SortOrder.AscendingOrder)
    totals = [v for v in _col(m, m.COL_TOTAL) if v is not None]
    assert totals == sorted(totals)
    view.sortByColumn(m.COL_RANK, Qt.SortOrder.AscendingOrder)
    assert _col(m, m.COL_RANK)[0] == 1


def test_chart_modes_and_selection(window, tmp_path):
    window.select_office("เทศบาลตำบลศรีธาตุ 1")
    assert window.chart.selected == "เทศบาลตำบลศรีธาตุ 1"
    w, bins = window.chart.histogram()
    assert sum(sum(c.values()) for _, c in bins) == N - INCOMPLETE
    for i in range(window.modeCombo.count()):
        window.modeCombo.setCurrentIndex(i)
        img = window.chart.grab()
        assert not img.isNull()
    window.modeCombo.setCurrentIndex(0)


def test_year_switch_and_xlsx_export(qtbot, window, tmp_path):
    from openpyxl import load_workbook

    window.yearCombo.setCurrentIndex(window.yearCombo.findData(2565))
    qtbot.waitUntil(lambda: window.year == 2565 and not window.pending_work()
                    and window.model.fiscal_year == 2565, timeout=30000)
    assert window.model.rowCount() == N and window.model.result_at(0).rank == 1
    window.table.sortByColumn(DistrictTableModel.COL_OFFICE, Qt.SortOrder.AscendingOrder)
    path = window.export_xlsx(tmp_path / "district")
    assert path.suffix == ".xlsx"
    ws = load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:2] == ("อันดับ", "หน่วยงาน") and len(rows) == N + 1
    m = window.model
    assert [r[1] for r in rows[1:]] == _col(m, m.COL_OFFICE)           # as shown (sorted by name)
    r0 = m.result_at(0)
    assert rows[1][0] == r0.rank and rows[1][5] == pytest.approx(float(r0.total))
    assert rows[1][6] == r0.level


