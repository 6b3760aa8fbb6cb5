"""Attachment tables filled from the dossier (no reportlab here: plain cell text).

Every number comes from ``itadesk.domain`` (scoring, thai_format, frameworks).  A table kind
knows a set of column keys (``COLUMN_KEYS``); the block's ``columns`` choose and order them,
give labels and relative widths.  Without ``columns`` the kind's default columns are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, cast

from ..domain import scoring
from ..domain.dossier_types import Analysis, Block, Dossier, Measure, Memo, Period, Step, Year
from ..domain.errors import FrameworkError, ItaDeskError
from ..domain.frameworks import Framework, available_years, framework_for, load_framework
from ..domain.thai_format import digits, fiscal_year_text, format_score, period_text
from .errors import MemoDataError

# kind → {column key: (default label, default relative width)}; order = default columns
COLUMN_KEYS: dict[str, dict[str, tuple[str, float]]] = {
    "static": {},
    "score_summary": {
        "item": ("รายการ", 60), "value": ("ผลการประเมิน", 40),
    },
    "score_comparison": {
        "tool": ("เครื่องมือ", 13), "indicator": ("ตัวชี้วัด", 39), "old": ("พ.ศ. {old}", 15),
        "new": ("พ.ศ. {new}", 15), "change": ("การเปลี่ยนแปลง", 18),
        "points": ("ผลต่าง (คะแนน)", 14), "percent": ("ร้อยละที่เปลี่ยนแปลง", 14),
    },
    "indicator_ranking": {
        "rank": ("อันดับ", 12), "indicator": ("ตัวชี้วัด", 58), "score": ("คะแนน", 18),
        "tool": ("เครื่องมือ", 14),
    },
    "indicator_analysis": {
        "tool": ("เครื่องมือ", 18), "indicator": ("ตัวชี้วัดของการประเมิน ITA", 22),
        "score": ("คะแนน", 10), "text": ("ประเด็นที่ต้องแก้ไข/ปรับปรุง/รักษาระดับ", 50),
        "category": ("ประเภท", 14), "suggestions": ("ข้อเสนอแนะ", 30),
    },
    "level_bands": {
        "range": ("คะแนน", 50), "level": ("ระดับ", 50), "passing": ("ผ่านเกณฑ์", 20),
    },
    "measures_plan": {
        "title": ("มาตรการ/แนวทาง", 22), "steps": ("วิธีการดำเนินการ", 34),
        "units": ("ผู้รับผิดชอบ", 14), "period": ("ระยะเวลาดำเนินการ", 14),
        "monitoring": ("การติดตามผล", 16), "steps_dash": ("วิธีการดำเนินการ", 34),
        "indicators": ("ตัวชี้วัด", 16), "status": ("สถานะ", 10),
    },
    "measures_results": {
        "title": ("มาตรการ", 18), "steps": ("วิธีการดำเนินการ", 26), "units": ("ผู้รับผิดชอบ", 12),
        "period": ("ระยะเวลา", 11), "output": ("ผลการดำเนินงาน", 23), "suggestions": ("ข้อเสนอแนะ", 10),
        "steps_dash": ("วิธีการดำเนินการ", 26), "outcome": ("ผลลัพธ์หรือความสำเร็จของการดำเนินการ", 20),
        "indicators": ("ตัวชี้วัด", 16), "monitoring": ("การติดตามผล", 14), "status": ("สถานะ", 10),
        "evidence": ("หลักฐาน", 16),
    },
}
DEFAULT_COLUMNS = {
    "score_summary": ["item", "value"],
    "score_comparison": ["tool", "indicator", "old", "new", "change"],
    "indicator_ranking": ["rank", "indicator", "score"],
    "indicator_analysis": ["tool", "indicator", "score", "text"],
    "level_bands": ["range", "level"],
    "measures_plan": ["title", "steps", "units", "period", "monitoring"],
    "measures_results": ["title", "steps", "units", "period", "output", "suggestions"],
}
NUMERIC_KEYS = {"old", "new", "score", "rank", "points", "percent", "range", "level", "value",
                "change", "passing", "status"}
CATEGORY_TEXT = {"urgent": "ต้องแก้ไขโดยเร่งด่วน", "improve": "ต้องพัฒนา", "keep": "รักษาระดับ"}
STATUS_TEXT = {"planned": "ยังไม่ดำเนินการ", "in_progress": "อยู่ระหว่างดำเนินการ",
               "done": "ดำเนินการแล้ว", "cancelled": "ยกเลิก"}


@dataclass
class TableData:
    kind: str
    keys: list[str]
    header: list[str]
    widths: list[float]                 # relative
    rows: list[list[str]] = field(default_factory=list)
    group_end: set[int] = field(default_factory=set)    # rows after which a full rule is drawn
    grouped_cols: set[int] = field(default_factory=set)  # columns merged visually inside a group
    bold_rows: set[int] = field(default_factory=set)
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (row, col0, col1)
    centred: set[int] = field(default_factory=set)       # column indexes centred


class _Ctx:
    def __init__(self, dossier: Dossier, memo: Memo, thai: bool, step_numbers: str | None = None):
        self.d, self.memo, self.thai = dossier, memo, thai
        self.office = dossier.get("office", {})
        self.step_numbers = step_numbers      # the table's own setting, over the form's

    def t(self, s: str) -> str:
        return digits(s, True) if self.thai else s

    def step_style(self) -> str:
        """The table's step_numbers, else the memo's form setting ("auto" when the form has none)."""
        from .memo_common import _typography_for

        if self.step_numbers:
            return self.step_numbers
        return _typography_for(cast(dict, self.memo), None).step_numbers

    def year(self, fy: int) -> Year:
        for y in self.d.get("years", []):
            if y.get("fiscal_year") == fy:
                return y
        raise MemoDataError(f"แฟ้มข้อมูลไม่มีคะแนนของปีงบประมาณ {digits(str(fy), self.thai)} "
                            "ที่ตารางในบันทึกอ้างถึง")

    def scores(self, fy: int) -> dict[int, Decimal]:
        return {int(k): Decimal(v) for k, v in self.year(fy).get("indicators", {}).items()}


def framework_of(fy: int) -> Framework:
    """The framework of a year; before the first year on file, the earliest one (seed 001
    compares 2564 with 2565 and the program ships 2565 on)."""
    try:
        return framework_for(fy)
    except FrameworkError:
        years = [y for y in available_years() if y > fy]
        if not years:
            raise
        return load_framework(min(years))


def _columns(block: Block, kind: str) -> tuple[list[str], list[str], list[float]]:
    known = COLUMN_KEYS[kind]
    cols = block.get("columns") or [{"key": k} for k in DEFAULT_COLUMNS.get(kind, [])]
    keys, labels, widths = [], [], []
    for c in cols:
        k = c["key"]
        if kind != "static" and k not in known:
            have = ", ".join(known)
            raise MemoDataError(f"ตาราง {kind} ไม่รู้จักคอลัมน์ “{k}” (ใช้ได้: {have})")
        label, w = known.get(k, (k, 10))
        keys.append(k)
        labels.append(c.get("label", label))
        widths.append(float(c.get("width", w)))
    return keys, labels, widths


def _fy(block: Block, memo: Memo) -> int:
    return int(block.get("fiscal_year") or memo["fiscal_year"])


def build_table(block: Block | dict[str, Any], dossier: Dossier | dict[str, Any], memo: Memo | dict[str, Any],
                thai: bool = True) -> TableData:
    """The table a block prints.  Plain JSON dicts are accepted: they are the dossier's shapes."""
    block, dossier, memo = cast(Block, block), cast(Dossier, dossier), cast(Memo, memo)
    kind = block.get("table", "static")
    if kind not in COLUMN_KEYS:
        raise MemoDataError(f"ไม่รู้จักตารางชนิด “{kind}”")
    ctx = _Ctx(dossier, memo, thai, block.get("step_numbers"))
    if kind == "static":
        return _static(block, ctx)
    keys, labels, widths = _columns(block, kind)
    td = TableData(kind, keys, labels, widths)
    globals()["_" + kind](block, ctx, td)
    td.header = [ctx.t(h) for h in td.header]
    td.centred = {i for i, k in enumerate(keys) if k in NUMERIC_KEYS}
    return td


