"""Exceptions whose message is the Thai text the user sees."""

from __future__ import annotations


class ItaDeskError(Exception):
    """Base class: ``str(err)`` is a complete Thai sentence for the user."""


class FrameworkError(ItaDeskError):
    """A framework data file is missing, malformed or inconsistent."""


class InputError(ItaDeskError, ValueError):
    """The user typed something that cannot be accepted (the old value is kept)."""


class DossierError(ItaDeskError):
    """A dossier file cannot be imported; nothing was changed."""
