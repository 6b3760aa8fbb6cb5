"""The memos tab and the memo editor through their widgets: the new-memo dialog, delete, print
(the print dialog stood in for by one that picks a PDF printer), the export dialog, sections and
signers added and removed.  (The conflict dialog has its own tests in test_conflicts.py.)"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from itadesk.ui import documents_bridge, texts

from .modal import Modal, button, click_button

pytestmark = pytest.mark.skipif(not documents_bridge.available(), reason="memo engine not installed")

ROOT = Path(__file__).resolve().parents[2]
NONTHONG = ROOT / "examples" / "seed001_nonthong_analysis_2565.json"
SUBJECT = json.loads(NONTHONG.read_text(encoding="utf-8"))["memos"][0]["subject"]


@pytest.fixture
def tab(window, services, qtbot):
    services.import_dossier_file(NONTHONG)
    window.load(2565)
    window.select_tab("memos")
    t = window.memosTab
    t.reload(select_id=services.memos()[0].id)
    return t


def _settle(qtbot, tab) -> None:
    """Let the live preview started by the edits finish before the window closes."""
    tab._preview_timer.stop()
    qtbot.waitUntil(lambda: not tab._jobs, timeout=60000)


def _go_on(dlg) -> None:
    """The checker's findings before printing: print anyway; any other dialog fails the test."""
    if type(dlg).__name__ == "CheckDialog":
        click_button(dlg, texts.CHK_CONTINUE)
    elif type(dlg).__name__ == "QProgressDialog":
        return                               # the printing's progress: it closes by itself
    else:
        dlg.close()
        raise AssertionError(f"unexpected dialog {type(dlg).__name__}")


def test_new_memo_dialog_creates_the_chosen_form(tab, qtbot, services):
    names = dict(documents_bridge.forms())
    kind, name = next(iter(names.items()))
    before = len(services.memos())
    def pick(dlg) -> None:                  # the new-memo dialog: choose the form, create
        dlg.formCombo.setCurrentIndex(dlg.formCombo.findData(kind))
        dlg.okButton.click()

    with Modal(pick) as m:
        button(tab, texts.MEMO_NEW).click()
    assert m.seen == ["NewMemoDialog"]
    memos = services.memos()
    assert len(memos) == before + 1 and tab.model.rowCount() == before + 1
    new = max(memos, key=lambda x: x.id)
    assert new.form == kind and tab.editor.memo.id == new.id
    _settle(qtbot, tab)


def test_new_memo_dialog_cancelled_creates_nothing(tab, qtbot, services):
    before = len(services.memos())
    with Modal(lambda dlg: dlg.reject()):
        button(tab, texts.MEMO_NEW).click()
    assert len(services.memos()) == before
    _settle(qtbot, tab)


@pytest.mark.parametrize("answer", [texts.NO, texts.YES])
def test_delete_asks_first(tab, qtbot, services, answer):
    asked = []
    with Modal(lambda box: (asked.append(box.text()), click_button(box, answer))):
        button(tab, texts.MEMO_DELETE).click()
    assert asked and SUBJECT[:40] in asked[0]
    left = len(services.memos())
    assert left == (0 if answer == texts.YES else 1) and tab.model.rowCount() == left
    _settle(qtbot, tab)


def test_print_reaches_the_printer(tab, qtbot, monkeypatch, tmp_path):
    import PySide6.QtPrintSupport as ps

    out = tmp_path / "printed.pdf"

    class PdfPrinterDialog:
        """The clerk picks 'print to file' in the print dialog and presses Print."""
        def __init__(self, printer, parent=None):
            printer.setOutputFormat(ps.QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(out))

        def setWindowTitle(self, _t):
            pass

        def exec(self):
            return 1

    monkeypatch.setattr(ps, "QPrintDialog", PdfPrinterDialog)
    with Modal(_go_on):
        button(tab, texts.M_PRINT).click()
        qtbot.waitUntil(lambda: out.exists() and texts.M_PRINTED in tab.window().statusBar().currentMessage(),
                        timeout=60000)
    from pypdf import PdfReader

    assert len(PdfReader(str(out)).pages) >= 7          # seed 001 runs to about 10 pages
    _settle(qtbot, tab)


def test_export_dialog_writes_the_pdf(tab, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "บันทึก.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    with Modal(_go_on), qtbot.waitSignal(tab.exported, timeout=60000) as sig:
        button(tab, texts.M_EXPORT).click()
    assert sig.args == [str(out)] and out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "".join(SUBJECT.split()) in "".join(text.split())
    _settle(qtbot, tab)


def test_sections_added_and_removed(tab, services, qtbot):
    ed = tab.editor
    memo_id = ed.memo.id
    n = len(services.memo(memo_id).sections)
    button(ed, texts.M_SECTION_ADD).click()
    ed.sectionTitleEdit.setText("๔. ข้อพิจารณา")
    ed.sectionTitleEdit.editingFinished.emit()
    ed.paragraphsEdit.setPlainText("ย่อหน้าแรก\n\nย่อหน้าที่สอง")
    ed.flush()
    secs = services.memo(memo_id).sections
    assert len(secs) == n + 1
    assert secs[-1]["title"] == "๔. ข้อพิจารณา" and secs[-1]["paragraphs"] == ["ย่อหน้าแรก", "ย่อหน้าที่สอง"]
    ed.sectionList.setCurrentRow(0)
    first_kept = secs[1]
    button(ed, texts.M_SECTION_REMOVE).click()
    assert ed.sectionTitleEdit.text() == first_kept["title"]      # the section now first is shown
    ed.flush()
    secs = services.memo(memo_id).sections

    assert len(secs) == n and secs[0] == first_kept
    _settle(qtbot, tab)


def test_signers_added_and_removed(tab, qtbot, services):
    ed = tab.editor
    memo_id = ed.memo.id
    chain = list(services.memo(memo_id).chain)
    assert len(chain) == 3                       # seed 001: หัวหน้าสำนักปลัด, ปลัด (acting), นายก
    button(ed, texts.M_CHAIN_ADD).click()
    r = ed.chainTable.rowCount() - 1
    assert r == 3
    combo = ed.chainTable.cellWidget(r, 1)
    combo.setCurrentIndex(combo.findData("supee"))  # หัวหน้าสำนักปลัด signs again, below the mayor
    ed.chainTable.item(r, 0).setText("ความเห็นเพิ่มเติม")
    ed.flush()
    chain = list(services.memo(memo_id).chain)
    assert [c["person"] for c in chain] == ["supee", "wichian", "chaiya", "supee"]
    assert chain[-1]["heading"] == "ความเห็นเพิ่มเติม"
    ed.chainTable.setCurrentCell(1, 0)
    button(ed, texts.M_CHAIN_REMOVE).click()
    ed.flush()
    assert [c["person"] for c in services.memo(memo_id).chain] == ["supee", "chaiya", "supee"]
    _settle(qtbot, tab)
