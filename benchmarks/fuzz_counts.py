"""Run every fuzz target of tests/fuzz/targets.py for a fixed number of examples.

    /work/venv/bin/python benchmarks/fuzz_counts.py [--examples 1000] [--only SUBSTRING]

Prints, per entry point, how many examples ran, failures (0 expected) and the time.
A failure prints the exception; the exit status is 1 when any target failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ITADESK_HOME", tempfile.mkdtemp(prefix="itadesk-fuzz-home-"))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from tests.fuzz.targets import TARGETS, run_target  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=1000)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    total_fail = 0
    print(f"{'entry point':<38} {'examples':>8} {'failures':>8} {'time':>8}")
    for name in TARGETS:
        if args.only not in name:
            continue
        t0 = time.perf_counter()
        failures = 0
        kinds = ""
        try:
            n = run_target(name, args.examples)
        except BaseException as e:  # noqa: BLE001 - report and go on
            if isinstance(e, KeyboardInterrupt):
                raise
            subs = list(getattr(e, "exceptions", [e]))
            failures = len(subs)
            kinds = ", ".join(sorted({type(x).__name__ for x in subs}))
            n = args.examples
            print("".join(traceback.format_exception_only(type(e), e))[:400], file=sys.stderr)
        total_fail += failures
        print(f"{name:<38} {n:>8} {failures:>8} {time.perf_counter() - t0:>7.1f}s  {kinds}", flush=True)
    print(f"total failures: {total_fail}")
    return 1 if total_fail else 0


if __name__ == "__main__":
    raise SystemExit(main())
