"""Kill benchmark: SIGKILL the program's own save paths at random moments and count the damage.

    python benchmarks/crash_bench.py [--kills 100] [--seed N] [--paths score,note,…] [--legacy 0]

Paths (tests/store/test_crash.py, ``run_path_kills``): the services the window uses — ``score``
(Services.set_indicator_scores), ``note`` (save_analysis_notes), ``measure`` (update_measure),
``memo`` (update_memo) — and ``backup`` (backup_sqlite), ``restore`` (restore_sqlite) and
``migration`` (open_database upgrading a first-revision database).  Each kill comes after the
child reported at least one finished edit (backup, restore; for the migration: that it started);
a child silent for ``--hang-timeout`` seconds is killed and counted as hung.

Printed per path: kills, acknowledged edits, corruptions (does not open, integrity_check fails, or
the schema revision is not the newest), lost edits (acknowledged, missing after the kill), torn
edits (half applied), hung writers, time.  The seed is printed; the same seed repeats the run.
``--legacy N`` also runs the old loop of a writer of its own (``run_kills``) N times.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ITADESK_HOME", tempfile.mkdtemp(prefix="itadesk-crash-home-"))

from tests.store.test_crash import PATHS, run_kills, run_path_kills  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=100, help="kills per path")
    ap.add_argument("--seed", type=int, default=None, help="default: a new one, printed")
    ap.add_argument("--paths", default=",".join(PATHS))
    ap.add_argument("--max-delay", type=float, default=0.3)
    ap.add_argument("--hang-timeout", type=float, default=60.0)
    ap.add_argument("--legacy", type=int, default=0, help="kills of the old self-made writer loop")
    ap.add_argument("--work", help="folder for the databases (default: a new temporary folder)")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 31)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="itadesk-crash-"))
    print(f"seed: {seed}   work: {work}   kills per path: {args.kills}", flush=True)
    header = f"{'path':<10} {'kills':>6} {'edits':>7} {'corrupt':>8} {'lost':>5} {'torn':>5} {'hung':>5} {'time s':>8}"
    print(header, flush=True)
    bad = 0
    for kind in [k.strip() for k in args.paths.split(",") if k.strip()]:
        def progress(k, st, kind=kind):
            if k % 25 == 0:
                print(f"  … {kind}: {k} kills, {st.edits} edits, corrupt {st.corruptions}, lost {st.lost}, "
                      f"torn {st.torn}", file=sys.stderr, flush=True)

        st = run_path_kills(kind, work / kind, args.kills, seed=seed, max_delay=args.max_delay,
                            hang_timeout=args.hang_timeout, progress=progress)
        print(f"{kind:<10} {st.kills:>6} {st.edits:>7} {st.corruptions:>8} {st.lost:>5} {st.torn:>5} "
              f"{st.hung:>5} {st.seconds:>8.1f}", flush=True)
        for p in st.problems[:10]:
            print("  problem:", p, flush=True)
        bad += len(st.problems)
    if args.legacy:
        path = work / "legacy" / "kill.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        st = run_kills(path, args.legacy, max_delay=args.max_delay, seed=seed, stop_on_problem=False)
        print(f"{'legacy':<10} {st.kills:>6} {st.edits:>7} {st.corruptions:>8} {st.lost:>5} {st.torn:>5} "
              f"{0:>5} {st.seconds:>8.1f}", flush=True)
        bad += len(st.problems)
    return 0 if not bad else 1


if __name__ == "__main__":
    raise SystemExit(main())
