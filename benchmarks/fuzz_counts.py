"""Fuzz every entry point that takes a clerk's (or a stranger's) data, with a new seed each run.

    .venv/bin/python benchmarks/fuzz_counts.py [--examples 10000] [--cli-examples 40]
                                               [--seed N] [--only SUBSTRING]

In-process entry points (tests/fuzz/targets.py and the structure-aware tests/fuzz/hostile.py:
valid dossiers with hostile text, numbers and evidence paths through import → open → delete
evidence → delete measure; every service the window writes through) run ``--examples`` each
(default 10,000).  The command line runs ``--cli-examples`` hostile command lines (default 40),
each in its own ``python -m itadesk`` process, over every subcommand (a process costs about a
second, so fewer).  After every example the database on disk is checked (integrity_check; a
refused import leaves the file byte for byte as it was).

The seed is printed first; ``--seed N`` repeats a run exactly.  Prints, per entry point, how
many examples ran, the failures (0 expected), the time, and what happened to the examples
(imported, refused and why).  Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_SHM = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
_OWN_HOME = "ITADESK_HOME" not in os.environ
os.environ.setdefault("ITADESK_HOME", tempfile.mkdtemp(prefix="itadesk-fuzz-home-", dir=_SHM))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

from tests.fuzz import hostile  # noqa: E402
from tests.fuzz.targets import TARGETS, run_target  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", type=int, default=10_000, help="examples per in-process entry point")
    ap.add_argument("--cli-examples", type=int, default=40, help="command lines (one process each)")
    ap.add_argument("--seed", type=int, default=None, help="repeat the run with this seed")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    if _OWN_HOME:       # the data folder made above for this run goes with it
        import atexit
        import shutil

        atexit.register(shutil.rmtree, os.environ["ITADESK_HOME"], True)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    logging.disable(logging.WARNING)    # refused hostile paths are logged; not needed here
    print(f"seed {seed}  (repeat: python benchmarks/fuzz_counts.py --seed {seed} --examples {args.examples}"
          f" --cli-examples {args.cli_examples})", flush=True)
    total_fail = 0
    print(f"{'entry point':<46} {'examples':>8} {'failures':>8} {'time':>8}")
    for name in TARGETS:
        if args.only not in name:
            continue
        t0 = time.perf_counter()
        failures = 0
        kinds = ""
        try:
            n = run_target(name, args.examples, seed=seed)
        except BaseException as e:  # noqa: BLE001 - report and go on
            if isinstance(e, KeyboardInterrupt):
                raise
            subs = list(getattr(e, "exceptions", [e]))
            failures = len(subs)
            kinds = ", ".join(sorted({type(x).__name__ for x in subs}))
            n = args.examples
            print("".join(traceback.format_exception_only(type(e), e))[:600], file=sys.stderr)
        total_fail += failures
        print(f"{name:<46} {n:>8} {failures:>8} {time.perf_counter() - t0:>7.1f}s  {kinds}", flush=True)
    if args.cli_examples and args.only in "command line (subprocess, every subcommand)":
        t0 = time.perf_counter()
        ran, failures, codes = hostile.run_cli_examples(args.cli_examples, seed)
        total_fail += failures
        print(f"{'command line (subprocess, every subcommand)':<46} {ran:>8} {failures:>8} "
              f"{time.perf_counter() - t0:>7.1f}s  exit codes {dict(sorted(codes.items()))}", flush=True)
    for target, outcomes in hostile.OUTCOMES.items():
        print(f"  {target}: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"total failures: {total_fail}  (seed {seed})")
    return 1 if total_fail else 0


if __name__ == "__main__":
    raise SystemExit(main())
