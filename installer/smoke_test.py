"""Smoke test of a built (or installed) ITA Desk folder.  Standard library only.

    python installer/smoke_test.py [BUNDLE_DIR] [--no-network] [--keep] [--real-platform]

BUNDLE_DIR defaults to dist/itadesk.  Runs the bundled console executable (itadesk-cli.exe on
Windows, itadesk elsewhere) offscreen with a fresh ITADESK_HOME, one line per step, and exits
non-zero at the first failure.  --no-network runs every command in a new network namespace
(Linux ``unshare -rn``), so a hidden download would fail the test.  --real-platform runs the
program as on a clerk's PC instead: the platform's own Qt display plugin (``windows`` on
Windows) and no PYTHONIOENCODING / PYTHONUTF8, so the console encoding and the display, font
and print plugins are exercised (the Windows workflow's second smoke step).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IS_WIN = sys.platform.startswith("win")
# Words the memo PDF must contain as text (every memo form has them), plus the office name.
MEMO_WORDS = ["บันทึกข้อความ", "ส่วนราชการ", "เรื่อง", "คุณธรรมและความโปร่งใส"]


class SmokeFailure(Exception):
    pass


def step(msg: str) -> None:
    print(f"[smoke] {msg}", flush=True)


def find_exe(bundle: Path) -> Path:
    names = ["itadesk-cli.exe", "itadesk.exe"] if IS_WIN else ["itadesk"]
    for n in names:
        if (bundle / n).is_file():
            return bundle / n
    raise SmokeFailure(f"no executable {names} in {bundle}")


def data_root(bundle: Path) -> Path:
    """Where the bundle keeps its data files (PyInstaller ≥ 6: _internal/)."""
    return bundle / "_internal" if (bundle / "_internal").is_dir() else bundle


class Runner:
    def __init__(self, exe: Path, home: Path, no_network: bool, real_platform: bool = False):
        self.exe, self.home = exe, home
        self.prefix: list[str] = []
        if no_network:
            if not shutil.which("unshare"):
                raise SmokeFailure("--no-network needs unshare (util-linux)")
            self.prefix = ["unshare", "-rn"]
        self.env = dict(os.environ, ITADESK_HOME=str(home), QT_QPA_PLATFORM="offscreen",
                        PYTHONIOENCODING="utf-8", LANG=os.environ.get("LANG", "C.UTF-8"))
        for var in ("PYTHONPATH", "PYTHONHOME", "PYTHAINLP_DATA"):
            self.env.pop(var, None)
        if real_platform:        # as a clerk's PC: the real display plugin, the locale's encodings
            for var in ("QT_QPA_PLATFORM", "PYTHONIOENCODING", "PYTHONUTF8"):
                self.env.pop(var, None)
            if IS_WIN:           # named, since `gui --screenshot` would otherwise choose offscreen
                self.env["QT_QPA_PLATFORM"] = "windows"

    def __call__(self, *args: str, ok: bool = True, timeout: int = 120) -> subprocess.CompletedProcess:
        cmd = self.prefix + [str(self.exe), *args]
        t0 = time.perf_counter()
        p = subprocess.run(cmd, env=self.env, capture_output=True, timeout=timeout,
                           cwd=str(self.home))
        p.stdout = p.stdout.decode("utf-8", "replace")
        p.stderr = p.stderr.decode("utf-8", "replace")
        p.seconds = time.perf_counter() - t0  # type: ignore[attr-defined]
        if ok and p.returncode != 0:
            raise SmokeFailure(f"`itadesk {' '.join(args)}` exited {p.returncode}\n"
                               f"stdout:\n{p.stdout}\nstderr:\n{p.stderr}")
        return p


def pick_dossier(bundle: Path) -> Path:
    for folder in (data_root(bundle) / "examples", ROOT / "examples"):
        found = sorted(folder.glob("*.json")) if folder.is_dir() else []
        if found:
            return found[0]
    return ROOT / "tests" / "fixtures" / "mini_dossier.json"


def pdf_text(pdf: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe:
        return subprocess.run([exe, "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                              check=True).stdout.decode("utf-8")
    # No poppler (a Windows runner): the memo engine's own pdfplumber reader, which puts
    # Thai marks back in typed order; needs the source tree and the test extras.
    sys.path.insert(0, str(ROOT))
    try:
        from tests.pdftext import extract_text_stream_order
    except ImportError as e:
        raise SmokeFailure("need pdftotext (poppler-utils) or pdfplumber to read the PDF") from e
    return "\n".join(extract_text_stream_order(str(pdf)))


def run(bundle: Path, no_network: bool, keep: bool, real_platform: bool = False) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    exe = find_exe(bundle)
    home = Path(tempfile.mkdtemp(prefix="itadesk-smoke-"))
    work = home / "out"
    work.mkdir()
    step(f"bundle {bundle} executable {exe.name}, ITADESK_HOME={home}"
         + (", no network" if no_network else "")
         + (", real display plugin, no UTF-8 mode" if real_platform else ""))
    r = Runner(exe, home, no_network, real_platform)
    try:
        p = r("--version")
        if p.stdout.strip() != f"ITA Desk {version}":
            raise SmokeFailure(f"--version printed {p.stdout.strip()!r}, expected 'ITA Desk {version}'")
        step(f"--version: {p.stdout.strip()} ({p.seconds:.2f} s)")

        p = r("check")
        db = home / "itadesk.sqlite3"
        if not db.is_file():
            raise SmokeFailure(f"check did not create the database {db}")
        step(f"check on a fresh database: {p.stdout.strip().splitlines()[0]} "
             f"({db.stat().st_size} bytes, {p.seconds:.2f} s)")

        p = r("score", "--year", "2565", "--json", "1=96.54", "2=93.28", "3=90", "4=88", "5=100",
              "6=95", "7=90", "8=85", "9=80", "10=100")
        res = json.loads(p.stdout)
        if not res.get("total") or not res.get("level"):
            raise SmokeFailure(f"score gave no total/level: {p.stdout}")
        step(f"score 2565: total {res['total']} level {res['level']}")

        dossier = pick_dossier(bundle)
        office = json.loads(dossier.read_text("utf-8"))["office"]["name"]
        p = r("import", str(dossier))
        step(f"import {dossier.name}: {p.stdout.strip()}")

        out_json = work / "export.json"
        r("export", "--out", str(out_json))
        exported = json.loads(out_json.read_text("utf-8"))
        if exported["office"]["name"] != office:
            raise SmokeFailure(f"export gave office {exported['office']['name']!r}, expected {office!r}")
        step(f"export: {out_json.name} has office {office}")

        p = r("check")
        lines = p.stdout.strip().splitlines()
        step(f"check after import: {lines[0]}; {len(lines) - 1} line(s) about the office")

        if (ROOT / "itadesk" / "documents" / "memo_pdf.py").is_file():
            words = MEMO_WORDS + [office]
            for label, args in (("render from the dossier file", [str(dossier)]),
                                ("render from the database", [])):
                pdf = work / f"memo-{len(args)}.pdf"
                p = r("render", *args, "--out", str(pdf))
                if not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
                    raise SmokeFailure(f"{label} made no PDF at {pdf}: {p.stdout} {p.stderr}")
                text = re.sub(r"[ \t]+", " ", pdf_text(pdf))
                missing = [w for w in words if w not in text]
                if missing:
                    raise SmokeFailure(f"{label}: PDF text lacks {missing}; text begins:\n{text[:600]}")
                step(f"{label}: {pdf.stat().st_size} bytes, text has {', '.join(words)} "
                     f"({p.seconds:.2f} s)")
        else:
            step("render: SKIPPED, the memo engine (itadesk/documents/memo_pdf.py) is not in this tree yet")

        png = work / "window.png"
        p = r("gui", "--screenshot", str(png))
        data = png.read_bytes() if png.is_file() else b""
        if data[:8] != b"\x89PNG\r\n\x1a\n":
            raise SmokeFailure(f"gui --screenshot wrote no PNG: {p.stdout} {p.stderr}")
        w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        step(f"gui --screenshot: {w}x{h} PNG, {len(data)} bytes ({p.seconds:.2f} s)")
        if keep:
            step(f"kept {home}")
        step("OK")
    finally:
        if not keep:
            shutil.rmtree(home, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    for s in (sys.stdout, sys.stderr):
        try:
            s.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", nargs="?", default=str(ROOT / "dist" / "itadesk"))
    ap.add_argument("--no-network", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the temporary ITADESK_HOME")
    ap.add_argument("--real-platform", action="store_true",
                    help="the platform's Qt plugin and console encoding, not offscreen/UTF-8")
    a = ap.parse_args(argv)
    try:
        run(Path(a.bundle).resolve(), a.no_network, a.keep, a.real_platform)
    except (SmokeFailure, subprocess.SubprocessError, OSError, ValueError, KeyError) as e:
        step(f"FAILED: {e}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
