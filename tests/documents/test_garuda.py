"""The office's Garuda: imported from a Word memo template (.docx) or an image file, printed in
page 1's slot; a warning before printing without it.  The test images are drawn here (no emblem
ships with the program)."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from itadesk.documents.errors import DocumentError
from itadesk.documents.garuda import MAX_PIXELS, emblem_from_file, garuda_warning

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "seed003_wiang_measures_2566.json"


def _image(fmt: str, size=(800, 900), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return buf.getvalue()


def _template(tmp_path: Path, *, in_header: bool) -> Path:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    pic = io.BytesIO(_image("JPEG", (300, 330), (10, 120, 10)))
    if in_header:
        sec = doc.sections[0]
        sec.different_first_page_header_footer = True
        sec.first_page_header.paragraphs[0].add_run().add_picture(pic, height=Cm(1.5))
        doc.add_paragraph("บันทึกข้อความ")
    else:
        p = doc.add_paragraph()
        p.add_run().add_picture(pic, height=Cm(1.5))
        p.add_run("\tบันทึกข้อความ")
        # a second, later picture that must not be taken
        doc.add_paragraph().add_run().add_picture(io.BytesIO(_image("PNG", (50, 50))), height=Cm(1))
    path = tmp_path / "แบบบันทึกข้อความ.docx"
    doc.save(str(path))
    return path


def _pixel(png: bytes) -> tuple:
    from PIL import Image

    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG"
    return img.convert("RGB").getpixel((img.width // 2, img.height // 2))


@pytest.mark.parametrize("in_header", [False, True])
def test_from_a_word_template_takes_the_picture_at_the_top_of_page_one(tmp_path, in_header):
    png = emblem_from_file(_template(tmp_path, in_header=in_header))
    r, g, b = _pixel(png)
    assert g > 100 and r < 60          # the green picture of the template, not the later one


def test_from_an_image_file_scaled_for_print(tmp_path):
    f = tmp_path / "garuda.jpg"
    f.write_bytes(_image("JPEG"))
    png = emblem_from_file(f)
    from PIL import Image

    assert max(Image.open(io.BytesIO(png)).size) == MAX_PIXELS


def test_bad_files_get_thai_messages(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"not a zip")
    with pytest.raises(DocumentError, match="ไม่ใช่ไฟล์ Word"):
        emblem_from_file(tmp_path / "x.docx")
    from docx import Document

    Document().save(str(tmp_path / "empty.docx"))
    with pytest.raises(DocumentError, match="ไม่พบรูปภาพ"):
        emblem_from_file(tmp_path / "empty.docx")
    (tmp_path / "t.png").write_text("hello")
    with pytest.raises(DocumentError, match="ไม่ใช่ไฟล์ภาพ"):
        emblem_from_file(tmp_path / "t.png")
    with pytest.raises(DocumentError, match="ไม่พบไฟล์"):
        emblem_from_file(tmp_path / "missing.png")


def test_warning_before_print_and_the_slot_filled(tmp_path):
    from itadesk.documents import render_memo_bytes

    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    d["office"].pop("emblem_png_base64", None)
    assert "ตราครุฑ" in garuda_warning(d)
    pdf_without, _ = render_memo_bytes(d)
    d["office"]["emblem_png_base64"] = base64.b64encode(emblem_from_file(_template(tmp_path, in_header=False))).decode()
    assert garuda_warning(d) is None
    pdf_with, _ = render_memo_bytes(d)
    assert b"/Subtype /Image" in pdf_with and b"/Subtype /Image" not in pdf_without


def test_cli_puts_the_garuda_into_a_dossier_file(tmp_path, monkeypatch):
    from itadesk.cli import main

    monkeypatch.setenv("ITADESK_HOME", str(tmp_path))
    d = tmp_path / "d.json"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["office"].pop("emblem_png_base64", None)
    d.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["garuda", str(_template(tmp_path, in_header=False)), "--dossier", str(d)]) == 0
    office = json.loads(d.read_text(encoding="utf-8"))["office"]
    assert _pixel(base64.b64decode(office["emblem_png_base64"]))[1] > 100
    assert main(["garuda", str(tmp_path / "none.docx"), "--dossier", str(d)]) == 2


def test_profile_wizard_imports_it_from_a_word_template(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QPushButton

    from itadesk.ui.dialogs.profile_wizard import EmblemPage

    page = EmblemPage(None)
    qtbot.addWidget(page)
    path = _template(tmp_path, in_header=True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    button = next(b for b in page.findChildren(QPushButton) if ".docx" in b.text())
    button.click()
    assert page.emblem is not None and _pixel(page.emblem)[1] > 100