def _static(block: Block, ctx: _Ctx) -> TableData:
    rows = [list(r) for r in block.get("rows", [])]
    cols = block.get("columns") or []
    if cols:
        header = [c.get("label", c["key"]) for c in cols]
        keys = [c["key"] for c in cols]
        widths = [float(c.get("width", 10)) for c in cols]
    else:
        header = rows.pop(0) if rows else []
        keys = [str(i) for i in range(len(header))]
        widths = [10.0] * len(header)
    n = max([len(header)] + [len(r) for r in rows]) if (header or rows) else 0
    header += [""] * (n - len(header))
    keys += [str(i) for i in range(len(keys), n)]
    widths += [10.0] * (n - len(widths))
    rows = [[ctx.t(c) for c in r] + [""] * (n - len(r)) for r in rows]
    return TableData("static", keys, [ctx.t(h) for h in header], widths, rows)


# ---------------------------------------------------------------- score tables

def _score_summary(block, ctx: _Ctx, td: TableData):
    fy = _fy(block, ctx.memo)
    fw = framework_of(fy)
    res = scoring.compute(fw, ctx.scores(fy))
    y = ctx.year(fy)
    total = res.total if res.total is not None else (Decimal(y["published_total"]) if y.get("published_total") else None)
    level = res.level or y.get("published_level") or "-"
    name = ctx.office.get("name", "")
    vals = {
        "total": (f"คะแนนรวม {name}", f"{format_score(total, ctx.thai)} คะแนน"),
        "level": ("ระดับผลการประเมิน", level),
    }
    for k, (item, value) in vals.items():
        td.rows.append(_pick(td.keys, {"item": item, "value": value}))
    for t in fw.tools:
        if t.code in res.tools:
            td.rows.append(_pick(td.keys, {
                "item": f"{t.name} ({t.code}) ร้อยละ {ctx.t(str(t.weight))}",
                "value": f"{format_score(res.tools[t.code], ctx.thai)} คะแนน"}))
    td.bold_rows = {0, 1}


