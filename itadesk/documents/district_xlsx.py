"""The district ranking as an XLSX workbook with Thai headers."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..domain.district import OfficeResult


def write_district_xlsx(results: Iterable[OfficeResult], fiscal_year: int, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..domain.safety import write_atomic

    wb = Workbook()
    ws = wb.active
    ws.title = f"ผลปี {fiscal_year}"
    headers = ["อันดับ", "หน่วยงาน", "IIT", "EIT", "OIT", "คะแนนรวม", "ระดับ",
               f"คะแนนรวมปี {fiscal_year - 1}", "เปลี่ยนแปลง (คะแนน)", "ทิศทาง"]
    ws.append(headers)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in results:
        ws.append([r.rank, r.office, *(float(r.tools[k]) if k in r.tools else None for k in ("IIT", "EIT", "OIT")),
                   float(r.total) if r.total is not None else None, r.level,
                   float(r.previous_total) if r.previous_total is not None else None,
                   float(r.change) if r.change is not None else None, r.direction])
    for col, width in zip("ABCDEFGHIJ", (8, 40, 9, 9, 9, 11, 14, 14, 14, 10)):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=9):
        for c in row:
            c.number_format = "0.00"
    import io

    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(path, buf.getvalue())
