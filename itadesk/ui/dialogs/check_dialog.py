"""Findings of the consistency checker (domain.checks) in Thai: before printing a memo
("พิมพ์ต่อ" / "กลับไปแก้ไข"), and for the whole office from the Report menu.

Each line says where (in the clerk's words) and what; a click on a line emits ``goto`` with the
finding's :class:`~itadesk.domain.checks.Location`, and :func:`go_to` takes the main window to
that memo (or measure)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QStyle, QVBoxLayout)

from ...domain.checks import ERROR, Finding, Location, check_dossier, check_memo, summary
from .. import texts


class CheckDialog(QDialog):
    """Lists findings, errors first.  With ``can_continue`` it is a question: accepted means
    the clerk chose to print anyway."""

    goto = Signal(object)          # Location of the clicked finding

    def __init__(self, findings: list[Finding], parent=None, *, can_continue: bool = False,
                 intro: str | None = None):
        super().__init__(parent)
        self.setWindowTitle(texts.CHK_TITLE)
        self.findings = sorted(findings, key=lambda f: f.severity != ERROR)
        errors = sum(f.severity == ERROR for f in findings)
        warnings = len(findings) - errors
        lay = QVBoxLayout(self)
        if not findings:
            head = texts.CHK_NONE
        else:
            head = (intro or texts.CHK_SUMMARY).format(errors=errors, warnings=warnings)
            head += "\nคลิกที่รายการเพื่อไปยังบันทึกหรือมาตรการนั้น"
        self.headLabel = QLabel(head)
        self.headLabel.setWordWrap(True)
        lay.addWidget(self.headLabel)
        self.list = QListWidget()
        self.list.setObjectName("findingsList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        st = self.style()
        icons = {ERROR: st.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)}
        warn = st.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for f in self.findings:
            label = texts.CHK_ERROR if f.severity == ERROR else texts.CHK_WARNING
            where = f"{f.place}\n" if f.place else ""
            it = QListWidgetItem(icons.get(f.severity, warn), f"{label}: {where}{f.message}")
            it.setToolTip(f.where)
            it.setData(Qt.ItemDataRole.UserRole, f)
            self.list.addItem(it)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.setVisible(bool(findings))
        lay.addWidget(self.list, 1)
        self.countLabel = QLabel(summary(findings))
        lay.addWidget(self.countLabel)
        buttons = QDialogButtonBox()
        if can_continue:
            self.continueButton = QPushButton(texts.CHK_CONTINUE)
            self.backButton = QPushButton(texts.CHK_BACK)
            buttons.addButton(self.continueButton, QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(self.backButton, QDialogButtonBox.ButtonRole.RejectRole)
            self.backButton.setDefault(True)
        else:
            close = QPushButton(texts.CLOSE)
            buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.resize(820, 460 if findings else 160)

    def _activated(self, item: QListWidgetItem) -> None:
        f = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(f, Finding):
            self.goto.emit(f.loc)

    def messages(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


def go_to(window: Any, loc: Location, dossier: dict | None = None) -> bool:
    """Take the main window to a finding: the memos tab with that memo selected, or the
    measures tab with that measure.  True if it got there."""
    if window is None or not hasattr(window, "select_tab"):
        return False
    records = {"memo": "memos", "measure": "measures"}.get(loc.kind)
    if records is None:
        return False
    year = None
    for rec in (dossier or {}).get(records) or []:
        if str(rec.get("key")) == loc.key:
            year = rec.get("fiscal_year")
    # the measures tab of analysed year N shows the measures of N + 1
    want = (int(year) - 1 if loc.kind == "measure" else int(year)) if year else None
    try:
        if want and getattr(window, "year", None) != want and hasattr(window, "set_year"):
            window.set_year(want)
        window.select_tab(records)
        if loc.kind == "memo":
            tab = window.memosTab
            model, view = tab.model, tab.memoList
            at = model.memo_at
        else:
            tab = window.measuresTab
            model, view = tab.model, tab.table
            at = model.measure_at
        for row in range(model.rowCount()):
            rec = at(row)
            if rec is not None and getattr(rec, "key", None) == loc.key:
                view.setCurrentIndex(model.index(row, 0))
                if loc.kind == "memo":
                    _focus_memo_field(getattr(tab, "editor", None), loc)
                return True
    except (AttributeError, RuntimeError):
        return False
    return False


_FIELD_WIDGETS = {"subject": "subjectEdit", "to": "toEdit", "unit": "unitCombo", "closing": "closingEdit",
                  "date": "dateEdit", "doc_no": "docNoEdit", "author": "authorCombo"}


def _focus_memo_field(editor: Any, loc: Location) -> None:
    """Put the cursor where the finding is: the field, the section and its paragraph, or the
    comment level.  Attachments have no editor of their own: the memo stays selected."""
    if editor is None:
        return
    w = None
    if loc.field in _FIELD_WIDGETS:
        w = getattr(editor, _FIELD_WIDGETS[loc.field], None)
    elif loc.field == "section" and loc.section is not None and hasattr(editor, "sectionList"):
        editor.sectionList.setCurrentRow(loc.section)
        w = getattr(editor, "paragraphsEdit", None)
        if w is not None and loc.paragraph is not None:
            paras = w.toPlainText().split("\n\n")
            start = sum(len(p) + 2 for p in paras[:loc.paragraph])
            cur = w.textCursor()
            cur.setPosition(min(start, len(w.toPlainText())))
            w.setTextCursor(cur)
            w.ensureCursorVisible()
    elif loc.field == "chain" and loc.line is not None and hasattr(editor, "chainTable"):
        editor.chainTable.setCurrentCell(loc.line, 1 if loc.sub == "person" else 0)
        w = editor.chainTable
    if w is not None:
        if hasattr(editor, "ensureWidgetVisible"):
            editor.ensureWidgetVisible(w)
        w.setFocus()


def _follow(dlg: CheckDialog, parent, dossier: dict) -> None:
    dlg.goto.connect(lambda loc: go_to(parent.window() if parent is not None else None, loc, dossier)
                     and dlg.reject())


def confirm_print(parent, dossier: dict, memo_key: str, today: dt.date | None = None) -> bool:
    """Run ``check_memo``; with findings, ask whether to print anyway.  True: go on."""
    findings = check_memo(dossier, memo_key, today=today or dt.date.today())
    if not findings:
        return True
    dlg = CheckDialog(findings, parent, can_continue=True, intro=texts.CHK_BEFORE_PRINT)
    _follow(dlg, parent, dossier)
    return dlg.exec() == QDialog.DialogCode.Accepted


def show_findings(parent, dossier: dict, today: dt.date | None = None) -> list[Finding]:
    findings = check_dossier(dossier, today=today or dt.date.today())
    dlg = CheckDialog(findings, parent)
    _follow(dlg, parent, dossier)
    dlg.exec()
    return findings