def _pick(keys, values: dict) -> list[str]:
    return [values.get(k, "") for k in keys]


def _score_comparison(block, ctx: _Ctx, td: TableData):
    years = list(block.get("years") or [])
    if len(years) < 2:
        fy = _fy(block, ctx.memo)
        years = [fy - 1, fy]
    old_y, new_y = years[-2], years[-1]
    fw = framework_of(new_y)
    old_s, new_s = ctx.scores(old_y), ctx.scores(new_y)
    td.header = [h.replace("{old}", str(old_y)).replace("{new}", str(new_y)) for h in td.header]
    changes = scoring.compare(fw, old_s, new_s)
    row = 0
    for tool in fw.tools:
        group = [c for c in changes if c.tool == tool.code]
        for i, c in enumerate(group):
            num = ctx.t(f"{c.number}. ")
            vals = {
                "tool": tool.code if i == 0 else "",
                "indicator": f"{num}{c.name}",
                "old": format_score(c.old, ctx.thai), "new": format_score(c.new, ctx.thai),
                "change": c.direction or "-",
                "points": "-" if c.points is None else _signed(c.points, ctx.thai),
                "percent": "-" if c.percent is None else _signed(c.percent, ctx.thai),
            }
            td.rows.append(_pick(td.keys, vals))
            row += 1
        td.group_end.add(row - 1)
    if "tool" in td.keys:
        td.grouped_cols.add(td.keys.index("tool"))
    # average (total) and level rows
    r_old, r_new = scoring.compute(framework_of(old_y), old_s), scoring.compute(fw, new_s)
    pts, pct, direction = scoring.compare_totals(r_old.total, r_new.total)
    label_col = 0
    span_to = max(0, td.keys.index("indicator")) if "indicator" in td.keys else 0
    for label, o, n, ch in (
        ("คะแนนรวม (ถ่วงน้ำหนัก)", format_score(r_old.total, ctx.thai), format_score(r_new.total, ctx.thai),
         direction or "-"),
        ("ระดับผลการประเมิน", r_old.level or "-", r_new.level or "-",
         "-" if r_old.level is None or r_new.level is None else
         ("คงที่" if r_old.level == r_new.level else ("สูงขึ้น" if _level_rank(fw, r_new.level) < _level_rank(fw, r_old.level) else "ต่ำลง"))),
    ):
        vals = {k: "" for k in td.keys}
        vals.update({"old": o, "new": n, "change": ch,
                     "points": "-" if pts is None or label.startswith("ระดับ") else _signed(pts, ctx.thai),
                     "percent": "-" if pct is None or label.startswith("ระดับ") else _signed(pct, ctx.thai)})
        r = _pick(td.keys, vals)
        r[label_col] = label
        td.rows.append(r)
        td.spans.append((len(td.rows) - 1, label_col, span_to))
        td.bold_rows.add(len(td.rows) - 1)
        td.group_end.add(len(td.rows) - 1)


