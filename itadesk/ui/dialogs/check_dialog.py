"""Findings of the consistency checker (domain.checks) in Thai: before printing a memo
("พิมพ์ต่อ" / "กลับไปแก้ไข"), and for the whole office from the Report menu."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QStyle, QVBoxLayout)

from ...domain.checks import ERROR, Finding, check_dossier, check_memo
from .. import texts


class CheckDialog(QDialog):
    """Lists findings, errors first.  With ``can_continue`` it is a question: accepted means
    the clerk chose to print anyway."""

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
            it = QListWidgetItem(icons.get(f.severity, warn), f"{label}: {f.message}")
            it.setToolTip(f.where)
            it.setData(Qt.ItemDataRole.UserRole, f)
            self.list.addItem(it)
        self.list.setVisible(bool(findings))
        lay.addWidget(self.list, 1)
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
        self.resize(760, 420 if findings else 160)

    def messages(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


def confirm_print(parent, dossier: dict, memo_key: str, today: dt.date | None = None) -> bool:
    """Run ``check_memo``; with findings, ask whether to print anyway.  True: go on."""
    findings = check_memo(dossier, memo_key, today=today or dt.date.today())
    if not findings:
        return True
    dlg = CheckDialog(findings, parent, can_continue=True, intro=texts.CHK_BEFORE_PRINT)
    return dlg.exec() == QDialog.DialogCode.Accepted


def show_findings(parent, dossier: dict, today: dt.date | None = None) -> list[Finding]:
    findings = check_dossier(dossier, today=today or dt.date.today())
    CheckDialog(findings, parent).exec()
    return findings
