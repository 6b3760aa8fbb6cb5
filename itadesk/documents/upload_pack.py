"""The upload pack of a fiscal year: every memo of that year as PDF, DOCX and XLSX in one ZIP.

    build_upload_pack(dossier, fiscal_year, out_path, *, archival=True, font=None) -> PackInfo

Inside the ZIP (one folder named after the office and the year)::

    <office> ปีงบประมาณ 2565/
        O42 บันทึกรายงานการวิเคราะห์… .pdf      archival PDF (PDF/A-2b, see pdfa.py)
        O42 บันทึกรายงานการวิเคราะห์… .docx     the same memo, editable
        O42 บันทึกรายงานการวิเคราะห์… .xlsx     its tables
        ฉบับลงนาม/อ่านก่อน.txt                   where to put the signed scan
        index.csv, index.txt, index.html        every file, its OIT item code and title

A memo's file names start with the code of the OIT item it is published under in that year's
framework (``resources/frameworks/<year>.toml``), found by the item's *title*, never a fixed
code: the analysis report and the measures plan go to "มาตรการส่งเสริมคุณธรรมและความโปร่งใส
ภายในหน่วยงาน" (O42 in 2562–2566) or "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร" (O25 in 2569); the
results report to "การดำเนินการตามมาตรการ…" (O43) or "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม…"
(O26 in 2569).  A year without such an item (2567, 2568 as known today) gives no code.

File names are safe on Windows (no reserved characters or names, no trailing dot/space, at
most 120 UTF-8 bytes a component; Thai kept), every path in the ZIP is relative and checked
never to leave its folder, and the ZIP is written to a temporary file in the target folder and
renamed at the end: a failure part-way never leaves a file under the real name.
"""

from __future__ import annotations

import csv
import html
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..domain.safety import replace_file
from .errors import DocumentError

__all__ = ["PackInfo", "PackEntry", "build_upload_pack", "oit_item_for", "safe_filename",
           "atomic_write_bytes", "SIGNED_DIR"]

SIGNED_DIR = "ฉบับลงนาม"
MAX_NAME_BYTES = 240     # ext4 and most Linux file systems: 255 bytes a component
MAX_NAME_CHARS = 80      # Windows counts UTF-16 units; keeps folder + name far under MAX_PATH 260

# memo form → title patterns of the OIT item it is published under (first that matches wins)
_ITEM_TITLES = {
    "plan": [r"^มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน$",
             r"^การนำผลการประเมิน ?ITA ?ไปสู่การพัฒนาองค์กร"],
    "results": [r"^การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
                r"^รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"],
}
_FORM_KIND = {"analysis_report": "plan", "measures_plan": "plan", "measures_results": "results"}


# ---------------------------------------------------------------- files

def atomic_write_bytes(path: Path, data: bytes) -> None:
    from ..domain.safety import write_atomic

    write_atomic(path, data)


def safe_filename(name: str, *, max_bytes: int = MAX_NAME_BYTES, max_chars: int = MAX_NAME_CHARS,
                  default: str = "ไฟล์") -> str:
    from ..domain.filenames import safe_filename as _safe

    return _safe(name, max_bytes=max_bytes, max_chars=max_chars, default=default)


def _inside(folder: str, name: str) -> str:
    """A ZIP member path under ``folder``; raises if it could leave it."""
    p = PurePosixPath(folder) / name
    parts = p.parts
    if p.is_absolute() or any(x in ("..", ".", "") for x in parts) or "\\" in str(p) or ":" in str(p):
        raise DocumentError(f"ชื่อไฟล์ในชุดอัปโหลดไม่ปลอดภัย: {name}")
    return str(p)


# ---------------------------------------------------------------- OIT items

def oit_item_for(memo: dict, fiscal_year: int):
    """The framework item (code, title) a memo is published under in ``fiscal_year``, or None."""
    from ..domain.errors import FrameworkError
    from ..domain.frameworks import load_framework

    kind = _FORM_KIND.get(memo.get("form", ""))
    if kind is None:
        return None
    try:
        fw = load_framework(fiscal_year)
    except (FrameworkError, FileNotFoundError, OSError):
        return None
    items = [it for it in fw.items if it.code.upper().startswith("O")]
    for pat in _ITEM_TITLES[kind]:
        for it in items:
            if re.search(pat, it.title.strip()):
                return it
    return None


