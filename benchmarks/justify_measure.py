"""How many non-final body lines reach the right margin: ``python benchmarks/justify_measure.py``.

Renders every example's memo, reads its portrait pages (memo and attachments) back with poppler (``pdftotext -bbox-layout``)
and counts, among body lines that have a next line in the same paragraph (the next line starts
at the left margin, one line-height lower), those whose right end is within 1.5 pt of the right
margin.  Prints "N of M" per example and in total.  Needs poppler-utils.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CM = 72 / 2.54


def lines_of(pdf: Path, pages: int) -> list[list[tuple[float, float, float]]]:
    """Per page: (xMin, xMax, yMin) of every text line."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-l", str(pages), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    out = []
    for page in xml.split("<page ")[1:]:
        if float(re.match(r'width="([\d.]+)"', page).group(1)) > 600:
            continue   # a landscape attachment: other margins, tables only
        rows = [(float(a), float(c), float(b)) for a, b, c in
                re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', page)]
        out.append(sorted(rows, key=lambda r: r[2]))
    return out


def measure(pdf: Path, pages: int, left: float, right: float, indent: float, leading: float):
    reach = total = 0
    for rows in lines_of(pdf, pages):
        for cur, nxt in zip(rows, rows[1:]):
            starts_body = abs(cur[0] - left) < 1.5 or abs(cur[0] - (left + indent)) < 1.5
            continues = abs(nxt[0] - left) < 1.5 and abs((nxt[2] - cur[2]) - leading) < 2.5
            if starts_body and continues:
                total += 1
                reach += cur[1] >= right - 1.5
    return reach, total


def main() -> int:
    from itadesk.documents.memo_pdf import render_memo_bytes

    tmp = Path(tempfile.mkdtemp(prefix="itadesk-justify-"))
    all_r = all_t = 0
    for path in sorted((ROOT / "examples").glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        data, info = render_memo_bytes(d)
        pdf = tmp / (path.stem + ".pdf")
        pdf.write_bytes(data)
        from itadesk.documents.memo_common import _typography_for
        from itadesk.documents.fonts import choose_font

        ty = _typography_for(d["memos"][0], None)
        fc = choose_font(None, d["office"].get("font") or None)
        leading = fc.size(ty.body_pt) * fc.line_height * ty.line_spacing
        r, t = measure(pdf, info.pages, ty.margin_left_cm * CM, 595.2756 - ty.margin_right_cm * CM,
                       ty.indent_cm * CM, leading)
        all_r += r
        all_t += t
        print(f"{path.stem}: {r} of {t} non-final body lines reach the right margin "
              f"({info.pages} pages, memo {info.memo_pages})")
    print(f"all examples: {all_r} of {all_t}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
