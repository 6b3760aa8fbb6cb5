"""A district view: many offices' results for one fiscal year, ranked and compared."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable

from .frameworks import Framework
from .scoring import compute, direction_of, level_for


@dataclass(frozen=True)
class OfficeResult:
    rank: int | None
    office: str
    total: Decimal | None
    level: str | None
    tools: dict[str, Decimal]
    previous_total: Decimal | None
    change: Decimal | None
    direction: str | None


Published = tuple[Decimal | None, str | None]     # (published total, published level)


def district_ranking(fw: Framework, offices: Iterable[tuple[Any, ...]]) -> list[OfficeResult]:
    """``offices``: (name, indicator scores of the year, previous year's total or None
    [, (published total, published level)]).

    An office's total is computed from a complete set of indicator scores, else it is the total
    the NACC published (some offices keep only that); offices with a total are ranked by it
    (ties share a rank, then by name); the others follow, unranked."""
    done: list[tuple[str, Decimal, str | None, dict[str, Decimal], Decimal | None]] = []
    partial: list[tuple[str, dict[str, Decimal], Decimal | None]] = []
    for name, scores, prev, *rest in offices:
        r = compute(fw, scores)
        total, level = r.total, r.level
        published: Published | None = rest[0] if rest else None
        if total is None and published is not None and published[0] is not None:
            total = published[0]
            level = published[1] or _level_or_none(fw, total)
        if total is None:
            partial.append((name, r.tools, prev))
        else:
            done.append((name, total, level, r.tools, prev))
    done.sort(key=lambda x: (-x[1], x[0]))
    out: list[OfficeResult] = []
    for pos, (name, total, level, tools, prev) in enumerate(done, 1):
        rank = out[-1].rank if out and out[-1].total == total else pos
        change = total - prev if prev is not None else None
        out.append(OfficeResult(rank, name, total, level, tools, prev, change, direction_of(prev, total)))
    for name, tools, prev in sorted(partial, key=lambda x: x[0]):
        out.append(OfficeResult(None, name, None, None, tools, prev, None, None))
    return out


def _level_or_none(fw: Framework, total: Decimal) -> str | None:
    try:
        return level_for(fw, total)
    except (ValueError, KeyError):
        return None


def level_counts(results: Iterable[OfficeResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in results:
        if r.level:
            counts[r.level] = counts.get(r.level, 0) + 1
    return counts
