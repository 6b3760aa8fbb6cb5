"""What the PyInstaller bundle contains (installer/bundle_config.py, installer/itadesk.spec).

Fast: nothing here runs PyInstaller.  The real build and its smoke test are
installer/build-linux.sh + installer/smoke_test.py (installer/ci_smoke.sh runs both)."""

import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, INSTALLER / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


cfg = _load("bundle_config")


def test_spec_ships_the_data_folders():
    dests = dict((d, s) for s, d in cfg.DATA_DIRS)
    assert {"resources", "forms", "examples", "itadesk/store/migrations"} <= set(dests)
    got = {d for _, d in cfg.data_dirs(ROOT)}
    for d in ("resources", "forms", "examples", "itadesk/store/migrations"):
        if (ROOT / dests[d]).is_dir():
            assert d in got


def test_alembic_files_are_shipped_as_files():
    mig = ROOT / "itadesk" / "store" / "migrations"
    assert (mig / "env.py").is_file() and (mig / "script.py.mako").is_file()
    assert list((mig / "versions").glob("*.py"))
    assert ("itadesk/store/migrations", "itadesk/store/migrations") in cfg.DATA_DIRS


def test_spec_uses_the_config_and_no_upx():
    spec = (INSTALLER / "itadesk.spec").read_text(encoding="utf-8")
    assert "import bundle_config" in spec
    assert "upx=True" not in spec and spec.count("upx=False") >= 2
    assert "COLLECT(" in spec and "onefile" not in spec.lower().replace("not onefile", "")
    assert 'collect_data_files("fontpkg_sarabun")' in spec
    assert 'copy_metadata("fontpkg_sarabun")' in spec  # fontpkg finds fonts by entry point


def test_version_comes_from_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert cfg.project()["version"] == project["version"]
    assert cfg.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert cfg.version_tuple("1.2.3rc1") == (1, 2, 3, 0)


def test_qt_modules_and_excludes():
    for m in ("PySide6.QtWidgets", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport"):
        assert m in cfg.QT_MODULES
    for m in ("PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtMultimedia",
              "PySide6.Qt3DCore", "tkinter", "pytest"):
        assert m in cfg.EXCLUDES
    assert not set(cfg.QT_MODULES) & set(cfg.EXCLUDES)


@pytest.mark.parametrize("dest,keep", [
    ("pythainlp/corpus/words_th.txt", True),
    ("pythainlp/corpus/stopwords_th.txt", True),
    ("pythainlp/corpus/default_db.json", True),
    ("pythainlp/corpus/deepcut.onnx", False),
    ("pythainlp/corpus/wordnet_th.db", False),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/qml/QtQuick/qmldir", False),
    ("resources/frameworks/2567.toml", True),
    ("forms/measures_plan.toml", True),
    ("itadesk/store/migrations/versions/0001_first_schema.py", True),
    ("itadesk/store/migrations/__pycache__/env.cpython-311.pyc", False),
    ("fontpkg_sarabun/files/Sarabun-Regular.ttf", True),
])
def test_keep_data(dest, keep):
    assert cfg.keep_data(dest) is keep


def test_keep_binary_drops_unused_qt_libraries():
    assert not cfg.keep_binary("PySide6/Qt/lib/libQt6Quick.so.6")
    assert not cfg.keep_binary("PySide6\\Qt6Qml.dll")
    assert not cfg.keep_binary("PySide6/Qt/lib/libQt6PdfQuick.so.6")
    assert cfg.keep_binary("PySide6/Qt/lib/libQt6Pdf.so.6")
    assert cfg.keep_binary("PySide6/Qt6PdfWidgets.dll")
    assert cfg.keep_binary("PySide6/Qt/lib/libQt6Widgets.so.6")


def test_newmm_reads_only_kept_corpus_files():
    """word_tokenize(newmm) and subword_tokenize(tcc) open no pythainlp file we drop."""
    code = r"""
import builtins, io, os, sys
opened = []
real = builtins.open
def spy(f, *a, **k):
    opened.append(str(f)); return real(f, *a, **k)
builtins.open = io.open = spy
from pythainlp.tokenize import word_tokenize, subword_tokenize
assert word_tokenize("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", engine="newmm")[0] == "มาตรการ"
subword_tokenize("ความโปร่งใส", engine="tcc")
print("\n".join(p for p in opened if "pythainlp" in p and "corpus" in p))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHAINLP_OFFLINE": "1", "PATH": "", "HOME": str(ROOT)})
    names = {Path(p).name for p in out.stdout.split()}
    assert "words_th.txt" in names
    assert names <= cfg.PYTHAINLP_CORPUS_KEEP, names - cfg.PYTHAINLP_CORPUS_KEEP


def test_extension_module_name():
    assert cfg.extension_module_name("PySide6/QtWidgets.abi3.so") == "PySide6.QtWidgets"
    assert cfg.extension_module_name("PySide6\\QtPdf.pyd") == "PySide6.QtPdf"
    assert cfg.extension_module_name("uharfbuzz/_harfbuzz.cp311-win_amd64.pyd") == "uharfbuzz._harfbuzz"


def test_required_modules_are_hidden_imports_or_ours():
    hidden = set(cfg.EXTRA_HIDDENIMPORTS) | set(cfg.QT_MODULES)
    for m in cfg.REQUIRED_MODULES:
        assert m.startswith(("itadesk", "alembic", "jsonschema")) or m in hidden or \
            m.rsplit(".", 1)[0] in hidden, m


def _runtime_closure(markers: dict) -> set[str]:
    """Distributions pip installs for the project's runtime dependencies on one platform."""
    from importlib import metadata

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [(Requirement(r), ()) for r in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        req, extras = todo.pop()
        env = dict(markers, extra=extras[0] if extras else "")
        if req.marker and not any(req.marker.evaluate(dict(env, extra=e)) for e in (extras or ("",))):
            continue
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            continue  # not installed here (e.g. a Windows-only dependency): still listed
        for r in dist.requires or []:
            todo.append((Requirement(r), tuple(req.extras)))
    return seen


@pytest.mark.parametrize("platform", ["linux", "win32"])
def test_every_runtime_dependency_has_a_licence_entry(platform):
    markers = {"sys_platform": platform, "platform_system": "Windows" if platform == "win32" else "Linux",
               "os_name": "nt" if platform == "win32" else "posix", "implementation_name": "cpython",
               "platform_python_implementation": "CPython", "python_version": "3.11",
               "python_full_version": "3.11.7", "platform_machine": "x86_64" if platform == "linux" else "AMD64"}
    known = cfg.licensed_dists(ROOT)
    missing = sorted(_runtime_closure(markers) - known)
    assert not missing, f"add to resources/licenses/components.toml: {missing}"
