"""What the PDF and the DOCX writers of a memo share: digits as printed, the memo and its form,
the date line, the garuda image, the office's own names."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from typing import Any

from ..domain.thai_format import digits, thai_date_long
from .errors import MemoDataError
from .typography import Typography

__all__ = ["_Text", "cover_picture", "find_memo", "_typography_for", "memo_date_text", "emblem_bytes", "_proper_names"]

# ---------------------------------------------------------------- text helpers

_URL = re.compile(r"(https?://\S+|www\.\S+|\S+@\S+\.\S+)")


class _Text:
    """Digits as the office prints them (URLs and e-mail addresses are left alone)."""

    def __init__(self, thai: bool):
        self.thai = thai

    def __call__(self, s: str | None) -> str:
        s = s or ""
        if not self.thai:
            return s
        parts = _URL.split(s)
        return "".join(p if i % 2 else digits(p, True) for i, p in enumerate(parts))



def memo_date_text(memo: dict, thai: bool, style: str = "plain") -> str:
    """The memo's วันที่ as printed ("" when the memo has no date yet)."""
    import datetime as _dt

    from ..domain.thai_format import thai_date_words

    if not memo.get("date"):
        return ""
    if style not in ("plain", "words"):
        raise MemoDataError(f"แบบฟอร์มกำหนด date_style = “{style}” ซึ่งไม่รู้จัก (ใช้ได้: plain, words)")
    try:
        d = _dt.date.fromisoformat(memo["date"])
    except ValueError as e:
        raise MemoDataError(f"วันที่ของบันทึก “{memo['date']}” ไม่ถูกต้อง (ต้องเป็น ปปปป-ดด-วว)") from e
    return thai_date_words(d, thai) if style == "words" else thai_date_long(d, thai)


def emblem_bytes(office: dict) -> bytes | None:
    """The office's garuda image (PNG bytes), or None when the office has not set one."""
    if not office.get("emblem_png_base64"):
        return None
    try:
        return base64.b64decode(office["emblem_png_base64"])
    except Exception as e:
        raise MemoDataError("รูปตราครุฑของหน่วยงาน (emblem_png_base64) อ่านไม่ได้") from e



def cover_picture(att: dict) -> bytes | None:
    """An attachment's optional cover picture (``title_image``, PNG/JPEG base64), or None."""
    if not att.get("title_image"):
        return None
    try:
        return base64.b64decode(att["title_image"], validate=True)
    except Exception as e:
        raise MemoDataError("รูปภาพหน้าปกของสิ่งที่แนบ (title_image) อ่านไม่ได้") from e


def find_memo(dossier: dict, memo_key: str | None) -> dict:
    memos = dossier.get("memos") or []
    if not memos:
        raise MemoDataError("แฟ้มข้อมูลนี้ยังไม่มีบันทึกข้อความ")
    if memo_key is None:
        return memos[0]
    for m in memos:
        if m.get("key") == memo_key:
            return m
    have = ", ".join(m.get("key", "?") for m in memos)
    raise MemoDataError(f"ไม่พบบันทึก “{memo_key}” ในแฟ้มข้อมูล (มี: {have})")


def _typography_for(memo: Mapping[str, Any], typography: Typography | None) -> Typography:
    if typography is not None:
        return typography
    from .forms import form_typography

    return form_typography(memo.get("form"))


def _proper_names(dossier: dict) -> list[str]:
    """The office's own names, so that no line breaks inside them (เทศบาลตำบลโนน|ทอง)."""
    o = dossier.get("office", {})
    names = [o.get("name", ""), o.get("amphoe", ""), o.get("province", "")]
    kind, name = o.get("kind", ""), o.get("name", "")
    if kind and name.startswith(kind) and len(name) > len(kind):
        names.append(name[len(kind):])   # the place: องค์การบริหารส่วนตำบล|ภูซาง
    names += list(o.get("units", []))
    for p in o.get("people", []):
        names += p.get("name", "").split()  # title+first name, surname: each kept whole
    return [n for n in names if n and len(n) <= 60]
