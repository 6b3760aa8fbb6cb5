"""``itadesk render FILE`` prints from a dossier file: it must not load the GUI or the database
layer (Qt, SQLAlchemy, Alembic), which cost most of its start-up time (issue 14, speed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "seed003_wiang_measures_2566.json"

PROBE = """
import json, sys
from itadesk.cli import main
code = main(["render", sys.argv[1], "--out", sys.argv[2]])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_render_from_a_file_imports_no_qt_sqlalchemy_or_alembic(tmp_path):
    out = tmp_path / "memo.pdf"
    env = dict(os.environ, ITADESK_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-c", PROBE, str(EXAMPLE), str(out)], capture_output=True,
                       text=True, env=env, cwd=tmp_path, timeout=120)
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout.strip().splitlines()[-1])
    assert result["code"] == 0 and out.read_bytes().startswith(b"%PDF")
    top = {m.split(".")[0] for m in result["modules"]}
    assert not top & {"PySide6", "shiboken6", "sqlalchemy", "alembic"}, sorted(top & {
        "PySide6", "shiboken6", "sqlalchemy", "alembic"})
