#!/usr/bin/env bash
# CI: build the Linux bundle and run the smoke test on it, without network.  About 1 minute
# on 2 cores (PyInstaller ~35-50 s, smoke test ~10 s).  Call from .ci/run after the tests:
#   installer/ci_smoke.sh .venv/bin/python
# The Python given must have the project installed with the "build" extra (pyinstaller).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${1:-${PYTHON:-python3}}
"$PY" -c "import PyInstaller" 2>/dev/null || "$PY" -m pip install -q "pyinstaller>=6.5"
command -v pdftotext >/dev/null || { echo "ci_smoke: needs pdftotext (poppler-utils)"; exit 1; }
PYTHON="$PY" installer/build-linux.sh
net=()
unshare -rn true 2>/dev/null && net=(--no-network)
"$PY" installer/smoke_test.py dist/itadesk "${net[@]}"
du -sh dist/itadesk
