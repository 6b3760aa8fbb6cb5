"""Wires the layers for the desktop program: logging, fonts, database, main window.

The work is in :mod:`itadesk.ui.application`; this module stays import-light so that
``itadesk --version`` and the CLI never pay for Qt.
"""

from __future__ import annotations


def run_gui(db_url: str | None = None, tab: str | None = None, screenshot: str | None = None,
            year: int | None = None) -> int:
    from .ui.application import run

    return run(db_url=db_url, tab=tab, screenshot=screenshot, year=year)
