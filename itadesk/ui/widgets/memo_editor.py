"""The editor of one memo: header fields, body sections and the signature chain.

It shows a :class:`MemoInfo` and emits ``edited(dict)`` with the fields the clerk changed;
the memos tab saves them through Services at once.  It never touches the store itself.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton,
                               QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.thai_format import thai_date_long
from ...store.services import MemoInfo, OfficeProfile
from .buttons import button_row
from .. import texts


class MemoEditor(QScrollArea):
    edited = Signal(dict)
    next_doc_no_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.memo: MemoInfo | None = None
        self.people: tuple = ()
        self._loading = False
        self._sections: list[dict] = []
        self._chain: list[dict] = []
        body = QWidget()
        self.setWidget(body)
        lay = QVBoxLayout(body)

        head = QFormLayout()
        self.unitCombo = QComboBox()
        self.unitCombo.setEditable(True)
        self.unitCombo.lineEdit().editingFinished.connect(lambda: self._emit(unit=self.unitCombo.currentText().strip()))
        self.docNoEdit = QLineEdit()
        self.docNoEdit.editingFinished.connect(lambda: self._emit(doc_no=self.docNoEdit.text().strip()))
        self.docPrefixLabel = QLabel("")
        nextBtn = QPushButton(texts.M_DOC_NEXT)
        nextBtn.clicked.connect(self.next_doc_no_requested)
        row = QHBoxLayout()
        row.addWidget(self.docPrefixLabel)
        row.addWidget(self.docNoEdit, 1)
        row.addWidget(nextBtn)
        self.dateEdit = QDateEdit()
        self.dateEdit.setCalendarPopup(True)
        self.dateEdit.setDisplayFormat("dd/MM/yyyy")
        self.dateEdit.dateChanged.connect(self._on_date_changed)
        self.dateThai = QLabel("")
        drow = QHBoxLayout()
        drow.addWidget(self.dateEdit)
        drow.addWidget(self.dateThai, 1)
        self.subjectEdit = QPlainTextEdit()
        self.subjectEdit.setTabChangesFocus(True)
        self.subjectEdit.setFixedHeight(int(self.fontMetrics().height() * 3.6))
        self.toEdit = QLineEdit()
        self.toEdit.editingFinished.connect(lambda: self._emit(to=self.toEdit.text().strip()))
        head.addRow(texts.M_UNIT, self.unitCombo)
        head.addRow(texts.M_DOC_NO, row)
        head.addRow(texts.M_DATE, drow)
        head.addRow(texts.M_SUBJECT, self.subjectEdit)
        head.addRow(texts.M_TO, self.toEdit)
        lay.addLayout(head)

        box = QGroupBox(texts.M_SECTIONS)
        sl = QVBoxLayout(box)
        self.sectionList = QListWidget()
        self.sectionList.setFixedHeight(int(self.fontMetrics().height() * 6))
        self.sectionList.currentRowChanged.connect(self._show_section)
        self.sectionTitleEdit = QLineEdit()
        self.sectionTitleEdit.setPlaceholderText(texts.M_SECTION_TITLE)
        self.sectionTitleEdit.editingFinished.connect(self._save_section)
        self.paragraphsEdit = QPlainTextEdit()
        self.paragraphsEdit.setPlaceholderText(texts.M_PARAGRAPHS_HINT)
        self.paragraphsEdit.setTabChangesFocus(True)
        self.paragraphsEdit.setMinimumHeight(int(self.fontMetrics().height() * 8))
        brow = button_row((texts.M_SECTION_ADD, self._add_section),
                          (texts.M_SECTION_REMOVE, self._remove_section))
        sl.addWidget(self.sectionList)
        sl.addLayout(brow)
        sl.addWidget(self.sectionTitleEdit)
        sl.addWidget(self.paragraphsEdit, 1)
        lay.addWidget(box)

        tail = QFormLayout()
        self.closingEdit = QLineEdit()
        self.closingEdit.editingFinished.connect(lambda: self._emit(closing=self.closingEdit.text().strip()))
        self.authorCombo = QComboBox()
        self.authorCombo.currentIndexChanged.connect(self._on_author_changed)
        tail.addRow(texts.M_CLOSING, self.closingEdit)
        tail.addRow(texts.M_AUTHOR, self.authorCombo)
        lay.addLayout(tail)

        cbox = QGroupBox(texts.M_CHAIN)
        cl = QVBoxLayout(cbox)
        self.chainTable = QTableWidget(0, 3)
        self.chainTable.setHorizontalHeaderLabels([texts.M_CHAIN_HEADING, texts.M_CHAIN_PERSON, texts.M_CHAIN_NOTE])
        self.chainTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.chainTable.verticalHeader().setVisible(False)
        self.chainTable.setMinimumHeight(int(self.fontMetrics().height() * 8))
        self.chainTable.itemChanged.connect(self._save_chain)
        crow = button_row((texts.M_CHAIN_ADD, self._add_chain), (texts.M_CHAIN_REMOVE, self._remove_chain))
        cl.addWidget(self.chainTable)
        cl.addLayout(crow)
        lay.addWidget(cbox)

        # Long text boxes save when the clerk pauses typing (and on leaving the box).
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(700)
        self._typing.timeout.connect(self.flush)
        self.subjectEdit.textChanged.connect(self._typing.start)
        self.paragraphsEdit.textChanged.connect(self._typing.start)

    # ------------------------------------------------------------ showing
    def set_profile(self, profile: OfficeProfile) -> None:
        self.people = profile.people
        self.docPrefixLabel.setText(f"{profile.doc_prefix}/" if profile.doc_prefix else "")
        self.unitCombo.clear()
        self.unitCombo.addItems([f"{u} {profile.name}" for u in profile.units])

    def show_memo(self, memo: MemoInfo | None) -> None:
        self.flush()
        self._loading = True
        try:
            self.memo = memo
            self.widget().setEnabled(memo is not None)
            m = memo
            self.unitCombo.setCurrentText(m.unit if m else "")
            self.docNoEdit.setText(m.doc_no if m else "")
            d = m.date if m and m.date else dt.date.today()
            self.dateEdit.setDate(QDate(d.year, d.month, d.day))
            self.dateThai.setText(thai_date_long(d, thai=False) if m and m.date else "")
            self.subjectEdit.setPlainText(m.subject if m else "")
            self.toEdit.setText(m.to if m else "")
            self.closingEdit.setText(m.closing if m else "")
            self._sections = [dict(s) for s in (m.sections if m else ())]
            self.sectionList.clear()
            for s in self._sections:
                self.sectionList.addItem(s.get("title") or texts.M_SECTION_UNTITLED)
            self.sectionTitleEdit.clear()
            self.paragraphsEdit.clear()
            self._fill_people_combo(self.authorCombo, (m.author or {}).get("person") if m else None)
            self._chain = [dict(c) for c in (m.chain if m else ())]
            self._fill_chain()
        finally:
            self._loading = False
        if self._sections:
            self.sectionList.setCurrentRow(0)

    def _fill_people_combo(self, combo: QComboBox, key: str | None) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        for p in self.people:
            combo.addItem(f"{p.name} — {p.position}" if p.position else p.name, p.key)
        i = combo.findData(key) if key else 0
        combo.setCurrentIndex(max(0, i))
        combo.blockSignals(False)

    def _fill_chain(self) -> None:
        t = self.chainTable
        t.blockSignals(True)
        t.setRowCount(0)
        for c in self._chain:
            r = t.rowCount()
            t.insertRow(r)
            t.setItem(r, 0, QTableWidgetItem(c.get("heading", "")))
            combo = QComboBox()
            self._fill_people_combo(combo, c.get("person"))
            combo.currentIndexChanged.connect(self._save_chain)
            t.setCellWidget(r, 1, combo)
            t.setItem(r, 2, QTableWidgetItem(c.get("note", "")))
        t.resizeRowsToContents()
        t.blockSignals(False)

    # ------------------------------------------------------------ saving
    def _emit(self, **changes) -> None:
        if self._loading or self.memo is None:
            return
        current = {k: getattr(self.memo, k) for k in changes}
        changes = {k: v for k, v in changes.items() if current[k] != v}
        if changes:
            self.edited.emit(changes)

    def flush(self) -> None:
        """Save what is being typed in the long text boxes."""
        self._typing.stop()
        if self._loading or self.memo is None:
            return
        self._emit(subject=" ".join(self.subjectEdit.toPlainText().split()))
        self._save_section()

    def focusOutEvent(self, e) -> None:
        self.flush()
        super().focusOutEvent(e)

    def _on_date_changed(self, qd: QDate) -> None:
        d = dt.date(qd.year(), qd.month(), qd.day())
        self.dateThai.setText(thai_date_long(d, thai=False))
        self._emit(date=d)

    def _on_author_changed(self, _i: int) -> None:
        key = self.authorCombo.currentData()
        author = dict(self.memo.author or {}) if self.memo else {}
        if key:
            author["person"] = key
            self._emit(author=author)
        else:
            self._emit(author=None)

    def _show_section(self, row: int) -> None:
        if row < 0 or row >= len(self._sections):
            return
        was = self._loading
        self._loading = True
        s = self._sections[row]
        self.sectionTitleEdit.setText(s.get("title", ""))
        self.paragraphsEdit.setPlainText("\n\n".join(s.get("paragraphs", [])))
        self._loading = was

    def _save_section(self) -> None:
        row = self.sectionList.currentRow()
        if self._loading or self.memo is None or row < 0 or row >= len(self._sections):
            return
        title = self.sectionTitleEdit.text().strip()
        paras = [" ".join(p.split()) for p in self.paragraphsEdit.toPlainText().split("\n\n") if p.strip()]
        new = {k: v for k, v in self._sections[row].items() if k not in ("title", "paragraphs")}
        if title:
            new["title"] = title
        new["paragraphs"] = paras
        if new != self._sections[row]:
            self._sections[row] = new
            self.sectionList.item(row).setText(title or texts.M_SECTION_UNTITLED)
            self._emit(sections=tuple(self._sections))

    def _add_section(self) -> None:
        self.flush()
        self._sections.append({"paragraphs": []})
        self.sectionList.addItem(texts.M_SECTION_UNTITLED)
        self.sectionList.setCurrentRow(len(self._sections) - 1)
        self._emit(sections=tuple(self._sections))
        self.sectionTitleEdit.setFocus()

    def _remove_section(self) -> None:
        row = self.sectionList.currentRow()
        if row >= 0:
            del self._sections[row]
            self.sectionList.takeItem(row)
            # the list signals the new current row before renumbering: show it again, or the
            # next save writes the wrong section's text over this row
            self._show_section(self.sectionList.currentRow())
            self._emit(sections=tuple(self._sections))

    def _save_chain(self, *_a) -> None:
        if self._loading or self.memo is None:
            return
        t = self.chainTable
        out = []
        for r in range(t.rowCount()):
            base = dict(self._chain[r]) if r < len(self._chain) else {}
            base["heading"] = t.item(r, 0).text().strip() if t.item(r, 0) else ""
            key = t.cellWidget(r, 1).currentData()
            if key:
                base["person"] = key
            note = t.item(r, 2).text().strip() if t.item(r, 2) else ""
            if note:
                base["note"] = note
            else:
                base.pop("note", None)
            out.append(base)
        self._chain = out
        self._emit(chain=tuple(c for c in out if c.get("person")))

    def _add_chain(self) -> None:
        self._chain.append({"heading": "", "lines": 2})
        self._fill_chain()

    def _remove_chain(self) -> None:
        r = self.chainTable.currentRow()
        if 0 <= r < len(self._chain):
            del self._chain[r]
            self._fill_chain()
            self._save_chain()
