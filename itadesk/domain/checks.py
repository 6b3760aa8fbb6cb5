"""Consistency checks of a dossier, run before a memo is printed and by ``itadesk check``.

Each check returns :class:`Finding` s: ``error`` (the printed document would be wrong:
wrong year, wrong level, missing signer, …) or ``warning`` (probably wrong: an OCR-style
typo, another office's name in a table cell, a memo dated before results exist).
Messages are Thai sentences naming what is wrong and what to do; ``where`` points at the
place in the dossier (``memos[m1].subject``, ``measures[m2566-7].period``, …).

Fixed wording to look for and the office-name prefixes are data in
``resources/analysis/typos.toml``.  Years are compared after converting Thai digits.
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from .analysis import AnalysisDataError, Rules, analysis_dir, default_rules
from .errors import FrameworkError
from .frameworks import Framework, framework_for
from .measures import measure_units, period_problem
from .scoring import compute, level_for
from .thai_format import (
    ce_year, digits, fiscal_year_range, format_score, thai_date_long, to_arabic_digits,
)

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Finding:
    severity: str      # "error" | "warning"
    code: str          # stable id of the kind of problem, e.g. "attachment_year"
    message: str       # Thai
    where: str         # e.g. "memos[m1].attachments[0].title[0]"

    def text(self) -> str:
        head = "ข้อผิดพลาด" if self.severity == ERROR else "ข้อควรตรวจสอบ"
        return f"{head}: {self.message} (ตำแหน่ง: {self.where})"


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


# ------------------------------------------------------------------ data

@dataclass(frozen=True)
class Typo:
    wrong: str
    right: str
    note: str = ""


@dataclass(frozen=True)
class CheckData:
    typos: tuple[Typo, ...]
    max_year_distance: int = 2
    office_kinds: tuple[str, ...] = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด",
                                     "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")
    not_names: tuple[str, ...] = ("และ", "หรือ", "ใน", "ที่", "ของ", "ทุก", "ต่าง", "อื่น")


def load_check_data(path: Path | str | None = None) -> CheckData:
    p = Path(path) if path else analysis_dir() / "typos.toml"
    try:
        with open(p, "rb") as f:
            d = tomllib.load(f)
    except FileNotFoundError:
        raise AnalysisDataError(f"ไม่พบไฟล์ {p.name} (ติดตั้งโปรแกรมไม่ครบ)") from None
    except tomllib.TOMLDecodeError as e:
        raise AnalysisDataError(f"ไฟล์ {p.name} รูปแบบ TOML ไม่ถูกต้อง: {e}") from None
    typos = []
    for n, t in enumerate(d.get("typo", [])):
        if not t.get("wrong") or "right" not in t:
            raise AnalysisDataError(f"ไฟล์ {p.name} [[typo]] ที่ {n + 1}: ต้องมี wrong และ right")
        typos.append(Typo(str(t["wrong"]), str(t["right"]), str(t.get("note", ""))))
    kw: dict[str, Any] = {"typos": tuple(typos)}
    if "max_distance" in d.get("years", {}):
        kw["max_year_distance"] = int(d["years"]["max_distance"])
    kinds = d.get("office_names", {}).get("kinds")
    if kinds:
        kw["office_kinds"] = tuple(sorted((str(k) for k in kinds), key=len, reverse=True))
    not_names = d.get("office_names", {}).get("not_names")
    if not_names:
        kw["not_names"] = tuple(str(x) for x in not_names)
    return CheckData(**kw)


@lru_cache(maxsize=1)
def default_check_data() -> CheckData:
    return load_check_data()


# ------------------------------------------------------------------ helpers

_YEAR = re.compile(r"(?<!\d)(2[4-7]\d\d)(?!\d)")
_FISCAL_YEAR = re.compile(r"(?:ปีงบประมาณ|ประจำปี|ITA)\s*(?:พ\.\s*ศ\.\s*)?(?<!\d)(2[4-7]\d\d)(?!\d)")


def years_in(text: str) -> list[int]:
    """Buddhist-era years (2400–2799) in a text typed in Thai or Arabic digits."""
    return [int(y) for y in _YEAR.findall(to_arabic_digits(text or ""))]


def fiscal_years_in(text: str) -> list[int]:
    """Years written as a fiscal year: after ปีงบประมาณ / ประจำปี / ITA (optionally พ.ศ.)."""
    return [int(y) for y in _FISCAL_YEAR.findall(to_arabic_digits(text or ""))]


def _key(obj: Mapping[str, Any], n: int) -> str:
    return str(obj.get("key") or n)


def _th(n: Any) -> str:
    return digits(str(n))


def _memo_texts(memo: Mapping[str, Any], base: str) -> Iterator[tuple[str, str, str]]:
    """(where, text, kind) of every text of a memo; kind: body / title / heading / cell."""
    for k in ("unit", "subject", "to", "closing"):
        if memo.get(k):
            yield f"{base}.{k}", str(memo[k]), "body"
    for i, sec in enumerate(memo.get("sections") or []):
        if sec.get("title"):
            yield f"{base}.sections[{i}].title", sec["title"], "body"
        for j, p in enumerate(sec.get("paragraphs") or []):
            yield f"{base}.sections[{i}].paragraphs[{j}]", p, "body"
    for i, c in enumerate(memo.get("chain") or []):
        for k in ("heading", "note"):
            if c.get(k):
                yield f"{base}.chain[{i}].{k}", c[k], "body"
        for j, ch in enumerate(c.get("choices") or []):
            yield f"{base}.chain[{i}].choices[{j}]", ch, "body"
    for a, att in enumerate(memo.get("attachments") or []):
        ab = f"{base}.attachments[{a}]"
        for j, line in enumerate(att.get("title") or []):
            yield f"{ab}.title[{j}]", line, "title"
        for b, blk in enumerate(att.get("blocks") or []):
            bb = f"{ab}.blocks[{b}]"
            if blk.get("text"):
                yield f"{bb}.text", blk["text"], "heading" if blk.get("type") == "heading" else "paragraph"
            for r, row in enumerate(blk.get("rows") or []):
                for c, cell in enumerate(row):
                    yield f"{bb}.rows[{r}][{c}]", cell, "cell"
            for c, col in enumerate(blk.get("columns") or []):
                if col.get("label"):
                    yield f"{bb}.columns[{c}].label", col["label"], "cell"


def _measure_texts(m: Mapping[str, Any], base: str) -> Iterator[tuple[str, str]]:
    for k in ("title", "monitoring", "output", "outcome", "suggestions"):
        if m.get(k):
            yield f"{base}.{k}", str(m[k])
    for i, s in enumerate(m.get("steps") or []):
        yield f"{base}.steps[{i}].text", s.get("text", "")
        if s.get("output"):
            yield f"{base}.steps[{i}].output", s["output"]


# ------------------------------------------------------------------ years: totals and levels

def _dec(v: Any) -> Decimal | None:
    if v is None or str(v).strip() == "":
        return None
    try:
        return Decimal(to_arabic_digits(str(v)).strip())
    except InvalidOperation:
        return None


def possible_levels(fw: Framework, total: Decimal) -> set[str]:
    """Levels a total can have when the tool scores are unknown (2567 on, the top bands also
    need every tool at a bar: 99.78 may be ผ่านดีเยี่ยม, ผ่านดี or ผ่าน, never ต้องปรับปรุง)."""
    out: set[str] = set()
    for band in fw.levels:
        if total < band.min:
            continue
        out.add(band.label)
        if band.tools_min is None:
            break
    return out or {level_for(fw, total)}


def check_years(dossier: Mapping[str, Any], frameworks: Callable[[int], Framework]) -> list[Finding]:
    out: list[Finding] = []
    for n, y in enumerate(dossier.get("years") or []):
        fy = y.get("fiscal_year")
        where = f"years[{fy if fy is not None else n}]"
        try:
            fw = frameworks(int(fy))
        except (FrameworkError, TypeError, ValueError) as e:
            out.append(Finding(WARNING, "no_framework", f"ตรวจคะแนนปีงบประมาณ {_th(fy)} ไม่ได้: {e}", where))
            continue
        scores = {int(k): _dec(v) for k, v in (y.get("indicators") or {}).items()
                  if str(k).isdigit()}
        result = compute(fw, scores) if scores else None
        ptotal = _dec(y.get("published_total"))
        plevel = (y.get("published_level") or "").strip()
        if result and result.total is not None and ptotal is not None and result.total != ptotal:
            out.append(Finding(
                ERROR, "total_mismatch",
                f"คะแนนรวมที่ประกาศของปีงบประมาณ {_th(fy)} ({format_score(ptotal)}) ไม่ตรงกับที่คำนวณจาก"
                f"คะแนนรายตัวชี้วัด ({format_score(result.total)}) กรุณาตรวจคะแนนที่กรอกกับประกาศผลของ ป.ป.ช.",
                f"{where}.published_total"))
        if not plevel:
            continue
        if fw.fiscal_year != int(fy) and plevel not in fw.level_labels:
            out.append(Finding(
                WARNING, "no_framework",
                f"ยังไม่มีกรอบการประเมินของปีงบประมาณ {_th(fy)} จึงตรวจระดับ “{plevel}” ไม่ได้ "
                f"(ใช้กรอบปี {_th(fw.fiscal_year)} ซึ่งมีระดับ {', '.join(fw.level_labels)}) "
                f"กรุณาเพิ่มไฟล์กรอบการประเมินของปีนั้น", f"{where}.published_level"))
            continue
        if result and result.level is not None:
            expected, basis = {result.level}, f"คะแนนรวมที่คำนวณได้ {format_score(result.total)}"
        elif ptotal is not None:
            expected, basis = possible_levels(fw, ptotal), f"คะแนนรวม {format_score(ptotal)}"
        else:
            continue
        if plevel not in expected:
            want = " หรือ ".join(f"“{x}”" for x in [b.label for b in fw.levels if b.label in expected])
            out.append(Finding(
                ERROR, "level_mismatch",
                f"ระดับผลการประเมินปีงบประมาณ {_th(fy)} ที่บันทึกไว้ “{plevel}” ไม่ตรงกับ{basis} "
                f"ซึ่งต้องอยู่ในระดับ {want} กรุณาแก้ระดับหรือคะแนนให้ตรงกับประกาศผล",
                f"{where}.published_level"))
    return out


# ------------------------------------------------------------------ measures

def _unit_known(unit: str, office_units: list[str]) -> bool:
    u = unit.strip()
    if u.startswith("ทุก"):
        return True
    return any(u == o or u.startswith(o) or o.startswith(u) for o in office_units)


def check_measures(dossier: Mapping[str, Any]) -> list[Finding]:
    out: list[Finding] = []
    office_units = [str(u) for u in (dossier.get("office") or {}).get("units") or []]
    for n, m in enumerate(dossier.get("measures") or []):
        base = f"measures[{_key(m, n)}]"
        fy = m.get("fiscal_year")
        title = m.get("title", "")
        if m.get("period") is not None or not any(s.get("period") for s in m.get("steps") or []):
            problem = period_problem(m.get("period"), int(fy)) if fy else "ไม่ได้ระบุปีงบประมาณ"
            if problem:
                out.append(Finding(ERROR, "measure_period",
                                   f"มาตรการ “{title}”: {problem} กรุณาแก้ระยะเวลาดำเนินการ", f"{base}.period"))
        for i, s in enumerate(m.get("steps") or []):
            if s.get("period") and fy:
                problem = period_problem(s["period"], int(fy))
                if problem:
                    out.append(Finding(ERROR, "measure_period",
                                       f"มาตรการ “{title}” ขั้นตอนที่ {_th(i + 1)}: {problem}",
                                       f"{base}.steps[{i}].period"))
        units = measure_units(m)
        blank = [u for u in units if not str(u).strip()]
        steps_without = [i for i, s in enumerate(m.get("steps") or [])
                         if not m.get("units") and not [u for u in s.get("units") or [] if u.strip()]]
        if not [u for u in units if str(u).strip()] or blank:
            out.append(Finding(ERROR, "measure_units",
                               f"มาตรการ “{title}” ยังไม่ได้ระบุผู้รับผิดชอบ กรุณาเลือกกองหรือส่วนราชการที่รับผิดชอบ",
                               f"{base}.units"))
        elif steps_without:
            out.append(Finding(ERROR, "measure_units",
                               f"มาตรการ “{title}” ขั้นตอนที่ {_th(steps_without[0] + 1)} ไม่มีผู้รับผิดชอบ",
                               f"{base}.steps[{steps_without[0]}].units"))
        elif office_units:
            for u in units:
                if not _unit_known(u, office_units):
                    out.append(Finding(WARNING, "measure_unit_unknown",
                                       f"มาตรการ “{title}”: “{u}” ไม่อยู่ในรายชื่อส่วนราชการของหน่วยงาน "
                                       f"({', '.join(office_units)}) กรุณาตรวจชื่อกอง", f"{base}.units"))
    return out


# ------------------------------------------------------------------ memos

def _parse_date(text: Any) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(str(text))
    except (TypeError, ValueError):
        return None


def check_memo_people(memo: Mapping[str, Any], base: str, people: set[str]) -> list[Finding]:
    out: list[Finding] = []
    author = memo.get("author") or {}
    if not author.get("person"):
        out.append(Finding(ERROR, "memo_author",
                           "บันทึกข้อความยังไม่มีผู้เสนอ (ผู้ลงนาม) กรุณาเลือกผู้เสนอจากรายชื่อบุคลากร",
                           f"{base}.author"))
    elif author["person"] not in people:
        out.append(Finding(ERROR, "memo_person",
                           f"ผู้เสนอ “{author['person']}” ไม่มีในรายชื่อบุคลากรของหน่วยงาน "
                           f"กรุณาเพิ่มบุคลากรหรือเลือกผู้เสนอใหม่", f"{base}.author.person"))
    for i, c in enumerate(memo.get("chain") or []):
        p = c.get("person")
        if not p or p not in people:
            head = c.get("heading") or f"ลำดับที่ {_th(i + 1)}"
            what = f"“{p}” ไม่มีในรายชื่อบุคลากร" if p else "ยังไม่ได้ระบุผู้ลงความเห็น"
            out.append(Finding(ERROR, "memo_person",
                               f"ช่องความเห็น “{head}”: {what} กรุณาเลือกผู้ลงนามจากรายชื่อบุคลากร",
                               f"{base}.chain[{i}].person"))
    return out


def check_memo_date(memo: Mapping[str, Any], base: str, today: _dt.date, rules: Rules) -> list[Finding]:
    out: list[Finding] = []
    d = _parse_date(memo.get("date"))
    fy = memo.get("fiscal_year")
    if d is None:
        if memo.get("date"):
            out.append(Finding(ERROR, "memo_date", f"วันที่ “{memo['date']}” ไม่ใช่วันที่ที่ถูกต้อง", f"{base}.date"))
        else:
            out.append(Finding(WARNING, "memo_date", "บันทึกข้อความยังไม่ได้ลงวันที่", f"{base}.date"))
        return out
    if d > today:
        out.append(Finding(ERROR, "memo_date",
                           f"วันที่ของบันทึก ({thai_date_long(d)}) เป็นวันในอนาคต (วันนี้ {thai_date_long(today)}) "
                           f"กรุณาตรวจวันที่", f"{base}.date"))
    if not fy:
        return out
    form = str(memo.get("form", ""))
    start, _ = fiscal_year_range(int(fy))
    if form in rules.plan_forms:
        earliest = _dt.date(ce_year(int(fy) - 1), rules.results_month, 1)
        why = f"ก่อนประกาศผลการประเมินของปีงบประมาณ {_th(int(fy) - 1)} ที่ใช้จัดทำมาตรการ"
    else:
        earliest = start
        why = f"ก่อนเริ่มปีงบประมาณ {_th(fy)} ({thai_date_long(start)})"
    if d < earliest:
        out.append(Finding(ERROR, "memo_date",
                           f"วันที่ของบันทึก ({thai_date_long(d)}) อยู่{why} กรุณาตรวจวันที่หรือปีงบประมาณของบันทึก",
                           f"{base}.date"))
    elif form in rules.results_forms:
        results = _dt.date(ce_year(int(fy)), rules.results_month, 1)
        if d < results:
            out.append(Finding(WARNING, "memo_date",
                               f"วันที่ของบันทึก ({thai_date_long(d)}) อยู่ก่อนเดือนที่ ป.ป.ช. ประกาศผลการประเมิน"
                               f"ของปีงบประมาณ {_th(fy)} ตามปกติ ({thai_date_long(results)}) กรุณาตรวจวันที่",
                               f"{base}.date"))
    return out


def check_memo_years(memo: Mapping[str, Any], base: str, data: CheckData) -> list[Finding]:
    out: list[Finding] = []
    fy = memo.get("fiscal_year")
    subject = str(memo.get("subject", ""))
    subject_years = set(years_in(subject))
    if fy and subject_years and int(fy) not in subject_years:
        out.append(Finding(ERROR, "subject_year",
                           f"เรื่องของบันทึกระบุปี {', '.join(_th(y) for y in sorted(subject_years))} "
                           f"แต่บันทึกนี้เป็นของปีงบประมาณ {_th(fy)} กรุณาแก้ให้ตรงกัน", f"{base}.subject"))
    allowed = subject_years or ({int(fy)} if fy else set())
    if not allowed:
        return out
    allowed_text = " / ".join(_th(y) for y in sorted(allowed))
    for a, att in enumerate(memo.get("attachments") or []):
        ab = f"{base}.attachments[{a}]"
        lines = [(f"{ab}.title[{j}]", t) for j, t in enumerate(att.get("title") or [])]
        lines += [(f"{ab}.blocks[{b}].text", blk.get("text", "")) for b, blk in enumerate(att.get("blocks") or [])
                  if blk.get("type") == "heading"]
        for where, text in lines:
            ys = set(years_in(text))
            if ys and not ys & allowed:
                out.append(Finding(ERROR, "attachment_year",
                                   f"หัวเรื่องเอกสารแนบระบุปี {', '.join(_th(y) for y in sorted(ys))} "
                                   f"ไม่ตรงกับปีในเรื่องของบันทึก ({allowed_text}): “{text.strip()}”", where))
        for b, blk in enumerate(att.get("blocks") or []):
            if blk.get("type") != "table":
                continue
            where = f"{ab}.blocks[{b}]"
            if blk.get("fiscal_year") and int(blk["fiscal_year"]) not in allowed:
                out.append(Finding(ERROR, "attachment_year",
                                   f"ตารางในเอกสารแนบเป็นของปีงบประมาณ {_th(blk['fiscal_year'])} "
                                   f"ไม่ตรงกับปีในเรื่องของบันทึก ({allowed_text})", f"{where}.fiscal_year"))
            if blk.get("years") and max(int(y) for y in blk["years"]) not in allowed:
                out.append(Finding(ERROR, "attachment_year",
                                   f"ตารางเปรียบเทียบในเอกสารแนบสิ้นสุดที่ปี {_th(max(blk['years']))} "
                                   f"ไม่ตรงกับปีในเรื่องของบันทึก ({allowed_text})", f"{where}.years"))
    # Fiscal years far from the memo's, in the body and attachment text (e.g. 2555 in a 2565 memo).
    if fy:
        for where, text, kind in _memo_texts(memo, base):
            if kind in ("title", "heading"):
                continue
            for y in fiscal_years_in(text):
                if abs(y - int(fy)) > data.max_year_distance:
                    out.append(Finding(WARNING, "year_far",
                                       f"ข้อความระบุปีงบประมาณ {_th(y)} ซึ่งห่างจากปีของบันทึก ({_th(fy)}) "
                                       f"อาจพิมพ์ผิด กรุณาตรวจ", where))
    return out


def find_typos(text: str, data: CheckData) -> list[Typo]:
    return [t for t in data.typos if t.wrong in (text or "")]


def _typo_findings(where: str, text: str, data: CheckData) -> list[Finding]:
    out = []
    for t in find_typos(text, data):
        note = f" ({t.note})" if t.note else ""
        out.append(Finding(WARNING, "typo", f"พบ “{t.wrong}” ควรเป็น “{t.right}”{note}", where))
    return out


def other_office_names(text: str, office_name: str, data: CheckData) -> list[str]:
    """Office names in ``text`` that are not the dossier's office (โดยเทียบคำนำหน้าชื่อหน่วยงาน)."""
    own_kind = next((k for k in data.office_kinds if office_name.startswith(k)), "")
    own_short = office_name[len(own_kind):].strip()
    text = text or ""
    found: list[str] = []
    pattern = "|".join(re.escape(k) for k in data.office_kinds)
    for m in re.finditer(pattern, text):
        kind, rest = m.group(0), text[m.end():]
        if own_short and kind == own_kind and rest.lstrip(" ").startswith(own_short):
            continue
        name = re.match(r"[\u0E00-\u0E7F]{0,30}", rest).group(0)
        if not name or name.startswith(data.not_names):
            continue   # the kind word alone ("ทุกเทศบาลตำบล และ…", "เทศบาลตำบลในอำเภอ")
        full = kind + name
        if full != office_name and full not in found:
            found.append(full)
    return found


