"""Dossier files (docs/dossier.md): validation, import (all or nothing) and export.

The exported form is canonical: keys whose value is empty or the default are left out, so
``export(import(x)) == x`` for every canonical dossier (the examples are kept canonical).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.errors import DossierError, FrameworkError, InputError, ItaDeskError
from ..domain.filenames import check_relative, evidence_type, safe_join, shown_name
from ..domain.frameworks import framework_for
from ..domain.text_hygiene import check_memo_size, clean_tree, display_safe
from ..domain.thai_format import parse_score

if TYPE_CHECKING:   # reading a dossier file (itadesk render FILE) needs no SQLAlchemy
    from sqlalchemy.orm import Session

    from .models import Office

MAX_DOSSIER_BYTES = 50 * 1024 * 1024


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    from ..paths import resources_dir

    schema = json.loads((resources_dir() / "dossier.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _where(path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "(ทั้งไฟล์)"


def _schema_message(err) -> str:
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return f"ขาดช่อง “{missing}”"
    if v == "additionalProperties":
        return f"มีช่องที่ไม่รู้จัก ({err.message.split('(')[-1].rstrip(')')})"
    if v == "type":
        return f"ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็น {err.validator_value})"
    if v == "pattern":
        return f"รูปแบบไม่ถูกต้อง: “{str(err.instance)[:60]}”"
    if v in ("enum", "const"):
        return f"ค่า “{str(err.instance)[:60]}” ไม่อยู่ในค่าที่ยอมรับ {err.validator_value}"
    if v in ("maxLength", "minLength", "maximum", "minimum"):
        return f"ค่าอยู่นอกขอบเขตที่ยอมรับ ({v} {err.validator_value})"
    return err.message


def load_dossier_file(path: Path | str) -> dict:
    """Read and validate a dossier file; DossierError (Thai, names the field) on any problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DossierError(f"ไม่พบไฟล์ {path}") from None
    if size > MAX_DOSSIER_BYTES:
        raise DossierError(f"ไฟล์ {path.name} ใหญ่เกินไป ({size // 1024 // 1024} MB) ไม่ใช่แฟ้มข้อมูล ITA Desk")
    raw = path.read_bytes()
    return parse_dossier(raw, name=path.name)


class _DuplicateKey(Exception):
    pass


