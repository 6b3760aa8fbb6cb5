"""About dialog: program version, where the clerk's data is, and the licences of everything
shipped with the program (fonts and libraries).

The list comes from ``resources/licenses/components.toml``; each component's full licence
texts are files beside it.  ``components()`` and ``about_text()`` need no Qt (tests use them);
``show_about(parent)`` opens the dialog (Help menu → About).
"""

from __future__ import annotations

import platform
import sys
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .. import __version__
from ..paths import resources_dir, user_data_dir

TITLE = "เกี่ยวกับ ITA Desk"
DESCRIPTION = ("โปรแกรมบันทึกคะแนน ITA วิเคราะห์ผลการประเมิน วางมาตรการ "
               "และพิมพ์บันทึกข้อความ สำหรับองค์กรปกครองส่วนท้องถิ่น")
CLOSE = "ปิด"

# distribution → module whose version attribute to show when the package metadata is not
# shipped (a frozen bundle carries little metadata); only modules already imported are asked.
_VERSION_MODULES = {
    "PySide6_Essentials": ("PySide6", "__version__"), "SQLAlchemy": ("sqlalchemy", "__version__"),
    "alembic": ("alembic", "__version__"), "reportlab": ("reportlab", "Version"),
    "pythainlp": ("pythainlp", "__version__"), "fonttools": ("fontTools", "version"),
    "uharfbuzz": ("uharfbuzz", "__version__"), "fontpkg": ("fontpkg", "__version__"),
    "jsonschema": ("jsonschema", "__version__"), "platformdirs": ("platformdirs", "__version__"),
    "openpyxl": ("openpyxl", "__version__"), "lxml": ("lxml", "__version__"),
    "psycopg": ("psycopg", "__version__"), "pillow": ("PIL", "__version__"),
    "Mako": ("mako", "__version__"), "itadesk": ("itadesk", "__version__"),
}


@dataclass(frozen=True)
class Component:
    name: str
    license: str
    files: tuple[str, ...] = ()
    dists: tuple[str, ...] = ()
    url: str = ""
    note: str = ""
    version: str = field(default="", compare=False)

    @property
    def label(self) -> str:
        v = f" {self.version}" if self.version else ""
        return f"{self.name}{v} — {self.license}"


def licenses_dir() -> Path:
    return resources_dir() / "licenses"


def _version_of(dists: tuple[str, ...], name: str) -> str:
    if name == "Python":
        return platform.python_version()
    if name.startswith("Qt 6"):
        mod = sys.modules.get("PySide6.QtCore")
        return mod.qVersion() if mod else ""
    for d in dists:
        try:
            return metadata.version(d)
        except metadata.PackageNotFoundError:
            pass
        mod_name, attr = _VERSION_MODULES.get(d, ("", ""))
        mod = sys.modules.get(mod_name) if mod_name else None
        v = getattr(mod, attr, "") if mod else ""
        if isinstance(v, str) and v:
            return v
    return ""


def components() -> list[Component]:
    data = tomllib.loads((licenses_dir() / "components.toml").read_text(encoding="utf-8"))
    out = []
    for c in data["component"]:
        dists = tuple(c.get("dists", ()))
        out.append(Component(
            name=c["name"], license=c["license"], files=tuple(c.get("files", ())), dists=dists,
            url=c.get("url", ""), note=c.get("note", ""), version=_version_of(dists, c["name"])))
    return out


def license_text(comp: Component) -> str:
    """Header lines plus the full text of each licence file of one component."""
    parts = [comp.label]
    if comp.note:
        parts.append(comp.note)
    if comp.url:
        parts.append(comp.url)
    for f in comp.files:
        p = licenses_dir() / f
        try:
            body = p.read_text(encoding="utf-8")
        except OSError:
            body = f"(ไม่พบไฟล์ {f} ในโฟลเดอร์โปรแกรม)"
        parts.append(f"\n===== {f} =====\n\n{body.rstrip()}")
    if not comp.files:
        parts.append("สัญญาอนุญาต: " + comp.license)
    return "\n".join(parts) + "\n"


def header_text(extra: str = "") -> str:
    text = (f"ITA Desk รุ่น {__version__}\n{DESCRIPTION}\n"
            f"Python {platform.python_version()}\n"
            f"ข้อมูลของท่าน (ฐานข้อมูล ไฟล์สำรอง) เก็บอยู่ที่: {user_data_dir()}")
    return text + ("\n" + extra.strip() if extra.strip() else "")


def about_text() -> str:
    """Everything the dialog shows, as plain text (for tests and for copying)."""
    comps = components()
    lines = [header_text(), "", "ส่วนประกอบที่มากับโปรแกรมและสัญญาอนุญาต:"]
    lines += [f"  • {c.label}" for c in comps]
    return "\n".join(lines) + "\n"


def show_about(parent=None, extra: str = "") -> None:
    """Open the About dialog (modal) over ``parent``; ``extra`` lines (e.g. the database in
    use, the log folder) are shown under the version."""
    dlg = make_about_dialog(parent, extra)
    dlg.exec()


def make_about_dialog(parent=None, extra: str = ""):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget,
                                   QPlainTextEdit, QVBoxLayout)

    dlg = QDialog(parent)
    dlg.setObjectName("aboutDialog")
    dlg.setWindowTitle(TITLE)
    lay = QVBoxLayout(dlg)

    head = QLabel(header_text(extra))
    head.setObjectName("aboutHeader")
    head.setWordWrap(True)
    head.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lay.addWidget(head)
    lay.addWidget(QLabel("ส่วนประกอบที่มากับโปรแกรมและสัญญาอนุญาต (เลือกเพื่ออ่านข้อความเต็ม):"))

    comps = components()
    row = QHBoxLayout()
    lst = QListWidget()
    lst.setObjectName("aboutComponents")
    lst.addItems([c.label for c in comps])
    text = QPlainTextEdit()
    text.setObjectName("aboutLicenseText")
    text.setReadOnly(True)
    text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # the texts are wrapped already
    lst.currentRowChanged.connect(lambda i: text.setPlainText(license_text(comps[i]) if i >= 0 else ""))
    row.addWidget(lst, 2)
    row.addWidget(text, 3)
    lay.addLayout(row, 1)

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.button(QDialogButtonBox.StandardButton.Close).setText(CLOSE)  # Qt has no Thai catalogue
    buttons.rejected.connect(dlg.reject)
    lay.addWidget(buttons)

    sarabun = next((i for i, c in enumerate(comps) if "Sarabun" in c.name), 0)
    lst.setCurrentRow(sarabun)
    dlg.resize(900, 600)
    return dlg
