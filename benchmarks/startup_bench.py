"""Cold start of the desktop program to a loaded main window, and its peak memory.

    python benchmarks/startup_bench.py [--runs 5] [--keep DIR]

Builds two databases (one office × 10 years; 1,000 offices × 8 years), then starts
``itadesk gui --db … --screenshot …`` in a fresh process each run (offscreen), which opens
the window at 1366×768, waits until every tab has loaded and exits.  Reports the wall time
of the whole process, the time the program itself measured to the loaded window, and the
peak resident memory (getrusage maxrss).  Targets: ≤ 1.2 s and ≤ 250 MB.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_S, TARGET_MB = 1.2, 250


def build_db(path: Path, offices: int, years: list[int]) -> str:
    from sqlalchemy import insert

    from itadesk.store.models import Assessment, IndicatorScore, Office, Person
    from itadesk.store.session import open_database

    url = f"sqlite:///{path}"
    db = open_database(url)
    rnd = random.Random(1)
    with db.engine.begin() as conn:
        conn.execute(insert(Office), [
            {"id": i + 1, "name": f"เทศบาลตำบลทดสอบ {i + 1}", "kind": "เทศบาลตำบล", "amphoe": "เมือง",
             "province": "อุดรธานี", "doc_prefix": "อด ๘๑๘๐๑", "units": ["สำนักปลัดเทศบาล", "กองคลัง"],
             "notes": [], "thai_digits": True, "version": 1} for i in range(offices)])
        conn.execute(insert(Person), [
            {"office_id": i + 1, "key": "author", "name": "นายทดสอบ ระบบ", "position": "นิติกร",
             "position_order": 0} for i in range(offices)])
        aid = 0
        arows, srows = [], []
        for o in range(offices):
            for y in years:
                aid += 1
                arows.append({"id": aid, "office_id": o + 1, "fiscal_year": y, "version": 1})
                for n in range(1, 11):
                    srows.append({"assessment_id": aid, "indicator": n,
                                  "score": Decimal(rnd.randint(6000, 10000)) / 100})
        conn.execute(insert(Assessment), arows)
        for i in range(0, len(srows), 20000):
            conn.execute(insert(IndicatorScore), srows[i:i + 20000])
    db.dispose()
    return url


def one_run(url: str, home: Path, out: Path) -> tuple[float, float, float]:
    env = dict(os.environ, ITADESK_HOME=str(home), ITADESK_REPORT_STARTUP="1", QT_QPA_PLATFORM="offscreen")
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "itadesk", "gui", "--db", url, "--tab", "scores",
                        "--screenshot", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"run failed ({r.returncode}): {r.stderr[-2000:]}")
    parts = r.stdout.split()
    loaded = float(parts[parts.index("loaded") + 1])
    rss = float(parts[parts.index("maxrss") + 1])
    return wall, loaded, rss


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", help="folder for the generated databases (default: a temp folder)")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="itadesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["ITADESK_HOME"] = str(work / "home")
    cases = [("1 office × 10 years", 1, list(range(2560, 2570))),
             ("1,000 offices × 8 years", 1000, list(range(2562, 2570)))]
    ok = True
    print(f"{'database':<26}{'size':>9}{'wall median':>13}{'wall max':>10}{'loaded median':>15}{'peak RSS':>10}")
    for label, offices, years in cases:
        path = work / f"bench-{offices}x{len(years)}.sqlite3"
        if not path.exists():
            t = time.perf_counter()
            build_db(path, offices, years)
            print(f"  (built {path.name} in {time.perf_counter() - t:.1f} s)", file=sys.stderr)
        one_run(f"sqlite:///{path}", work / "home", work / "warm.png")   # page cache warm, as a 2nd start
        walls, loadeds, rsss = [], [], []
        for _ in range(args.runs):
            w, ld, rss = one_run(f"sqlite:///{path}", work / "home", work / "shot.png")
            walls.append(w)
            loadeds.append(ld)
            rsss.append(rss)
        size = path.stat().st_size / 1e6
        print(f"{label:<26}{size:>7.1f}MB{statistics.median(walls):>12.2f}s{max(walls):>9.2f}s"
              f"{statistics.median(loadeds):>14.2f}s{max(rsss):>8.0f}MB")
        ok &= statistics.median(walls) <= TARGET_S and max(rsss) <= TARGET_MB
    print(f"targets: ≤ {TARGET_S} s, ≤ {TARGET_MB} MB → {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
