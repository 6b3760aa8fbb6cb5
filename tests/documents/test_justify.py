"""Thai distributed justification: body lines reach the right margin, copied text is unchanged,
marks stay on their base, the last line and everything that is not body text keeps its alignment."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from itadesk.documents.memo_pdf import render_memo
from itadesk.documents.typography import Typography

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "seed001_nonthong_analysis_2565.json"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
CM = 72 / 2.54
MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")

# Typed from seed 001 (the signed memo), two paragraphs of ordinary body text.
PARAS = [
    "จากผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(Integrity and Transparency Assessment System: ITAS) ขององค์กรปกครองส่วนท้องถิ่น "
    "ประจำปีงบประมาณ พ.ศ.๒๕๖๕ เทศบาลตำบลโนนทอง ได้คะแนนรวม = ๘๘.๓๐ คะแนน ระดับคะแนนอยู่ในระดับ A "
    "แต่เนื่องจากยังมีข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขให้เป็นไปตามตัวชี้วัดการประเมินฯ "
    "เทศบาลตำบลโนนทอง จึงได้ประชุมหัวหน้าส่วนราชการ พนักงานเทศบาล และเจ้าหน้าที่ที่เกี่ยวข้อง",
    "เพื่อให้การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐของเทศบาลตำบลโนนทอง"
    "เป็นไปด้วยความเรียบร้อย จึงขอรายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการ"
    "ดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ ให้ท่านทราบ รายละเอียดปรากฏตามเอกสารที่แนบมาพร้อมนี้",
]


def _dossier() -> dict:
    d = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    m = d["memos"][0]
    m["sections"] = [{"title": "ข้อเท็จจริง", "paragraphs": PARAS}]
    m["attachments"] = []
    return d


def _lines(pdf: Path) -> list[tuple[float, float, float, str]]:
    """(xMin, xMax, yMin, text) of every line of page 1, top to bottom."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    out = []
    for m in re.finditer(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</line>', xml, re.S):
        words = "".join(re.findall(r">([^<]*)</word>", m.group(4)))
        out.append((float(m.group(1)), float(m.group(3)), float(m.group(2)), words))
    return sorted(out, key=lambda r: r[2])


def _body_lines(pdf: Path, ty: Typography) -> list[list[tuple[float, float, float, str]]]:
    """The lines of each body paragraph (first line at the indent, the others at the margin)."""
    left, indent = ty.margin_left_cm * CM, (ty.margin_left_cm + ty.indent_cm) * CM
    paras: list[list] = []
    for row in _lines(pdf):
        if abs(row[0] - indent) < 1:
            paras.append([row])
        elif abs(row[0] - left) < 1 and paras and row[2] - paras[-1][-1][2] < 25:
            paras[-1].append(row)
        elif paras and len(paras[-1]) == 1 and abs(paras[-1][0][0] - indent) < 1:
            paras.pop()       # an indented line alone (the closing line): not a body paragraph
    return [p for p in paras if len(p) > 1]


@needs_poppler
def test_every_line_but_the_last_reaches_the_right_margin(tmp_path):
    ty = Typography()
    render_memo(_dossier(), None, tmp_path / "j.pdf", typography=ty)
    right = (21.0 - ty.margin_right_cm) * CM
    paras = _body_lines(tmp_path / "j.pdf", ty)
    assert len(paras) == 2
    for lines in paras:
        for x0, x1, _, text in lines[:-1]:
            assert x1 == pytest.approx(right, abs=1.0), text
        assert lines[-1][1] < right - 20          # the last line stays left


@needs_poppler
def test_the_form_can_turn_it_off(tmp_path):
    ty = Typography(justify_body=False)
    render_memo(_dossier(), None, tmp_path / "r.pdf", typography=ty)
    right = (21.0 - ty.margin_right_cm) * CM
    ends = [x1 for lines in _body_lines(tmp_path / "r.pdf", ty) for _, x1, _, _ in lines[:-1]]
    assert ends and sum(abs(x1 - right) < 1.0 for x1 in ends) < len(ends)


@needs_poppler
def test_copied_text_is_the_source_with_no_inserted_space(tmp_path):
    render_memo(_dossier(), None, tmp_path / "j.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "j.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    for para in PARAS:
        # a line may end where the source has a space (the space is dropped) or between two
        # words; nowhere may a space appear that the source does not have
        pattern = "".join(r"[ \n]" if ch == " " else re.escape(ch) + r"\n?" for ch in para)
        assert re.search(pattern, text), para[:40]


def test_stretch_never_falls_between_a_base_and_its_marks():
    from itadesk.documents.fonts import choose_font, register
    from itadesk.documents.thai_text import ThaiParagraph, justify_line, markup
    from reportlab.lib.styles import ParagraphStyle

    fc = choose_font(None, None)
    fam = register(fc)
    st = ParagraphStyle("b", fontName=fam, fontSize=fc.size(16), leading=fc.size(16) * 1.6, shaping=1)
    text = "ผู้ใหญ่บ้านปลัดเทศบาลสิ้นปีงบประมาณที่นั่นน้ำค่ำปั้นฝุ่นปู่กตัญญูฤๅษีฟื้นคุณธรรมความโปร่งใส"
    p = ThaiParagraph(markup(text), st)
    p.wrap(10_000, 1000)
    words = p.blPara.lines[0].words
    new = justify_line(words, 30.0)
    assert new is not None
    stretched = 0
    for old_f, new_f in zip(words, new):
        if not getattr(old_f, "text", ""):
            continue
        assert str(new_f.text) == str(old_f.text)          # the same glyphs, nothing inserted
        old_sd, new_sd = old_f.text.__shapeData__, new_f.text.__shapeData__
        for i, (a, b) in enumerate(zip(old_sd, new_sd)):
            if b.x_advance != a.x_advance:
                stretched += 1
                nxt = new_sd[i + 1] if i + 1 < len(new_sd) else None
                assert nxt is not None and nxt.src and nxt.src[0] not in MARKS
    assert stretched > 10


def test_docx_asks_word_for_thai_distributed_body_only():
    import io

    from docx import Document

    from itadesk.documents.docx_writer import memo_docx_bytes

    data, _ = memo_docx_bytes(_dossier())
    doc = Document(io.BytesIO(data))
    jc = {p.text: p.paragraph_format.alignment for p in doc.paragraphs if p.text.strip()}
    for para in PARAS:
        assert str(jc[para]).startswith("THAI_JUSTIFY")
    assert not any(str(v).startswith("THAI_JUSTIFY") for t, v in jc.items() if t not in PARAS)