# ---------------------------------------------------------------- the pack

@dataclass
class PackEntry:
    path: str            # inside the ZIP
    item_code: str       # "" when the year has no matching item
    item_title: str
    memo_key: str
    kind: str            # pdf / docx / xlsx / readme / index
    title: str           # the memo's subject


@dataclass
class PackInfo:
    path: str
    fiscal_year: int
    folder: str
    entries: list[PackEntry] = field(default_factory=list)
    size: int = 0


_KIND_TEXT = {"pdf": "PDF สำหรับเผยแพร่ (PDF/A)", "docx": "Word แก้ไขได้", "xlsx": "ตาราง Excel",
              "readme": "คำอธิบาย", "index": "สารบัญ"}


def _readme(office: str, fiscal_year: int) -> str:
    return (f"โฟลเดอร์ “{SIGNED_DIR}” — สำหรับไฟล์สแกนฉบับที่ลงนามแล้ว\r\n\r\n"
            f"{office} ปีงบประมาณ พ.ศ. {fiscal_year}\r\n\r\n"
            "เมื่อผู้บริหารลงนามในบันทึกข้อความแล้ว ให้สแกนฉบับที่ลงนาม (PDF) แล้ววางไว้ในโฟลเดอร์นี้\r\n"
            "ตั้งชื่อไฟล์ให้ขึ้นต้นด้วยรหัสข้อ OIT เดียวกับไฟล์บันทึก เช่น “O42 ... ลงนาม.pdf”\r\n"
            "ไฟล์ในโฟลเดอร์หลักเป็นฉบับพิมพ์จากโปรแกรม (ยังไม่มีลายมือชื่อ) ใช้ตรวจทานและแก้ไข\r\n"
            "ให้เผยแพร่บนเว็บไซต์และอัปโหลดในระบบ ITAS เฉพาะฉบับที่ลงนามแล้ว\r\n")


def _index_files(folder: str, entries: list[PackEntry], office: str, fiscal_year: int) -> dict[str, bytes]:
    rows = [(PurePosixPath(e.path).relative_to(folder).as_posix(), e.item_code, e.item_title,
             _KIND_TEXT.get(e.kind, e.kind), e.title) for e in entries]
    head = ("ไฟล์", "รหัสข้อ OIT", "ชื่อข้อ OIT", "ชนิด", "เรื่อง")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(head)
    w.writerows(rows)
    csv_b = ("\ufeff" + buf.getvalue()).encode("utf-8")   # BOM: Excel opens Thai correctly
    lines = [f"สารบัญชุดเอกสารอัปโหลด {office} ปีงบประมาณ พ.ศ. {fiscal_year}", ""]
    for f, code, ititle, kind, title in rows:
        lines.append(f"{f}")
        lines.append(f"    ข้อ {code or '-'} {ititle}".rstrip())
        lines.append(f"    {kind}: {title}".rstrip())
    txt_b = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    e = html.escape
    trs = "\n".join(
        f'<tr><td><a href="{e(_href(f))}">{e(f)}</a></td><td>{e(code or "-")}</td><td>{e(ititle)}</td>'
        f"<td>{e(kind)}</td><td>{e(title)}</td></tr>" for f, code, ititle, kind, title in rows)
    html_b = f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><title>{e(lines[0])}</title>
