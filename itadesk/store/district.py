"""Loading a district's results for one fiscal year in two queries (fast on 1,000 offices)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.district import OfficeResult, district_ranking
from ..domain.errors import ItaDeskError
from ..domain.frameworks import framework_for
from ..domain.scoring import compute
from ..domain.text_hygiene import display_safe
from .models import Assessment, IndicatorScore, Office


def _scores_by_office(session: Session, fiscal_year: int) -> dict[int, dict[int, Decimal]]:
    rows = session.execute(
        select(Assessment.office_id, IndicatorScore.indicator, IndicatorScore.score)
        .join(IndicatorScore, IndicatorScore.assessment_id == Assessment.id)
        .where(Assessment.fiscal_year == fiscal_year, IndicatorScore.score.is_not(None)))
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for office_id, ind, score in rows:
        out[office_id][ind] = score
    return out


def _published(session: Session, fiscal_year: int) -> dict[int, tuple[Decimal | None, str | None]]:
    rows = session.execute(select(Assessment.office_id, Assessment.published_total, Assessment.published_level)
                           .where(Assessment.fiscal_year == fiscal_year))
    return {oid: (total, level) for oid, total, level in rows}


def district_results(session: Session, fiscal_year: int) -> list[OfficeResult]:
    if not 2500 <= fiscal_year <= 2700:     # the dossier's range (docs/dossier.md); SQLite takes no huge int
        raise ItaDeskError(f"ปีงบประมาณ {fiscal_year} ไม่ถูกต้อง ใช้ปี พ.ศ. เช่น 2566")
    fw = framework_for(fiscal_year)
    # names stored by older versions may hold control characters (they would break the XLSX)
    names = {i: display_safe(n) for i, n in session.execute(select(Office.id, Office.name)).all()}
    cur = _scores_by_office(session, fiscal_year)
    prev_scores = _scores_by_office(session, fiscal_year - 1)
    prev_fw = framework_for(fiscal_year - 1)
    prev_totals = {oid: compute(prev_fw, s).total for oid, s in prev_scores.items()}
    published, prev_published = _published(session, fiscal_year), _published(session, fiscal_year - 1)
    for oid, (total, _level) in prev_published.items():      # a year kept only as its published total
        if prev_totals.get(oid) is None and total is not None:
            prev_totals[oid] = total
    offices = set(cur) | {oid for oid, (total, _level) in published.items() if total is not None}
    return district_ranking(fw, ((names[oid], cur.get(oid, {}), prev_totals.get(oid), published.get(oid))
                                 for oid in offices))


def district_years(session: Session) -> list[int]:
    """Every fiscal year some office of the database has an assessment for, oldest first."""
    return list(session.scalars(select(Assessment.fiscal_year).distinct().order_by(Assessment.fiscal_year)))
