"""Layout drift from the official form (memo-format.md, "what goes wrong" 7): garuda size and
place, no solid rule under the header, title/label/body sizes in official points converted
for Sarabun (× 0.68), dotted leaders only."""

import base64
import io
import json
from pathlib import Path

import pdfplumber
import pytest

from itadesk.documents import render_memo_bytes

ROOT = Path(__file__).resolve().parents[2]
CM = 72 / 2.54


@pytest.fixture(scope="module")
def page1(tmp_path_factory):
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (200, 220), (200, 150, 0)).save(buf, "PNG")   # a stand-in garuda, 10:11
    d = json.loads((ROOT / "examples" / "seed001_nonthong_analysis_2565.json").read_text(encoding="utf-8"))
    d["office"]["emblem_png_base64"] = base64.b64encode(buf.getvalue()).decode()
    pdf, _ = render_memo_bytes(d, font="Sarabun")
    path = tmp_path_factory.mktemp("layout") / "memo.pdf"
    path.write_bytes(pdf)
    with pdfplumber.open(path) as p:
        pg = p.pages[0]
        yield {"images": pg.images, "lines": pg.lines, "rects": pg.rects, "chars": pg.chars,
               "width": pg.width}


def test_garuda_is_1_5_cm_high_at_the_top_left_margin(page1):
    (img,) = page1["images"]
    assert img["height"] == pytest.approx(1.5 * CM, abs=0.5)        # memo size, not the letter's 3 cm
    assert img["top"] == pytest.approx(1.5 * CM, abs=1)             # 1.5 cm from the paper's edge
    assert img["x0"] == pytest.approx(3.0 * CM, abs=1)              # on the 3 cm left margin


def test_no_solid_rule_under_the_header(page1):
    assert page1["rects"] == []
    assert page1["lines"], "the header has dotted leaders"
    for line in page1["lines"]:
        dash = line.get("dash")
        assert dash and dash[0] and dash[0][0] < 0.5, "every line on page 1 is a dotted leader"
        assert line["x1"] <= page1["width"] - 2.0 * CM + 1               # within the 2 cm right margin


def test_sizes_are_official_points_converted_for_sarabun(page1):
    sizes = {round(c["size"], 1) for c in page1["chars"]}
    factor = 0.68
    assert round(29 * factor, 1) in sizes          # "บันทึกข้อความ"
    assert round(20 * factor, 1) in sizes          # ส่วนราชการ / ที่ / วันที่ / เรื่อง labels
    assert round(16 * factor, 1) in sizes          # body
    title = [c for c in page1["chars"] if round(c["size"], 1) == round(29 * factor, 1)]
    assert "".join(c["text"] for c in title).startswith("บ")
    mid = (min(c["x0"] for c in title) + max(c["x1"] for c in title)) / 2
    assert mid == pytest.approx((3.0 * CM + page1["width"] - 2.0 * CM) / 2, abs=6)   # centred on the text


def test_date_style_words_as_some_offices_type_it(tmp_path):
    from tests.pdftext import pdf_text

    d = json.loads((ROOT / "examples" / "seed002_phusang_report_2567.json").read_text(encoding="utf-8"))
    from itadesk.documents.memo_pdf import memo_date_text
    from itadesk.documents.typography import Typography

    memo = d["memos"][0]
    assert memo_date_text(memo, True) == "๑๑ กุมภาพันธ์ ๒๕๖๘"
    assert memo_date_text(memo, True, "words") == "๑๑ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๘"
    pdf, _ = render_memo_bytes(d, typography=Typography(date_style="words"))
    out = tmp_path / "m.pdf"
    out.write_bytes(pdf)
    text = pdf_text(out, layout=True)
    assert "๑๑ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๘" in text
