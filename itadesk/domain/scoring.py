"""Scoring: indicator → tool → weighted total → level, year-on-year comparison, ranking.

All arithmetic is in :class:`~decimal.Decimal`.  Tool scores are kept unrounded for the
total (rounding them first gives 88.31 instead of ITAS's 88.30 for seed 001's 2565
scores); only what is shown is rounded, half up, to two decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from .frameworks import Framework
from .thai_format import format_score, percent_change, quantize

INCREASED, DECREASED, UNCHANGED = "เพิ่มขึ้น", "ลดลง", "คงที่"


@dataclass(frozen=True)
class Result:
    fiscal_year: int
    tools: dict[str, Decimal]          # tool code → score (rounded to 2 places)
    total: Decimal | None              # None while any indicator is missing
    level: str | None
    missing: tuple[int, ...] = ()      # indicators without a score
    tools_exact: dict[str, Decimal] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.missing


def compute(fw: Framework, scores: Mapping[int, Decimal | None]) -> Result:
    """Tool scores (mean of their indicators) and the weighted total, if every score is given."""
    exact: dict[str, Decimal] = {}
    missing = tuple(i.number for i in fw.indicators if scores.get(i.number) is None)
    for t in fw.tools:
        vals = [scores.get(i.number) for i in fw.indicators_of(t.code)]
        vals = [Decimal(v) for v in vals if v is not None]
        if vals and len(vals) == len(fw.indicators_of(t.code)):
            exact[t.code] = sum(vals, Decimal(0)) / len(vals)
    total = None
    level = None
    if not missing:
        total = quantize(sum((exact[t.code] * t.weight / 100 for t in fw.tools), Decimal(0)))
        level = level_for(fw, total, {k: quantize(v) for k, v in exact.items()})
    return Result(fw.fiscal_year, {k: quantize(v) for k, v in exact.items()}, total, level,
                  missing, exact)


def level_for(fw: Framework, total: Decimal, tools: Mapping[str, Decimal] | None = None) -> str:
    """The level of a total under the year's scheme; bands with ``tools_min`` also need
    every tool at or above it (2567 on: a 94.64 total with EIT below 85 is only ผ่าน)."""
    for band in fw.levels:
        if total < band.min:
            continue
        if band.tools_min is not None:
            if tools is None or len(tools) < len(fw.tools):
                continue
            if any(v < band.tools_min for v in tools.values()):
                continue
        return band.label
    return fw.levels[-1].label


def is_passing(fw: Framework, total: Decimal) -> bool:
    return total >= fw.pass_mark


@dataclass(frozen=True)
class Mismatch:
    field: str        # "total" / "level"
    published: str
    computed: str

    def message(self) -> str:
        what = "คะแนนรวม" if self.field == "total" else "ระดับผลการประเมิน"
        return (f"{what}ที่ประกาศ ({self.published}) ไม่ตรงกับที่คำนวณจากคะแนนรายตัวชี้วัด "
                f"({self.computed}) กรุณาตรวจสอบคะแนนที่กรอก")


def check_published(fw: Framework, result: Result, published_total: Decimal | None,
                    published_level: str | None) -> list[Mismatch]:
    out: list[Mismatch] = []
    if result.total is not None and published_total is not None and result.total != published_total:
        out.append(Mismatch("total", format_score(published_total), format_score(result.total)))
    if published_level:
        expected = result.level
        if expected is None and published_total is not None:
            expected = level_for(fw, published_total)
        if expected is not None and published_level.strip() != expected:
            out.append(Mismatch("level", published_level.strip(), expected))
    return out


@dataclass(frozen=True)
class IndicatorChange:
    number: int
    name: str
    tool: str
    old: Decimal | None
    new: Decimal | None
    points: Decimal | None
    percent: Decimal | None
    direction: str | None      # เพิ่มขึ้น / ลดลง / คงที่


def direction_of(old: Decimal | None, new: Decimal | None) -> str | None:
    if old is None or new is None:
        return None
    return INCREASED if new > old else DECREASED if new < old else UNCHANGED


def compare(fw: Framework, old: Mapping[int, Decimal | None],
            new: Mapping[int, Decimal | None]) -> list[IndicatorChange]:
    """Per indicator of ``fw`` (the newer year's framework): old, new, change."""
    out = []
    for ind in fw.indicators:
        o, n = old.get(ind.number), new.get(ind.number)
        pts = (n - o) if o is not None and n is not None else None
        pct = percent_change(o, n) if o is not None and n is not None else None
        out.append(IndicatorChange(ind.number, ind.name, ind.tool, o, n, pts, pct, direction_of(o, n)))
    return out


def compare_totals(old: Decimal | None, new: Decimal | None) -> tuple[Decimal | None, Decimal | None, str | None]:
    """(points, percent, direction) of two totals."""
    if old is None or new is None:
        return None, None, None
    return new - old, percent_change(old, new), direction_of(old, new)


@dataclass(frozen=True)
class Ranked:
    rank: int
    number: int
    name: str
    tool: str
    score: Decimal


def ranking(fw: Framework, scores: Mapping[int, Decimal | None]) -> list[Ranked]:
    """Indicators from highest to lowest score; ties share a rank (1, 2, 2, 4)."""
    given = [(i, scores[i.number]) for i in fw.indicators if scores.get(i.number) is not None]
    given.sort(key=lambda p: (-p[1], p[0].number))
    out: list[Ranked] = []
    for pos, (ind, s) in enumerate(given, 1):
        rank = out[-1].rank if out and out[-1].score == s else pos
        out.append(Ranked(rank, ind.number, ind.name, ind.tool, Decimal(s)))
    return out


def weakest(fw: Framework, scores: Mapping[int, Decimal | None], n: int = 3) -> list[Ranked]:
    return list(reversed(ranking(fw, scores)))[:n]


def strongest(fw: Framework, scores: Mapping[int, Decimal | None], n: int = 3) -> list[Ranked]:
    return ranking(fw, scores)[:n]


def below_pass(fw: Framework, scores: Mapping[int, Decimal | None]) -> list[Ranked]:
    """Indicators scored under the year's pass mark, weakest first."""
    return [r for r in reversed(ranking(fw, scores)) if r.score < fw.pass_mark]
