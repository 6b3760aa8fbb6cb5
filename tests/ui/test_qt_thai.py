"""Qt's own dialogs speak Thai: every label, button, tooltip and menu item a clerk can see.

Qt ships no Thai translation; resources/qt_th/qt_th.ts (compiled to .qm) holds ours.  The
dialogs are shown offscreen, Qt's own (non-native) ones, as on Linux; on Windows the
program leaves Qt to use the system's native, already-Thai dialogs.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QColorDialog, QComboBox, QDialogButtonBox,
                               QFileDialog, QGroupBox, QInputDialog, QLabel, QLineEdit, QMenu, QMessageBox,
                               QPlainTextEdit, QProgressDialog, QWidget)

# English words: two Latin letters or more, outside file patterns, paths, key names and product names.
_ALLOWED = re.compile(r"\(\*[^)]*\)|\*\.\w+|/\S*|\b(Ctrl|Shift|Alt|Del|Esc|Enter|Return|Tab|Space|HTML|PDF|RGB|Qt|Excel|Word|JSON|CSV|PNG|JPEG|ZIP|SQLite|XML|ODF|ODS)\b"
                      r"|\b[A-Z]\b|[+-]\w+\b")
_ENGLISH = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture(autouse=True)
def _thai(qapp):
    from PySide6.QtCore import QLocale

    from itadesk.ui.application import install_qt_thai

    QLocale.setDefault(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))   # as make_app() does
    install_qt_thai(qapp)


def english(text: str) -> bool:
    return bool(_ENGLISH.search(_ALLOWED.sub(" ", text.replace("&", ""))))


def visible_texts(root: QWidget) -> list[str]:
    """What a clerk reads in a dialog: labels, buttons, group titles, tooltips, list items, headers."""
    out = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QComboBox) and not w.isEditable():
            out += [w.itemText(i) for i in range(w.count())]
        out.append(w.toolTip())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m, root_index = w.model(), w.rootIndex()
            out += [str(m.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(m.columnCount(root_index))]
            # Column 0 holds the files' own names; column 1 the sizes, which Qt writes with the
            # system locale's units ("9 bytes", "1.8 KiB": not a translatable text).
            skip = {0, 1} if w.objectName() != "sidebar" else set()
            for r in range(min(m.rowCount(root_index), 30)):
                url = m.index(r, 0, root_index).data(Qt.ItemDataRole.UserRole + 1)
                if w.objectName() == "sidebar" and url is not None and url.path():
                    continue                                  # a folder's own name (the user's home)
                for c in range(m.columnCount(root_index)):
                    if c not in skip:
                        out.append(str(m.index(r, c, root_index).data() or ""))
    return [t for t in out if t]


def _folder_with_files() -> str:
    d = Path(tempfile.mkdtemp(prefix="itadesk-qt-thai-"))
    (d / "โฟลเดอร์ย่อย").mkdir()
    (d / "บันทึก.pdf").write_bytes(b"%PDF-1.4\n")
    (d / "คะแนน.xlsx").write_bytes(b"PK\x03\x04")
    (d / "แฟ้มสำนักงาน.json").write_text("{}", encoding="utf-8")
    return str(d)


def test_file_dialog_open_and_save_have_no_english(qtbot):
    folder = _folder_with_files()
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        d = QFileDialog(None, "เลือกไฟล์", folder, "ทุกไฟล์ (*);;ไฟล์ PDF (*.pdf)")
        d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        d.setAcceptMode(mode)
        d.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        view = next(v for v in d.findChildren(QAbstractItemView) if v.objectName() == "treeView")
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 4, timeout=5000)
        texts = visible_texts(d)
        assert "คอมพิวเตอร์" in texts and "โฟลเดอร์" in texts and "ค้นใน:" in texts
        bad = [t for t in texts if english(t)]
        assert not bad, bad
        d.close()


def test_message_input_progress_and_color_dialogs_have_no_english(qtbot):
    every = QMessageBox.StandardButton(0)
    for b in (QMessageBox.StandardButton.Ok, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes,
              QMessageBox.StandardButton.No, QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard,
              QMessageBox.StandardButton.Close, QMessageBox.StandardButton.Retry, QMessageBox.StandardButton.Ignore,
              QMessageBox.StandardButton.Abort, QMessageBox.StandardButton.Apply, QMessageBox.StandardButton.Help):
        every |= b
    dialogs = [QMessageBox(QMessageBox.Icon.Question, "คำถาม", "ต้องการบันทึกหรือไม่", every),
               QInputDialog(), QProgressDialog(), QColorDialog()]
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Reset
                           | QDialogButtonBox.StandardButton.RestoreDefaults)
    dialogs[-1].setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog, True)
    for d in (*dialogs, box):
        qtbot.addWidget(d)
        d.show()
        bad = [t for t in visible_texts(d) if english(t)]
        assert not bad, (type(d).__name__, bad)


@pytest.mark.parametrize("cls", [QLineEdit, QPlainTextEdit])
def test_text_box_menu_is_thai(qtbot, cls):
    w = cls()
    qtbot.addWidget(w)
    menu: QMenu = w.createStandardContextMenu()
    names = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert names and not [t for t in names if english(t)], names


def test_english_detector():
    assert english("Look in:") and english("&Cancel") and english("Files of type:")
    assert not english("ไฟล์ PDF (*.pdf)") and not english("/home/clerk") and not english("ตกลง")
