"""The window imports scores through the one reader (domain/score_import.py): Excel's
"Unicode Text" (UTF-16, tabs), the size limit and the formula guard reach the clerk."""

import pytest

from itadesk.domain.errors import InputError
from itadesk.domain.score_import import MAX_XLSX_BYTES

from .conftest import SEED001


def test_excel_unicode_text_file(qtbot, office, window, services, tmp_path):
    window.set_year(2565)
    tab = window.scoresTab
    f = tmp_path / "คะแนน ITA.txt"      # Excel → Save As → Unicode Text: UTF-16 LE with BOM, tabs
    rows = ["ตัวชี้วัด\tคะแนน"] + [f"ตัวชี้วัดที่ {n}\t{v}" for n, v in SEED001[2565].items()]
    f.write_bytes("\r\n".join(rows).encode("utf-16"))
    assert tab.import_scores_file(f) == 10
    assert tab.totalLabel.text() == "88.30"            # seed 001's printed total for 2565


def test_formula_and_oversize_files_are_refused_and_nothing_changes(qtbot, office, window, services, tmp_path):
    window.set_year(2565)
    tab = window.scoresTab
    f = tmp_path / "สูตร.csv"
    f.write_text("ตัวชี้วัด,คะแนน\n1,90\n2,=HYPERLINK(\"http://x\";\"95\")\n", encoding="utf-8")
    with pytest.raises(InputError, match="สูตร"):
        tab.import_scores_file(f)
    big = tmp_path / "ใหญ่.csv"
    with open(big, "wb") as fh:
        fh.write(b"1,90\n" * ((MAX_XLSX_BYTES // 5) + 10))
    with pytest.raises(InputError) as ei:
        tab.import_scores_file(big)
    assert "ใหญ่.csv" in str(ei.value)
    missing = tmp_path / "ไม่มี.csv"
    with pytest.raises(InputError, match="ไม่มี.csv"):
        tab.import_scores_file(missing)
    assert services.year_scores(2565).indicators == {}
