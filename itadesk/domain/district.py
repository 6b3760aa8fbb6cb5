"""A district view: many offices' results for one fiscal year, ranked and compared."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Iterable, Mapping

from .frameworks import Framework
from .scoring import compute, direction_of


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


def district_ranking(fw: Framework, offices: Iterable[tuple[str, Mapping[int, Decimal], Decimal | None]]
                     ) -> list[OfficeResult]:
    """``offices``: (name, indicator scores of the year, previous year's total or None).

    Offices with a complete set of scores are ranked by total (ties share a rank, then by
    name); incomplete ones follow, unranked."""
    done: list[tuple[str, Any, Decimal | None, Decimal | None]] = []
    partial: list[tuple[str, Any, Decimal | None, Decimal | None]] = []
    for name, scores, prev in offices:
        r = compute(fw, scores)
        change = (r.total - prev) if r.total is not None and prev is not None else None
        item = (name, r, prev, change)
        (done if r.total is not None else partial).append(item)
    done.sort(key=lambda x: (-x[1].total, x[0]))
    out: list[OfficeResult] = []
    for pos, (name, r, prev, change) in enumerate(done, 1):
        rank = out[-1].rank if out and out[-1].total == r.total else pos
        out.append(OfficeResult(rank, name, r.total, r.level, r.tools, prev, change,
                                direction_of(prev, r.total)))
    for name, r, prev, change in sorted(partial, key=lambda x: x[0]):
        out.append(OfficeResult(None, name, None, None, r.tools, prev, None, None))
    return out


def level_counts(results: Iterable[OfficeResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in results:
        if r.level:
            counts[r.level] = counts.get(r.level, 0) + 1
    return counts
