"""New memo: which form, and which fiscal year it is about.

The year is filled from the form (the measures plan is the year after the assessment year on
screen, as the มาตรการ tab shows it) and can be changed; a warning says which attached tables
would print empty with the data as it is now.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .. import documents_bridge as docs
from .. import texts

T_TITLE = "สร้างบันทึกข้อความจากแบบฟอร์ม"
T_FORM = "แบบฟอร์ม"
T_YEAR = "ปีงบประมาณของบันทึก"
T_YEAR_SAME = "ผลการประเมินปี {year} ที่เลือกไว้ในหน้าต่าง"
T_YEAR_NEXT = "ปีถัดจากปีที่ประเมิน ({year}) ตรงกับแท็บมาตรการ"
T_YEAR_OTHER = "ไม่ใช่ปีที่แบบฟอร์มนี้ใช้ตามปกติ (ปกติคือ {usual})"
T_CREATE = "สร้าง"


class NewMemoDialog(QDialog):
    def __init__(self, forms: list[tuple[str, str]], assessment_year: int,
                 gaps: Callable[[str, int], list[str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(T_TITLE)
        self.assessment_year = assessment_year
        self._gaps = gaps
        self.formCombo = QComboBox()
        self.formCombo.setObjectName("newMemoForm")
        for kind, name in forms:
            self.formCombo.addItem(name, kind)
        self.yearSpin = QSpinBox()
        self.yearSpin.setObjectName("newMemoYear")
        self.yearSpin.setRange(2500, 2700)
        self.yearSpin.setPrefix("พ.ศ. ")
        self.yearHint = QLabel("")
        self.yearHint.setWordWrap(True)
        self.warning = QLabel("")
        self.warning.setObjectName("newMemoWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #9a5b00;")
        form = QFormLayout()
        form.addRow(T_FORM, self.formCombo)
        form.addRow(T_YEAR, self.yearSpin)
        form.addRow("", self.yearHint)
        buttons = QDialogButtonBox()
        self.okButton = buttons.addButton(T_CREATE, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(texts.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.warning)
        lay.addWidget(buttons)
        self.formCombo.currentIndexChanged.connect(self._form_changed)
        self.yearSpin.valueChanged.connect(self._update_notes)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("ม") * 48)
        self._form_changed()

    def kind(self) -> str:
        return self.formCombo.currentData()

    def year(self) -> int:
        return self.yearSpin.value()

    def usual_year(self) -> int:
        return docs.memo_year_for(self.kind(), self.assessment_year)

    def _form_changed(self, *_a) -> None:
        self.yearSpin.blockSignals(True)
        self.yearSpin.setValue(self.usual_year())
        self.yearSpin.blockSignals(False)
        self._update_notes()

    def _update_notes(self, *_a) -> None:
        usual, y = self.usual_year(), self.year()
        if y != usual:
            self.yearHint.setText(T_YEAR_OTHER.format(usual=usual))
        elif usual == self.assessment_year:
            self.yearHint.setText(T_YEAR_SAME.format(year=self.assessment_year))
        else:
            self.yearHint.setText(T_YEAR_NEXT.format(year=self.assessment_year))
        gaps = self._gaps(self.kind(), y)
        self.warning.setText("\n".join(f"⚠ {g}" for g in gaps))
        self.warning.setVisible(bool(gaps))
