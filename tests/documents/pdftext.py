"""Reading our PDFs back in tests: pdfplumber characters in content-stream order, with the Thai
marks put back in typed order (a test helper; the program itself never reads PDFs back)."""

from __future__ import annotations

import re


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
