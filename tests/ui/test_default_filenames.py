"""Every file name the window proposes in a save dialog carries a พ.ศ. date, never a ค.ศ. one."""

import datetime as dt
import re

import pytest
from PySide6.QtWidgets import QFileDialog

from itadesk.domain.thai_format import be_year
from itadesk.ui import documents_bridge


@pytest.fixture
def proposed(monkeypatch):
    seen = []

    def fake_save(parent, caption, start="", *a, **k):
        seen.append(start)
        return "", ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    return seen


def _check(name: str, when: dt.date) -> None:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    assert f"{be_year(when.year)}-{when.month:02d}-{when.day:02d}" in base, base
    assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d\b", base), base       # no Christian-era date


@pytest.mark.skipif(not documents_bridge.available(), reason="memo engine not installed")
def test_memo_pdf_name(qtbot, office, window, proposed):
    window.select_tab("memos")
    mid = window.memosTab.create_memo("analysis_report")
    assert mid is not None
    window.memosTab.export_pdf_dialog()
    memo_date = window.memosTab.editor.memo.date or dt.date.today()
    assert len(proposed) == 1
    _check(proposed[0], memo_date)
    assert proposed[0].endswith(".pdf")


def test_dossier_and_district_names(qtbot, office, window, proposed):
    window.export_dossier_dialog()
    window.open_district_window()
    window.districtWindow.export_dialog()
    assert len(proposed) == 2
    for name in proposed:
        _check(name, dt.date.today())
    window.districtWindow.close()
