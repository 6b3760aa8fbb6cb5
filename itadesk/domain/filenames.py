"""File names from user text (office names, memo subjects, evidence files), safe on Windows.

``safe_filename`` turns any text into a name Windows, macOS and Linux all accept, keeping
Thai; ``safe_join`` joins a user-given relative path to a folder and refuses anything that
would land outside it (``..``, absolute paths, drive letters, UNC paths).  Pure: no I/O
except ``Path.resolve`` in ``safe_join``.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from pathlib import Path, PurePosixPath

from .errors import InputError

MAX_NAME_BYTES = 200   # NTFS allows 255 UTF-16 units; ext4 255 bytes. Thai is 3 bytes a letter.

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = ({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
             | {f"{p}{n}" for p in ("COM", "LPT") for n in list("123456789") + ["¹", "²", "³"]})


def _drop_format_chars(text: str) -> str:
    # Cf: zero-width joiners, BOM, bidi overrides (U+202E makes "fdp.exe" look like "exe.pdf").
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cs", "Co", "Cn"))


def _cut_utf8(text: str, limit: int) -> str:
    b = text.encode("utf-8")
    if len(b) <= limit:
        return text
    return b[:limit].decode("utf-8", errors="ignore")   # never half a character


def is_reserved(name: str) -> bool:
    stem = name.split(".")[0].strip().upper()
    return stem in _RESERVED


def _shorten_words(text: str, fits) -> str:
    """The longest prefix of whole Thai/Latin words that ``fits`` ('' if not even one)."""
    from .wordbreak import segment

    out = ""
    for w in segment(text):
        if not fits(out + w):
            break
        out += w
    return out if out.strip() else ""


def safe_filename(name: str, *, max_bytes: int = MAX_NAME_BYTES, max_chars: int | None = None,
                  default: str = "ไฟล์") -> str:
    """A file name (no folders) that is safe to create on Windows and keeps the Thai text.

    Reserved characters and control characters become ``_``; runs of white space become
    one space; leading and trailing dots and spaces go; reserved device names (CON, NUL,
    COM1, …) get a leading ``_``; the name is cut to ``max_bytes`` UTF-8 bytes (and
    ``max_chars`` characters, if given: Windows counts UTF-16 units towards MAX_PATH),
    keeping a short extension and cutting between words where it can.  An empty result
    becomes ``default``.
    """
    text = unicodedata.normalize("NFC", str(name))
    text = _drop_format_chars(text)
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if not text:
        text = default
    stem, dot, ext = text.rpartition(".")
    if not dot or not stem or len(ext.encode("utf-8")) > 16 or " " in ext:
        stem, ext = text, ""
    ext_part = f".{ext}" if ext else ""
    room = max(max_bytes - len(ext_part.encode("utf-8")), 1)
    croom = max((max_chars - len(ext_part)) if max_chars else len(stem), 1)

    def fits(s: str) -> bool:
        return len(s.encode("utf-8")) <= room and len(s) <= croom

    if not fits(stem):
        stem = _shorten_words(stem, fits) or _cut_utf8(stem, room)[:croom]
    stem = stem.rstrip(" .")
    while stem and unicodedata.combining(stem[-1]) and not fits(stem + "x"):
        stem = stem[:-1]   # a cut never leaves a Thai mark without the rest of its syllable
    while stem and unicodedata.combining(stem[0]):   # never start with a Thai vowel/tone mark alone
        stem = stem[1:]
    if not stem:
        stem = default
    out = stem + ext_part
    if is_reserved(out):
        out = "_" + out
    if len(out.encode("utf-8")) > max_bytes:
        out = _cut_utf8(out, max_bytes).rstrip(" .") or default
    return out


def safe_join(base: Path | str, name: str) -> Path:
    """``base / name`` for a relative ``name`` that stays inside ``base``; InputError otherwise.

    Both ``/`` and ``\\`` separate folders (a dossier written on Windows is read on Linux).
    Refused: empty names, absolute paths, drive letters (``C:``), UNC paths, ``.`` and ``..``
    parts, and parts that are not already safe file names.
    """
    if not isinstance(name, str) or not name.strip():
        raise InputError("ไม่ได้ระบุชื่อไฟล์")
    raw = name.replace("\\", "/")
    if raw.startswith("/") or re.match(r"^[A-Za-z]:", raw):
        raise InputError(f"“{name[:80]}” เป็นที่อยู่แบบเต็ม (absolute path) ใช้ได้เฉพาะชื่อไฟล์ในโฟลเดอร์ของโปรแกรม")
    parts = PurePosixPath(raw).parts
    for part in raw.split("/"):
        if part in ("", ".", ".."):
            raise InputError(f"“{name[:80]}” มีส่วนของที่อยู่ที่ไม่อนุญาต (“{part or '/'}”) ไม่ได้ใช้ไฟล์นี้")
        if safe_filename(part) != part:
            raise InputError(f"ชื่อ “{part[:80]}” ใช้เป็นชื่อไฟล์ใน Windows ไม่ได้ "
                             f"(ลองใช้ “{safe_filename(part)[:80]}”)")
    base_path = Path(base).resolve()
    target = base_path.joinpath(*parts)
    resolved = target.resolve()
    if resolved != base_path and base_path not in resolved.parents:
        raise InputError(f"“{name[:80]}” ชี้ออกนอกโฟลเดอร์ {base_path.name} ไม่ได้ใช้ไฟล์นี้")
    return target


def dated_filename(title: str, ext: str, when: _dt.date | None = None) -> str:
    """The default name of a file the program offers to save: the title and the พ.ศ. date,
    e.g. ``รายงานการวิเคราะห์ 2565-11-02.pdf`` (sorts by date; never a Christian-era year)."""
    from .thai_dates import be_iso

    d = when or _dt.date.today()
    stem = safe_filename(title, max_bytes=MAX_NAME_BYTES - 40).strip() or "ไฟล์"
    return safe_filename(f"{stem} {be_iso(d)}.{ext.lstrip('.')}")