def _level_rank(fw: Framework, label: str) -> int:
    labels = fw.level_labels
    return labels.index(label) if label in labels else len(labels)


def _signed(v: Decimal, thai: bool) -> str:
    from ..domain.thai_format import format_signed

    return format_signed(v, thai)


def _indicator_ranking(block, ctx: _Ctx, td: TableData):
    fy = _fy(block, ctx.memo)
    fw = framework_of(fy)
    for r in scoring.ranking(fw, ctx.scores(fy)):
        td.rows.append(_pick(td.keys, {"rank": ctx.t(str(r.rank)), "indicator": r.name,
                                       "score": format_score(r.score, ctx.thai), "tool": r.tool}))


def _indicator_analysis(block, ctx: _Ctx, td: TableData):
    fy = _fy(block, ctx.memo)
    fw = framework_of(fy)
    y = ctx.year(fy)
    scores = ctx.scores(fy)
    notes = {a["indicator"]: a for a in y.get("analysis", [])}
    row = 0
    for tool in fw.tools:
        inds = fw.indicators_of(tool.code)
        for i, ind in enumerate(inds):
            a: Analysis | dict = notes.get(ind.number, {})
            text = ctx.t(a.get("text", ""))
            sugg = [ctx.t(s) for s in a.get("suggestions", [])]
            if sugg and "suggestions" not in td.keys:
                text = "\n".join([text] + [f"- {s}" for s in sugg]) if text else "\n".join(f"- {s}" for s in sugg)
            td.rows.append(_pick(td.keys, {
                "tool": f"{tool.name} ({tool.code})" if i == 0 else "",
                "indicator": ctx.t(f"{ind.number}. ") + ind.name,
                "score": format_score(scores.get(ind.number), ctx.thai),
                "text": text, "category": CATEGORY_TEXT.get(a.get("category", ""), ""),
                "suggestions": "\n".join(f"- {s}" for s in sugg)}))
            row += 1
        td.group_end.add(row - 1)
    if "tool" in td.keys:
        td.grouped_cols.add(td.keys.index("tool"))


def _level_bands(block, ctx: _Ctx, td: TableData):
    fy = _fy(block, ctx.memo)
    fw = framework_of(fy)
    prev_min = None
    for band in fw.levels:            # highest first
        lo = format_score(band.min, ctx.thai)
        if band.min == 0:
            lo = ctx.t("0")
        if prev_min is None:
            rng = f"{lo} - {ctx.t('100')}"
        else:
            rng = f"{lo} - {format_score(prev_min - Decimal('0.01'), ctx.thai)}"
        prev_min = band.min
        td.rows.append(_pick(td.keys, {"range": rng, "level": band.label,
                                       "passing": "ผ่าน" if band.passing else "ไม่ผ่าน"}))


# ---------------------------------------------------------------- measures tables

def _measures(ctx: _Ctx, fy: int) -> list[Measure]:
    return [m for m in ctx.d.get("measures", []) if m.get("fiscal_year") == fy]


def _units(units) -> str:
    return ", ".join(units or [])


def _period(p: Period | None, thai: bool) -> str:
    if not p:
        return ""
    if p.get("text"):
        return digits(p["text"], True) if thai else p["text"]
    try:
        return period_text(p["from"], p["to"], thai)
    except Exception:
        return ""


def _step_prefixes(steps: list[Step], ctx: _Ctx) -> list[str]:
    """"๑. ", "๒. " … or "" for each step, by their count and the form's step_numbers."""
    from ..domain.measures import step_numbers

    try:
        flags = step_numbers(len(steps), ctx.step_style())
    except ItaDeskError as e:
        raise MemoDataError(str(e)) from None
    return [ctx.t(f"{i}. ") if on else "" for i, on in enumerate(flags, 1)]


