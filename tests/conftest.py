"""Test-wide setup: offscreen Qt, a private data folder, pythainlp offline."""

import os
import sys
import tempfile
from pathlib import Path

# Must happen before anything imports Qt: without a display Qt aborts the process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="itadesk-test-home-")
os.environ["ITADESK_HOME"] = _HOME
os.environ["PYTHAINLP_DATA"] = str(Path(_HOME) / "pythainlp-data")
os.environ["PYTHAINLP_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def examples_dir() -> Path:
    return ROOT / "examples"
