"""Wires the layers for the desktop program: logging, fonts, database, main window."""

from __future__ import annotations


def run_gui(db_url: str | None = None, tab: str | None = None, screenshot: str | None = None,
            year: int | None = None) -> int:
    from .ui.main_window import run

    return run(db_url=db_url, tab=tab, screenshot=screenshot, year=year)
