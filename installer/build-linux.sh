#!/usr/bin/env bash
# Build the one-folder bundle: dist/itadesk/itadesk  (work files in build/pyinstaller/).
# Usage: installer/build-linux.sh            uses $PYTHON or /work/venv/bin/python or python3
# The Python used must have the project's dependencies and pyinstaller (pip install -e ".[build]").
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-}
if [ -z "$PY" ]; then
    if [ -x /work/venv/bin/python ]; then PY=/work/venv/bin/python; else PY=python3; fi
fi
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installer/itadesk.spec
echo "built dist/itadesk in $(( $(date +%s) - start )) s, $(du -sh dist/itadesk | cut -f1) on disk"
