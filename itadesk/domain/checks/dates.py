"""Dates and periods: the memo's date fits the fiscal year it reports on, measure periods lie
inside the plan year — checked only where a memo prints them — and no attached table prints empty."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Mapping

from ..measures import period_problem
from ..thai_format import ce_year, fiscal_year_range, thai_date_long, to_arabic_digits
from .base import (
    ERROR, NOTICE, Ctx, Finding, Location, attachment_place, measure_place, memo_field_place, th,
)

FAMILY = "dates"
# the columns a table prints when the memo does not list its own (documents/tables.py)
DEFAULT_COLUMNS = {
    "measures_plan": ("title", "steps", "units", "period", "monitoring"),
    "measures_results": ("title", "steps", "units", "period", "output", "suggestions"),
}
TABLE_NAMES = {"static": "ตาราง", "score_summary": "ตารางสรุปคะแนน", "score_comparison": "ตารางเปรียบเทียบคะแนน",
               "indicator_ranking": "ตารางอันดับตัวชี้วัด", "indicator_analysis": "ตารางวิเคราะห์รายตัวชี้วัด",
               "level_bands": "ตารางระดับผลการประเมิน", "measures_plan": "ตารางมาตรการ",
               "measures_results": "ตารางผลการดำเนินการตามมาตรการ"}


def _f(sev: str, code: str, msg: str, loc: Location, place: str) -> Finding:
    return Finding(sev, code, msg, loc, place, FAMILY)


def table_year(memo: Mapping[str, Any], blk: Mapping[str, Any]) -> int | None:
    y = blk.get("fiscal_year") or memo.get("fiscal_year")
    return int(y) if y else None


def printed_columns(ctx: Ctx) -> dict[str, set[str]]:
    """measure key → every column some memo prints it in (measures not printed are absent)."""
    out: dict[str, set[str]] = {}
    for memo in ctx.memos():
        for att in memo.get("attachments") or []:
            for blk in att.get("blocks") or []:
                kind = blk.get("table")
                if blk.get("type") != "table" or kind not in DEFAULT_COLUMNS:
                    continue
                cols = {str(c.get("key")) for c in blk.get("columns") or []} or set(DEFAULT_COLUMNS[kind])
                fy = table_year(memo, blk)
                for m in ctx.measures():
                    if m.get("fiscal_year") == fy:
                        out.setdefault(str(m.get("key", "")), set()).update(cols)
    return out


# ------------------------------------------------------------------ memo date

def _date(text: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(text))
    except (TypeError, ValueError):
        return None


def check_memo_dates(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    rules = ctx.rules
    for memo in ctx.memos():
        key = str(memo.get("key", ""))
        loc, place = Location("memo", key, "date"), memo_field_place(memo, "date")
        d = _date(memo.get("date"))
        fy = memo.get("fiscal_year")
        if d is None:
            if memo.get("date"):
                out.append(_f(ERROR, "memo_date", f"วันที่ ‘{memo['date']}’ ไม่ใช่วันที่ที่ถูกต้อง", loc, place))
            else:
                out.append(_f(NOTICE, "memo_date", "บันทึกยังไม่ได้ลงวันที่", loc, place))
            continue
        if d > ctx.today:
            out.append(_f(ERROR, "memo_date", f"ลงวันที่ ‘{thai_date_long(d)}’ ซึ่งเป็นวันในอนาคต "
                                              f"(วันนี้ {thai_date_long(ctx.today)})", loc, place))
        if not fy:
            continue
        fy = int(fy)
        form = str(memo.get("form", ""))
        start, end = fiscal_year_range(fy)
        if form in rules.plan_forms:
            earliest = _dt.date(ce_year(fy - 1), rules.results_month, 1)
            why = f"ก่อนประกาศผลการประเมินของปีงบประมาณ {th(fy - 1)} ที่ใช้จัดทำมาตรการปี {th(fy)}"
        else:
            earliest = start
            why = f"ก่อนเริ่มปีงบประมาณ {th(fy)} ({thai_date_long(start)}) ที่บันทึกนี้รายงาน"
        if d < earliest:
            out.append(_f(ERROR, "memo_date", f"ลงวันที่ ‘{thai_date_long(d)}’ อยู่{why}", loc, place))
        elif form in rules.results_forms:
            results = _dt.date(ce_year(fy), rules.results_month, 1)
            if d < results:
                out.append(_f(NOTICE, "memo_date",
                              f"ลงวันที่ ‘{thai_date_long(d)}’ ก่อนเดือนที่ ป.ป.ช. ประกาศผลการประเมินปีงบประมาณ "
                              f"{th(fy)} ตามปกติ ({thai_date_long(results)})", loc, place))
        elif d.year > end.year + 1:
            out.append(_f(ERROR, "memo_date",
                          f"ลงวันที่ ‘{thai_date_long(d)}’ ห่างจากปีงบประมาณ {th(fy)} ที่บันทึกนี้รายงานเกินหนึ่งปี", loc, place))
    return out


# ------------------------------------------------------------------ measure periods (where printed)

_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")


def period_text_problem(text: str, fy: int) -> str | None:
    """Years written in a period's own text (“ต.ค. ๖๔ – ก.ย. ๖๕”, “มกราคม พ.ศ. ๒๕๖๕”) outside the fiscal year."""
    t = to_arabic_digits(text)
    allowed = {fy - 1, fy}
    years = [int(y) for y in re.findall(r"(?<!\d)(2[4-7]\d\d)(?!\d)", t)]
    years += [2500 + int(y) for y in re.findall(r"(?:" + "|".join(re.escape(m) for m in _MONTHS) + r")\s*(\d\d)(?!\d)", t)]
    bad = [y for y in years if y not in allowed]
    if bad:
        return f"ระยะเวลา ‘{text}’ ระบุปี {th(bad[0])} ซึ่งอยู่นอกปีงบประมาณ {th(fy)}"
    return None


