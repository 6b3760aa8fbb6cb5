"""Integrity measures (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) as dossier dicts.

``propose_measures`` turns the weak indicators of an analysis into one measure each, in
the style of seed 001's table (มาตรการ/แนวทาง… · วิธีการดำเนินการ · ผู้รับผิดชอบ ·
ระยะเวลาดำเนินการ · การติดตามผล).  The rest are small helpers the GUI, the CLI and the
checker share: period validation, status labels and progress reports.
"""

from __future__ import annotations

import copy
from typing import Any, Iterable, Mapping, Sequence

from .analysis import (
    IndicatorAnalysis, Phrases, SuggestionLibrary, default_phrases, default_rules,
    default_suggestions, Rules,
)
from .errors import InputError
from .frameworks import Framework
from .thai_format import digits, fiscal_year_months, parse_iso_month, period_text

STATUSES = ("planned", "in_progress", "done", "cancelled")
STEP_NUMBERING = ("auto", "always", "never")


def step_numbers(count: int, style: str = "auto") -> list[bool]:
    """Whether each of ``count`` steps prints its number (๑. ๒. …): "auto" numbers a list of two
    or more and leaves a lone step bare, as offices print it; "always" and "never" as they say."""
    if style not in STEP_NUMBERING:
        raise InputError(f"การใส่เลขขั้นตอน “{style}” ไม่รู้จัก (ใช้ได้: auto, always, never)")
    on = style == "always" or (style == "auto" and count > 1)
    return [on] * count
REPORT_KINDS = ("6m", "12m")


def status_label(status: str, phrases: Phrases | None = None) -> str:
    """``"in_progress"`` → ``"อยู่ระหว่างดำเนินการ"``."""
    if status not in STATUSES:
        raise InputError(f"สถานะ “{status}” ไม่ถูกต้อง (ใช้ได้: {', '.join(STATUSES)})")
    return (phrases or default_phrases()).get("status", status)


def status_labels(phrases: Phrases | None = None) -> dict[str, str]:
    return {s: status_label(s, phrases) for s in STATUSES}


def report_kind_label(kind: str, phrases: Phrases | None = None) -> str:
    if kind not in REPORT_KINDS:
        raise InputError(f"ชนิดรายงาน “{kind}” ไม่ถูกต้อง (ใช้ได้: รอบ ๖ เดือน = 6m, รอบ ๑๒ เดือน = 12m)")
    return (phrases or default_phrases()).get("report_kind", kind)


# ------------------------------------------------------------------ periods

def fiscal_year_period(fiscal_year: int) -> dict:
    """The whole fiscal year as ISO months: 2566 → ``{"from": "2022-10", "to": "2023-09"}``."""
    months = fiscal_year_months(fiscal_year)
    (y0, m0), (y1, m1) = months[0], months[-1]
    return {"from": f"{y0:04d}-{m0:02d}", "to": f"{y1:04d}-{m1:02d}"}


def period_within_fiscal_year(period: Mapping[str, Any] | None, fiscal_year: int) -> bool:
    """True when ``from``..``to`` are valid ISO months, in order, inside the fiscal year."""
    if not period:
        return False
    try:
        a = parse_iso_month(str(period.get("from", "")))
        b = parse_iso_month(str(period.get("to", "")))
    except InputError:
        return False
    months = fiscal_year_months(fiscal_year)
    return a <= b and months[0] <= a and b <= months[-1]


def period_problem(period: Mapping[str, Any] | None, fiscal_year: int) -> str | None:
    """A Thai sentence saying what is wrong with a period for the fiscal year, or None."""
    if not period:
        return "ยังไม่ได้กำหนดระยะเวลาดำเนินการ"
    try:
        a = parse_iso_month(str(period.get("from", "")))
        b = parse_iso_month(str(period.get("to", "")))
    except InputError as e:
        return str(e)
    if a > b:
        return "เดือนเริ่มต้นอยู่หลังเดือนสิ้นสุด"
    if not period_within_fiscal_year(period, fiscal_year):
        fy = fiscal_year_period(fiscal_year)
        return (f"ระยะเวลา {period_text(period['from'], period['to'])} อยู่นอกปีงบประมาณ พ.ศ. "
                f"{digits(str(fiscal_year))} ({period_text(fy['from'], fy['to'])})")
    return None


# ------------------------------------------------------------------ units

def choose_units(preferred: Sequence[str], office_units: Sequence[str], all_units: str) -> list[str]:
    """The office's units matching the preferences (exactly, or a longer name such as
    สำนักปลัดเทศบาล for สำนักปลัด); ``all_units`` (ทุกส่วนราชการ) when none match."""
    out: list[str] = []
    for pref in preferred:
        for u in office_units:
            if (u == pref or u.startswith(pref)) and u not in out:
                out.append(u)
                break
    return out or [all_units]


