"""The window's one door to the memo engine (itadesk.documents): forms, new memos, PDF bytes.

Kept apart so the engine's API is used in one place, and so the window still starts (with the
preview switched off) in a build where the engine is missing.
"""

from __future__ import annotations

import importlib.util


def available() -> bool:
    try:
        return importlib.util.find_spec("itadesk.documents.memo_pdf") is not None
    except ModuleNotFoundError:
        return False


def forms() -> list[tuple[str, str]]:
    """(kind, Thai name) of every printable form in forms/."""
    if not available():
        return []
    from ..documents.forms import available_forms, load_form

    out = []
    for kind in available_forms():
        try:
            out.append((kind, load_form(kind).name))
        except Exception:  # a broken form file is reported when chosen, not here
            out.append((kind, kind))
    return out


def new_memo(dossier: dict, kind: str, fiscal_year: int, author_key: str | None = None,
             unit: str | None = None) -> dict:
    from ..documents import new_memo_from_form

    return new_memo_from_form(dossier, kind, fiscal_year, author_key=author_key, unit=unit)


def memo_year_for(kind: str, assessment_year: int) -> int:
    """The fiscal year a new memo of ``kind`` is about (the measures plan: the next year)."""
    if not available():
        return assessment_year
    from ..documents.forms import memo_year_for as _f

    return _f(kind, assessment_year)


def form_year_offset(kind: str | None) -> int:
    if not available():
        return 0
    from ..documents.forms import form_year_offset as _f

    return _f(kind)


def data_gaps(dossier: dict, kind: str, fiscal_year: int) -> list[str]:
    """Thai warnings for attached tables that would print empty (no scores / measures yet)."""
    if not available():
        return []
    from ..documents.forms import form_data_gaps

    try:
        return form_data_gaps(dossier, kind, fiscal_year)
    except Exception:  # a broken form is reported when the memo is made, not here
        return []


def render_pdf(dossier: dict, memo_key: str) -> tuple[bytes, int]:
    """PDF bytes and page count.  Runs in a worker thread: plain data in, bytes out."""
    from ..documents import render_memo_bytes

    data, info = render_memo_bytes(dossier, memo_key)
    return data, info.pages


def warm_up() -> None:
    """Load the word list the memo's line breaks use, and reportlab, once, in the background,
    after the window shows."""
    try:
        from ..domain.wordbreak import segment

        segment("ทดสอบการตัดคำภาษาไทย")
    except Exception:  # warm-up is only an optimisation
        pass
    if available():
        try:
            import reportlab.platypus  # noqa: F401
        except Exception:
            pass
