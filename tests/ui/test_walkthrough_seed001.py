"""Issue 13's walkthrough: seed 001's analysis memo made from an EMPTY database by widget
actions only (clicks and typing, no service calls): the first-run profile wizard, both years'
scores, a new memo from the form, the fields that differ typed, the PDF exported through
the export button.  Its text is compared with examples/seed001's PDF section by section.

The number of user actions (clicks + fields typed + choices) is printed: keep it falling.
Run with ``-s`` to see it:  pytest -s tests/ui/test_walkthrough_seed001.py
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from itadesk.ui import documents_bridge
from itadesk.ui.models.score_table_model import IndicatorTableModel as SM

from .conftest import SEED001, type_into, type_text

pytestmark = pytest.mark.skipif(not documents_bridge.available(), reason="memo engine not installed")

# The memo's body, as printed, cut at the labels of the official memo format (the layout of
# every บันทึกข้อความ, not text of this example): each piece is compared on its own.
BODY_MARKS = ("บันทึกข้อความ", "ส่วนราชการ", "๑.", "๒.", "๓.", "จึงเรียนมา", "ความเห็นของหัวหน้า",
              "ความเห็นของปลัด", "ความเห็นนายก")


class Clerk:
    """Drives the real widgets and counts what a clerk does."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.clicks = 0
        self.typed = 0
        self.chosen = 0

    @property
    def actions(self) -> int:
        return self.clicks + self.typed + self.chosen

    def click(self, button) -> None:
        self.clicks += 1
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def type(self, widget, text: str, enter: bool = False, replace: bool = True) -> None:
        """One field typed (Thai characters arrive as a Thai keyboard sends them)."""
        self.typed += 1
        widget.setFocus()
        if replace and hasattr(widget, "selectAll"):
            widget.selectAll()
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if n:
                self.qtbot.keyClick(widget, Qt.Key.Key_Return)
            if line:
                type_text(self.qtbot, widget, line)
        if enter:
            self.qtbot.keyClick(widget, Qt.Key.Key_Return)

    def cell(self, view, row: int, col: int, text: str) -> None:
        self.typed += 1
        type_into(self.qtbot, view, row, col, text)

    def click_item(self, view, row: int) -> None:
        self.clicks += 1
        rect = view.visualItemRect(view.item(row))
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert view.currentRow() == row

    def choose(self, combo, data=None, text: str | None = None) -> None:
        """Pick an entry of a combo box (one choice)."""
        i = combo.findData(data) if data is not None else combo.findText(text)
        assert i >= 0, (data, text)
        if i != combo.currentIndex():
            self.chosen += 1
            combo.setCurrentIndex(i)

    def in_dialog(self, act) -> None:
        """Run ``act(dialog)`` on the next modal dialog, once it is open."""
        def go():
            dlg = QApplication.activeModalWidget()
            if dlg is None:
                QTimer.singleShot(20, go)
                return
            act(dlg)
        QTimer.singleShot(0, go)


def _pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _clean(text: str) -> str:
    keep = [ln for ln in text.splitlines()
            if not re.fullmatch(r"\s*-[๐-๙0-9]+-\s*", ln) and not re.fullmatch(r"\s*/\S.*\.\.\.\s*", ln)]
    return re.sub(r"\s+", "", "\n".join(keep))


def _body_sections(text: str, last_line: str) -> dict[str, str]:
    """The memo body cut at BODY_MARKS; it ends with ``last_line`` (the last signer's position)
    printed under the last signature, before the attachments."""
    flat = _clean(text)
    starts, pos = [], 0
    for m in BODY_MARKS:
        i = flat.find(m, pos)
        assert i >= 0, f"“{m}” not found in the memo"
        starts.append(i)
        pos = i + len(m)
    name_end = flat.find(")", starts[-1])
    stop = flat.find(_clean(last_line), name_end) + len(_clean(last_line))
    starts.append(stop)
    return {m: flat[starts[n]:starts[n + 1]] for n, m in enumerate(BODY_MARKS)}


