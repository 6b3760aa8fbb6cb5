"""What goes into the PyInstaller bundle: plain data, so fast tests can check it.

``itadesk.spec`` imports this module; nothing here imports PyInstaller at module level.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Folders copied as files into the bundle (source folder, destination inside _MEIPASS).
# resources/ and forms/ are found by itadesk.paths via sys._MEIPASS; the Alembic folder is
# found by itadesk.store.session relative to its own module, and Alembic loads env.py,
# versions/*.py and script.py.mako as files, so they must exist as files.
DATA_DIRS = [
    ("resources", "resources"),
    ("forms", "forms"),
    ("examples", "examples"),
    ("itadesk/store/migrations", "itadesk/store/migrations"),
]
# These must exist once every branch has been merged; a bundle without them is broken.
REQUIRED_DIRS = {"resources", "itadesk/store/migrations"}

# Qt modules the program uses.  Listed as hidden imports so the PySide6 hooks collect their
# libraries and plugins even before the GUI code that imports them lands.
QT_MODULES = [
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSvg",
]

# Python modules never wanted in the bundle (test tools, Qt parts we do not use, GUI toolkits).
EXCLUDES = [
    "tkinter", "_tkinter",
    "pytest", "_pytest", "pytestqt", "hypothesis", "pdfplumber", "pdfminer", "pypdfium2",
    "pypdfium2_raw", "pypdf", "pip", "setuptools", "pkg_resources", "IPython",
    "pygments", "numpy", "pandas", "matplotlib", "scipy", "torch", "onnxruntime", "pycrfsuite",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtQuick3D", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel", "PySide6.QtWebSockets",
    "PySide6.QtMultimedia", "PySide6.QtMultimediaWidgets", "PySide6.QtSpatialAudio",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras", "PySide6.QtCharts",
    "PySide6.QtDataVisualization", "PySide6.QtGraphs", "PySide6.QtGraphsWidgets",
    "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtTest",
    "PySide6.QtSql", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtBluetooth",
    "PySide6.QtNfc", "PySide6.QtPositioning", "PySide6.QtLocation", "PySide6.QtSensors",
    "PySide6.QtSerialPort", "PySide6.QtSerialBus", "PySide6.QtRemoteObjects",
    "PySide6.QtScxml", "PySide6.QtStateMachine", "PySide6.QtTextToSpeech",
    "PySide6.QtHttpServer", "PySide6.QtNetworkAuth", "PySide6.QtConcurrent", "PySide6.QtDBus",
    "PySide6.QtAxContainer", "PySide6.QtXml", "PySide6.QtNetwork",
]

# pythainlp ships 63 MB of corpora and models.  word_tokenize(engine="newmm") reads
# words_th.txt (via thai_words()); importing pythainlp.tokenize reads stopwords_th.txt;
# get_corpus_path() reads default_db.json; subword_tokenize(engine="tcc") needs no data file.
# corpus_license.md is the corpora's licence statement and ships with them.
PYTHAINLP_CORPUS_KEEP = {"words_th.txt", "stopwords_th.txt", "default_db.json", "corpus_license.md"}

# Qt translations: Qt has no Thai catalogue (no qtbase_th.qm), so none is useful.
# Qt folders inside the PySide6 package never needed at run time.
QT_DROP_PREFIXES = ("PySide6/Qt/translations/", "PySide6/Qt/qml/", "PySide6/Qt/metatypes/",
                    "PySide6/translations/", "PySide6/qml/", "PySide6/metatypes/")
# Shared libraries collected through a dependency but not used by our Qt modules.
QT_DROP_LIB_WORDS = ("Qt6Qml", "Qt6Quick", "Qt6WebEngine", "Qt6Multimedia", "Qt63D",
                     "Qt6Designer", "Qt6VirtualKeyboard", "Qt6Charts", "Qt6PdfQuick")


def project() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]


def version_tuple(version: str) -> tuple[int, int, int, int]:
    nums = []
    for part in version.split(".")[:4]:
        digits = len(part) - len(part.lstrip("0123456789"))
        nums.append(int(part[:digits] or 0))
    return tuple((nums + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def data_dirs(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source, destination) pairs for the folders that exist; raise for a required one missing."""
    out = []
    for src, dest in DATA_DIRS:
        if (root / src).is_dir():
            out.append((str(root / src), dest))
        elif src in REQUIRED_DIRS:
            raise FileNotFoundError(f"required folder {src} is missing")
    return out