def check_memo_texts(memo: Mapping[str, Any], base: str, office_name: str, data: CheckData) -> list[Finding]:
    out: list[Finding] = []
    for where, text, kind in _memo_texts(memo, base):
        out += _typo_findings(where, text, data)
        if office_name:
            for other in other_office_names(text, office_name, data):
                sev = ERROR if kind in ("title", "heading") else WARNING
                place = "เอกสารแนบ" if ".attachments[" in where else "บันทึก"
                out.append(Finding(sev, "office_name",
                                   f"{place}ระบุชื่อ “{other}” ซึ่งไม่ใช่หน่วยงานของแฟ้มนี้ ({office_name}) "
                                   f"อาจคัดลอกมาจากเอกสารของหน่วยงานอื่น กรุณาแก้ชื่อหน่วยงาน", where))
    return out


# ------------------------------------------------------------------ entry points

def check_dossier(dossier: Mapping[str, Any], *, today: _dt.date,
                  frameworks: Callable[[int], Framework] | None = None,
                  rules: Rules | None = None, data: CheckData | None = None) -> list[Finding]:
    """Every finding for a dossier: years (totals, levels), measures, memos.

    ``frameworks`` maps a fiscal year to its framework (default :func:`framework_for`).
    """
    frameworks = frameworks or framework_for
    rules = rules or default_rules()
    data = data or default_check_data()
    office = dossier.get("office") or {}
    office_name = str(office.get("name", "")).strip()
    people = {p.get("key") for p in office.get("people") or [] if p.get("key")}
    out = check_years(dossier, frameworks)
    out += check_measures(dossier)
    for n, m in enumerate(dossier.get("measures") or []):
        base = f"measures[{_key(m, n)}]"
        for where, text in _measure_texts(m, base):
            out += _typo_findings(where, text, data)
            for other in other_office_names(text, office_name, data) if office_name else []:
                out.append(Finding(WARNING, "office_name",
                                   f"มาตรการระบุชื่อ “{other}” ซึ่งไม่ใช่หน่วยงานของแฟ้มนี้ ({office_name}) "
                                   f"กรุณาแก้ชื่อหน่วยงาน", where))
    for n, memo in enumerate(dossier.get("memos") or []):
        base = f"memos[{_key(memo, n)}]"
        out += check_memo_people(memo, base, people)
        out += check_memo_date(memo, base, today, rules)
        out += check_memo_years(memo, base, data)
        out += check_memo_texts(memo, base, office_name, data)
    return out


