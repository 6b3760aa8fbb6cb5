"""Render benchmark: ``python benchmarks/render_bench.py [EXAMPLE.json] [--pairs N]`` (prints numbers).

1. in process: ``render_memo_bytes`` of the example's first memo, median of 10 after a warm-up
   (the window's preview renders again after each edit: what was laid out before is reused);
2. whole process: ``python -m itadesk render EXAMPLE --out memo.pdf``, from compiled bytecode
   as an installed program runs;
3. LibreOffice converting the program's own DOCX export of the same memo
   (``memo_docx_bytes``, the file a clerk would open in Word) to PDF, when it is installed.

2 and 3 run as paired runs (itadesk, LibreOffice, itadesk, LibreOffice, …) so that the load of a
shared machine falls on both alike; it prints each pair's ratio and the median ratio, with the
peak memory (max RSS) of each process.  Goals (issue 14): whole process <= 0.5 x LibreOffice,
in process <= 0.10 s.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
DEFAULT = ROOT / "examples" / "seed001_nonthong_analysis_2565.json"


def run(cmd: list[str], env: dict) -> tuple[float, int]:
    """(wall seconds, max RSS in MB) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        err = p.stderr.read().decode("utf-8", "replace") if p.stderr else ""
        raise SystemExit(f"{cmd[0]} failed ({p.returncode}): {err[-400:]}")
    return wall, usage.ru_maxrss // 1024


def main(argv: list[str]) -> int:
    pairs = 5
    if "--pairs" in argv:
        i = argv.index("--pairs")
        pairs = int(argv[i + 1])
        del argv[i:i + 2]
    example = Path(argv[0]) if argv else DEFAULT
    from itadesk.documents.docx_writer import memo_docx_bytes
    from itadesk.documents.memo_pdf import render_memo_bytes

    dossier = json.loads(example.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    data, info = render_memo_bytes(dossier, None)
    first = time.perf_counter() - t0
    times = []
    for _ in range(10):
        t0 = time.perf_counter()
        render_memo_bytes(dossier, None)
        times.append(time.perf_counter() - t0)
    print(f"memo: {example.name}: {info.pages} pages ({info.memo_pages} memo + {info.attachment_pages} "
          f"attachment), {len(data) // 1024} KB")
    print(f"in process: first {first:.3f} s; median of 10 {statistics.median(times):.3f} s "
          f"(min {min(times):.3f})  goal <= 0.10 s")

    # An installed program runs from compiled bytecode (the Windows bundle ships .pyc; pip
    # compiles on install); a checkout run with PYTHONDONTWRITEBYTECODE=1 would compile every
    # module of itadesk on every run instead.  Compile once, as installing does.
    import compileall

    compileall.compile_dir(str(ROOT / "itadesk"), quiet=1)
    tmp = Path(tempfile.mkdtemp(prefix="itadesk-bench-"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), ITADESK_HOME=str(tmp / "home"), HOME=str(tmp / "home"))
    (tmp / "home").mkdir()
    ours = [sys.executable, "-m", "itadesk", "render", str(example), "--out", str(tmp / "memo.pdf")]
    docx = tmp / "memo.docx"
    docx.write_bytes(memo_docx_bytes(dossier, None)[0])
    lo = shutil.which("soffice") or shutil.which("libreoffice")
    lo_cmd = [lo, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp / 'lo-profile'}",
              "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(docx)] if lo else None
    run(ours, env)                              # warm the OS file cache
    if lo_cmd:
        run(lo_cmd, env)                        # and LibreOffice's new profile
    rows = []
    for _ in range(pairs):
        a = run(ours, env)
        b = run(lo_cmd, env) if lo_cmd else None
        rows.append((a, b))
    for i, (a, b) in enumerate(rows, 1):
        line = f"pair {i}: itadesk render {a[0]:.3f} s {a[1]} MB"
        if b:
            line += f" | LibreOffice DOCX->PDF {b[0]:.3f} s {b[1]} MB | ratio {a[0] / b[0]:.2f}"
        print(line)
    wall = statistics.median(a[0] for a, _ in rows)
    print(f"whole process (python -m itadesk render): median {wall:.3f} s, "
          f"max RSS {max(a[1] for a, _ in rows)} MB")
    if not lo_cmd:
        print("LibreOffice: not installed, no ratio (apt-get install libreoffice-writer-nogui)")
        return 0
    lo_wall = statistics.median(b[0] for _, b in rows if b)
    ratio = statistics.median(a[0] / b[0] for a, b in rows if b)
    print(f"LibreOffice DOCX->PDF of the same memo: median {lo_wall:.3f} s, "
          f"max RSS {max(b[1] for _, b in rows if b)} MB")
    print(f"paired ratio itadesk / LibreOffice: median {ratio:.2f}  goal <= 0.50")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
