"""Text hygiene at the boundary: what a dossier or a window field may store (docs/dossier.md).

One rule set for every text that enters the database, from a dossier file or from the window:

* **removed**: control characters (C0 except tab and line feed, DEL, C1), bidirectional
  overrides, embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
  U+061C: they make ``fdp.exe`` look like ``exe.pdf`` and print as raw escape bytes), the
  byte-order mark inside text (U+FEFF), interlinear annotation marks and Unicode
  noncharacters.  Zero-width space / joiners (U+200B–U+200D) stay: Thai text uses them.
* **line breaks**: ``\\r\\n``, ``\\r``, vertical tab (Word's soft line break), form feed, NEL,
  U+2028/U+2029 become ``\\n`` in multi-line fields; in one-line fields (names, positions,
  subjects…) every line break and tab becomes a space.
* **refused** (InputError naming the field): a lone surrogate (``\\ud800``: not text at all),
  a field longer than its limit, a memo whose text is longer than :data:`MAX_MEMO_CHARS`.
* Thai (and all text) is normalised to NFC, so the same word is stored the same way.

Pure: no Qt, no SQLAlchemy.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

from .errors import InputError

# One-line fields, with their limits (the database column's length where it has one; amphoe and
# province shorter, so that name + amphoe + province fit PostgreSQL's unique index row).
LINE_LIMITS: dict[str, int] = {
    "name": 500, "kind": 200, "amphoe": 100, "province": 100, "doc_prefix": 100, "website": 500,
    "phone": 100, "font": 200, "position": 500, "acting_for": 500, "unit": 500, "units": 500,
    "to": 500, "doc_no": 100, "heading": 500, "label": 500, "choices": 500, "signature_text": 500,
    "published_level": 100, "file": 500, "person": 64, "key": 64, "form": 64, "status": 20,
    "category": 20, "subject": 2000, "items": 500, "period_text": 500,
}
# Not text: checked by their own rules (base64 image, hash), passed through unchanged.
RAW_FIELDS = frozenset({"emblem_png_base64", "sha256"})
# Multi-line fields: each at most this many characters (about eight printed pages of Thai).
MAX_TEXT_CHARS = 20_000
# All the text of one memo together (subject, sections, closing, chain, attachments): 99,000
# characters of Thai paragraphs print as 27 pages, rendered in 2.0 s (measured on the 2-core
# build machine).  A memo is a few pages; a longer one is a mistake (or an attack: a 30 MB memo
# took 283 s to render).
MAX_MEMO_CHARS = 100_000
# Notes of a dossier (free text at the top level), each.
MAX_NOTE_CHARS = MAX_TEXT_CHARS

FIELD_NAMES = {
    "name": "ชื่อ", "kind": "ประเภทหน่วยงาน", "amphoe": "อำเภอ", "province": "จังหวัด",
    "doc_prefix": "เลขที่หนังสือ (ส่วนหน้า)", "website": "เว็บไซต์", "phone": "โทรศัพท์", "font": "แบบอักษร",
    "position": "ตำแหน่ง", "acting_for": "รักษาราชการแทน", "unit": "ส่วนราชการ", "units": "ส่วนราชการ",
    "to": "เรียน", "doc_no": "เลขที่หนังสือ", "heading": "หัวข้อ", "label": "หัวตาราง", "subject": "เรื่อง",
    "title": "ชื่อเรื่อง", "text": "ข้อความ", "paragraphs": "ย่อหน้า", "closing": "คำลงท้าย",
    "monitoring": "การติดตามผล", "output": "ผลการดำเนินงาน", "outcome": "ผลลัพธ์",
    "suggestions": "ข้อเสนอแนะ", "note": "หมายเหตุ", "description": "คำอธิบายหลักฐาน", "notes": "บันทึก",
    "published_level": "ระดับที่ประกาศ", "steps": "ขั้นตอน", "file": "ไฟล์",
}

_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_DROP = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"        # control characters (tab, LF, VT, FF, CR, NEL handled above)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates
    "\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff"  # BOM, annotation marks, noncharacters
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]")


def field_label(key: str) -> str:
    return FIELD_NAMES.get(key, key)


def is_multiline(key: str) -> bool:
    return key not in LINE_LIMITS


def limit_for(key: str) -> int:
    return LINE_LIMITS.get(key, MAX_TEXT_CHARS)


def clean_text(value: str, *, multiline: bool, limit: int, where: str) -> str:
    """``value`` cleaned by the rules above; InputError (Thai, names ``where``) if refused."""
    if not isinstance(value, str):
        raise InputError(f"ช่อง {where} ต้องเป็นข้อความ")
    m = _SURROGATE.search(value)
    if m:
        raise InputError(f"ช่อง {where} มีอักขระที่ไม่ถูกต้อง (U+{ord(m.group()):04X} ที่ตำแหน่ง {m.start() + 1}) "
                         "ไฟล์หรือข้อความอาจเสียหาย กรุณาพิมพ์ข้อความนี้ใหม่")
    text = _BREAKS.sub("\n", value)
    text = _DROP.sub("", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = unicodedata.normalize("NFC", text)
    if len(text) > limit:
        raise InputError(f"ช่อง {where} ยาวเกินไป ({len(text):,} ตัวอักษร ยาวได้ไม่เกิน {limit:,} ตัวอักษร)")
    return text


def clean_field(value: Any, key: str, where: str | None = None) -> Any:
    """One value of the field named ``key`` (a dossier key such as ``name``, ``subject``);
    None stays None, other non-text values pass unchanged."""
    if value is None or not isinstance(value, str) or key in RAW_FIELDS:
        return value
    return clean_text(value, multiline=is_multiline(key), limit=limit_for(key), where=where or field_label(key))


def clean_tree(value: Any, key: str = "", *, paths: bool = False, where: str = "") -> Any:
    """A copy of a JSON-like value (dicts, lists, text) with every text cleaned; a text's
    rules come from the nearest dict key above it.  Dict keys are checked too (no surrogates,
    no control characters).  ``paths``: messages name the place in the file
    (``memos[0].sections[1].paragraphs[2]``), for dossiers; else only the field's Thai name."""
    if isinstance(value, str):
        label = field_label(key) or "ข้อความ"
        return clean_field(value, key, f"{label} ({where})" if paths and where and where != label else label)
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if isinstance(k, str) and (_SURROGATE.search(k) or _DROP.search(k) or _BREAKS.search(k)):
                shown = k.encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")[:40]
                raise InputError(f"ช่อง {where or field_label(key) or '(ข้อมูล)'} มีชื่อช่องที่มีอักขระไม่ถูกต้อง ({shown})")
            sub_key = "period_text" if key == "period" and k == "text" else k
            out[k] = clean_tree(v, sub_key if isinstance(k, str) else key, paths=paths,
                                where=(f"{where}.{k}" if where else str(k)) if paths else "")
        return out
    if isinstance(value, (list, tuple)):
        items = [clean_tree(v, key, paths=paths, where=f"{where}[{n}]" if paths else "")
                 for n, v in enumerate(value)]
        return items if isinstance(value, list) else tuple(items)
    return value