def keep_data(dest: str) -> bool:
    """Filter for Analysis.datas entries (destination path inside the bundle)."""
    d = dest.replace("\\", "/")
    if "__pycache__/" in d or d.endswith((".pyc", ".pyo")):
        return False
    if d.startswith("pythainlp/corpus/"):
        return d.rsplit("/", 1)[-1] in PYTHAINLP_CORPUS_KEEP
    if d.startswith(QT_DROP_PREFIXES):
        return False
    return True


def keep_binary(dest: str) -> bool:
    """Filter for Analysis.binaries entries."""
    name = dest.replace("\\", "/").rsplit("/", 1)[-1]
    return not any(w in name for w in QT_DROP_LIB_WORDS)


# Imported lazily or by name at run time (engines, optional imports): listed so the bundle
# has them even when no static import reaches them.  uharfbuzz matters most: without it
# reportlab silently prints Thai unshaped.
EXTRA_HIDDENIMPORTS = [
    "uharfbuzz", "fontpkg", "fontpkg_sarabun", "fontTools.ttLib",
    "reportlab.pdfbase.ttfonts", "reportlab.platypus", "reportlab.lib.utils",
    "pythainlp.tokenize", "pythainlp.tokenize.newmm", "pythainlp.tokenize.tcc",
    "pythainlp.util", "docx", "openpyxl", "psycopg", "psycopg_binary", "platformdirs",
    "sqlalchemy.dialects.sqlite", "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.postgresql.psycopg",
    "_rl_accel",        # reportlab loads its C helpers with exec(): no static import reaches it
]
# The build fails when one of these is not in the bundle.
REQUIRED_MODULES = [
    "itadesk.cli", "itadesk.store.session", "uharfbuzz", "fontpkg", "fontpkg_sarabun",
    "reportlab.pdfbase.ttfonts", "pythainlp.tokenize.newmm", "pythainlp.tokenize.tcc",
    "alembic.runtime.migration", "sqlalchemy.dialects.sqlite", "jsonschema",
    "PySide6.QtWidgets", "PySide6.QtPdfWidgets", "_rl_accel",
]


def _norm(dist: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", dist).lower()


def licensed_dists(root: Path = ROOT) -> set[str]:
    """Distribution names that resources/licenses/components.toml covers."""
    path = root / "resources" / "licenses" / "components.toml"
    comps = tomllib.loads(path.read_text("utf-8"))["component"]
    return {_norm(d) for c in comps for d in c["dists"]}


def unlicensed_dists(top_level_modules: set[str], root: Path = ROOT) -> dict[str, list[str]]:
    """Distributions providing bundled top-level modules but missing from components.toml."""
    import importlib.metadata as md

    known = licensed_dists(root)
    owners = md.packages_distributions()
    out: dict[str, list[str]] = {}
    for mod in sorted(top_level_modules):
        for dist in owners.get(mod, []):
            if _norm(dist) not in known:
                out.setdefault(dist, []).append(mod)
    return out


def missing_required(module_names: set[str]) -> list[str]:
    return [m for m in REQUIRED_MODULES if m not in module_names]


def extension_module_name(dest: str) -> str:
    """'PySide6/QtWidgets.abi3.so' or 'PySide6\\\\QtWidgets.pyd' → 'PySide6.QtWidgets'."""
    parts = dest.replace("\\", "/").split("/")
    parts[-1] = parts[-1].split(".", 1)[0]
    return ".".join(parts)