<style>body{{font-family:"TH SarabunIT๙","TH Sarabun New",Sarabun,sans-serif;font-size:16pt}}
table{{border-collapse:collapse}}td,th{{border:1px solid #000;padding:2px 6px;vertical-align:top}}</style>
</head><body><h1>{e(lines[0])}</h1>
<table><tr>{''.join(f'<th>{e(h)}</th>' for h in head)}</tr>
{trs}
</table></body></html>
""".encode("utf-8")
    return {"index.csv": csv_b, "index.txt": txt_b, "index.html": html_b}


def _href(rel: str) -> str:
    from urllib.parse import quote

    return "/".join(quote(p) for p in rel.split("/"))


def _memo_files(dossier: dict, memo: dict, archival: bool, font) -> list[tuple[str, bytes]]:
    from .docx_writer import memo_docx_bytes
    from .xlsx_writer import memo_xlsx_bytes

    key = memo.get("key")
    if archival:
        from .pdfa import archival_pdf_bytes

        pdf, _ = archival_pdf_bytes(dossier, key, pdfa=True, font=font)
    else:
        from .memo_pdf import render_memo_bytes

        pdf, _ = render_memo_bytes(dossier, key, font=font)
    docx, _ = memo_docx_bytes(dossier, key)
    xlsx, _ = memo_xlsx_bytes(dossier, key)
    return [("pdf", pdf), ("docx", docx), ("xlsx", xlsx)]


def build_upload_pack(dossier: dict, fiscal_year: int, out_path, *, archival: bool = True,
                      font=None, _writer_hook=None) -> PackInfo:
    """Write the ZIP of ``fiscal_year``'s memos to ``out_path`` (atomically) and describe it."""
    from ..domain.thai_format import digits

    memos = [m for m in dossier.get("memos", []) if m.get("fiscal_year") == fiscal_year]
    if not memos:
        have = sorted({m.get("fiscal_year") for m in dossier.get("memos", []) if m.get("fiscal_year")})
        raise DocumentError(f"ไม่มีบันทึกข้อความของปีงบประมาณ {fiscal_year}"
                            + (f" (มีปี {', '.join(map(str, have))})" if have else ""))
    office = dossier.get("office", {}).get("name", "") or "หน่วยงาน"
    thai = dossier.get("office", {}).get("thai_digits", True)
    folder = safe_filename(f"{office} ปีงบประมาณ {fiscal_year}", max_chars=60)
    entries: list[PackEntry] = []
    files: list[tuple[str, bytes]] = []
    used: set[str] = set()
    for memo in memos:
        item = oit_item_for(memo, fiscal_year)
        code, ititle = (item.code, item.title) if item else ("", "")
        subject = digits(memo.get("subject", ""), True) if thai else memo.get("subject", "")
        stem_words = f"{code} บันทึก{memo.get('subject', '') or memo.get('key', '')}".strip()
        for kind, data in _memo_files(dossier, memo, archival, font):
            name = safe_filename(f"{stem_words}.{kind}")
            stem = name[: -len(kind) - 1]
            n = 2
            while name.lower() in used:
                suffix = f" ({n})"
                cut = stem
                while (len((cut + suffix + "." + kind).encode("utf-8")) > MAX_NAME_BYTES
                       or len(cut + suffix + "." + kind) > MAX_NAME_CHARS):
                    cut = cut[:-1]
                name = f"{cut.rstrip()}{suffix}.{kind}"
                n += 1
            used.add(name.lower())
            path = _inside(folder, name)
            files.append((path, data))
            entries.append(PackEntry(path, code, ititle, memo.get("key", ""), kind, subject))
    readme = _inside(folder, f"{SIGNED_DIR}/อ่านก่อน.txt")
    files.append((readme, ("\ufeff" + _readme(office, fiscal_year)).encode("utf-8")))
    entries.append(PackEntry(readme, "", "", "", "readme", "วางไฟล์สแกนฉบับลงนามในโฟลเดอร์นี้"))
    for name in ("index.csv", "index.txt", "index.html"):
        entries.append(PackEntry(_inside(folder, name), "", "", "", "index", "สารบัญ"))
    for name, data in _index_files(folder, entries, office, fiscal_year).items():
        files.append((_inside(folder, name), data))

    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    import time

    stamp = time.localtime()[:6]
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".itadesk-", suffix=".zip.tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                # the signed-scan folder exists even when a ZIP tool skips the README
                zf.writestr(zipfile.ZipInfo(_inside(folder, SIGNED_DIR) + "/"), b"")
                for i, (path, data) in enumerate(files):
                    if _writer_hook is not None:
                        _writer_hook(i, path)
                    zi = zipfile.ZipInfo(path, date_time=stamp)
                    zi.compress_type = zipfile.ZIP_DEFLATED
                    zi.flag_bits |= 0x800          # names are UTF-8 (Windows Explorer reads Thai)
                    zf.writestr(zi, data)
            fh.flush()
            os.fsync(fh.fileno())
        with zipfile.ZipFile(tmp) as zf:      # read back before it takes the real name
            bad = zf.testzip()
            if bad:
                raise DocumentError(f"ไฟล์ {bad} ในชุดอัปโหลดเสียหาย")
        replace_file(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return PackInfo(path=str(out), fiscal_year=fiscal_year, folder=folder, entries=entries,
                    size=out.stat().st_size)