class _BadNumber(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    """object_pairs_hook: a key given twice in one object is refused (json keeps the last silently)."""
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def _no_constant(token: str) -> Any:
    raise _BadNumber(token)


def _int(token: str) -> int:
    if len(token.lstrip("-")) > 30:     # no field holds more than a few digits; Python refuses > 4300
        raise _BadNumber(token[:20] + "…")
    return int(token)


def parse_dossier(raw: bytes | str, name: str = "แฟ้มข้อมูล") -> dict:
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise DossierError(f"ไฟล์ {name} ไม่ได้บันทึกเป็น UTF-8 กรุณาบันทึกไฟล์ใหม่เป็น UTF-8") from None
    try:
        data = json.loads(raw, object_pairs_hook=_pairs, parse_constant=_no_constant, parse_int=_int)
    except _DuplicateKey as e:
        raise DossierError(f"ไฟล์ {name} มีช่อง “{shown_name(str(e.args[0]), 60)}” ซ้ำกันในออบเจกต์เดียวกัน "
                           "(ค่าหลังจะทับค่าแรกโดยไม่รู้ตัว) กรุณาลบช่องที่ซ้ำออกให้เหลือช่องเดียว แล้วนำเข้าใหม่") from None
    except _BadNumber as e:
        raise DossierError(f"ไฟล์ {name} มีตัวเลขที่ใช้ไม่ได้ ({shown_name(str(e.args[0]), 30)}) "
                           "ตัวเลขต้องเป็นจำนวนปกติ ไม่ใช่ NaN, Infinity หรือยาวเกินไป") from None
    except json.JSONDecodeError as e:
        raise DossierError(f"ไฟล์ {name} ไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {e.lineno} คอลัมน์ {e.colno})") from None
    except RecursionError:
        raise DossierError(f"ไฟล์ {name} ซ้อนกันลึกเกินไป ไม่ใช่แฟ้มข้อมูล ITA Desk") from None
    return clean_dossier(data, name)


def clean_dossier(data: Any, name: str = "แฟ้มข้อมูล") -> dict:
    """Validate (:func:`validate_dossier`) and return a copy with every text cleaned
    (domain/text_hygiene.py: control and bidi characters removed, NFC); DossierError otherwise."""
    validate_dossier(data, name)
    try:
        return clean_tree(data, paths=True)
    except InputError as e:
        raise DossierError(f"ไฟล์ {name}: {e}") from None


def validate_dossier(data: Any, name: str = "แฟ้มข้อมูล") -> None:
    if not isinstance(data, dict):
        raise DossierError(f"ไฟล์ {name} ไม่ใช่แฟ้มข้อมูล ITA Desk (ต้องเป็นออบเจกต์ JSON)")
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        more = f" (และอีก {len(errors) - 1} จุด)" if len(errors) > 1 else ""
        raise DossierError(f"ไฟล์ {name} ช่อง {_where(e.absolute_path)}: {_schema_message(e)}{more}")
    _check_meaning(data, name)
    _check_hygiene(data, name)


def _check_hygiene(d: dict, name: str) -> None:
    """Text limits per field and per memo, characters that are not text, evidence file names
    (docs/dossier.md, "Text and files")."""
    try:
        clean_tree(d, paths=True)
    except InputError as e:
        raise DossierError(f"ไฟล์ {name}: {e}") from None
    for n, memo in enumerate(d.get("memos", [])):
        try:
            check_memo_size(memo.values(), f"บันทึกข้อความ memos[{n}] (“{shown_name(memo.get('key', ''), 40)}”)")
        except InputError as e:
            raise DossierError(f"ไฟล์ {name}: {e}") from None
    for n, m in enumerate(d.get("measures", [])):
        for e_n, ev in enumerate(m.get("evidence", [])):
            if ev.get("file") is None:
                continue
            try:
                check_relative(ev["file"], strict=False)
                evidence_type(ev["file"])
            except InputError as e:
                raise DossierError(f"ไฟล์ {name} ช่อง measures[{n}].evidence[{e_n}].file: {e}") from None


def _dup(values: list[str]) -> str | None:
    seen = set()
    for v in values:
        if v in seen:
            return v
        seen.add(v)
    return None


def _check_meaning(d: dict, name: str) -> None:
    def fail(where: str, msg: str) -> DossierError:
        return DossierError(f"ไฟล์ {name} ช่อง {where}: {msg}")

    office = d["office"]
    people = [p["key"] for p in office.get("people", [])]
    if (k := _dup(people)) is not None:
        raise fail("office.people", f"รหัสบุคคล “{k}” ซ้ำกัน")
    if office.get("analysis_rules"):
        from ..domain.analysis import default_rules, rules_with

        try:
            rules_with(default_rules(), office["analysis_rules"])
        except ItaDeskError as e:
            raise fail("office.analysis_rules", str(e)) from None
    if (b64 := office.get("emblem_png_base64")) is not None:
        try:
            img = base64.b64decode(b64, validate=True)
        except (binascii.Error, ValueError):
            raise fail("office.emblem_png_base64", "ไม่ใช่ข้อมูล base64 ที่ถูกต้อง") from None
        if not img.startswith(b"\x89PNG\r\n\x1a\n"):
            raise fail("office.emblem_png_base64", "ไม่ใช่ภาพ PNG")
    years = [y["fiscal_year"] for y in d.get("years", [])]
    if (y := _dup([str(x) for x in years])) is not None:
        raise fail("years", f"ปีงบประมาณ {y} ซ้ำกัน")
    for n, y in enumerate(d.get("years", [])):
        try:
            fw = framework_for(y["fiscal_year"])
        except FrameworkError as e:
            raise fail(f"years[{n}].fiscal_year", str(e)) from None
        numbers = {i.number for i in fw.indicators}
        for k in y.get("indicators", {}):
            if int(k) not in numbers:
                raise fail(f"years[{n}].indicators.{k}",
                           f"ไม่มีตัวชี้วัดที่ {k} ในกรอบการประเมินปี {fw.fiscal_year}")
        for a_n, a in enumerate(y.get("analysis", [])):
            if a["indicator"] not in numbers:
                raise fail(f"years[{n}].analysis[{a_n}].indicator", f"ไม่มีตัวชี้วัดที่ {a['indicator']}")
        if (k := _dup([str(a["indicator"]) for a in y.get("analysis", [])])) is not None:
            raise fail(f"years[{n}].analysis", f"ตัวชี้วัดที่ {k} มีบทวิเคราะห์ซ้ำ")
        codes = [c.lower() for c in y.get("items", {})]
        if (k := _dup(codes)) is not None:
            raise fail(f"years[{n}].items", f"รหัสข้อ “{k}” ซ้ำกัน (ตัวพิมพ์เล็ก/ใหญ่)")
    if (k := _dup([m["key"] for m in d.get("measures", [])])) is not None:
        raise fail("measures", f"รหัสมาตรการ “{k}” ซ้ำกัน")
    for n, m in enumerate(d.get("measures", [])):
        p = m.get("period")
        if p and p["from"] > p["to"]:
            raise fail(f"measures[{n}].period", "เดือนเริ่มต้องไม่อยู่หลังเดือนสิ้นสุด")
    if (k := _dup([m["key"] for m in d.get("memos", [])])) is not None:
        raise fail("memos", f"รหัสบันทึก “{k}” ซ้ำกัน")
    for n, memo in enumerate(d.get("memos", [])):
        refs = []
        if memo.get("author"):
            refs.append(("author.person", memo["author"]["person"]))
        refs += [(f"chain[{i}].person", c["person"]) for i, c in enumerate(memo.get("chain", []))]
        for where, key in refs:
            if key not in people:
                raise fail(f"memos[{n}].{where}", f"ไม่มีบุคคลรหัส “{key}” ใน office.people")
        if memo.get("date"):
            try:
                dt.date.fromisoformat(memo["date"])
            except ValueError:
                raise fail(f"memos[{n}].date", f"วันที่ “{memo['date']}” ไม่มีจริง") from None
    for n, m in enumerate(d.get("measures", [])):
        for r_n, r in enumerate(m.get("reports", [])):
            if r.get("date"):
                try:
                    dt.date.fromisoformat(r["date"])
                except ValueError:
                    raise fail(f"measures[{n}].reports[{r_n}].date", f"วันที่ “{r['date']}” ไม่มีจริง") from None


# ------------------------------------------------------------------ import

def _score(v: str | None) -> Decimal | None:
    return None if v is None else parse_score(str(v))


def _take_write_lock(session: Session) -> None:
    """On SQLite, start the write transaction now, so the check below and the writes after
    it are one transaction: a second import of the same office waits, then sees the first."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    if session.get_bind().dialect.name == "sqlite":
        try:
            session.execute(text("UPDATE office SET id = id WHERE 0"))
        except OperationalError:
            raise DossierError("ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่นอยู่นานเกินไป (เช่น กำลังนำเข้าข้อมูลอีกชุดหนึ่ง) "
                               "กรุณารอสักครู่แล้วนำเข้าใหม่ (ยังไม่ได้นำเข้าข้อมูลใด ๆ)") from None


def office_identity_clash(name: str) -> DossierError:
    return DossierError(
        f"มีหน่วยงาน “{name}” (ชื่อ อำเภอ และจังหวัดเดียวกัน) อยู่ในฐานข้อมูลแล้ว "
        "ถ้าต้องการแทนที่ข้อมูลเดิมทั้งหมดให้ใช้ตัวเลือก --replace (หรือตอบ “แทนที่” ในหน้าต่างโปรแกรม)")


def import_dossier(session: Session, data: dict, *, replace: bool = False,
                   source_dir: Path | str | None = None) -> Office:
    """Add the dossier's office to the session (caller commits). Validates and cleans first.

    ``source_dir``: the dossier file's folder; an evidence ``file`` is looked up there
    (never outside it) and copied into the data folder under a generated name.  Without it
    a dossier that names evidence files is refused.  The check for an existing office and
    the writes are one transaction; a concurrent import of the same office is refused."""
    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    from .models import (AnalysisNote, Assessment, Evidence, IndicatorScore, ItemScore, Measure, Memo,
                         Office, Person, ProgressReport)

    data = clean_dossier(data)
    o = data["office"]
    _take_write_lock(session)
    # Offices share names across provinces (several เทศบาลตำบลเวียง): name + amphoe + province.
    existing = session.scalar(select(Office).where(Office.name == o["name"],
                                                   Office.amphoe == o.get("amphoe", ""),
                                                   Office.province == o.get("province", "")))
    if existing is not None:
        if not replace:
            raise office_identity_clash(o["name"])
        from .evidence import drop_if_unused

        old_files = [e.file for m in existing.measures for e in m.evidence if e.file]
        session.delete(existing)
        session.flush()
        drop_if_unused(session, old_files)
    office = Office(
        name=o["name"], kind=o.get("kind", ""), amphoe=o.get("amphoe", ""),
        province=o.get("province", ""), doc_prefix=o.get("doc_prefix", ""),
        website=o.get("website", ""), phone=o.get("phone", ""),
        thai_digits=o.get("thai_digits", True), font=o.get("font", ""),
        emblem_png=base64.b64decode(o["emblem_png_base64"]) if o.get("emblem_png_base64") else None,
        units=list(o.get("units", [])), notes=list(data.get("notes", [])),
        analysis_rules=dict(o["analysis_rules"]) if o.get("analysis_rules") else None,
    )
    for n, p in enumerate(o.get("people", [])):
        office.people.append(Person(key=p["key"], name=p["name"], position=p["position"],
                                    acting_for=p.get("acting_for"), unit=p.get("unit"),
                                    position_order=n))
    for y in data.get("years", []):
        a = Assessment(fiscal_year=y["fiscal_year"], published_total=_score(y.get("published_total")),
                       published_level=y.get("published_level"))
        for k, v in y.get("indicators", {}).items():
            a.indicator_scores.append(IndicatorScore(indicator=int(k), score=_score(v)))
        for n, (k, v) in enumerate(y.get("items", {}).items()):
            a.item_scores.append(ItemScore(code=k, score=_score(v), position_order=n))
        for an in y.get("analysis", []):
            a.analysis_notes.append(AnalysisNote(
                indicator=an["indicator"], category=an.get("category"), text=an.get("text", ""),
                edited=an.get("edited", False), suggestions=list(an.get("suggestions", []))))
        office.assessments.append(a)
    for n, m in enumerate(data.get("measures", [])):
        me = Measure(key=m["key"], fiscal_year=m["fiscal_year"], indicators=list(m.get("indicators", [])),
                     items=list(m.get("items", [])), title=m["title"], steps=list(m.get("steps", [])),
                     units=list(m.get("units", [])), period=m.get("period"),
                     monitoring=m.get("monitoring", ""), status=m.get("status"),
                     output=m.get("output", ""), outcome=m.get("outcome", ""),
                     suggestions=m.get("suggestions", ""), position_order=n)
        for e_n, e in enumerate(m.get("evidence", [])):
            file, sha = e.get("file"), e.get("sha256")
            if file is not None:
                file, sha = _copy_evidence(session, source_dir, file, sha, o["name"], m["fiscal_year"],
                                           f"measures[{n}].evidence[{e_n}].file")
            me.evidence.append(Evidence(description=e["description"], file=file,
                                        sha256=sha, position_order=e_n))
        for r_n, r in enumerate(m.get("reports", [])):
            me.reports.append(ProgressReport(
                kind=r["kind"], date=dt.date.fromisoformat(r["date"]) if r.get("date") else None,
                status=r.get("status"), output=r.get("output", ""), outcome=r.get("outcome", ""),
                note=r.get("note", ""), position_order=r_n))
        office.measures.append(me)
    for n, m in enumerate(data.get("memos", [])):
        office.memos.append(Memo(
            key=m["key"], form=m["form"], fiscal_year=m["fiscal_year"], unit=m.get("unit", ""),
            doc_no=m.get("doc_no", ""), date=dt.date.fromisoformat(m["date"]) if m.get("date") else None,
            subject=m["subject"], to=m.get("to", ""), sections=list(m.get("sections", [])),
            closing=m.get("closing", ""), author=m.get("author"), chain=list(m.get("chain", [])),
            attachments=list(m.get("attachments", [])), position_order=n))
    session.add(office)
    try:
        session.flush()
    except IntegrityError:
        # Another import of the same office committed first (the unique office identity).
        raise office_identity_clash(o["name"]) from None
    return office


def _copy_evidence(session: Session, source_dir: Path | str | None, file: str, sha: str | None,
                   office_name: str, fiscal_year: int, where: str) -> tuple[str, str]:
    """Copy one evidence file named by a dossier into the data folder (docs/dossier.md)."""
    from .evidence import copy_in, folder_for

    if source_dir is None:
        raise DossierError(f"ช่อง {where}: แฟ้มข้อมูลอ้างถึงไฟล์หลักฐาน “{shown_name(file)}” "
                           "แต่ไม่ได้นำเข้าจากไฟล์ในโฟลเดอร์ จึงหาไฟล์หลักฐานไม่ได้ (ไม่ได้นำเข้าข้อมูลใด ๆ)")
    try:
        src = safe_join(source_dir, file, strict=False)
        if not src.exists():
            raise InputError(f"ไม่พบไฟล์หลักฐาน “{shown_name(file)}” ในโฟลเดอร์ {Path(source_dir).name} "
                             "(ที่อยู่ของไฟล์หลักฐานนับจากโฟลเดอร์ของแฟ้มข้อมูล) กรุณาวางไฟล์ไว้ตามที่อยู่นั้น "
                             "หรือลบช่อง file ออกจากแฟ้มข้อมูล แล้วนำเข้าใหม่")
        return copy_in(session, src, folder_for(office_name, fiscal_year), original_name=src.name,
                       expect_sha256=sha)
    except InputError as e:
        raise DossierError(f"ช่อง {where}: {e} (ไม่ได้นำเข้าข้อมูลใด ๆ)") from None


# ------------------------------------------------------------------ export

def _clean(d: dict) -> dict:
    """Leave out empty values so the export is canonical."""
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def _fmt(v: Decimal | None) -> str | None:
    if v is None:
        return None
    return f"{v:.2f}"   # scores always with two decimals, as ITAS prints them


def office_to_dossier(office: Office) -> dict:
    o = _clean({
        "name": office.name, "kind": office.kind, "amphoe": office.amphoe, "province": office.province,
        "doc_prefix": office.doc_prefix, "website": office.website, "phone": office.phone,
        "font": office.font,
        "emblem_png_base64": base64.b64encode(office.emblem_png).decode() if office.emblem_png else None,
        "units": list(office.units or []),
        "analysis_rules": dict(office.analysis_rules or {}),
        "people": [_clean({"key": p.key, "name": p.name, "position": p.position,
                           "acting_for": p.acting_for, "unit": p.unit}) for p in office.people],
    })
    if not office.thai_digits:
        o["thai_digits"] = False
    years = []
    for a in office.assessments:
        analysis = []
        for an in a.analysis_notes:
            x = _clean({"indicator": an.indicator, "category": an.category, "text": an.text,
                        "suggestions": list(an.suggestions or [])})
            if an.edited:
                x["edited"] = True
            analysis.append(x)
        years.append(_clean({
            "fiscal_year": a.fiscal_year,
            "indicators": {str(s.indicator): _fmt(s.score) for s in a.indicator_scores if s.score is not None},
            "items": {s.code: _fmt(s.score) for s in a.item_scores if s.score is not None},
            "published_total": _fmt(a.published_total), "published_level": a.published_level,
            "analysis": analysis,
        }))
    measures = []
    for m in office.measures:
        measures.append(_clean({
            "key": m.key, "fiscal_year": m.fiscal_year, "indicators": list(m.indicators or []),
            "items": list(m.items or []), "title": m.title, "steps": list(m.steps or []),
            "units": list(m.units or []), "period": m.period, "monitoring": m.monitoring,
            "status": m.status, "output": m.output, "outcome": m.outcome, "suggestions": m.suggestions,
            "evidence": [_clean({"description": e.description, "file": e.file, "sha256": e.sha256})
                         for e in m.evidence],
            "reports": [_clean({"kind": r.kind, "date": r.date.isoformat() if r.date else None,
                                "status": r.status, "output": r.output, "outcome": r.outcome,
                                "note": r.note}) for r in m.reports],
        }))
    memos = []
    for m in office.memos:
        memos.append(_clean({
            "key": m.key, "form": m.form, "fiscal_year": m.fiscal_year, "unit": m.unit, "doc_no": m.doc_no,
            "date": m.date.isoformat() if m.date else None, "subject": m.subject, "to": m.to,
            "sections": list(m.sections or []), "closing": m.closing, "author": m.author,
            "chain": list(m.chain or []), "attachments": list(m.attachments or []),
        }))
    out: dict[str, Any] = {"format": "itadesk-dossier", "version": 1}
    if office.notes:
        out["notes"] = list(office.notes)
    out["office"] = o
    for k, v in (("years", years), ("measures", measures), ("memos", memos)):
        if v:
            out[k] = v
    # Rows stored by older versions may hold control characters or lone surrogates: every
    # export, print and XLSX gets them cleaned (never refused: nothing stored is lost).
    return display_safe(out)


def export_office(session: Session, name: str | None = None) -> dict:
    from .repo import get_office

    return office_to_dossier(get_office(session, name))


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
