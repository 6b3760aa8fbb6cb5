"""The command line's `render --form` (a new memo from a form, printed) and `district --xlsx`.
Expected numbers are seed 001's (shared/seeds/001_…txt) or sums done by hand from them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from itadesk.cli import main

ROOT = Path(__file__).resolve().parent.parent
NONTHONG = ROOT / "examples" / "seed001_nonthong_analysis_2565.json"


def _squashed_pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return "".join(out.stdout.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_render_form_prints_a_new_memo_from_the_form(tmp_path, capsys):
    out = tmp_path / "วิเคราะห์.pdf"
    assert main(["render", str(NONTHONG), "--form", "analysis_report", "--year", "2565", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    text = _squashed_pdf_text(out)
    assert "บันทึกข้อความ" in text and "ส่วนราชการงานนโยบายและแผนเทศบาลตำบลโนนทอง" in text
    assert "ที่อด๘๑๘๐๑/" in text                     # the office's prefix, number left for the clerk
    # 2565 total 88.30 (seed line 23), 2564 total 85.56 (seed line 168):
    # 88.30 − 85.56 = 2.74 points; 2.74 / 85.56 = 3.20 % (by hand)
    assert "ได้คะแนนรวม๘๘.๓๐คะแนน" in text
    assert "เพิ่มขึ้น๒.๗๔คะแนนคิดเป็นร้อยละ๓.๒๐" in text
    assert "(นายอนุวัฒน์หาญบุรุษ)ผู้ช่วยนักวิเคราะห์นโยบายและแผน" in text   # seed lines 37-39
    # the form's new memo is printed, not the example's own memo
    assert "ได้คะแนนรวม=๘๘.๓๐" not in text


def test_render_unknown_form_is_a_thai_error_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "x.pdf"
    code = main(["render", str(NONTHONG), "--form", "ไม่มีแบบนี้", "--year", "2565", "--out", str(out)])
    assert code != 0 and not out.exists()
    err = capsys.readouterr().err
    assert "ไม่พบแบบฟอร์ม" in err and "analysis_report" in err


def test_district_xlsx_ranks_the_offices(tmp_path, capsys):
    import openpyxl

    db = "sqlite:///" + (tmp_path / "district.sqlite3").as_posix()
    assert main(["--db", db, "import", str(NONTHONG)]) == 0
    # a second office whose 2565 scores are seed 001's 2564 column (lines 158-167): total 85.56
    other = json.loads(NONTHONG.read_text(encoding="utf-8"))
    other["office"]["name"] = "เทศบาลตำบลทดสอบ"
    y64 = next(y for y in other["years"] if y["fiscal_year"] == 2564)
    other["years"] = [{"fiscal_year": 2565, "indicators": y64["indicators"]}]
    other["measures"], other["memos"] = [], []
    path = tmp_path / "other.json"
    path.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    assert main(["--db", db, "import", str(path)]) == 0
    xlsx = tmp_path / "อำเภอ.xlsx"
    assert main(["--db", db, "district", "--year", "2565", "--xlsx", str(xlsx)]) == 0
    capsys.readouterr()
    ws = openpyxl.load_workbook(xlsx).worksheets[0]
    rows = [r for r in ws.iter_rows(values_only=True) if any(c is not None for c in r)]
    head = list(rows[0])
    col = {name: head.index(name) for name in ("อันดับ", "หน่วยงาน", "IIT", "EIT", "OIT", "คะแนนรวม", "ระดับ")}
    got = [[r[col[k]] for k in col] for r in rows[1:]]
    assert got == [
        # seed 001, 2565: IIT (96.54+93.28+96.07+94.65+85.14)/5 = 93.136, EIT (79.79+72.04+73.20)/3 = 75.01,
        # OIT (89.29+100)/2 = 94.645 → 94.65; total 88.30 (seed line 168), level A
        [1, "เทศบาลตำบลโนนทอง", 93.14, 75.01, 94.65, 88.30, "A"],
        # seed 001's 2564 column: IIT 392.86/5 = 78.572, EIT 251.10/3 = 83.70, OIT 184.39/2 = 92.195 → 92.20
        [2, "เทศบาลตำบลทดสอบ", 78.57, 83.70, 92.20, 85.56, "A"],
    ]
    change = head.index("เปลี่ยนแปลง (คะแนน)")
    assert rows[1][change] == pytest.approx(2.74)      # Nonthong 88.30 − 85.56 (its own 2564)
