"""The one way tests read the text of a PDF.

poppler's ``pdftotext`` when it is installed (it honours ActualText, as a viewer's copy and
paste does); otherwise the Python reader of the test extra (pdfplumber, characters in
content-stream order, marks put back in typed order).  A fresh machine without poppler-utils
runs every test that only needs "the text of the PDF"; the few tests that check poppler's
own behaviour are marked ``needs_poppler`` and skip there, all in the same way.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

PDFTOTEXT = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils (pdftotext) not installed")


def poppler_available() -> bool:
    return shutil.which("pdftotext") is not None


def pdf_text(pdf: Path | str | bytes, first: int | None = None, last: int | None = None, *,
             layout: bool = False) -> str:
    """The text of pages ``first``..``last`` (1-based, all by default); every page ends in a form
    feed, as pdftotext writes it."""
    exe = shutil.which("pdftotext")
    if exe is not None:
        args = [exe, "-layout" if layout else "-raw", "-enc", "UTF-8"]
        if first:
            args += ["-f", str(first), "-l", str(last or first)]
        if isinstance(pdf, bytes):
            return subprocess.run(args + ["-", "-"], input=pdf, capture_output=True,
                                  check=True).stdout.decode("utf-8")
        return subprocess.run(args + [str(pdf), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    pages = extract_text_stream_order(io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf))
    lo = (first or 1) - 1
    hi = (last or first or len(pages))
    return "".join(p + "\f" for p in pages[lo:hi])


def pdftotext_only(pdf: Path | str | bytes, first: int | None = None, last: int | None = None, *,
                   layout: bool = False) -> str:
    """poppler's text, for a test about poppler itself: skips (never fails) where it is missing."""
    if not poppler_available():
        pytest.skip("poppler-utils (pdftotext) not installed")
    return pdf_text(pdf, first, last, layout=layout)

_RANK = {**{c: 0 for c in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47"},
         **{c: 1 for c in "\u0e48\u0e49\u0e4a\u0e4b"}, "\u0e4c": 2, "\u0e4e": 2, "\u0e4d": 3}
_MARKS = re.compile("[%s]{2,}" % "".join(_RANK))


def normalize_extracted(text: str) -> str:
    """Glyph-order text → typed order: vowel marks before tones, nikhahit last; ํา → ำ."""
    text = _MARKS.sub(lambda m: "".join(sorted(m.group(0), key=_RANK.__getitem__)), text)
    return text.replace("\u0e4d\u0e32", "\u0e33")


def extract_text_stream_order(pdf) -> list[str]:
    """pdfplumber characters in content-stream order, one string per page, normalised."""
    import pdfplumber

    pages = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            out, last_y = [], None
            for c in page.chars:
                y = c["matrix"][5]
                if last_y is not None and abs(y - last_y) > c["size"] * 0.6:
                    out.append("\n")
                out.append(c["text"])
                last_y = y
            pages.append(normalize_extracted("".join(out)))
    return pages
