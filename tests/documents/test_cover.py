"""Attachment cover pages: blank title lines keep their room, the title block can stand in the
middle of the page (title_position = "centre"), with an optional picture above it."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from itadesk.documents import render_memo
from itadesk.documents.docx_writer import memo_docx_bytes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "seed003_wiang_measures_2566.json"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
A, B = "เอกสารแนบหมายเลขหนึ่ง", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส"


def _dossier(title: list[str], **att) -> dict:
    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    a = d["memos"][0]["attachments"][0]
    a["title"] = title
    a.update(att)
    d["memos"][0]["attachments"] = [a]
    return d


def _y(pdf: Path, page: int, text: str) -> float:
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    for line in xml.splitlines():
        if f">{text}</word>" in line:
            return float(line.split('yMin="')[1].split('"')[0])
    raise AssertionError(f"{text} not on page {page}")


@needs_poppler
def test_blank_title_lines_keep_their_room(tmp_path):
    render_memo(_dossier([A, B]), None, tmp_path / "a.pdf")
    render_memo(_dossier([A, "", "", B]), None, tmp_path / "b.pdf")
    page = 2
    gap_plain = _y(tmp_path / "a.pdf", page, B) - _y(tmp_path / "a.pdf", page, A)
    gap_blank = _y(tmp_path / "b.pdf", page, B) - _y(tmp_path / "b.pdf", page, A)
    assert gap_blank == pytest.approx(3 * gap_plain, rel=0.1)


@needs_poppler
def test_a_centred_cover_with_a_picture(tmp_path):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (30, 60, 160)).save(buf, "PNG")
    d = _dossier([A, B], title_position="centre", title_image=base64.b64encode(buf.getvalue()).decode())
    info = render_memo(d, None, tmp_path / "c.pdf")
    y = _y(tmp_path / "c.pdf", 2, A)
    assert 842 * 0.35 < y < 842 * 0.65                 # the middle of the A4 page
    assert info.attachment_pages[0] >= 2               # the table starts on the next page
    assert b"/Subtype /Image" in (tmp_path / "c.pdf").read_bytes()
    data, _ = memo_docx_bytes(d)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert 'w:vAlign w:val="center"' in xml and "<a:blip" in xml


def test_a_bad_picture_gets_a_thai_message():
    from itadesk.documents.errors import MemoDataError

    with pytest.raises(MemoDataError, match="title_image"):
        render_memo(_dossier([A], title_image="***"), None, "/dev/null")