def text_length(value: Any) -> int:
    """How many characters of text a JSON-like value holds (keys not counted)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(text_length(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(text_length(v) for v in value)
    return 0


def check_memo_size(fields: Iterable[Any], where: str = "บันทึกข้อความ") -> None:
    """InputError when the memo's text (all given fields together) exceeds MAX_MEMO_CHARS."""
    n = sum(text_length(v) for v in fields)
    if n > MAX_MEMO_CHARS:
        raise InputError(f"{where} ยาวเกินไป ({n:,} ตัวอักษร รวมทุกส่วน ยาวได้ไม่เกิน {MAX_MEMO_CHARS:,} ตัวอักษร) "
                         "กรุณาแบ่งเป็นหลายบันทึก หรือย้ายรายละเอียดไปไว้ในเอกสารแนบ")


def display_safe(value: Any) -> Any:
    """For output of values stored by older versions (exports, XLSX, PDF): the same cleaning,
    never refusing: lone surrogates become U+FFFD, nothing is cut."""
    if isinstance(value, str):
        text = _SURROGATE.sub("\ufffd", value)
        text = _DROP.sub("", _BREAKS.sub("\n", text))
        return unicodedata.normalize("NFC", text)
    if isinstance(value, dict):
        return {display_safe(k) if isinstance(k, str) else k: display_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [display_safe(v) for v in value]
    if isinstance(value, tuple):
        return tuple(display_safe(v) for v in value)
    return value
