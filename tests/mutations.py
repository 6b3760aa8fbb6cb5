"""A test of the tests: plant bugs in a copy of the program, run the document tests, show who caught them.

    .venv/bin/python tests/mutations.py            # every planted bug (about 10 minutes)
    .venv/bin/python tests/mutations.py ranking    # only the bugs whose name contains "ranking"
    ITADESK_MUTATION_TESTS="tests/documents" .venv/bin/python tests/mutations.py   # other tests

Each bug is one textual change in a temporary copy of the work tree (the real files are never
touched): this year's scores printed in last year's column of the comparison table, the ranking
table reversed, and in every table kind two columns swapped.  For each, the document tests run
against the copy; the script prints the tests that failed ("caught it") and exits 1 if any bug
went uncaught.  Expected results come from the golden files (tests/golden), typed from the signed
memos, so a bug the engine makes in its own record cannot hide.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLES = "itadesk/documents/tables.py"
TESTS = os.environ.get("ITADESK_MUTATION_TESTS", "tests/golden tests/documents tests/test_example_pdfs.py").split()

# name → (file, exact text, replacement); the text must occur exactly once
MUTANTS: dict[str, tuple[str, str, str]] = {
    "comparison: this year's scores in last year's column": (
        TABLES,
        '"old": format_score(c.old, ctx.thai), "new": format_score(c.new, ctx.thai),',
        '"old": format_score(c.new, ctx.thai), "new": format_score(c.new, ctx.thai),'),
    "ranking: table reversed": (
        TABLES,
        "for r in scoring.ranking(fw, ctx.scores(fy)):",
        "for r in reversed(scoring.ranking(fw, ctx.scores(fy))):"),
    "static: first two columns swapped": (
        TABLES,
        "rows = [[ctx.t(c) for c in r] + [\"\"] * (n - len(r)) for r in rows]",
        "rows = [[ctx.t(c) for c in (r[1:2] + r[:1] + r[2:])] + [\"\"] * (n - len(r)) for r in rows]"),
    "score_summary: item and value swapped": (
        TABLES,
        'td.rows.append(_pick(td.keys, {"item": item, "value": value}))',
        'td.rows.append(_pick(td.keys, {"item": value, "value": item}))'),
    "score_comparison: old and new columns swapped": (
        TABLES,
        '"old": format_score(c.old, ctx.thai), "new": format_score(c.new, ctx.thai),',
        '"old": format_score(c.new, ctx.thai), "new": format_score(c.old, ctx.thai),'),
    "indicator_ranking: indicator and score swapped": (
        TABLES,
        '{"rank": ctx.t(str(r.rank)), "indicator": r.name,\n                                       "score": format_score(r.score, ctx.thai), "tool": r.tool}',
        '{"rank": ctx.t(str(r.rank)), "score": r.name,\n                                       "indicator": format_score(r.score, ctx.thai), "tool": r.tool}'),
    "indicator_analysis: score and text swapped": (
        TABLES,
        '"score": format_score(scores.get(ind.number), ctx.thai),\n                "text": text,',
        '"text": format_score(scores.get(ind.number), ctx.thai),\n                "score": text,'),
    "level_bands: range and level swapped": (
        TABLES,
        '{"range": rng, "level": band.label,',
        '{"level": rng, "range": band.label,'),
    "measures_plan: units and monitoring swapped": (
        TABLES,
        "vals = _measure_common(m, n, ctx)\n        vals[\"steps\"] = _steps_text(m.get(\"steps\", []), ctx, dash=False)\n        vals[\"steps_dash\"]",
        "vals = _measure_common(m, n, ctx)\n        vals[\"units\"], vals[\"monitoring\"] = vals[\"monitoring\"], vals[\"units\"]\n"
        "        vals[\"steps\"] = _steps_text(m.get(\"steps\", []), ctx, dash=False)\n        vals[\"steps_dash\"]"),
    "measures_results: units and period swapped": (
        TABLES,
        'row["units"] = _units(s.get("units")) or vals["units"]\n                row["period"] = _period(s.get("period"), ctx.thai) or vals["period"]',
        'row["period"] = _units(s.get("units")) or vals["units"]\n                row["units"] = _period(s.get("period"), ctx.thai) or vals["period"]'),
    "measures_results: output and outcome swapped": (
        TABLES,
        '"output": _with_reports(m, "output", ctx),\n        "outcome": _with_reports(m, "outcome", ctx),',
        '"outcome": _with_reports(m, "output", ctx),\n        "output": _with_reports(m, "outcome", ctx),'),
}


def _copy_tree(dst: Path) -> None:
    ignore = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.pyc", ".pytest_cache", ".hypothesis",
                                    "build", "dist", "*.egg-info")
    for name in ("itadesk", "tests", "examples", "resources", "forms", "installer", "benchmarks", "docs"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, dst / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, dst / name)


def _plant(tree: Path, file: str, old: str, new: str) -> None:
    path = tree / file
    text = path.read_text(encoding="utf-8")
    count = text.count(old)
    if count != 1:
        raise SystemExit(f"the text to mutate occurs {count} times in {file} (the source changed: update MUTANTS)")
    path.write_text(text.replace(old, new), encoding="utf-8")


def _run_tests(tree: Path) -> tuple[list[str], str]:
    cmd = [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider", "--tb=no", *TESTS]
    env = dict(os.environ, PYTHONPATH=str(tree))     # the copy's itadesk, not the installed one
    where = subprocess.run([sys.executable, "-c", "import itadesk; print(itadesk.__file__)"], cwd=tree, env=env,
                           capture_output=True, text=True).stdout.strip()
    if not where.startswith(str(tree)):
        raise SystemExit(f"the mutant copy is not the one imported ({where})")
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, env=env)
    failed = sorted({m.group(1) for m in re.finditer(r"^FAILED (\S+)", proc.stdout, re.M)})
    summary = (proc.stdout.strip().splitlines() or [""])[-1]
    return failed, summary


def main(argv: list[str]) -> int:
    only = argv[1] if len(argv) > 1 else ""
    chosen = {k: v for k, v in MUTANTS.items() if only in k}
    uncaught = []
    print(f"{len(chosen)} planted bug(s); tests: {' '.join(TESTS)}\n")
    for name, (file, old, new) in chosen.items():
        with tempfile.TemporaryDirectory(prefix="itadesk-mutant-") as tmp:
            tree = Path(tmp)
            _copy_tree(tree)
            _plant(tree, file, old, new)
            started = time.monotonic()
            failed, summary = _run_tests(tree)
            took = time.monotonic() - started
        verdict = "CAUGHT" if failed else "MISSED"
        print(f"[{verdict}] {name}  ({summary}; {took:.0f} s)")
        for t in failed:
            print(f"    {t}")
        if not failed:
            uncaught.append(name)
    print(f"\n{len(chosen) - len(uncaught)} of {len(chosen)} planted bugs caught")
    for name in uncaught:
        print(f"  missed: {name}")
    return 1 if uncaught else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