def _steps_text(steps: list[Step], ctx: _Ctx, dash: bool) -> str:
    out = []
    for s, num in zip(steps, _step_prefixes(steps, ctx)):
        prefix = "- " if dash else num
        out.append(prefix + ctx.t(s["text"]))
    return "\n".join(out)


def _numbered(n: int, title: str, ctx: _Ctx) -> str:
    t = ctx.t(title)
    if t[:1].isdigit():
        return t
    return ctx.t(f"{n}. ") + t


REPORT_TEXT = {"6m": "รอบ 6 เดือน", "12m": "รอบ 12 เดือน"}


def _with_reports(m: Measure, key: Literal["output", "outcome"], ctx: _Ctx) -> str:
    """The measure's own output/outcome, then each progress report's (6m, 12m), labelled."""
    parts = [ctx.t(m[key])] if m.get(key) else []
    for r in m.get("reports", []):
        if r.get(key):
            parts.append(ctx.t(f"{REPORT_TEXT.get(r.get('kind'), r.get('kind', ''))}: {r[key]}"))
    return "\n".join(parts)


def _measure_common(m: Measure, n: int, ctx: _Ctx) -> dict[str, str]:
    return {
        "title": _numbered(n, m["title"], ctx),
        "units": _units(m.get("units")),
        "period": _period(m.get("period"), ctx.thai),
        "monitoring": ctx.t(m.get("monitoring", "")),
        "indicators": ctx.t(", ".join(str(i) for i in m.get("indicators", []))),
        "status": STATUS_TEXT.get(m.get("status", ""), ""),
        "output": _with_reports(m, "output", ctx),
        "outcome": _with_reports(m, "outcome", ctx),
        "suggestions": ctx.t(m.get("suggestions", "")),
        "evidence": "\n".join("- " + ctx.t(e["description"]) for e in m.get("evidence", [])),
    }


def _measures_plan(block, ctx: _Ctx, td: TableData):
    fy = _fy(block, ctx.memo)
    for n, m in enumerate(_measures(ctx, fy), 1):
        vals = _measure_common(m, n, ctx)
        vals["steps"] = _steps_text(m.get("steps", []), ctx, dash=False)
        vals["steps_dash"] = _steps_text(m.get("steps", []), ctx, dash=True)
        td.rows.append(_pick(td.keys, vals))
        td.group_end.add(len(td.rows) - 1)


def _measures_results(block, ctx: _Ctx, td: TableData):
    """One row per measure; when its steps have their own units/period/output (seed 000),
    one row per step, with the measure's title (and its own fields) in the first row."""
    fy = _fy(block, ctx.memo)
    title_col = td.keys.index("title") if "title" in td.keys else None
    for n, m in enumerate(_measures(ctx, fy), 1):
        vals = _measure_common(m, n, ctx)
        steps = m.get("steps", [])
        per_step = any(s.get("units") or s.get("period") or s.get("output") for s in steps)
        if not per_step:
            vals["steps"] = _steps_text(steps, ctx, dash=False)
            vals["steps_dash"] = _steps_text(steps, ctx, dash=True)
            td.rows.append(_pick(td.keys, vals))
        else:
            for i, (s, num) in enumerate(zip(steps, _step_prefixes(steps, ctx)), 1):
                row = dict(vals) if i == 1 else {k: "" for k in vals}
                row["steps"] = num + ctx.t(s["text"])
                row["steps_dash"] = "- " + ctx.t(s["text"])
                row["units"] = _units(s.get("units")) or vals["units"]
                row["period"] = _period(s.get("period"), ctx.thai) or vals["period"]
                if s.get("output"):
                    row["output"] = ctx.t(s["output"])
                elif i > 1:
                    row["output"] = ""
                td.rows.append(_pick(td.keys, row))
        td.group_end.add(len(td.rows) - 1)
    if title_col is not None:
        td.grouped_cols.add(title_col)


def fiscal_year_label(fy: int, thai: bool = True) -> str:
    return fiscal_year_text(fy, thai)
