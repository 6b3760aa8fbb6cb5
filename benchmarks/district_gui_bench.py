"""The district window on 1,000 offices × 8 years: load time, sort time, screenshot.

    python benchmarks/district_gui_bench.py [--pg postgresql+psycopg://…] [--offices 1000]
                                            [--screenshot docs/screenshots/district.png]

The data are generated with Core inserts (like district_bench.py) but with varied Thai office
names (leading vowels เ แ โ ใ ไ, several kinds), a few offices with incomplete scores and
one office that improved a lot, so the table, the Thai sort and the chart have something to
show.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

YEARS = list(range(2562, 2570))
KINDS = ("เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "เทศบาลเมือง")
PLACES = ("ขามใหญ่", "เกาะคา", "กุดจับ", "โคกสูง", "แก่งคอย", "ไชยา", "ใหม่พัฒนา", "นายูง", "บ้านผือ",
          "หนองหาน", "เวียงเชียงรุ้ง", "แม่สาย", "ท่าบ่อ", "ศรีธาตุ", "โนนสะอาด", "อุบลรัตน์", "ไผ่ขวาง",
          "เชียงกลาง", "สร้างคอม", "พิบูลย์รักษ์")
INCOMPLETE = 12          # offices whose latest year lacks an indicator


def office_names(n: int) -> list[str]:
    out = []
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        kind = KINDS[(i // len(PLACES)) % len(KINDS)]
        out.append(f"{kind}{place} {i // (len(PLACES) * len(KINDS)) + 1}")
    return out


def populate(url: str, n_offices: int = 1000, seed: int = 7) -> list[str]:
    """Fill an empty database; returns the office names (id order)."""
    from sqlalchemy import insert

    from itadesk.store.models import Assessment, IndicatorScore, Office
    from itadesk.store.session import open_database

    rnd = random.Random(seed)
    names = office_names(n_offices)
    db = open_database(url)
    with db.engine.begin() as c:
        c.execute(insert(Office.__table__), [
            {"id": i, "name": names[i - 1], "kind": "", "amphoe": "", "province": "", "doc_prefix": "",
             "website": "", "phone": "", "thai_digits": True, "font": "", "units": [], "notes": [], "version": 1}
            for i in range(1, n_offices + 1)])
        rows, scores, aid = [], [], 0
        for i in range(1, n_offices + 1):
            base = rnd.uniform(58, 97)
            for y in YEARS:
                aid += 1
                rows.append({"id": aid, "office_id": i, "fiscal_year": y, "version": 1})
                drift = (y - YEARS[0]) * (2.5 if i == 7 else 0.4)
                for ind in range(1, 11):
                    if y == YEARS[-1] and i > n_offices - INCOMPLETE and ind == 10:
                        continue
                    v = min(100.0, max(0.0, base + drift + rnd.gauss(0, 6)))
                    scores.append({"assessment_id": aid, "indicator": ind, "score": round(v, 2)})
        c.execute(insert(Assessment.__table__), rows)
        c.execute(insert(IndicatorScore.__table__), scores)
    db.dispose()
    return names


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", default="")
    ap.add_argument("--offices", type=int, default=1000)
    ap.add_argument("--screenshot", default="")
    a = ap.parse_args()
    if a.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, Qt

    from itadesk.store.session import open_database
    from itadesk.ui.application import make_app
    from itadesk.ui.district_window import DistrictWindow, StoreDistrictSource

    app = make_app()
    url = a.pg or f"sqlite:///{Path(tempfile.mkdtemp(prefix='itadesk-dgui-')) / 'district.sqlite3'}"
    t = time.perf_counter()
    populate(url, a.offices)
    print(f"populate {a.offices} offices × {len(YEARS)} years: {time.perf_counter() - t:.1f} s")
    db = open_database(url)
    w = DistrictWindow(StoreDistrictSource(db))
    w.resize(1366, 768)
    w.show()
    t = time.perf_counter()
    while w.pending_work():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    print(f"window load ({w.model.rowCount()} offices, year {w.year}): {w.load_seconds * 1000:.0f} ms "
          f"(until shown {(time.perf_counter() - t) * 1000:.0f} ms)")
    for col, order in ((1, Qt.SortOrder.AscendingOrder), (5, Qt.SortOrder.DescendingOrder), (8, Qt.SortOrder.DescendingOrder)):
        t = time.perf_counter()
        w.model.sort(col, order)
        print(f"sort column {col}: {(time.perf_counter() - t) * 1000:.1f} ms")
    if a.screenshot:
        w.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        w.select_office(w.model.result_at(0).office if w.model.rowCount() else "")
        best_mover = max((r for r in w.model.results() if r.change is not None), key=lambda r: r.change)
        w.select_office(best_mover.office)
        w.table.scrollToTop()
        app.processEvents()
        Path(a.screenshot).parent.mkdir(parents=True, exist_ok=True)
        print("screenshot:", a.screenshot, w.grab().save(a.screenshot))
    w.close()
    db.dispose()


if __name__ == "__main__":
    main()
