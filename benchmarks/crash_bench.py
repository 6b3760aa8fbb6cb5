"""Kill benchmark: SIGKILL a writer that keeps saving edits, 500 times, and count the damage.

    /work/venv/bin/python benchmarks/crash_bench.py [--kills 500] [--seed 1] [--db PATH]

Prints kills, corruptions (database does not open or fails PRAGMA integrity_check), lost
committed edits (printed by the writer after its commit, missing after the kill), torn
edits (a transaction half applied), committed edits in the end and the time taken.
The writer and the checks are the ones of tests/store/test_crash.py.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ITADESK_HOME", tempfile.mkdtemp(prefix="itadesk-crash-home-"))

from tests.store.test_crash import run_kills  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-delay", type=float, default=0.3)
    ap.add_argument("--db", help="database file (default: a new temporary file)")
    args = ap.parse_args()
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="itadesk-crash-")) / "kill.sqlite3"

    def progress(k, st):
        if k % 50 == 0:
            print(f"  … {k} kills, {st.edits} edits, corruptions {st.corruptions}, lost {st.lost}",
                  file=sys.stderr, flush=True)

    st = run_kills(path, args.kills, max_delay=args.max_delay, seed=args.seed,
                   stop_on_problem=False, progress=progress)
    print(f"database: {path} ({path.stat().st_size // 1024} KB)")
    print(f"kills: {st.kills}")
    print(f"corruptions: {st.corruptions}")
    print(f"lost committed edits: {st.lost}")
    print(f"torn edits: {st.torn}")
    print(f"committed edits in the database: {st.edits}")
    print(f"time: {st.seconds:.1f} s ({st.seconds / max(st.kills, 1):.2f} s per kill)")
    for p in st.problems[:20]:
        print("problem:", p)
    return 0 if not st.problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
