"""The office profile as a wizard: at first start (empty database) and later from the menu."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWizard, QWizardPage)

from ...store.services import OfficeProfile, PersonInfo
from ..widgets.buttons import button_row
from .. import texts


class OfficePage(QWizardPage):
    def __init__(self, p: OfficeProfile | None):
        super().__init__()
        self.setTitle(texts.WIZ_OFFICE)
        self.setSubTitle(texts.WIZ_OFFICE_SUB)
        self.nameEdit = QLineEdit(p.name if p else "")
        self.kindCombo = QComboBox()
        self.kindCombo.setEditable(True)
        self.kindCombo.addItems(texts.OFFICE_KINDS)
        self.kindCombo.setCurrentText(p.kind if p and p.kind else texts.OFFICE_KINDS[0])
        self.amphoeEdit = QLineEdit(p.amphoe if p else "")
        self.provinceEdit = QLineEdit(p.province if p else "")
        self.prefixEdit = QLineEdit(p.doc_prefix if p else "")
        self.prefixEdit.setPlaceholderText("เช่น อด ๘๑๘๐๑")
        self.phoneEdit = QLineEdit(p.phone if p else "")
        self.thaiDigitsCheck = QCheckBox(texts.F_THAI_DIGITS)
        self.thaiDigitsCheck.setChecked(p.thai_digits if p else True)
        form = QFormLayout(self)
        form.addRow(texts.F_NAME, self.nameEdit)
        form.addRow(texts.F_KIND, self.kindCombo)
        form.addRow(texts.F_AMPHOE, self.amphoeEdit)
        form.addRow(texts.F_PROVINCE, self.provinceEdit)
        form.addRow(texts.F_PREFIX, self.prefixEdit)
        form.addRow(texts.F_PHONE, self.phoneEdit)
        form.addRow("", self.thaiDigitsCheck)
        self.nameEdit.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        return bool(self.nameEdit.text().strip())


class UnitsPage(QWizardPage):
    def __init__(self, p: OfficeProfile | None):
        super().__init__()
        self.setTitle(texts.WIZ_UNITS)
        self.setSubTitle(texts.WIZ_UNITS_SUB)
        self.unitsEdit = QPlainTextEdit("\n".join(p.units) if p else "")
        self.unitsEdit.setTabChangesFocus(True)
        QVBoxLayout(self).addWidget(self.unitsEdit)

    def units(self) -> tuple[str, ...]:
        return tuple(u.strip() for u in self.unitsEdit.toPlainText().splitlines() if u.strip())


class PeoplePage(QWizardPage):
    COLS = (texts.P_NAME, texts.P_POSITION, texts.P_ACTING)

    def __init__(self, p: OfficeProfile | None):
        super().__init__()
        self.setTitle(texts.WIZ_PEOPLE)
        self.setSubTitle(texts.WIZ_PEOPLE_SUB)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(self.COLS)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(True)
        self._keys: list[str | None] = []
        for person in (p.people if p else ()):
            self.add_row(person.name, person.position, person.acting_for or "", person.key)
        # An empty row is always waiting at the end: type a name there and the next one appears
        # (no "add" click per person).
        self.add_row(select=not self._keys)
        self.table.itemChanged.connect(self._grow)
        buttons = button_row((texts.P_ADD, lambda: self.add_row()), (texts.P_REMOVE, self.remove_selected))
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addLayout(buttons)

    def add_row(self, name: str = "", position: str = "", acting: str = "", key: str | None = None,
                select: bool = True) -> int:
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        for c, v in enumerate((name, position, acting)):
            self.table.setItem(r, c, QTableWidgetItem(v))
        self.table.blockSignals(False)
        self._keys.append(key)
        if select:
            self.table.setCurrentCell(r, 0)
        return r

    def _grow(self, item: QTableWidgetItem) -> None:
        last = self.table.rowCount() - 1
        if item.row() == last and item.text().strip():
            self.add_row(select=False)

    def remove_selected(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            del self._keys[r]

    def people(self) -> tuple[PersonInfo, ...]:
        out, used = [], {k for k in self._keys if k}
        for r in range(self.table.rowCount()):
            cell = [(self.table.item(r, c).text().strip() if self.table.item(r, c) else "") for c in range(3)]
            if not cell[0]:
                continue
            key = self._keys[r]
            if not key:
                n = r + 1
                key = f"p{n}"
                while key in used:
                    n += 1
                    key = f"p{n}"
                used.add(key)
            out.append(PersonInfo(key, cell[0], cell[1], cell[2] or None))
        return tuple(out)


_FROM_DOCX = "นำตราครุฑจากแบบบันทึก (.docx)…"
_FROM_DOCX_TIP = "ใช้รูปตราครุฑที่อยู่หัวหน้าแรกของแบบบันทึกข้อความ Word ของหน่วยงาน"
_FILTER_DOCX = "แบบบันทึกข้อความ Word (*.docx)"
_FILTER_IMAGES = "ภาพหรือแบบบันทึก Word (*.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.docx)"


class EmblemPage(QWizardPage):
    def __init__(self, p: OfficeProfile | None):
        super().__init__()
        self.setTitle(texts.WIZ_EMBLEM)
        self.setSubTitle(texts.WIZ_EMBLEM_SUB)
        self.emblem: bytes | None = p.emblem_png if p else None
        self.preview = QLabel()
        self.preview.setFixedSize(96, 96)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.StyledPanel)
        pick = QPushButton(texts.EMBLEM_PICK)
        pick.clicked.connect(lambda: self.pick())
        from_docx = QPushButton(_FROM_DOCX)
        from_docx.setToolTip(_FROM_DOCX_TIP)
        from_docx.clicked.connect(lambda: self.pick(_FILTER_DOCX))
        clear = QPushButton(texts.EMBLEM_CLEAR)
        clear.clicked.connect(lambda: self.set_emblem(None))
        self.websiteEdit = QLineEdit(p.website if p else "")
        self.websiteEdit.setPlaceholderText("เช่น www.nonthong.go.th")
        row = QHBoxLayout()
        row.addWidget(self.preview)
        col = QVBoxLayout()
        col.addWidget(pick)
        col.addWidget(from_docx)
        col.addWidget(clear)
        col.addStretch(1)
        row.addLayout(col)
        row.addStretch(1)
        form = QFormLayout(self)
        form.addRow(row)
        form.addRow(texts.F_WEBSITE, self.websiteEdit)
        self.set_emblem(self.emblem)

    def set_emblem(self, data: bytes | None) -> None:
        self.emblem = data
        if data:
            pm = QPixmap()
            pm.loadFromData(data, "PNG")
            self.preview.setPixmap(pm.scaled(92, 92, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(texts.EMBLEM_NONE)
            self.preview.setWordWrap(True)

    def pick(self, file_filter: str = "") -> None:
        """The Garuda from an image file or from the office's Word memo template (.docx)."""
        from ...documents.errors import DocumentError
        from ...documents.garuda import emblem_from_file

        path, _ = QFileDialog.getOpenFileName(self, texts.EMBLEM_PICK, "", file_filter or _FILTER_IMAGES)
        if path:
            try:
                self.set_emblem(emblem_from_file(path))
            except DocumentError as e:
                QMessageBox.warning(self, _FROM_DOCX, str(e))