def check_periods(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    printed = printed_columns(ctx)
    for m in ctx.measures():
        key = str(m.get("key", ""))
        cols = printed.get(key)
        if cols is None or "period" not in cols or not m.get("fiscal_year"):
            continue      # no memo prints this measure's period: nothing to get wrong on paper
        fy = int(m["fiscal_year"])
        steps = m.get("steps") or []
        step_periods = [(i, s["period"]) for i, s in enumerate(steps) if s.get("period")]
        if m.get("period") or not step_periods:
            problem = period_problem(m.get("period"), fy)
            if problem is None and (m.get("period") or {}).get("text"):
                problem = period_text_problem(m["period"]["text"], fy)
            if problem:
                if not m.get("period"):
                    problem += " แต่บันทึกพิมพ์ช่องระยะเวลา (จะพิมพ์เป็นช่องว่าง)"
                out.append(_f(ERROR, "measure_period", problem, Location("measure", key, "period"),
                              measure_place(m, "period")))
        for i, p in step_periods:
            problem = period_problem(p, fy) or (period_text_problem(p["text"], fy) if p.get("text") else None)
            if problem:
                out.append(_f(ERROR, "measure_period", problem, Location("measure", key, "steps", line=i, sub="period"),
                              measure_place(m, "steps", i, "period")))
    return out


# ------------------------------------------------------------------ empty tables (printed as a blank)

def _empty_reason(ctx: Ctx, memo: Mapping[str, Any], blk: Mapping[str, Any]) -> str | None:
    kind = blk.get("table")
    fy = table_year(memo, blk)
    raw_years = {int(y["fiscal_year"]): y for y in ctx.dossier.get("years") or []
                 if str(y.get("fiscal_year", "")).isdigit()}
    if kind == "static":
        return None if any(any(str(c).strip() for c in r) for r in blk.get("rows") or []) else "ยังไม่มีข้อมูลในตาราง"
    if kind in ("measures_plan", "measures_results"):
        if not any(m.get("fiscal_year") == fy for m in ctx.measures()):
            return f"ยังไม่มีมาตรการของปีงบประมาณ {th(fy)} (ตารางจะพิมพ์ออกมาว่างเปล่า)"
        return None
    if kind == "score_comparison":
        ys = [int(y) for y in blk.get("years") or []] or ([fy - 1, fy] if fy else [])
        missing = [y for y in ys if y not in ctx.years or ctx.years[y].total is None and not ctx.years[y].scores]
        return f"ยังไม่มีคะแนนของปีงบประมาณ {th(missing[0])}" if missing else None
    if kind in ("score_summary", "indicator_ranking"):
        y = ctx.years.get(fy) if fy else None
        if y is None or (kind == "indicator_ranking" and not y.scores) or (y.total is None and not y.scores):
            return f"ยังไม่มีคะแนนของปีงบประมาณ {th(fy)}"
        return None
    if kind == "indicator_analysis" and not (raw_years.get(fy or 0) or {}).get("analysis"):
        return f"ยังไม่มีการวิเคราะห์รายตัวชี้วัดของปีงบประมาณ {th(fy)}"
    return None


def check_empty_tables(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    for memo in ctx.memos():
        key = str(memo.get("key", ""))
        for a, att in enumerate(memo.get("attachments") or []):
            for b, blk in enumerate(att.get("blocks") or []):
                if blk.get("type") != "table":
                    continue
                why = _empty_reason(ctx, memo, blk)
                if why:
                    name = TABLE_NAMES.get(str(blk.get("table")), "ตาราง")
                    out.append(_f(ERROR, "empty_table", f"{name}ที่แนบไม่มีข้อมูล: {why}",
                                  Location("memo", key, "attachment", attachment=a, block=b),
                                  f"{attachment_place(memo, a)} {name}"))
    return out


def check(ctx: Ctx) -> list[Finding]:
    return check_memo_dates(ctx) + check_periods(ctx) + check_empty_tables(ctx)
