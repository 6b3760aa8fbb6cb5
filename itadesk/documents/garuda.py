"""The office's own Garuda (ตราครุฑ) for the memo's page-1 slot.

The program ships no emblem image.  Offices already have theirs inside their Word memo
template, so :func:`emblem_from_file` takes it from a ``.docx`` (the first picture of the
document body, else of the first page's header: where a memo template puts it at the top of
page 1) or from an image file (PNG, JPEG, GIF, BMP, TIFF), and returns PNG bytes, scaled down
to what a 1.5 cm print needs.  :func:`garuda_warning` is the check-before-print warning when a
memo would go out without it.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, Mapping

from .errors import DocumentError

__all__ = ["emblem_from_file", "emblem_from_docx", "emblem_png", "garuda_warning", "MAX_PIXELS"]

MAX_PIXELS = 600          # the longer side: 1.5 cm at 600 dpi is 354 px; more only makes files big
_MAX_INPUT = 30 * 1024 * 1024
_IMAGE_EXT = {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff"}


def emblem_png(data: bytes, name: str = "ภาพ") -> bytes:
    """Any raster image → PNG bytes, at most MAX_PIXELS on its longer side (transparency kept)."""
    try:
        from PIL import Image

        img: Image.Image = Image.open(io.BytesIO(data))
        img.load()
    except Exception as e:  # Pillow raises many kinds for a file that is not an image
        raise DocumentError(f"{name} ไม่ใช่ไฟล์ภาพที่อ่านได้ (ใช้ได้: PNG, JPEG, GIF, BMP, TIFF)") from e
    if img.mode not in ("RGB", "RGBA", "L", "LA"):
        img = img.convert("RGBA")
    if max(img.size) > MAX_PIXELS:
        img.thumbnail((MAX_PIXELS, MAX_PIXELS))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    """rId → target path (inside the package) of one part's relationships."""
    folder, _, base = part.rpartition("/")
    try:
        xml = z.read(f"{folder}/_rels/{base}.rels").decode("utf-8")
    except KeyError:
        return {}
    out = {}
    for m in re.finditer(r"<Relationship\b[^>]*>", xml):
        tag = m.group(0)
        rid = re.search(r'\bId="([^"]+)"', tag)
        target = re.search(r'\bTarget="([^"]+)"', tag)
        if rid and target and 'TargetMode="External"' not in tag:
            t = target.group(1)
            out[rid.group(1)] = t.lstrip("/") if t.startswith("/") else f"{folder}/{t}"
    return out


def _first_picture(z: zipfile.ZipFile, part: str) -> bytes | None:
    """The first picture (a:blip r:embed, or VML v:imagedata r:id) in a part, in document order."""
    try:
        xml = z.read(part).decode("utf-8")
    except KeyError:
        return None
    rels = _rels(z, part)
    for m in re.finditer(r'<(?:a:blip\b[^>]*\br:embed|v:imagedata\b[^>]*\br:id)="([^"]+)"', xml):
        target = rels.get(m.group(1))
        if target:
            try:
                return z.read(target)
            except KeyError:
                continue
    return None


def emblem_from_docx(data: bytes, name: str = "ไฟล์ Word") -> bytes:
    """The Garuda of a Word memo template: the first picture of the body, else of the headers
    of the first section (first-page header first), as PNG."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError(f"{name} ไม่ใช่ไฟล์ Word (.docx) ที่อ่านได้") from None
    with z:
        if "word/document.xml" not in z.namelist():
            raise DocumentError(f"{name} ไม่ใช่ไฟล์ Word (.docx) ที่อ่านได้")
        pic = _first_picture(z, "word/document.xml")
        if pic is None:
            doc = z.read("word/document.xml").decode("utf-8")
            rels = _rels(z, "word/document.xml")
            sect = re.search(r"<w:sectPr\b.*?</w:sectPr>", doc, re.S)
            refs = []
            for tag in re.findall(r"<w:headerReference\b[^>]*>", sect.group(0) if sect else ""):
                kind = re.search(r'w:type="(\w+)"', tag)
                rid = re.search(r'r:id="([^"]+)"', tag)
                if rid:
                    refs.append((kind.group(1) if kind else "default", rid.group(1)))
            order = sorted(refs, key=lambda r: {"first": 0, "default": 1}.get(r[0], 2))
            for _, ref_id in order:
                if ref_id in rels:
                    pic = _first_picture(z, rels[ref_id])
                    if pic is not None:
                        break
    if pic is None:
        raise DocumentError(f"ไม่พบรูปภาพใน {name}: ตราครุฑต้องเป็นรูปภาพที่หัวหน้าแรกของแบบบันทึกข้อความ")
    return emblem_png(pic, f"รูปภาพใน {name}")


def emblem_from_file(path: str | Path) -> bytes:
    """The Garuda from a ``.docx`` memo template or an image file, as PNG bytes; DocumentError
    (Thai, names the file) when it cannot be read."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise DocumentError(f"ไม่พบไฟล์ {p}") from None
    if size > _MAX_INPUT:
        raise DocumentError(f"ไฟล์ {p.name} ใหญ่เกินไปสำหรับตราครุฑ ({size // 1024 // 1024} MB)")
    data = p.read_bytes()
    ext = p.suffix.lower()
    if ext == ".docx" or (data[:2] == b"PK" and ext not in _IMAGE_EXT):
        return emblem_from_docx(data, f"ไฟล์ {p.name}")
    if ext == ".doc":
        raise DocumentError(f"ไฟล์ {p.name} เป็น Word รุ่นเก่า (.doc) กรุณาบันทึกเป็น .docx ก่อน")
    return emblem_png(data, f"ไฟล์ {p.name}")


def garuda_warning(dossier: Mapping[str, Any]) -> str | None:
    """The check-before-print warning (Thai) when the office has no Garuda for page 1, else None."""
    office = dossier.get("office") or {}
    if office.get("emblem_png_base64"):
        return None
    return ("หน่วยงานยังไม่มีตราครุฑ บันทึกข้อความจะพิมพ์โดยเว้นที่ว่างไว้ที่มุมซ้ายบนของหน้าแรก "
            "นำเข้าตราครุฑจากแบบบันทึกข้อความ (.docx) หรือไฟล์ภาพได้ที่ ข้อมูลหน่วยงาน หรือคำสั่ง itadesk garuda")
