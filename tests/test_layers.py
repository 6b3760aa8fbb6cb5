"""Layer rules of docs/design.md (section 1): domain/ imports neither Qt nor SQLAlchemy; documents/ no Qt;
the CLI modules import no Qt at module level."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(folder: str) -> set[tuple[str, str]]:
    found = set()
    for f in (ROOT / "itadesk" / folder).rglob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {(f.name, a.name.split(".")[0]) for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add((f.name, node.module.split(".")[0]))
    return found


def test_domain_imports_no_qt_or_sqlalchemy():
    bad = {(f, m) for f, m in _imports("domain") if m in ("PySide6", "sqlalchemy", "alembic")}
    assert not bad


def test_documents_import_no_qt():
    assert not {(f, m) for f, m in _imports("documents") if m == "PySide6"}


def test_store_imports_no_qt():
    assert not {(f, m) for f, m in _imports("store") if m == "PySide6"}


def test_cli_import_loads_no_qt():
    code = ("import sys, itadesk.cli, itadesk.domain.scoring, itadesk.store.dossier;"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "False", out.stderr
