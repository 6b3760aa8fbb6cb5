"""The window's open/remove evidence buttons on rows an older version stored with hostile
paths (issue 16, item 1): nothing is handed to the system, nothing outside is deleted."""

from __future__ import annotations

import os

import pytest

from itadesk.store.models import Evidence, Measure

from .test_analysis_tab import Answer
from .test_measures_tab import seeded, tab  # noqa: F401 - fixtures


@pytest.mark.parametrize("bad", ["../../outside/x.pdf", "{abs}", "C:\\Windows\\calc.exe", "\\\\server\\share\\x.pdf",
                                 "NUL.pdf", "x.pdf.", "evidence\x00.pdf", "ok.exe"])
def test_open_and_remove_refuse_hostile_stored_paths(tab, tmp_path, monkeypatch, bad):  # noqa: F811
    from itadesk import paths

    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    sentinel = outside / "x.pdf"
    sentinel.write_bytes(b"sentinel")
    bad = bad.replace("{abs}", str(sentinel))
    if bad.startswith("../../outside"):
        bad = os.path.relpath(sentinel, paths.evidence_dir())
    (paths.evidence_dir() / "ok.exe").write_bytes(b"MZ")
    tab.propose()
    m = tab.current_measure()
    with tab.services.db.session() as s, s.begin():
        row = s.get(Measure, m.id)
        row.evidence.append(Evidence(description="จากรุ่นเก่า", file=bad, position_order=0))
    tab._refresh_evidence(m.id)
    ev = tab.services.measure(m.id).evidence[0]
    opened, errors = [], []
    monkeypatch.setattr("itadesk.ui.tabs.measures_tab.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr("itadesk.ui.tabs.measures_tab.show_error", lambda parent, msg, *a: errors.append(msg))
    assert tab.open_evidence(ev) is False
    assert opened == [] and errors and any("\u0e00" <= c <= "\u0e7f" for c in errors[0])
    monkeypatch.setattr("itadesk.ui.tabs.measures_tab.ask", Answer(True))
    tab.remove_evidence(ev)
    assert tab.services.measure(m.id).evidence == ()
    assert sentinel.read_bytes() == b"sentinel"
