"""The GUI's service layer over the store: plain data in, plain data out, one transaction each.

Widgets never touch SQLAlchemy.  They hold a :class:`Services` object (injected, so tests
can pass one over a temporary database) and call its methods; every method opens a short
session, commits, and returns frozen dataclasses, never ORM rows.  Every edit a clerk makes
is therefore on disk as soon as it is accepted: there is no Save button to forget.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from sqlalchemy import select

from ..domain.district import OfficeResult
from ..domain.dossier_types import Attachment, Comment, Section, Signer
from ..domain.errors import InputError, ItaDeskError
from ..domain.text_hygiene import check_memo_size, clean_field, clean_tree
from .concurrency import ConcurrentEditError, FieldConflict, save_changes
from .measure_services import EvidenceInfo, MeasureInfo, MeasureServicesMixin
from .models import Assessment, IndicatorScore, ItemScore, Memo, Office, Person
from .session import Database

__all__ = ["Services", "OfficeProfile", "PersonInfo", "YearScores", "MemoInfo", "MeasureInfo", "EvidenceInfo",
           "NoOffice", "replace", "ConcurrentEditError"]


def _clean_profile(p: OfficeProfile) -> OfficeProfile:
    """Every text of a profile through domain/text_hygiene (control and bidi characters
    removed, NFC, per-field limits); InputError (Thai, names the field) when refused."""
    people = tuple(replace(x, key=clean_field(x.key, "key"), name=clean_field(x.name, "name"),
                           position=clean_field(x.position, "position"),
                           acting_for=clean_field(x.acting_for, "acting_for"), unit=clean_field(x.unit, "unit"))
                   for x in p.people)
    return replace(p, name=clean_field(p.name, "name"), kind=clean_field(p.kind, "kind"),
                   amphoe=clean_field(p.amphoe, "amphoe"), province=clean_field(p.province, "province"),
                   doc_prefix=clean_field(p.doc_prefix, "doc_prefix"), website=clean_field(p.website, "website"),
                   phone=clean_field(p.phone, "phone"), font=clean_field(p.font, "font"),
                   units=tuple(clean_field(u, "units") for u in p.units), people=people)


def _clean_memo_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {k: clean_tree(v, k) for k, v in fields.items()}


def _replace_people(s, o: Office, people) -> None:
    """The office's signers become ``people`` (rows kept by key, so ids stay stable)."""
    existing = {x.key: x for x in o.people}
    o.people = []
    s.flush()
    for n, x in enumerate(people):
        row = existing.get(x.key) or Person(key=x.key, name=x.name)
        row.name, row.position, row.acting_for = x.name, x.position, x.acting_for or None
        row.unit, row.position_order = x.unit or None, n
        o.people.append(row)


class NoOffice(ItaDeskError):
    """The database holds no office yet (the first-run wizard makes one)."""


@dataclass(frozen=True)
class PersonInfo:
    key: str
    name: str
    position: str = ""
    acting_for: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class OfficeProfile:
    name: str
    kind: str = ""
    amphoe: str = ""
    province: str = ""
    doc_prefix: str = ""
    website: str = ""
    phone: str = ""
    thai_digits: bool = True
    font: str = ""
    emblem_png: bytes | None = None
    units: tuple[str, ...] = ()
    people: tuple[PersonInfo, ...] = ()
    id: int | None = None
    version: int | None = None      # the office row's version when read (optimistic concurrency)


@dataclass(frozen=True)
class YearScores:
    fiscal_year: int
    indicators: Mapping[int, Decimal] = field(default_factory=dict)
    items: Mapping[str, Decimal] = field(default_factory=dict)
    published_total: Decimal | None = None
    published_level: str | None = None
    version: int | None = None      # the assessment row's version when read (None: no row yet)

    def published_base(self) -> dict[str, Any]:
        """What an editor of the published result showed, for :meth:`Services.set_published`."""
        return {"version": self.version, "published_total": self.published_total,
                "published_level": self.published_level}


