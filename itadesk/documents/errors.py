"""Errors of the memo engine; ``str(err)`` is the Thai sentence the clerk sees."""

from __future__ import annotations

from ..domain.errors import ItaDeskError


class DocumentError(ItaDeskError):
    """A memo or attachment cannot be printed."""


class FontError(DocumentError):
    """No usable Thai font, or a font file cannot be read."""


class FormError(DocumentError):
    """A form file in ``forms/`` is missing, malformed or refers to unknown fields."""


class MemoDataError(DocumentError):
    """The memo refers to something the dossier does not have (a person, a year, …)."""
