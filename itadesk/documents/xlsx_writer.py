"""Every attachment table of a memo as an Excel workbook (openpyxl).

    memo_xlsx_bytes(dossier, memo_key=None) -> (bytes, XlsxInfo)
    render_xlsx(dossier, memo_key, out_path) -> XlsxInfo

One sheet per table, in the order the memo prints them, filled by ``tables.build_table`` (the
same cell text as the PDF).  Score columns (scores, old/new, points, percent, rank) become
numbers (format ``0.00``; rank ``0``; signed differences ``+0.00;-0.00;0.00``) so a clerk can
sum or chart them; every other cell stays text, digits as the office prints them.  Headers are
bold, shaded, wrapped and frozen; widths follow the table's relative widths.  When the memo's
year has indicator scores a last sheet "คะแนนปี …" lists indicator, tool and score.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import DocumentError

__all__ = ["XlsxInfo", "memo_xlsx_bytes", "render_xlsx", "safe_sheet_title", "NUMBER_KEYS"]

NUMBER_KEYS = {"old": "0.00", "new": "0.00", "score": "0.00", "points": "+0.00;-0.00;0.00",
               "percent": "+0.00;-0.00;0.00", "rank": "0"}
KIND_TITLE = {
    "static": "ตาราง", "score_summary": "สรุปผลคะแนน", "score_comparison": "เปรียบเทียบคะแนน",
    "indicator_ranking": "เรียงลำดับตัวชี้วัด", "indicator_analysis": "วิเคราะห์รายตัวชี้วัด",
    "level_bands": "ระดับผลการประเมิน", "measures_plan": "มาตรการ", "measures_results": "ผลตามมาตรการ",
}
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


@dataclass
class XlsxInfo:
    sheets: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)   # header + rows as text (source)
    path: str | None = None
    size: int = 0


def safe_sheet_title(title: str, taken: set[str]) -> str:
    """An Excel sheet name: no []:*?/\\, not starting/ending with ', ≤ 31 characters, unique
    (case-insensitive), never empty or "History"."""
    t = _BAD_SHEET.sub(" ", title).strip().strip("'").strip() or "ตาราง"
    if t.lower() == "history":
        t = "History 1"
    t = t[:31].strip()
    base, n = t, 2
    while t.lower() in {x.lower() for x in taken}:
        suffix = f" ({n})"
        t = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(t)
    return t


def _number(text: str) -> Decimal | None:
    from ..domain.thai_format import to_arabic_digits

    s = to_arabic_digits((text or "").strip()).replace(",", "").replace("−", "-")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", s):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def memo_xlsx_bytes(dossier: dict, memo_key: str | None = None):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from .memo_pdf import find_memo
    from .tables import build_table

    memo = find_memo(dossier, memo_key)
    office = dossier.get("office", {})
    thai = office.get("thai_digits", True)
    family = office.get("font") or "TH SarabunIT๙"
    wb = Workbook()
    wb.remove(wb.active)
    info = XlsxInfo()
    taken: set[str] = set()
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_font = Font(name=family, bold=True, size=14)
    cell_font = Font(name=family, size=14)
    bold_font = Font(name=family, size=14, bold=True)
    shade = PatternFill("solid", fgColor="E6E6E6")
    n = 0
    for a_i, att in enumerate(memo.get("attachments", []), 1):
        heading = ""
        for b in att.get("blocks", []):
            if b.get("type") == "heading":
                heading = b.get("text", "")
            if b.get("type") != "table":
                continue
            n += 1
            td = build_table(b, dossier, memo, thai)
            info.tables.append([list(td.header)] + [list(r) for r in td.rows])
            title = safe_sheet_title(f"{n} {KIND_TITLE.get(td.kind, td.kind)}", taken)
            ws = wb.create_sheet(title)
            info.sheets.append(title)
            # where the table comes from, above it (not frozen away)
            att_title = " ".join(att.get("title", []))
            ws.cell(row=1, column=1, value=f"สิ่งที่แนบ {a_i}: {att_title}".strip(" :"))
            ws.cell(row=1, column=1).font = bold_font
            if heading:
                ws.cell(row=2, column=1, value=heading).font = cell_font
            hr = 3
            for c, h in enumerate(td.header, 1):
                cell = ws.cell(row=hr, column=c, value=h)
                cell.font, cell.fill, cell.border = head_font, shade, border
                cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            for r_i, row in enumerate(td.rows):
                for c_i, v in enumerate(row):
                    key = td.keys[c_i] if c_i < len(td.keys) else ""
                    cell = ws.cell(row=hr + 1 + r_i, column=c_i + 1)
                    num = _number(v) if key in NUMBER_KEYS else None
                    if num is not None:
                        cell.value = int(num) if NUMBER_KEYS[key] == "0" else float(num)
                        cell.number_format = NUMBER_KEYS[key]
                    else:
                        cell.value = v if v != "" else None
                    cell.font = bold_font if r_i in td.bold_rows else cell_font
                    cell.border = border
                    cell.alignment = Alignment(wrap_text=True, vertical="top",
                                               horizontal="center" if c_i in td.centred else "left")
            for (r, c0, c1) in td.spans:
                if c1 > c0:
                    ws.merge_cells(start_row=hr + 1 + r, start_column=c0 + 1, end_row=hr + 1 + r,
                                   end_column=c1 + 1)
            total = sum(td.widths) or 1
            page_chars = 150 if att.get("orientation") == "landscape" else 100
            for c, w in enumerate(td.widths, 1):
                ws.column_dimensions[get_column_letter(c)].width = max(8, round(page_chars * w / total, 1))
            ws.freeze_panes = ws.cell(row=hr + 1, column=1)
            ws.print_title_rows = f"{hr}:{hr}"
            ws.page_setup.paperSize = ws.PAPERSIZE_A4
            ws.page_setup.orientation = "landscape" if att.get("orientation") == "landscape" else "portrait"
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
            ws.sheet_properties.pageSetUpPr.fitToPage = True
    _year_sheet(wb, dossier, memo, taken, info, family, thai)
    if not wb.sheetnames:
        ws = wb.create_sheet(safe_sheet_title("ไม่มีตาราง", taken))
        ws["A1"] = "บันทึกนี้ไม่มีตารางในสิ่งที่แนบ"
        info.sheets.append(ws.title)
    wb.properties.title = memo.get("subject", "")[:255]
    wb.properties.creator = office.get("name", "")
    wb.properties.language = "th-TH"
    buf = io.BytesIO()
    try:
        wb.save(buf)
    except Exception as e:
        raise DocumentError(f"สร้างไฟล์ Excel ไม่สำเร็จ: {e}") from e
    data = buf.getvalue()
    info.size = len(data)
    return data, info


def _year_sheet(wb, dossier, memo, taken, info, family, thai):
    from openpyxl.styles import Alignment, Font, PatternFill

    from ..domain import scoring
    from .tables import framework_of

    fy = memo.get("fiscal_year")
    year = next((y for y in dossier.get("years", []) if y.get("fiscal_year") == fy), None)
    if not year or not year.get("indicators"):
        return
    fw = framework_of(fy)
    scores = {int(k): Decimal(v) for k, v in year["indicators"].items()}
    ws = wb.create_sheet(safe_sheet_title(f"คะแนนปี {fy}", taken))
    info.sheets.append(ws.title)
    head = ["ตัวชี้วัดที่", "ตัวชี้วัด", "เครื่องมือ", "คะแนน"]
    bold = Font(name=family, bold=True, size=14)
    plain = Font(name=family, size=14)
    for c, h in enumerate(head, 1):
        cell = ws.cell(row=1, column=c, value=h)
        cell.font, cell.fill = bold, PatternFill("solid", fgColor="E6E6E6")
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    r = 2
    for ind in fw.indicators:
        ws.cell(row=r, column=1, value=ind.number).font = plain
        ws.cell(row=r, column=2, value=ind.name).font = plain
        ws.cell(row=r, column=3, value=ind.tool).font = plain
        c = ws.cell(row=r, column=4, value=float(scores[ind.number]) if ind.number in scores else None)
        c.number_format, c.font = "0.00", plain
        ws.cell(row=r, column=2).alignment = Alignment(wrap_text=True)
        r += 1
    res = scoring.compute(fw, scores)
    if res.total is not None:
        ws.cell(row=r, column=2, value="คะแนนรวม (ถ่วงน้ำหนัก)").font = bold
        c = ws.cell(row=r, column=4, value=float(res.total))
        c.number_format, c.font = "0.00", bold
        ws.cell(row=r + 1, column=2, value="ระดับผลการประเมิน").font = bold
        ws.cell(row=r + 1, column=4, value=res.level).font = bold
    for col, w in zip("ABCD", (11, 60, 12, 12)):
        ws.column_dimensions[col].width = w
    ws.freeze_panes = "A2"


def render_xlsx(dossier: dict, memo_key: str | None, out_path) -> XlsxInfo:
    from .upload_pack import atomic_write_bytes

    data, info = memo_xlsx_bytes(dossier, memo_key)
    atomic_write_bytes(Path(out_path), data)
    info.path = str(out_path)
    return info