# ------------------------------------------------------------------ proposing

def _title(lib_title: str, indicator_name: str, phrases: Phrases) -> str:
    return lib_title or phrases.fill("measure", "title", indicator=indicator_name)


def propose_measures(fw: Framework, analyses: Iterable[IndicatorAnalysis], next_fiscal_year: int,
                     units: Sequence[str], suggestions_lib: SuggestionLibrary | None = None, *,
                     chosen: Mapping[int, Sequence[str]] | None = None,
                     rules: Rules | None = None, phrases: Phrases | None = None,
                     existing_keys: Iterable[str] = ()) -> list[dict]:
    """One planned measure per weak (urgent/improve) indicator, urgent ones first.

    ``chosen`` maps indicator number → the suggestion texts the clerk kept in the analysis
    (``years[].analysis[].suggestions``); their measure steps come from the library, or the
    text itself without a leading "ควร".  Without a choice, the library's first N are used.
    Keys are ``m<year>-<indicator>``, made unique against ``existing_keys``.
    """
    lib = suggestions_lib or default_suggestions()
    rules = rules or default_rules()
    ph = phrases or default_phrases()
    chosen = chosen or {}
    taken = set(existing_keys)
    weak = [a for a in analyses if a.needs_action]
    weak.sort(key=lambda a: (0 if a.category == "urgent" else 1, a.score if a.score is not None else 0))
    period = fiscal_year_period(next_fiscal_year)
    out = []
    for a in weak:
        entry = lib.for_indicator(fw, a.number)
        texts = list(chosen.get(a.number) or [])
        if texts:
            steps = [lib.step_for(t) for t in texts]
        else:
            steps = [s.step for s in lib.suggestions(fw, a.number, a.weak_items)
                     [: rules.suggestions_per_indicator]]
        preferred: list[str] = []
        for code in a.weak_items:
            it = lib.for_item(fw, code)
            preferred += list(it.units) if it else []
        preferred += list(entry.units) if entry else []
        key = f"m{next_fiscal_year}-{a.number}"
        n = 2
        while key in taken:
            key = f"m{next_fiscal_year}-{a.number}-{n}"
            n += 1
        taken.add(key)
        m = {
            "key": key,
            "fiscal_year": next_fiscal_year,
            "indicators": [a.number],
            "title": _title(entry.measure_title if entry else "", a.name, ph),
            "steps": [{"text": s} for s in steps if s],
            "units": choose_units(preferred, units, ph.get("measure", "all_units")),
            "period": dict(period),
            "monitoring": ph.get("measure", "monitoring"),
            "status": "planned",
        }
        if a.weak_items:
            m["items"] = list(a.weak_items)
        out.append(m)
    return out


# ------------------------------------------------------------------ reports

def merge_report(measure: Mapping[str, Any], report: Mapping[str, Any], *,
                 update_status: bool = True) -> dict:
    """A copy of ``measure`` with ``report`` (kind 6m or 12m) merged in.

    The other kind's report is kept untouched; a report of the same kind is updated field by
    field (fields not given keep what was typed before).  The measure's ``status`` follows the
    newest report that states one (12m over 6m).
    """
    kind = report.get("kind")
    report_kind_label(str(kind))   # validates
    if "status" in report and report["status"] is not None:
        status_label(report["status"])
    new = copy.deepcopy(dict(measure))
    reports = [dict(r) for r in new.get("reports", [])]
    for i, r in enumerate(reports):
        if r.get("kind") == kind:
            merged = dict(r)
            merged.update({k: v for k, v in report.items() if v is not None})
            reports[i] = merged
            break
    else:
        reports.append({k: v for k, v in report.items() if v is not None})
    reports.sort(key=lambda r: REPORT_KINDS.index(r["kind"]))
    new["reports"] = reports
    if update_status:
        for r in reversed(reports):
            if r.get("status"):
                new["status"] = r["status"]
                break
    return new


def report_of(measure: Mapping[str, Any], kind: str) -> dict | None:
    for r in measure.get("reports", []):
        if r.get("kind") == kind:
            return dict(r)
    return None


def measure_units(measure: Mapping[str, Any]) -> list[str]:
    """All responsible units of a measure: its own and its steps' (seed 000 puts them per step)."""
    out: list[str] = []
    for u in list(measure.get("units") or []) + [u for s in measure.get("steps") or []
                                                  for u in (s.get("units") or [])]:
        if u not in out:
            out.append(u)
    return out
