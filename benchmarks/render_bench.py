"""Render benchmark: ``python benchmarks/render_bench.py`` (prints numbers).

1. in process: the seed-001-like bundle (memo + 2 attachments), median of 20 after warm-up;
2. whole process: ``python -m itadesk.documents.cli_render`` (median of 5);
3. LibreOffice: ``libreoffice --headless --convert-to pdf`` of an equivalent DOCX, if installed.
Targets: ≤ 0.15 s in process, ≤ 0.8 s whole process.
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
FIXTURE = ROOT / "tests" / "fixtures" / "doc_001.json"


def main() -> int:
    from itadesk.documents.memo_pdf import render_memo_bytes

    dossier = json.loads(FIXTURE.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    data, info = render_memo_bytes(dossier, None)
    first = time.perf_counter() - t0
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        render_memo_bytes(dossier, None)
        times.append(time.perf_counter() - t0)
    print(f"bundle: {info.pages} pages ({info.memo_pages} memo + {info.attachment_pages} attachment), "
          f"font {info.font}, {len(data) // 1024} KB")
    print(f"in process: first (cold, incl. dictionary load) {first:.3f} s; "
          f"median of 20 {statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"
          f"  target <= 0.15 s")

    tmp = Path(tempfile.mkdtemp(prefix="itadesk-bench-"))
    out = tmp / "memo.pdf"
    cmd = [sys.executable, "-m", "itadesk.documents.cli_render", str(FIXTURE), str(out)]
    env = dict(os.environ, PYTHONPATH=str(ROOT), ITADESK_HOME=str(tmp))
    subprocess.run(cmd, check=True, env=env, capture_output=True)  # warm the OS cache
    wall = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, capture_output=True)
        wall.append(time.perf_counter() - t0)
    print(f"whole process (python -m itadesk.documents.cli_render): median of 5 "
          f"{statistics.median(wall):.3f} s (min {min(wall):.3f})  target <= 0.8 s")

    lo = shutil.which("libreoffice") or shutil.which("soffice")
    if not lo:
        print("LibreOffice: not installed, skipped (not installed on purpose: it is large)")
        return 0
    try:
        from docx import Document
    except ImportError:
        print("LibreOffice: python-docx missing, skipped")
        return 0
    doc = Document()
    memo = dossier["memos"][0]
    doc.add_heading("บันทึกข้อความ", 0)
    for s in memo["sections"]:
        doc.add_paragraph(s.get("title", ""))
        for p in s["paragraphs"]:
            doc.add_paragraph(p)
    for a in memo["analysis"] if "analysis" in memo else dossier["years"][1]["analysis"]:
        doc.add_paragraph(a["text"])
    docx = tmp / "memo.docx"
    doc.save(docx)
    lt = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([lo, "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
                       check=True, capture_output=True)
        lt.append(time.perf_counter() - t0)
    print(f"LibreOffice headless DOCX→PDF: median of 3 {statistics.median(lt):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