def check_memo(dossier: Mapping[str, Any], memo_key: str, *, today: _dt.date,
               frameworks: Callable[[int], Framework] | None = None,
               rules: Rules | None = None, data: CheckData | None = None) -> list[Finding]:
    """Findings that matter before printing one memo: the memo's own, and those of the years
    and measures of the fiscal years its subject names (the data its tables print)."""
    memo = next((m for m in dossier.get("memos") or [] if m.get("key") == memo_key), None)
    if memo is None:
        return [Finding(ERROR, "memo_missing", f"ไม่พบบันทึกข้อความรหัส “{memo_key}”", f"memos[{memo_key}]")]
    years = set(years_in(str(memo.get("subject", "")))) | {int(memo["fiscal_year"])}
    years |= {int(b["fiscal_year"]) for a in memo.get("attachments") or [] for b in a.get("blocks") or []
              if b.get("fiscal_year")}
    years |= {int(y) for a in memo.get("attachments") or [] for b in a.get("blocks") or []
              for y in b.get("years") or []}
    measure_keys = {f"measures[{_key(m, n)}]" for n, m in enumerate(dossier.get("measures") or [])
                    if m.get("fiscal_year") in years}
    year_keys = {f"years[{y}]" for y in years}
    mine = f"memos[{memo_key}]"
    out = []
    for f in check_dossier(dossier, today=today, frameworks=frameworks, rules=rules, data=data):
        head = f.where.split(".", 1)[0]
        if head == mine or head in measure_keys or head in year_keys:
            out.append(f)
    return out
