"""Service methods for analysis notes, measures, evidence files and progress reports.

A mixin of :class:`itadesk.store.services.Services` (kept in its own module so that file stays
short): same rules — one short transaction per call, plain dicts/dataclasses out, never ORM rows.
A measure edit goes through :func:`concurrency.save_changes` with the version the editor read,
so a clerk on another PC who changed the measure meanwhile is never overwritten silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy import select

from ..domain.errors import InputError, ItaDeskError
from ..domain.text_hygiene import clean_tree
from .concurrency import save_changes
from .models import AnalysisNote, Evidence, Measure, ProgressReport

MEASURE_FIELDS = ("indicators", "items", "title", "steps", "units", "period", "monitoring", "status",
                  "output", "outcome", "suggestions")


@dataclass(frozen=True)
class EvidenceInfo:
    id: int
    description: str
    file: str | None = None      # relative to paths.evidence_dir()
    sha256: str | None = None


@dataclass(frozen=True)
class MeasureInfo:
    """A measure as the editor shows it; ``base()`` is what it hands back on save."""

    id: int
    version: int
    key: str
    fiscal_year: int
    title: str
    indicators: tuple = ()
    items: tuple = ()
    steps: tuple = ()             # ({"text": …}, …)
    units: tuple = ()
    period: dict | None = None
    monitoring: str = ""
    status: str | None = None
    output: str = ""
    outcome: str = ""
    suggestions: str = ""
    evidence: tuple[EvidenceInfo, ...] = ()
    reports: tuple[dict, ...] = field(default=())

    def base(self) -> dict[str, Any]:
        """The values this editor read (for optimistic locking)."""
        d = {f: getattr(self, f) for f in MEASURE_FIELDS}
        for k in ("indicators", "items", "steps", "units"):
            d[k] = list(d[k])
        return {"version": self.version, **d}

    def as_dict(self) -> dict:
        """The dossier shape (docs/dossier.md) used by the domain functions."""
        d = {"key": self.key, "fiscal_year": self.fiscal_year, **self.base()}
        d.pop("version")
        d["reports"] = [dict(r) for r in self.reports]
        return d


def _report(r: ProgressReport) -> dict:
    out = {"kind": r.kind, "date": r.date.isoformat() if r.date else None, "status": r.status,
           "output": r.output or "", "outcome": r.outcome or "", "note": r.note or ""}
    return {k: v for k, v in out.items() if v not in (None, "")} | {"kind": r.kind}


def _measure(m: Measure) -> MeasureInfo:
    return MeasureInfo(
        id=m.id, version=m.version, key=m.key, fiscal_year=m.fiscal_year, title=m.title,
        indicators=tuple(m.indicators or ()), items=tuple(m.items or ()),
        steps=tuple(dict(s) for s in m.steps or ()), units=tuple(m.units or ()),
        period=dict(m.period) if m.period else None, monitoring=m.monitoring or "",
        status=m.status, output=m.output or "", outcome=m.outcome or "",
        suggestions=m.suggestions or "",
        evidence=tuple(EvidenceInfo(e.id, e.description, e.file, e.sha256) for e in m.evidence),
        reports=tuple(_report(r) for r in m.reports))


def _note(n: AnalysisNote) -> dict:
    return {"indicator": n.indicator, "category": n.category, "text": n.text or "",
            "edited": bool(n.edited), "suggestions": list(n.suggestions or [])}


class MeasureServicesMixin:
    """Analysis notes, measures, evidence and reports of the current office."""

    # Provided by Services: db, office_id, _office(), _assessment()

    # ------------------------------------------------------------ analysis notes
    def analysis_notes(self, year: int) -> list[dict]:
        """The year's notes in the dossier's ``years[].analysis`` shape, by indicator."""
        with self.db.session() as s:
            a = self._assessment(s, year, create=False)
            return [_note(n) for n in a.analysis_notes] if a is not None else []

    def save_analysis_notes(self, year: int, notes: Iterable[Mapping[str, Any]]) -> list[dict]:
        """Store notes (insert or replace per indicator) in one transaction; others are kept."""
        notes = [clean_tree(dict(n), "analysis") for n in notes]
        with self.db.session() as s, s.begin():
            a = self._assessment(s, year, create=True)
            rows = {n.indicator: n for n in a.analysis_notes}
            for note in notes:
                ind = int(note["indicator"])
                row = rows.get(ind)
                if row is None:
                    row = AnalysisNote(indicator=ind)
                    a.analysis_notes.append(row)
                    rows[ind] = row
                row.category = note.get("category")
                row.text = note.get("text", "") or ""
                row.edited = bool(note.get("edited", False))
                row.suggestions = list(note.get("suggestions") or [])
            s.flush()
            return [_note(n) for n in sorted(rows.values(), key=lambda n: n.indicator)]

    def save_analysis_note(self, year: int, note: Mapping[str, Any]) -> dict:
        ind = int(note["indicator"])
        return next(n for n in self.save_analysis_notes(year, [note]) if n["indicator"] == ind)

    # ------------------------------------------------------------ measures
    def measures(self, year: int) -> list[MeasureInfo]:
        with self.db.session() as s:
            q = (select(Measure).where(Measure.office_id == self.office_id, Measure.fiscal_year == year)
                 .order_by(Measure.position_order, Measure.id))
            return [_measure(m) for m in s.scalars(q)]

    def measure(self, measure_id: int) -> MeasureInfo:
        with self.db.session() as s:
            m = s.get(Measure, measure_id)
            if m is None:
                raise ItaDeskError("ไม่พบมาตรการนี้แล้ว (อาจถูกผู้ใช้อื่นลบไป)")
            return _measure(m)

    def add_measures(self, measures: Iterable[Mapping[str, Any]]) -> list[MeasureInfo]:
        """Add measures given in the dossier shape; keys are made unique for the office."""
        measures = [clean_tree(dict(d), "measure") for d in measures]
        with self.db.session() as s, s.begin():
            o = self._office(s)
            taken = set(s.scalars(select(Measure.key).where(Measure.office_id == o.id)))
            last = max((m.position_order for m in o.measures), default=-1)
            added = []
            for d in measures:
                title = str(d.get("title", "")).strip()
                if not title:
                    raise InputError("กรุณากรอกชื่อมาตรการ")
                base = d.get("key") or f"m{d['fiscal_year']}"
                key, n = base, 2
                while key in taken:
                    key, n = f"{base}-{n}", n + 1
                taken.add(key)
                last += 1
                m = Measure(key=key, fiscal_year=int(d["fiscal_year"]), title=title,
                            indicators=list(d.get("indicators", [])), items=list(d.get("items", [])),
                            steps=[dict(x) for x in d.get("steps", [])], units=list(d.get("units", [])),
                            period=d.get("period"), monitoring=d.get("monitoring", ""),
                            status=d.get("status"), output=d.get("output", ""),
                            outcome=d.get("outcome", ""), suggestions=d.get("suggestions", ""),
                            position_order=last)
                o.measures.append(m)
                added.append(m)
            s.flush()
            return [_measure(m) for m in added]

    def update_measure(self, measure_id: int, base: Mapping[str, Any], changes: Mapping[str, Any]) -> MeasureInfo:
        """Save ``changes`` if nobody changed the measure since ``base`` (its ``version``);
        otherwise :class:`ConcurrentEditError` (Thai) and nothing is written."""
        bad = set(changes) - set(MEASURE_FIELDS)
        if bad:
            raise ValueError(f"unknown measure fields {sorted(bad)}")
        if "title" in changes and not str(changes["title"]).strip():
            raise InputError("ชื่อมาตรการต้องไม่ว่าง")
        clean = {k: (list(v) if isinstance(v, tuple) else v) for k, v in clean_tree(dict(changes)).items()}
        with self.db.session() as s, s.begin():
            save_changes(s, Measure, measure_id, dict(base), clean, what="มาตรการนี้")
            return _measure(s.get(Measure, measure_id))

    def delete_measure(self, measure_id: int) -> None:
        with self.db.session() as s, s.begin():
            m = s.get(Measure, measure_id)
            if m is not None:
                from .evidence import drop_if_unused

                files = [e.file for e in m.evidence if e.file]
                s.delete(m)
                drop_if_unused(s, files)

    # ------------------------------------------------------------ reports
    def save_report(self, measure_id: int, report: Mapping[str, Any]) -> MeasureInfo:
        """Merge a six-month (6m) or year-end (12m) report into the measure (domain.merge_report):
        the other report is kept, fields not given keep what was typed, status follows it."""
        from ..domain.measures import merge_report

        with self.db.session() as s, s.begin():
            m = s.get(Measure, measure_id)
            if m is None:
                raise ItaDeskError("ไม่พบมาตรการนี้แล้ว (อาจถูกผู้ใช้อื่นลบไป)")
            cur = _measure(m).as_dict()
            rep = clean_tree(dict(report), "report")
            if isinstance(rep.get("date"), dt.date):
                rep["date"] = rep["date"].isoformat()
            merged = merge_report(cur, rep)
            rows = {r.kind: r for r in m.reports}
            for n, r in enumerate(merged["reports"]):
                row = rows.get(r["kind"])
                if row is None:
                    row = ProgressReport(kind=r["kind"])
                    m.reports.append(row)
                row.date = dt.date.fromisoformat(r["date"]) if r.get("date") else None
                row.status = r.get("status")
                row.output, row.outcome, row.note = r.get("output", ""), r.get("outcome", ""), r.get("note", "")
                row.position_order = n
            if merged.get("status") != m.status:
                m.status = merged.get("status")
            s.flush()
            return _measure(m)

    # ------------------------------------------------------------ evidence
    def evidence_path(self, ev: EvidenceInfo) -> Path | None:
        """Where the evidence's copy is, always inside the data folder; InputError (Thai) for a
        stored name that points anywhere else (a row written by an older version)."""
        from .evidence import stored_path

        return stored_path(ev.file)

    def evidence_to_open(self, ev: EvidenceInfo) -> Path:
        """The file the window may hand to the system viewer: inside the data folder, a
        regular file of an evidence type; InputError (Thai) otherwise."""
        from .evidence import openable_path

        return openable_path(ev.file)

    def add_evidence(self, measure_id: int, source: Path | str, description: str = "") -> EvidenceInfo:
        """Copy ``source`` into ``evidence/<office>/<year>/`` under a generated name (never a
        link to a USB stick or a network folder) and record it with its SHA-256 and a description."""
        from ..domain.text_hygiene import clean_field
        from .evidence import copy_in, folder_for

        src = Path(source)
        description = clean_field(description, "description")
        with self.db.session() as s, s.begin():
            m = s.get(Measure, measure_id)
            if m is None:
                raise ItaDeskError("ไม่พบมาตรการนี้แล้ว (อาจถูกผู้ใช้อื่นลบไป)")
            rel, digest = copy_in(s, src, folder_for(self._office(s).name, m.fiscal_year))
            ev = Evidence(description=description.strip() or clean_field(src.stem, "description") or "หลักฐาน",
                          file=rel, sha256=digest,
                          position_order=max((e.position_order for e in m.evidence), default=-1) + 1)
            m.evidence.append(ev)
            s.flush()
            return EvidenceInfo(ev.id, ev.description, ev.file, ev.sha256)

    def update_evidence(self, evidence_id: int, description: str) -> None:
        from ..domain.text_hygiene import clean_field

        description = clean_field(description, "description")
        with self.db.session() as s, s.begin():
            e = s.get(Evidence, evidence_id)
            if e is not None:
                e.description = description.strip() or e.description

    def remove_evidence(self, evidence_id: int) -> None:
        """Forget the evidence; its copied file goes too (after the commit) unless another
        record uses it.  A stored name pointing outside the data folder is never acted on."""
        from .evidence import drop_if_unused

        with self.db.session() as s, s.begin():
            e = s.get(Evidence, evidence_id)
            if e is None:
                return
            f = e.file
            s.delete(e)
            drop_if_unused(s, [f])
