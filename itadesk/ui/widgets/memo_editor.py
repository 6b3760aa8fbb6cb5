"""The editor of one memo: header fields, body sections and the signature chain.

It shows a :class:`MemoInfo` and emits ``edited(dict)`` with the fields the clerk changed;
the memos tab saves them through Services at once.  It never touches the store itself.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton,
                               QScrollArea, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...store.services import MemoInfo, OfficeProfile
from .buttons import button_row
from .editing import EditContract
from .thai_date_edit import ThaiDateEdit
from .. import texts


def _shrinkable(combo: QComboBox) -> None:
    """A combo box whose long items (names with positions) do not hold the form wider than its pane."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)


class MemoEditor(QScrollArea):
    """Every text field follows the editing contract (:mod:`.editing`): saved on a pause, on
    leaving it and on ``flush()``; ``discard()`` forgets what is typed (theirs replaces it)."""

    edited = Signal(dict)
    next_doc_no_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)   # fields fit the pane
        self.memo: MemoInfo | None = None
        self.people: tuple = ()
        self._loading = False
        self._sections: list[dict] = []
        self._chain: list[dict] = []
        self._shown_section = -1
        self.edits = EditContract(self, ignore=lambda: self._loading or self.memo is None)
        body = QWidget()
        self.setWidget(body)
        lay = QVBoxLayout(body)

        head = QFormLayout()
        self.unitCombo = QComboBox()
        self.unitCombo.setEditable(True)
        self.unitCombo.setObjectName("memoUnit")
        _shrinkable(self.unitCombo)
        self.edits.text(self.unitCombo, lambda t: self._emit(unit=t.strip()))
        self.unitCombo.activated.connect(lambda _i: self._emit(unit=self.unitCombo.currentText().strip()))
        self.docNoEdit = QLineEdit()
        self.docNoEdit.setObjectName("memoDocNo")
        self.edits.text(self.docNoEdit, lambda t: self._emit(doc_no=t.strip()))
        self.docPrefixLabel = QLabel("")
        nextBtn = QPushButton(texts.M_DOC_NEXT)
        nextBtn.clicked.connect(self.next_doc_no_requested)
        row = QHBoxLayout()
        row.addWidget(self.docPrefixLabel)
        row.addWidget(self.docNoEdit, 1)
        row.addWidget(nextBtn)
        self.dateEdit = ThaiDateEdit()
        self.dateEdit.dateChanged.connect(self._on_date_changed)
        self.edits.child(self.dateEdit)        # a typed date is saved on every switch and close
        self.subjectEdit = QPlainTextEdit()
        self.subjectEdit.setObjectName("memoSubject")
        self.subjectEdit.setTabChangesFocus(True)
        self.subjectEdit.setFixedHeight(int(self.fontMetrics().height() * 3.6))
        self.edits.text(self.subjectEdit, lambda t: self._emit(subject=" ".join(t.split())))
        self.toEdit = QLineEdit()
        self.toEdit.setObjectName("memoTo")
        self.edits.text(self.toEdit, lambda t: self._emit(to=t.strip()))
        head.addRow(texts.M_UNIT, self.unitCombo)
        head.addRow(texts.M_DOC_NO, row)
        head.addRow(texts.M_DATE, self.dateEdit)
        head.addRow(texts.M_SUBJECT, self.subjectEdit)
        head.addRow(texts.M_TO, self.toEdit)
        lay.addLayout(head)

        box = QGroupBox(texts.M_SECTIONS)
        sl = QVBoxLayout(box)
        self.sectionList = QListWidget()
        self.sectionList.setFixedHeight(int(self.fontMetrics().height() * 6))
        self.sectionList.currentRowChanged.connect(self._show_section)
        self.sectionTitleEdit = QLineEdit()
        self.sectionTitleEdit.setObjectName("memoSectionTitle")
        self.sectionTitleEdit.setPlaceholderText(texts.M_SECTION_TITLE)
        self._titleCommit = self.edits.text(self.sectionTitleEdit, lambda _t: self._save_section())
        self.paragraphsEdit = QPlainTextEdit()
        self.paragraphsEdit.setObjectName("memoParagraphs")
        self.paragraphsEdit.setPlaceholderText(texts.M_PARAGRAPHS_HINT)
        self.paragraphsEdit.setTabChangesFocus(True)
        self.paragraphsEdit.setMinimumHeight(int(self.fontMetrics().height() * 8))
        self._parasCommit = self.edits.text(self.paragraphsEdit, lambda _t: self._save_section())
        brow = button_row((texts.M_SECTION_ADD, self._add_section),
                          (texts.M_SECTION_REMOVE, self._remove_section))
        sl.addWidget(self.sectionList)
        sl.addLayout(brow)
        sl.addWidget(self.sectionTitleEdit)
        sl.addWidget(self.paragraphsEdit, 1)
        lay.addWidget(box)

        tail = QFormLayout()
        self.closingEdit = QLineEdit()
        self.closingEdit.setObjectName("memoClosing")
        self.edits.text(self.closingEdit, lambda t: self._emit(closing=t.strip()))
        self.authorCombo = QComboBox()
        _shrinkable(self.authorCombo)
        self.authorCombo.currentIndexChanged.connect(self._on_author_changed)
        tail.addRow(texts.M_CLOSING, self.closingEdit)
        tail.addRow(texts.M_AUTHOR, self.authorCombo)
        lay.addLayout(tail)

        cbox = QGroupBox(texts.M_CHAIN)
        cl = QVBoxLayout(cbox)
        self.chainTable = QTableWidget(0, 3)
        self.chainTable.setHorizontalHeaderLabels([texts.M_CHAIN_HEADING, texts.M_CHAIN_PERSON, texts.M_CHAIN_NOTE])
        ch = self.chainTable.horizontalHeader()
        ch.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        ch.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)      # the heading wraps; names fit whole
        ch.setStretchLastSection(False)
        self.chainTable.verticalHeader().setVisible(False)
        self.chainTable.setWordWrap(True)
        self.chainTable.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.chainTable.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.chainTable.setMinimumHeight(int(self.fontMetrics().height() * 8))
        self.chainTable.itemChanged.connect(self._save_chain)
        self.edits.view(self.chainTable)
        crow = button_row((texts.M_CHAIN_ADD, self._add_chain), (texts.M_CHAIN_REMOVE, self._remove_chain))
        cl.addWidget(self.chainTable)
        cl.addLayout(crow)
        lay.addWidget(cbox)

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
            self._shown_section = -1
            self.widget().setEnabled(memo is not None)
            m = memo
            self.unitCombo.setCurrentText(m.unit if m else "")
            self.unitCombo.lineEdit().setCursorPosition(0)     # show the start of a long unit
            self.docNoEdit.setText(m.doc_no if m else "")
            self.dateEdit.setDate(m.date if m and m.date else None)
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
        self.edits.discard()
        if self._sections:
            self.sectionList.setCurrentRow(0)
        self._enable_section_fields()

    def _enable_section_fields(self) -> None:
        """Title and paragraphs belong to the selected section: with none selected, nothing to type."""
        on = 0 <= self.sectionList.currentRow() < len(self._sections)
        self.sectionTitleEdit.setEnabled(on)
        self.paragraphsEdit.setEnabled(on)

    def _fill_people_combo(self, combo: QComboBox, key: str | None, with_position: bool = True) -> None:
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(16)     # a long name — position must not widen the editor
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", None)
        for p in self.people:
            full = f"{p.name} — {p.position}" if p.position else p.name
            combo.addItem(full if with_position else p.name, p.key)
            combo.setItemData(combo.count() - 1, full, Qt.ItemDataRole.ToolTipRole)
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
            # The name in the cell (the heading beside it says the office); name and position in the list.
            self._fill_people_combo(combo, c.get("person"), with_position=False)
            _shrinkable(combo)
            combo.setToolTip(combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole) or "")
            combo.currentIndexChanged.connect(
                lambda i, cb=combo: cb.setToolTip(cb.itemData(i, Qt.ItemDataRole.ToolTipRole) or ""))
            # The list shows whole names and positions, however narrow the column.
            combo.view().setMinimumWidth(max((combo.fontMetrics().horizontalAdvance(
                combo.itemData(i, Qt.ItemDataRole.ToolTipRole) or "") for i in range(combo.count())), default=0) + 40)
            combo.currentIndexChanged.connect(self._save_chain)
            t.setCellWidget(r, 1, combo)
            t.setItem(r, 2, QTableWidgetItem(c.get("note", "")))
        t.resizeRowsToContents()
        self._fit_chain_columns()
        t.blockSignals(False)

    def _fit_chain_columns(self) -> None:
        """The signer column as wide as the longest name, the comment column as its heading; the
        heading of each step takes the rest and wraps."""
        t = self.chainTable
        fm = t.fontMetrics()
        names = [p.name for p in self.people] + [texts.M_CHAIN_PERSON]
        t.setColumnWidth(1, max(fm.horizontalAdvance(n) for n in names) + 40)
        notes = [t.item(r, 2).text() for r in range(t.rowCount()) if t.item(r, 2)] + [texts.M_CHAIN_NOTE]
        head = t.horizontalHeader().fontMetrics().horizontalAdvance(texts.M_CHAIN_NOTE) + 16
        t.setColumnWidth(2, min(max(fm.horizontalAdvance(n) + 12 for n in notes), max(head, t.viewport().width() // 4)))
        t.resizeRowsToContents()

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._fit_chain_columns()

    # ------------------------------------------------------------ saving
    def _emit(self, **changes) -> None:
        if self._loading or self.memo is None:
            return
        current = {k: getattr(self.memo, k) for k in changes}
        changes = {k: v for k, v in changes.items() if current[k] != v}
        if changes:
            self.edited.emit(changes)

    def flush(self) -> None:
        """Save what is being typed in any field."""
        self.edits.flush()

    def pending(self) -> bool:
        return self.edits.pending()

    def discard(self) -> None:
        """Forget what is typed and not yet saved (the stored memo is shown next)."""
        self.edits.discard()

    def set_doc_no(self, no: str) -> None:
        """Show a suggested document number and save it."""
        self.docNoEdit.setText(no)
        self._emit(doc_no=no)

    def _on_date_changed(self, d: dt.date) -> None:
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
        self._save_section_at(self._shown_section)
        self._shown_section = row
        was = self._loading
        self._loading = True
        s = self._sections[row]
        self.sectionTitleEdit.setText(s.get("title", ""))
        self.paragraphsEdit.setPlainText("\n\n".join(s.get("paragraphs", [])))
        self._loading = was
        self._titleCommit.discard()
        self._parasCommit.discard()
        self._enable_section_fields()

    def _save_section(self) -> None:
        self._save_section_at(self.sectionList.currentRow())

    def _save_section_at(self, row: int) -> None:
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
            self._parasCommit.discard()
            self._titleCommit.discard()
            self._shown_section = -1
            del self._sections[row]
            self.sectionList.takeItem(row)
            if self._sections:
                # the list signals the new current row before renumbering: show it again, or the
                # next save writes the wrong section's text over this row
                self._show_section(self.sectionList.currentRow())
            else:
                self.sectionTitleEdit.clear()
                self.paragraphsEdit.clear()
            self._enable_section_fields()
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