@dataclass(frozen=True)
class MemoInfo:
    id: int
    key: str
    form: str
    fiscal_year: int
    subject: str
    unit: str = ""
    doc_no: str = ""
    date: dt.date | None = None
    to: str = ""
    sections: tuple[Section, ...] = ()
    closing: str = ""
    author: Signer | None = None
    chain: tuple[Comment, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    version: int = 0                # the memo row's version when read (optimistic concurrency)


MEMO_FIELDS = ("unit", "doc_no", "date", "subject", "to", "sections", "closing", "author", "chain",
               "attachments", "fiscal_year")


def _profile(o: Office) -> OfficeProfile:
    return OfficeProfile(
        id=o.id, name=o.name, kind=o.kind or "", amphoe=o.amphoe or "", province=o.province or "",
        doc_prefix=o.doc_prefix or "", website=o.website or "", phone=o.phone or "",
        thai_digits=bool(o.thai_digits), font=o.font or "", emblem_png=o.emblem_png,
        units=tuple(o.units or ()),
        people=tuple(PersonInfo(p.key, p.name, p.position or "", p.acting_for, p.unit) for p in o.people),
        version=o.version)


def _memo(m: Memo) -> MemoInfo:
    return MemoInfo(id=m.id, key=m.key, form=m.form, fiscal_year=m.fiscal_year, subject=m.subject,
                    unit=m.unit or "", doc_no=m.doc_no or "", date=m.date, to=m.to or "",
                    sections=tuple(m.sections or ()), closing=m.closing or "", author=m.author,
                    chain=tuple(m.chain or ()), attachments=tuple(m.attachments or ()), version=m.version)


# ---------------------------------------------------------------- optimistic concurrency
# Thai names of the fields a clerk edits, used in ConcurrentEditError's message and dialog.
FIELD_LABELS = {
    "name": "ชื่อหน่วยงาน", "kind": "ประเภทหน่วยงาน", "amphoe": "อำเภอ", "province": "จังหวัด",
    "doc_prefix": "เลขที่หนังสือ (ส่วนหน้า)", "website": "เว็บไซต์", "phone": "โทรศัพท์",
    "thai_digits": "ใช้เลขไทย", "font": "แบบอักษร", "emblem_png": "ตราสัญลักษณ์", "units": "ส่วนราชการ",
    "people": "ผู้ลงนาม", "unit": "ส่วนราชการ", "doc_no": "เลขที่หนังสือ", "date": "วันที่", "subject": "เรื่อง",
    "to": "เรียน", "sections": "เนื้อความ", "closing": "คำลงท้าย", "author": "ผู้เสนอ", "chain": "ลำดับการเสนอ",
    "attachments": "สิ่งที่ส่งมาด้วย", "fiscal_year": "ปีงบประมาณ",
    "published_total": "คะแนนรวมที่ประกาศ", "published_level": "ระดับที่ประกาศ",
}


def _norm(v: Any) -> Any:
    """Compare JSON lists read back from the store with the tuples the GUI holds."""
    if isinstance(v, (list, tuple)):
        return [_norm(x) for x in v]
    if isinstance(v, dict):
        return {k: _norm(x) for k, x in v.items()}
    return v


def _guarded_save(s, model: type, pk: Any, base: Mapping[str, Any], changes: Mapping[str, Any],
                  what: str, current: Mapping[str, Any] | None = None) -> int:
    """``save_changes`` at field level: refuse only when a field being saved changed under us.

    An editor saves one field at a time, so another clerk's change to a *different* field
    of the same row is merged (the base is moved to the row's version), while a change to a
    field being saved raises :class:`ConcurrentEditError` with Thai field names.  The row
    is locked (``SELECT … FOR UPDATE`` on PostgreSQL) between the check and the write.
    ``current`` gives stored values the ORM row does not hold as columns (people)."""
    obj = s.get(model, pk, populate_existing=True, with_for_update=True)
    if obj is None:
        raise ConcurrentEditError(what, [], None)
    stored = dict(current or {})
    conflicts = []
    for f, mine in changes.items():
        theirs = stored[f] if f in stored else getattr(obj, f)
        if _norm(theirs) != _norm(base.get(f)):
            conflicts.append(FieldConflict(FIELD_LABELS.get(f, f), base.get(f), theirs, mine))
    if conflicts:
        raise ConcurrentEditError(what, conflicts, obj.version)
    cols = {f: v for f, v in changes.items() if f not in stored}
    return save_changes(s, model, pk, {**base, "version": obj.version}, cols, what)


def _memo_base(base: Any) -> dict[str, Any]:
    if isinstance(base, MemoInfo):
        return {"version": base.version, **{f: getattr(base, f) for f in MEMO_FIELDS}}
    return dict(base)


class Services(MeasureServicesMixin):
    """Everything the window reads or changes, for one office of one database."""

    def __init__(self, db: Database, office_id: int | None = None):
        self.db = db
        self._office_id = office_id

    # ------------------------------------------------------------ office
    @property
    def office_id(self) -> int:
        if self._office_id is None:
            with self.db.session() as s:
                oid = s.scalar(select(Office.id).order_by(Office.id).limit(1))
            if oid is None:
                raise NoOffice("ฐานข้อมูลยังไม่มีข้อมูลหน่วยงาน กรุณากรอกข้อมูลหน่วยงานก่อน")
            self._office_id = oid
        return self._office_id

    def has_office(self) -> bool:
        try:
            self.office_id
        except NoOffice:
            return False
        return True

    def select_office(self, office_id: int | None) -> None:
        self._office_id = office_id

    def offices(self) -> list[tuple[int, str]]:
        """(id, "name (amphoe, province)") of every office, for a chooser."""
        with self.db.session() as s:
            rows = s.execute(select(Office.id, Office.name, Office.amphoe, Office.province).order_by(Office.id))
            return [(i, f"{n} ({a or '-'}, {p or '-'})") for i, n, a, p in rows]

    def _office(self, s) -> Office:
        o = s.get(Office, self.office_id)
        if o is None:
            self._office_id = None
            raise NoOffice("ไม่พบหน่วยงานนี้ในฐานข้อมูลแล้ว")
        return o

    def profile(self) -> OfficeProfile:
        with self.db.session() as s:
            return _profile(self._office(s))

    def save_profile(self, p: OfficeProfile, base: OfficeProfile | None = None) -> OfficeProfile:
        """Create the office (first run) or update the current one.

        ``base``: the profile the editor was opened with.  Then only the fields the clerk
        changed are written, and a field another clerk changed meanwhile is refused with
        ConcurrentEditError (give the fresh profile as ``base`` to overwrite)."""
        p = _clean_profile(p)
        name = p.name.strip()
        if not name:
            raise InputError("กรุณากรอกชื่อหน่วยงาน")
        keys = [x.key for x in p.people]
        if len(set(keys)) != len(keys):
            raise InputError("รหัสผู้ลงนามซ้ำกัน")
        with self.db.session() as s, s.begin():
            # An office is identified by name + amphoe + province (several เทศบาลตำบลเวียง exist).
            clash = s.scalar(select(Office.id).where(Office.name == name, Office.amphoe == p.amphoe,
                                                     Office.province == p.province))
            if p.id is None:
                if clash is not None:
                    raise InputError(f"มีหน่วยงานชื่อ “{name}” อยู่แล้ว")
                o = Office(name=name)
                s.add(o)
            else:
                o = s.get(Office, p.id)
                if o is None:
                    raise NoOffice("ไม่พบหน่วยงานนี้ในฐานข้อมูลแล้ว")
                if clash is not None and clash != p.id:
                    raise InputError(f"มีหน่วยงานชื่อ “{name}” อยู่แล้ว")
                if base is not None:
                    return self._save_profile_fields(s, o, replace(p, name=name), base)
            o.name, o.kind, o.amphoe, o.province = name, p.kind, p.amphoe, p.province
            o.doc_prefix, o.website, o.phone = p.doc_prefix, p.website, p.phone
            o.thai_digits, o.font, o.emblem_png = p.thai_digits, p.font, p.emblem_png
            o.units = [u for u in p.units if u.strip()]
            _replace_people(s, o, p.people)
            s.flush()
            self._office_id = o.id
            return _profile(o)

    _PROFILE_FIELDS = ("name", "kind", "amphoe", "province", "doc_prefix", "website", "phone",
                       "thai_digits", "font", "emblem_png", "units", "people")

    def _save_profile_fields(self, s, o: Office, p: OfficeProfile, base: OfficeProfile) -> OfficeProfile:
        changes = {f: getattr(p, f) for f in self._PROFILE_FIELDS if _norm(getattr(p, f)) != _norm(getattr(base, f))}
        if "units" in changes:
            changes["units"] = [u for u in p.units if u.strip()]
        bdict = {"version": base.version, **{f: getattr(base, f) for f in self._PROFILE_FIELDS}}
        stored_people = _profile(o).people
        _guarded_save(s, Office, o.id, bdict, changes, "ข้อมูลหน่วยงาน", current={"people": stored_people})
        if "people" in changes:
            _replace_people(s, o, p.people)
            o.updated_at = dt.datetime.now()    # an UPDATE of the office row: its version moves on
        s.flush()
        s.refresh(o)
        self._office_id = o.id
        return _profile(o)

    # ------------------------------------------------------------ scores
    def years(self) -> list[int]:
        """Fiscal years that have an assessment for this office."""
        with self.db.session() as s:
            return list(s.scalars(select(Assessment.fiscal_year)
                                  .where(Assessment.office_id == self.office_id)
                                  .order_by(Assessment.fiscal_year)))

    def _assessment(self, s, year: int, create: bool) -> Assessment | None:
        a = s.scalar(select(Assessment).where(Assessment.office_id == self.office_id,
                                              Assessment.fiscal_year == year))
        if a is None and create:
            a = Assessment(office_id=self.office_id, fiscal_year=year)
            s.add(a)
            s.flush()
        return a

    def year_scores(self, year: int) -> YearScores:
        with self.db.session() as s:
            a = self._assessment(s, year, create=False)
            if a is None:
                return YearScores(year)
            return YearScores(year, a.scores(),
                              {i.code: i.score for i in a.item_scores if i.score is not None},
                              a.published_total, a.published_level, a.version)

    def _locked_assessment(self, s, year: int) -> Assessment:
        """The year's assessment, locked for this transaction (created if missing)."""
        a = s.scalar(select(Assessment).where(Assessment.office_id == self.office_id,
                                              Assessment.fiscal_year == year).with_for_update())
        return a if a is not None else self._assessment(s, year, create=True)

    @staticmethod
    def _check_cells(a: Assessment, stored: Mapping, expected: Mapping | None, new: Mapping,
                     label, year: int) -> None:
        """Refuse a write over score cells another clerk changed since the editor showed them."""
        if expected is None:
            return
        conflicts = [FieldConflict(label(k), expected.get(k), stored.get(k), new.get(k))
                     for k in new if k in expected and stored.get(k) != expected[k]]
        if conflicts:
            raise ConcurrentEditError(f"คะแนน ITA ปีงบประมาณ {year}", conflicts, a.version or 0)

    def set_indicator_scores(self, year: int, scores: Mapping[int, Decimal | None],
                             expected: Mapping[int, Decimal | None] | None = None) -> None:
        """Set several indicator scores in one transaction (all or nothing).

        ``expected``: the values the editor showed for those indicators; if another clerk
        has stored something else meanwhile, nothing is written and ConcurrentEditError
        names the indicators (pass the fresh values as ``expected`` to overwrite)."""
        with self.db.session() as s, s.begin():
            a = self._locked_assessment(s, year)
            rows = {r.indicator: r for r in a.indicator_scores}
            self._check_cells(a, {k: r.score for k, r in rows.items()}, expected, scores,
                              lambda n: f"ตัวชี้วัดที่ {n}", year)
            for n, v in scores.items():
                if n in rows:
                    rows[n].score = v
                else:
                    a.indicator_scores.append(IndicatorScore(indicator=n, score=v))

    def set_indicator_score(self, year: int, indicator: int, score: Decimal | None,
                            expected: Decimal | None | object = ...) -> None:
        self.set_indicator_scores(year, {indicator: score},
                                  None if expected is ... else {indicator: expected})

    def set_item_scores(self, year: int, scores: Mapping[str, Decimal | None],
                        expected: Mapping[str, Decimal | None] | None = None) -> None:
        with self.db.session() as s, s.begin():
            a = self._locked_assessment(s, year)
            rows = {r.code.lower(): r for r in a.item_scores}
            if expected is not None:
                self._check_cells(a, {k: r.score for k, r in rows.items()},
                                  {k.lower(): v for k, v in expected.items()},
                                  {k.lower(): v for k, v in scores.items()},
                                  lambda c: f"ข้อ {c}", year)
            nxt = max((r.position_order for r in a.item_scores), default=-1) + 1
            for code, v in scores.items():
                r = rows.get(code.lower())
                if r is not None:
                    r.score = v
                else:
                    a.item_scores.append(ItemScore(code=code, score=v, position_order=nxt))
                    nxt += 1

    def set_item_score(self, year: int, code: str, score: Decimal | None,
                       expected: Decimal | None | object = ...) -> None:
        self.set_item_scores(year, {code: score}, None if expected is ... else {code: expected})

    def set_published(self, year: int, total: Decimal | None, level: str | None,
                      base: Mapping[str, Any] | None = None) -> int:
        """Store the officially published total and level; returns the assessment's new version.

        ``base``: :meth:`YearScores.published_base` of what the editor showed; a total or
        level another clerk changed since then is refused with ConcurrentEditError."""
        level = clean_field((level or "").strip(), "published_level") or None
        with self.db.session() as s, s.begin():
            a = self._locked_assessment(s, year)
            changes = {"published_total": total, "published_level": level}
            if base is None:
                base = {"version": a.version, "published_total": a.published_total,
                        "published_level": a.published_level}
            else:   # only the fields this editor changes are checked (and written)
                changes = {k: v for k, v in changes.items() if v != base.get(k)}
                if not changes:
                    return a.version
            return _guarded_save(s, Assessment, a.id, base, changes, f"ผลการประเมินที่ประกาศ ปี {year}")

    # ------------------------------------------------------------ dossiers
    def import_dossier_file(self, path: Path | str, replace_existing: bool = False) -> str:
        """Import a dossier file (all or nothing) and make its office the current one."""
        from ..faults import check_input_file
        from .dossier import import_dossier, load_dossier_file

        check_input_file(path)      # a folder, /dev/zero, a huge file: refused before reading
        data = load_dossier_file(path)
        with self.db.session() as s, s.begin():
            office = import_dossier(s, data, replace=replace_existing, source_dir=Path(path).parent)
            s.flush()
            self._office_id = office.id
            return office.name

    def office_exists(self, name: str, amphoe: str = "", province: str = "") -> bool:
        with self.db.session() as s:
            return s.scalar(select(Office.id).where(Office.name == name, Office.amphoe == amphoe,
                                                    Office.province == province)) is not None

    def dossier(self) -> dict:
        from .dossier import office_to_dossier

        with self.db.session() as s:
            return office_to_dossier(self._office(s))

    def export_dossier(self, path: Path | str) -> None:
        from ..domain.safety import write_atomic
        from .dossier import dumps

        write_atomic(Path(path), dumps(self.dossier()).encode("utf-8"))

    # ------------------------------------------------------------ memos
    def memos(self, year: int | None = None) -> list[MemoInfo]:
        with self.db.session() as s:
            q = select(Memo).where(Memo.office_id == self.office_id)
            if year is not None:
                q = q.where(Memo.fiscal_year == year)
            return [_memo(m) for m in s.scalars(q.order_by(Memo.position_order, Memo.id))]

    def memo(self, memo_id: int) -> MemoInfo:
        with self.db.session() as s:
            m = s.get(Memo, memo_id)
            if m is None:
                raise ItaDeskError("ไม่พบบันทึกข้อความนี้แล้ว (อาจถูกลบไป)")
            return _memo(m)

    def next_doc_no(self, year: int) -> str:
        from .repo import next_doc_no

        with self.db.session() as s:
            return next_doc_no(s, self._office(s), year)

    def _unique_key(self, s, base: str) -> str:
        taken = set(s.scalars(select(Memo.key).where(Memo.office_id == self.office_id)))
        key, n = base, 2
        while key in taken:
            key, n = f"{base}-{n}", n + 1
        return key

    def add_memo(self, fields: dict[str, Any]) -> MemoInfo:
        """Store a new memo from a dict in the dossier's memo shape (docs/dossier.md)."""
        fields = _clean_memo_fields(fields)
        check_memo_size([v for k, v in fields.items() if k not in ("key", "form")])
        with self.db.session() as s, s.begin():
            o = self._office(s)
            last = max((m.position_order for m in o.memos), default=-1)
            date = fields.get("date")
            if isinstance(date, str):
                date = dt.date.fromisoformat(date)
            m = Memo(key=self._unique_key(s, fields.get("key") or f"{fields['form']}-{fields['fiscal_year']}"),
                     form=fields["form"], fiscal_year=int(fields["fiscal_year"]),
                     subject=fields.get("subject", ""), unit=fields.get("unit", ""),
                     doc_no=fields.get("doc_no", ""), date=date, to=fields.get("to", ""),
                     sections=list(fields.get("sections", [])), closing=fields.get("closing", ""),
                     author=fields.get("author"), chain=list(fields.get("chain", [])),
                     attachments=list(fields.get("attachments", [])), position_order=last + 1)
            o.memos.append(m)
            s.flush()
            return _memo(m)

    def update_memo(self, memo_id: int, base: MemoInfo | Mapping[str, Any] | None = None,
                    **changes: Any) -> MemoInfo:
        """Change memo fields.  ``base``: the memo as the editor showed it; a field being
        saved that another clerk changed meanwhile is refused with ConcurrentEditError
        (give the fresh memo as ``base`` to overwrite)."""
        bad = set(changes) - set(MEMO_FIELDS)
        if bad:
            raise ValueError(f"unknown memo fields {sorted(bad)}")
        changes = {k: list(v) if isinstance(v, tuple) else v for k, v in _clean_memo_fields(changes).items()}
        with self.db.session() as s, s.begin():
            m = s.get(Memo, memo_id)
            if m is None:
                raise ItaDeskError("ไม่พบบันทึกข้อความนี้แล้ว (อาจถูกลบไป)")
            check_memo_size([changes.get(f, getattr(m, f)) for f in MEMO_FIELDS])
            if base is not None:
                _guarded_save(s, Memo, memo_id, _memo_base(base), changes,
                              f"บันทึกข้อความ “{(m.subject or '')[:60]}”")
            else:
                for k, v in changes.items():
                    setattr(m, k, v)
            s.flush()
            return _memo(m)

    # ------------------------------------------------------------ analysis rules of the office
    def analysis_rules(self) -> dict[str, str]:
        """The office's own analysis rule settings ({} = the program's defaults)."""
        if not self.has_office():
            return {}
        with self.db.session() as s:
            return dict(self._office(s).analysis_rules or {})

    def save_analysis_rules(self, overrides: Mapping[str, str]) -> None:
        from ..domain.analysis import default_rules, rules_with

        overrides = {k: clean_field(v, k) for k, v in overrides.items()}
        rules_with(default_rules(), overrides)          # refuse bad values before writing
        with self.db.session() as s, s.begin():
            self._office(s).analysis_rules = dict(overrides) or None

    def backup_now(self) -> Path:
        from .backup import backup_sqlite

        if not self.db.is_sqlite or self.db.sqlite_path is None:
            raise ItaDeskError("การสำรองข้อมูลจากโปรแกรมใช้ได้กับฐานข้อมูล SQLite เท่านั้น สำหรับ PostgreSQL ใช้ pg_dump")
        return backup_sqlite(self.db.engine, reason="manual")

    # ------------------------------------------------------------ district (every office of the database)
    def district_years(self) -> list[int]:
        from .district import district_years

        with self.db.session() as s:
            return district_years(s)

    def district_results(self, fiscal_year: int) -> list[OfficeResult]:
        """All offices' results of one year, ranked (``domain.district.district_ranking``)."""
        from .district import district_results

        with self.db.session() as s:
            return district_results(s, fiscal_year)

    def delete_memo(self, memo_id: int) -> None:
        with self.db.session() as s, s.begin():
            m = s.get(Memo, memo_id)
            if m is not None:
                s.delete(m)


def people_choices(profile: OfficeProfile) -> Iterable[tuple[str, str]]:
    """(key, "name — position") for combo boxes."""
    for p in profile.people:
        yield p.key, f"{p.name} — {p.position}" if p.position else p.name

