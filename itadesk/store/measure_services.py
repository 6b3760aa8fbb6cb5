"""Service methods for analysis notes, measures, evidence files and progress reports.

A mixin of :class:`itadesk.store.services.Services` (kept in its own module so that file stays
short): same rules — one short transaction per call, plain dicts/dataclasses out, never ORM rows.
A measure edit goes through :func:`concurrency.save_changes` with the version the editor read,
so a clerk on another PC who changed the measure meanwhile is never overwritten silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy import select

from ..domain.errors import InputError, ItaDeskError
from ..domain.safety import replace_file
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


_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _safe_name(name: str) -> str:
    """A file or folder name valid on Windows too."""
    s = _BAD_CHARS.sub("_", name).strip(" .")
    return s[:120] or "ไฟล์"


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
        clean = {k: (list(v) if isinstance(v, tuple) else v) for k, v in changes.items()}
        with self.db.session() as s, s.begin():
            save_changes(s, Measure, measure_id, dict(base), clean, what="มาตรการนี้")
            return _measure(s.get(Measure, measure_id))

    def delete_measure(self, measure_id: int) -> None:
        with self.db.session() as s, s.begin():
            m = s.get(Measure, measure_id)
            if m is not None:
                files = [e.file for e in m.evidence if e.file]
                s.delete(m)
                s.flush()
                for f in files:
                    self._drop_file_if_unused(s, f)

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
            rep = dict(report)
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
        from ..paths import evidence_dir

        return evidence_dir() / ev.file if ev.file else None

    def add_evidence(self, measure_id: int, source: Path | str, description: str = "") -> EvidenceInfo:
        """Copy ``source`` into ``evidence/<office>/<year>/`` (never a link to a USB stick or
        a network folder) and record it with its SHA-256 and a description."""
        from ..paths import evidence_dir

        src = Path(source)
        if not src.is_file():
            raise InputError(f"ไม่พบไฟล์ {src.name} กรุณาตรวจว่าไฟล์ยังอยู่ (เช่น แฟลชไดรฟ์ยังเสียบอยู่)")
        with self.db.session() as s, s.begin():
            m = s.get(Measure, measure_id)
            if m is None:
                raise ItaDeskError("ไม่พบมาตรการนี้แล้ว (อาจถูกผู้ใช้อื่นลบไป)")
            rel_dir = Path(_safe_name(self._office(s).name)) / str(m.fiscal_year)
            folder = evidence_dir() / rel_dir
            folder.mkdir(parents=True, exist_ok=True)
            name = _safe_name(src.name)
            target, n = folder / name, 2
            while target.exists():
                target = folder / f"{Path(name).stem} ({n}){Path(name).suffix}"
                n += 1
            h = hashlib.sha256()
            tmp = target.with_name(f".{target.name}.tmp")
            try:
                with open(src, "rb") as fin, open(tmp, "wb") as fout:
                    for chunk in iter(lambda: fin.read(1 << 20), b""):
                        h.update(chunk)
                        fout.write(chunk)
                replace_file(tmp, target)
            except OSError as e:
                tmp.unlink(missing_ok=True)
                raise ItaDeskError(f"คัดลอกไฟล์ {src.name} ไม่ได้: {e.strerror or e}") from None
            except ItaDeskError:
                tmp.unlink(missing_ok=True)
                raise
            shutil.copystat(src, target, follow_symlinks=True)
            ev = Evidence(description=description.strip() or src.stem, file=(rel_dir / target.name).as_posix(),
                          sha256=h.hexdigest(),
                          position_order=max((e.position_order for e in m.evidence), default=-1) + 1)
            m.evidence.append(ev)
            s.flush()
            return EvidenceInfo(ev.id, ev.description, ev.file, ev.sha256)

    def update_evidence(self, evidence_id: int, description: str) -> None:
        with self.db.session() as s, s.begin():
            e = s.get(Evidence, evidence_id)
            if e is not None:
                e.description = description.strip() or e.description

    def remove_evidence(self, evidence_id: int) -> None:
        """Forget the evidence; its copied file goes too unless another record uses it."""
        with self.db.session() as s, s.begin():
            e = s.get(Evidence, evidence_id)
            if e is None:
                return
            f = e.file
            s.delete(e)
            s.flush()
            if f:
                self._drop_file_if_unused(s, f)

    def _drop_file_if_unused(self, s, rel: str) -> None:
        from ..paths import evidence_dir

        if s.scalar(select(Evidence.id).where(Evidence.file == rel).limit(1)) is None:
            (evidence_dir() / rel).unlink(missing_ok=True)