class ProfileWizard(QWizard):
    """Collects an :class:`OfficeProfile`; the caller saves it through Services."""

    def __init__(self, profile: OfficeProfile | None = None, parent=None, first_run: bool = False):
        super().__init__(parent)
        self.base = profile
        self.setWindowTitle(texts.WIZ_FIRST if first_run else texts.WIZ_TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        if profile is not None:  # editing: let the clerk finish from any page
            self.setOption(QWizard.WizardOption.HaveFinishButtonOnEarlyPages, True)
        for which, text in ((QWizard.WizardButton.BackButton, texts.WIZ_BACK),
                            (QWizard.WizardButton.NextButton, texts.WIZ_NEXT),
                            (QWizard.WizardButton.FinishButton, texts.WIZ_FINISH),
                            (QWizard.WizardButton.CancelButton, texts.CANCEL),
                            (QWizard.WizardButton.CustomButton1, texts.WIZ_EXAMPLE)):
            self.setButtonText(which, text)
        self.wants_example = False
        if first_run:
            self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
            self.customButtonClicked.connect(self._example)
        self.officePage = OfficePage(profile)
        self.unitsPage = UnitsPage(profile)
        self.peoplePage = PeoplePage(profile)
        self.emblemPage = EmblemPage(profile)
        for page in (self.officePage, self.unitsPage, self.peoplePage, self.emblemPage):
            self.addPage(page)
        self.resize(720, 520)

    def _example(self, _which: int) -> None:
        self.wants_example = True
        self.reject()

    def profile(self) -> OfficeProfile:
        o = self.officePage
        base = self.base
        return OfficeProfile(
            id=base.id if base else None, name=re.sub(r"\s+", " ", o.nameEdit.text()).strip(),
            kind=o.kindCombo.currentText().strip(), amphoe=o.amphoeEdit.text().strip(),
            province=o.provinceEdit.text().strip(), doc_prefix=o.prefixEdit.text().strip(),
            website=self.emblemPage.websiteEdit.text().strip(), phone=o.phoneEdit.text().strip(),
            thai_digits=o.thaiDigitsCheck.isChecked(), font=base.font if base else "",
            emblem_png=self.emblemPage.emblem, units=self.unitsPage.units(),
            people=self.peoplePage.people())
