"""The memo engine: official memos (บันทึกข้อความ) and their attached tables as PDF.

No Qt here.  Importing this package is cheap: reportlab and pythainlp load on first use.

    from itadesk.documents import render_memo, render_memo_bytes, new_memo_from_form
"""

from __future__ import annotations

__all__ = ["render_memo", "render_memo_bytes", "new_memo_from_form", "load_form", "list_thai_fonts",
           "RenderInfo"]


def __getattr__(name):
    if name in ("render_memo", "render_memo_bytes", "RenderInfo"):
        from . import memo_pdf

        return getattr(memo_pdf, name)
    if name in ("new_memo_from_form", "load_form"):
        from . import forms

        return getattr(forms, name)
    if name == "list_thai_fonts":
        from .fonts import list_thai_fonts

        return list_thai_fonts
    raise AttributeError(name)
