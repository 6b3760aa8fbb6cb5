"""District ranking on 1,000 offices × 8 years, on SQLite and (if given) PostgreSQL.

    python benchmarks/district_bench.py [--pg postgresql+psycopg://…] [--offices 1000]

Prints the time of one district query (median of 15 after a warm-up) per engine, and the
migrate-db round trip of the whole data set with its row counts.  Target: ≤ 100 ms a query.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from sqlalchemy import insert, text  # noqa: E402

from itadesk.store.district import district_results  # noqa: E402
from itadesk.store.models import Assessment, IndicatorScore, Office  # noqa: E402
from itadesk.store.session import open_database  # noqa: E402
from itadesk.store.transfer import transfer  # noqa: E402

YEARS = list(range(2562, 2570))


def populate(url: str, n_offices: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    db = open_database(url)
    with db.engine.begin() as c:
        c.execute(insert(Office.__table__), [
            {"id": i, "name": f"เทศบาลตำบลทดสอบ {i:04d}", "kind": "เทศบาลตำบล", "amphoe": "", "province": "",
             "doc_prefix": "", "website": "", "phone": "", "thai_digits": True, "font": "", "units": [],
             "notes": [], "version": 1} for i in range(1, n_offices + 1)])
        rows, scores = [], []
        aid = 0
        for i in range(1, n_offices + 1):
            for y in YEARS:
                aid += 1
                rows.append({"id": aid, "office_id": i, "fiscal_year": y, "version": 1})
                for ind in range(1, 11):
                    scores.append({"assessment_id": aid, "indicator": ind,
                                   "score": round(rnd.uniform(55, 100), 2)})
        c.execute(insert(Assessment.__table__), rows)
        c.execute(insert(IndicatorScore.__table__), scores)
    db.dispose()


def time_query(url: str, year: int = 2568, runs: int = 15) -> tuple[float, int]:
    db = open_database(url)
    with db.session() as s:
        n = len(district_results(s, year))
    samples = []
    for _ in range(runs):
        with db.session() as s:
            t = time.perf_counter()
            district_results(s, year)
            samples.append(time.perf_counter() - t)
    db.dispose()
    return statistics.median(samples), n


def reset_pg(url: str) -> None:
    from sqlalchemy import create_engine

    e = create_engine(url)
    with e.begin() as c:
        c.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        c.execute(text("CREATE SCHEMA public"))
    e.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", default=os.environ.get("ITADESK_TEST_DB_URL", ""))
    ap.add_argument("--offices", type=int, default=1000)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="itadesk-district-"))
    sqlite_url = f"sqlite:///{tmp / 'district.sqlite3'}"
    t = time.perf_counter()
    populate(sqlite_url, a.offices)
    print(f"populate SQLite: {a.offices} offices × {len(YEARS)} years in {time.perf_counter() - t:.1f} s")
    med, n = time_query(sqlite_url)
    print(f"SQLite district query (2568, {n} offices): median {med * 1000:.1f} ms")
    if a.pg.startswith("postgresql"):
        reset_pg(a.pg)
        t = time.perf_counter()
        rep = transfer(sqlite_url, a.pg)
        up = time.perf_counter() - t
        print(f"migrate-db SQLite → PostgreSQL: {up:.1f} s, counts ok={rep.ok}: "
              + ", ".join(f"{k}={v[1]}" for k, v in rep.counts.items() if v[1]))
        med, n = time_query(a.pg)
        print(f"PostgreSQL district query (2568, {n} offices): median {med * 1000:.1f} ms")
        back = f"sqlite:///{tmp / 'back.sqlite3'}"
        t = time.perf_counter()
        rep = transfer(a.pg, back)
        print(f"migrate-db PostgreSQL → SQLite: {time.perf_counter() - t:.1f} s, counts ok={rep.ok}")
    else:
        print("PostgreSQL: not measured (give --pg URL)")


if __name__ == "__main__":
    main()
