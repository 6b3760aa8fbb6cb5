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

    cut = not fits(stem)
    if cut:
        stem = _shorten_words(stem, fits) or _cut_utf8(stem, room)[:croom]
    stem = stem.rstrip(" .")
    while cut and stem and unicodedata.combining(stem[-1]) and not fits(stem + "x"):
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


def shown_name(name: str, limit: int = 80) -> str:
    """``name`` cut to ``limit`` characters, invisible and invalid characters written as ``\\uXXXX``
    (a message must show what is there, and must never fail to print)."""
    out = []
    for ch in str(name)[:limit]:
        cat = unicodedata.category(ch)
        out.append(f"\\u{ord(ch):04x}" if cat in ("Cc", "Cs", "Cf", "Co", "Cn") else ch)
    return "".join(out)


_UNSAFE_PART = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')


def _part_problem(part: str, strict: bool) -> str | None:
    """Why ``part`` (one folder or file name) may not be used, or None."""
    if part in ("", ".", ".."):
        return f"มีส่วนของที่อยู่ที่ไม่อนุญาต (“{part or '/'}”)"
    if any(0xD800 <= ord(c) <= 0xDFFF for c in part):
        return "มีอักขระที่ไม่ถูกต้อง"
    if strict:
        if safe_filename(part) != part:
            return f"ชื่อ “{shown_name(part)}” ใช้เป็นชื่อไฟล์ใน Windows ไม่ได้ (ลองใช้ “{safe_filename(part)[:80]}”)"
        return None
    # Names stored by older versions: only what could reach another file or a device counts.
    if _UNSAFE_PART.search(part):
        return "มีอักขระที่ใช้ในชื่อไฟล์ไม่ได้ (เช่น : * ? < > | หรืออักขระควบคุม)"
    if part != part.rstrip(" .") or part != part.lstrip(" "):
        return f"ชื่อ “{shown_name(part)}” ขึ้นต้นหรือลงท้ายด้วยช่องว่างหรือจุด (Windows ตัดทิ้งแล้วจะกลายเป็นไฟล์อื่น)"
    if is_reserved(part):
        return f"“{shown_name(part)}” เป็นชื่อที่ Windows สงวนไว้สำหรับอุปกรณ์ (เช่น CON, NUL, COM1)"
    return None


def check_relative(name: str, *, strict: bool = True) -> tuple[str, ...]:
    """The folder/file parts of a relative path, or InputError (Thai) for every dangerous form
    :func:`safe_join` refuses before it looks at the disk."""
    if not isinstance(name, str) or not name.strip():
        raise InputError("ไม่ได้ระบุชื่อไฟล์")
    shown = shown_name(name)
    raw = name.replace("\\", "/")
    if raw.startswith("/") or re.match(r"^[A-Za-z]:", raw):
        raise InputError(f"“{shown}” เป็นที่อยู่แบบเต็ม (absolute path) ใช้ได้เฉพาะชื่อไฟล์ในโฟลเดอร์ของโปรแกรม")
    for part in raw.split("/"):
        problem = _part_problem(part, strict)
        if problem:
            raise InputError(f"“{shown}” {problem} ไม่ได้ใช้ไฟล์นี้")
    return tuple(PurePosixPath(raw).parts)


def safe_join(base: Path | str, name: str, *, strict: bool = True) -> Path:
    """``base / name`` for a relative ``name`` that stays inside ``base``; InputError otherwise.

    Both ``/`` and ``\\`` separate folders (a dossier written on Windows is read on Linux).
    Refused: empty names, absolute paths, drive letters (``C:``), UNC and device paths
    (``\\\\server\\share``, ``\\\\?\\``), ``.`` and ``..`` parts, NUL and control characters,
    reserved device names (CON, NUL, COM1, …), names ending in a dot or space, and any path
    whose resolved form (symbolic links followed) lies outside ``base``.  ``strict``: every
    part must also already be a :func:`safe_filename` (names this program makes); with
    ``strict=False`` (names stored by older versions) only the dangerous forms are refused.
    """
    parts = check_relative(name, strict=strict)
    shown = shown_name(name)
    base_path = Path(base).resolve()
    target = base_path.joinpath(*parts)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):     # a symlink loop
        raise InputError(f"“{shown}” ชี้ไปยังที่อยู่ที่วนซ้ำหรือเปิดไม่ได้ ไม่ได้ใช้ไฟล์นี้") from None
    if resolved != base_path and base_path not in resolved.parents:
        raise InputError(f"“{shown}” ชี้ออกนอกโฟลเดอร์ {base_path.name} ไม่ได้ใช้ไฟล์นี้")
    return target


def dated_filename(title: str, ext: str, when: _dt.date | None = None) -> str:
    """The default name of a file the program offers to save: the title and the พ.ศ. date,
    e.g. ``รายงานการวิเคราะห์ 2565-11-02.pdf`` (sorts by date; never a Christian-era year)."""
    from .thai_dates import be_iso

    d = when or _dt.date.today()
    stem = safe_filename(title, max_bytes=MAX_NAME_BYTES - 40).strip() or "ไฟล์"
    return safe_filename(f"{stem} {be_iso(d)}.{ext.lstrip('.')}")


# ---------------------------------------------------------------- evidence files

# File types a clerk keeps as evidence and that the window may hand to the system to open.
# Anything else (programs, scripts, shortcuts: .exe .bat .lnk .url .js .hta …) is refused.
EVIDENCE_TYPES = frozenset({
    "pdf", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "heic",
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv",
    "mp4", "mov", "avi", "mkv", "mp3", "m4a", "wav", "zip",
})
MAX_EVIDENCE_BYTES = 200 * 1024 * 1024


def evidence_type(name: str) -> str:
    """The lower-case extension of ``name`` if it is an accepted evidence type, else InputError."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name.replace("\\", "/").rsplit("/", 1)[-1] else ""
    if ext not in EVIDENCE_TYPES:
        shown = f".{ext}" if ext else "ที่ไม่มีนามสกุล"
        raise InputError(f"ไฟล์ชนิด {shown[:20]} ใช้เป็นไฟล์หลักฐานไม่ได้ เพื่อความปลอดภัย "
                         f"(ใช้ได้: {', '.join(sorted(EVIDENCE_TYPES))})")
    return ext


def evidence_file_name(original: str, token: str) -> str:
    """A generated, safe name for an evidence copy: ``ev-<token>.<type>`` (type checked)."""
    if not re.fullmatch(r"[0-9a-f]{8,64}", token):
        raise ValueError("token must be lower-case hex")
    return f"ev-{token}.{evidence_type(original)}"