def test_seed001_memo_from_empty_database(qtbot, services, settings, tmp_path, examples_dir, monkeypatch):
    from itadesk.ui.main_window import MainWindow

    seed = json.loads((examples_dir / "seed001_nonthong_analysis_2565.json").read_text(encoding="utf-8"))
    office, memo = seed["office"], seed["memos"][0]
    clerk = Clerk(qtbot)
    assert not services.has_office()                       # an empty database
    win = MainWindow(services, settings, "walkthrough")
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.load()
    win.show()
    qtbot.waitExposed(win)

    # 1. first start: the profile wizard opens by itself
    def wizard(w):
        o = w.officePage
        clerk.type(o.nameEdit, office["name"])
        # kind: the wizard's default is เทศบาลตำบล, as seed 001's
        assert o.kindCombo.currentText() == office["kind"]
        clerk.type(o.amphoeEdit, office["amphoe"])
        clerk.type(o.provinceEdit, office["province"])
        clerk.type(o.prefixEdit, office["doc_prefix"])
        clerk.click(w.button(w.WizardButton.NextButton))
        clerk.type(w.unitsPage.unitsEdit, "\n".join(office["units"]))
        clerk.click(w.button(w.WizardButton.NextButton))
        page = w.peoplePage
        for p in office["people"]:
            r = page.table.rowCount() - 1                 # the empty row waiting at the end
            clerk.cell(page.table, r, 0, p["name"])
            clerk.cell(page.table, r, 1, p["position"])
            if p.get("acting_for"):
                clerk.cell(page.table, r, 2, p["acting_for"])
        clerk.click(w.button(w.WizardButton.NextButton))
        clerk.click(w.button(w.WizardButton.FinishButton))
    clerk.in_dialog(wizard)
    win.first_run_if_needed()
    qtbot.waitUntil(services.has_office, timeout=20000)
    qtbot.wait(50)

    # 2. both years' scores, typed side by side in the คะแนน tab of 2565
    clerk.choose(win.yearCombo, data=2565)
    st = win.scoresTab
    for col, year in ((SM.COL_SCORE, 2565), (SM.COL_PREV, 2564)):
        for n, v in SEED001[year].items():
            clerk.cell(st.indicatorTable, st.indicators.row_of(n), col, v)
    assert win.year == 2565

    # 2b. the next steps, as the steps bar shows them: draft the analysis, propose measures
    qtbot.waitUntil(lambda: win.stepsBar.state("analysis") == "todo", timeout=3000)
    clerk.click(win.stepsBar.buttons["analysis"])
    clerk.click(win.analysisTab.draftButton)
    assert len(services.analysis_notes(2565)) == 10            # read back only to check
    win.refresh_steps()
    clerk.click(win.stepsBar.buttons["measures"])
    assert win.measuresTab.measures_year == 2566
    clerk.click(win.measuresTab.proposeButton)
    assert services.measures(2566)

    # 3. a new memo from the analysis form: the dialog already offers the form and the year
    clerk.click(win.stepsBar.buttons["memos"])
    tab = win.memosTab

    def new_memo(dlg):
        clerk.choose(dlg.formCombo, data=memo["form"])
        assert dlg.year() == memo["fiscal_year"]
        clerk.click(dlg.okButton)
    clerk.in_dialog(new_memo)
    clerk.click(tab.newButton)
    ed = tab.editor
    assert ed.memo is not None and ed.memo.fiscal_year == 2565

    # 4. only what differs from what the program filled in
    if ed.unitCombo.currentText() != memo["unit"]:
        clerk.type(ed.unitCombo.lineEdit(), memo["unit"], enter=True)
    clerk.type(ed.docNoEdit, memo["doc_no"], enter=True)
    clerk.type(ed.dateEdit.lineEdit, "2/11/2565", enter=True)         # as a clerk types it
    assert ed.memo.date.isoformat() == memo["date"]
    for n, sec in enumerate(memo["sections"]):
        if n:
            clerk.click_item(ed.sectionList, n)
        want = "\n\n".join(sec["paragraphs"])
        if _flat(ed.paragraphsEdit.toPlainText()) != _flat(want):
            clerk.type(ed.paragraphsEdit, want)
            ed.flush()
    stored = services.memo(ed.memo.id)
    assert stored.unit == memo["unit"] and stored.doc_no == memo["doc_no"]

    # 5. export through the button: the save dialog and the check before print answered
    out = tmp_path / "seed001.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    clerk.clicks += 1                                              # "บันทึก" in the save dialog

    def check(dlg):
        print("check before print:", dlg.messages() if hasattr(dlg, "messages") else dlg)
        if hasattr(dlg, "continueButton"):
            clerk.click(dlg.continueButton)
    clerk.in_dialog(check)
    with qtbot.waitSignal(tab.exported, timeout=60000):
        clerk.click(tab.exportButton)
    assert out.read_bytes().startswith(b"%PDF")
    win.refresh_steps()
    # The signed memo calls the assessment "ITAS" (the web system's name) in three paragraphs;
    # the checker reports that real slip as an error, so the last step still asks for a fix.
    assert win.stepsBar.state("print") == "todo"
    assert "ต้องแก้" in win.stepsBar.reason("print")
    assert win.stepsBar.state("scores") == "done" and win.stepsBar.state("memos") == "done"

    print(f"\nwalkthrough seed 001: {clerk.actions} user actions "
          f"({clerk.clicks} clicks, {clerk.typed} fields typed, {clerk.chosen} choices)")
    # measured 2026-12-04: 56, then 57 once the analysis form named the assessment ITA: the
    # signed memo's "ITAS" paragraph is now one more field the clerk retypes. Keep it falling.
    assert clerk.actions <= 57

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed: the PDF text is not compared")
    last = office["people"][-1]["position"]                  # the last signer: the mayor
    mine = _body_sections(_pdf_text(out), last)
    theirs = _body_sections(_pdf_text(examples_dir / "seed001_nonthong_analysis_2565.pdf"), last)
    # The attachments (analysis and measures tables, the seed's own explanatory pages) are not
    # asserted: the memo editor cannot edit attachment text, and the analysis and measures were
    # drafted, not retyped.  How much of them already matches is printed to follow it.
    seed_lines = [_clean(ln) for ln in _pdf_text(examples_dir / "seed001_nonthong_analysis_2565.pdf")
                  .splitlines() if len(_clean(ln)) > 10]
    my_flat = _clean(_pdf_text(out))
    found = sum(1 for ln in seed_lines if ln in my_flat)
    print(f"whole PDF: {found} of {len(seed_lines)} seed lines found in ours")
    differ = [k for k in BODY_MARKS if mine[k] != theirs[k]]
    print("compared body sections:", {k: len(v) for k, v in theirs.items()})
    for k in differ:
        print(f"section {k}:\n  mine:   {mine[k][:300]}\n  seed:   {theirs[k][:300]}")
    assert not differ, f"sections that differ from seed 001: {differ}"


def _flat(text: str) -> str:
    from itadesk.domain.thai_format import to_arabic_digits

    return re.sub(r"\s+", "", to_arabic_digits(text))
