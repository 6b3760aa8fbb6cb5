"""Memo forms (``forms/*.toml``): loading, validation and filling a new memo from a form.

A form holds the wording of one kind of memo with fields such as ``{office.name}``,
``{fiscal_year}``, ``{total}``; the signature chain by role; the attachments; typography.
The keys are documented in ``forms/README.md``.  ``load_form`` raises :class:`FormError` with a
Thai message naming the file and, where it can be found, the line.
"""

from __future__ import annotations

import copy
import datetime as _dt
import re
import string
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import FormError, MemoDataError
from .tables import COLUMN_KEYS
from .typography import TYPOGRAPHY_KEYS, Typography

FIELDS = {
    "office.name", "office.kind", "office.amphoe", "office.province", "office.website",
    "office.phone", "office.doc_prefix", "office.staff",
    "fiscal_year", "next_year", "prev_year", "total", "level", "prev_total", "prev_level",
    "change_points", "change_percent", "change_direction", "pass_mark", "date", "unit",
    "author.name", "author.position", "author.unit", "summary",
}
_TOP = {"kind", "name", "description", "subject", "to", "unit", "numbered", "sections", "closing",
        "author", "roles", "chain", "attachments", "typography", "doc_no", "year_offset"}
_SECTION = {"title", "paragraphs"}
_CHAIN = {"role", "heading", "note", "choices", "lines"}
_AUTHOR = {"role", "signature_text"}
_ATTACH = {"title", "orientation", "blocks"}
_BLOCK = {"type", "text", "table", "columns", "rows", "years", "fiscal_year", "year_offset"}
_COLUMN = {"key", "label", "width"}


@dataclass(frozen=True)
class Form:
    kind: str
    name: str
    data: dict
    typography: Typography
    path: str


class _Ctx:
    def __init__(self, path: Path, text: str):
        self.path, self.text = path, text

    def line_of(self, key: str, value: str | None = None) -> int | None:
        lines = self.text.splitlines()
        if value:
            for n, line in enumerate(lines, 1):
                if value[:40] in line:
                    return n
        base = re.sub(r"\[\d+\]", "", key).split(".")[-1]
        for n, line in enumerate(lines, 1):
            s = line.strip()
            if s.startswith(base + " ") or s.startswith(base + "=") or s.strip("[] ") .endswith(base):
                return n
        return None

    def fail(self, key: str, msg: str, value: str | None = None) -> FormError:
        line = self.line_of(key, value)
        where = f" บรรทัด {line}" if line else ""
        return FormError(f"ไฟล์แบบฟอร์ม {self.path.name}{where} (คีย์ “{key}”): {msg}")


def _check_keys(d: Any, allowed: set[str], path: str, c: _Ctx) -> None:
    if not isinstance(d, dict):
        raise c.fail(path or "(ทั้งไฟล์)", "ต้องเป็นตาราง (table)")
    for k in d:
        if k not in allowed:
            raise c.fail(f"{path}{k}", f"ไม่รู้จักคีย์นี้ (ใช้ได้: {', '.join(sorted(allowed))})")


def _check_template(s: Any, key: str, c: _Ctx, extra: set[str] = frozenset()) -> None:
    if not isinstance(s, str):
        raise c.fail(key, "ต้องเป็นข้อความ")
    try:
        parsed = list(string.Formatter().parse(s))
    except ValueError as e:
        raise c.fail(key, f"วงเล็บปีกกา {{ }} ไม่ครบคู่ ({e})", s) from None
    for _, name, spec, conv in parsed:
        if name is None:
            continue
        if name not in FIELDS and name not in extra:
            raise c.fail(key, f"ไม่รู้จักช่อง {{{name}}} (ใช้ได้: {', '.join(sorted(FIELDS | extra))})", s)


def load_form_file(path: Path | str) -> Form:
    from ..domain.tomlfile import read_toml

    path = Path(path)
    data, text = read_toml(path, "ไฟล์แบบฟอร์ม", FormError)
    c = _Ctx(path, text)
    _validate(data, c)
    ty = Typography(**data.get("typography", {}))
    return Form(data["kind"], data.get("name", data["kind"]), data, ty, str(path))


def _validate(data: dict, c: _Ctx) -> None:
    _check_keys(data, _TOP, "", c)
    for req in ("kind", "subject"):
        if req not in data:
            raise c.fail(req, "ไม่มีคีย์นี้ ต้องระบุ")
    if c.path.stem != data["kind"]:
        raise c.fail("kind", f"ต้องตรงกับชื่อไฟล์ (“{c.path.stem}”)", data["kind"])
    roles = data.get("roles", {})
    _check_keys(roles, set(roles), "roles.", c)
    for r, prefixes in roles.items():
        if not (isinstance(prefixes, list) and all(isinstance(p, str) for p in prefixes)):
            raise c.fail(f"roles.{r}", "ต้องเป็นรายการข้อความ เช่น [\"ปลัด\"]")
    role_fields = set(roles)
    for k in ("subject", "to", "unit", "closing", "doc_no"):
        if k in data:
            _check_template(data[k], k, c, role_fields)
    if "year_offset" in data and (isinstance(data["year_offset"], bool) or data["year_offset"] not in (-1, 0, 1)):
        raise c.fail("year_offset", "ต้องเป็น 0 (ปีที่ประเมิน), 1 (ปีถัดไป เช่น มาตรการ) หรือ -1")
    if "numbered" in data and not isinstance(data["numbered"], bool):
        raise c.fail("numbered", "ต้องเป็น true หรือ false")
    for i, sec in enumerate(data.get("sections", [])):
        _check_keys(sec, _SECTION, f"sections[{i}].", c)
        if "title" in sec:
            _check_template(sec["title"], f"sections[{i}].title", c, role_fields)
        paras = sec.get("paragraphs", [])
        if not isinstance(paras, list):
            raise c.fail(f"sections[{i}].paragraphs", "ต้องเป็นรายการข้อความ")
        for j, p in enumerate(paras):
            _check_template(p, f"sections[{i}].paragraphs[{j}]", c, role_fields)
    if "author" in data:
        _check_keys(data["author"], _AUTHOR, "author.", c)
        _check_role(data["author"].get("role"), "author.role", roles, c)
    for i, ch in enumerate(data.get("chain", [])):
        _check_keys(ch, _CHAIN, f"chain[{i}].", c)
        _check_role(ch.get("role"), f"chain[{i}].role", roles, c)
        _check_template(ch.get("heading", ""), f"chain[{i}].heading", c, role_fields | {"position"})
        if "lines" in ch and (not isinstance(ch["lines"], int) or not 0 <= ch["lines"] <= 10):
            raise c.fail(f"chain[{i}].lines", "ต้องเป็นจำนวนเต็ม ๐–๑๐")
    for i, att in enumerate(data.get("attachments", [])):
        _check_keys(att, _ATTACH, f"attachments[{i}].", c)
        if att.get("orientation", "portrait") not in ("portrait", "landscape"):
            raise c.fail(f"attachments[{i}].orientation", "ต้องเป็น \"portrait\" หรือ \"landscape\"")
        for j, line in enumerate(att.get("title", [])):
            _check_template(line, f"attachments[{i}].title[{j}]", c, role_fields)
        for j, b in enumerate(att.get("blocks", [])):
            p = f"attachments[{i}].blocks[{j}]."
            _check_keys(b, _BLOCK, p, c)
            t = b.get("type")
            if t not in ("heading", "paragraph", "table"):
                raise c.fail(p + "type", "ต้องเป็น \"heading\", \"paragraph\" หรือ \"table\"")
            if t in ("heading", "paragraph"):
                _check_template(b.get("text", ""), p + "text", c, role_fields)
            else:
                kind = b.get("table")
                if kind not in COLUMN_KEYS:
                    raise c.fail(p + "table", f"ไม่รู้จักตารางชนิด “{kind}” (ใช้ได้: {', '.join(COLUMN_KEYS)})",
                                 str(kind))
                for k, col in enumerate(b.get("columns", [])):
                    _check_keys(col, _COLUMN, f"{p}columns[{k}].", c)
                    key = col.get("key")
                    if kind != "static" and key not in COLUMN_KEYS[kind]:
                        raise c.fail(f"{p}columns[{k}].key",
                                     f"ตาราง {kind} ไม่รู้จักคอลัมน์ “{key}” (ใช้ได้: {', '.join(COLUMN_KEYS[kind])})",
                                     f'"{key}"')
                    if "width" in col and not (isinstance(col["width"], (int, float)) and 0.1 <= col["width"] <= 100):
                        raise c.fail(f"{p}columns[{k}].width", "ต้องเป็นตัวเลข 0.1–100")
    ty = data.get("typography", {})
    _check_keys(ty, set(TYPOGRAPHY_KEYS), "typography.", c)
    for k, v in ty.items():
        want = TYPOGRAPHY_KEYS[k]
        want = {"float": (int, float), "int": int, "bool": bool, "str": str}.get(
            want if isinstance(want, str) else want.__name__, object)
        if isinstance(v, bool) and want is not bool:
            raise c.fail(f"typography.{k}", "ชนิดข้อมูลไม่ถูกต้อง")
        if not isinstance(v, want):
            raise c.fail(f"typography.{k}", "ชนิดข้อมูลไม่ถูกต้อง")


def _check_role(role, key, roles, c):
    if role is None:
        raise c.fail(key, "ต้องระบุ role")
    if role not in roles:
        raise c.fail(key, f"ไม่มีบทบาท “{role}” ในตาราง [roles]", f'"{role}"')


def forms_dir() -> Path:
    from ..paths import forms_dir as _fd

    return _fd()


def available_forms(directory: Path | None = None) -> list[str]:
    d = directory or forms_dir()
    return sorted(p.stem for p in d.glob("*.toml"))


@lru_cache(maxsize=32)
def _cached(path: str, mtime: float) -> Form:
    return load_form_file(path)


def load_form(kind: str, directory: Path | None = None) -> Form:
    p = (directory or forms_dir()) / f"{kind}.toml"
    if not p.exists():
        have = ", ".join(available_forms(directory))
        raise FormError(f"ไม่พบแบบฟอร์ม “{kind}” (มี: {have})")
    return _cached(str(p), p.stat().st_mtime)


def form_typography(kind: str | None) -> Typography:
    """The typography of a memo's form; defaults when the form is unknown."""
    if not kind:
        return Typography()
    try:
        return load_form(kind).typography
    except FormError as e:
        if "ไม่พบแบบฟอร์ม" in str(e):
            return Typography()
        raise


def form_year_offset(kind: str | None) -> int:
    """How a form's memo year follows the assessment year the clerk works on: ``1`` for the
    measures plan (the plan of year N+1 drawn from the analysis of year N), ``0`` otherwise."""
    if not kind:
        return 0
    try:
        return int(load_form(kind).data.get("year_offset", 0))
    except FormError:
        return 0


def memo_year_for(kind: str, assessment_year: int) -> int:
    """The fiscal year a new memo of ``kind`` is about, for the assessment year on screen."""
    return assessment_year + form_year_offset(kind)


def form_data_gaps(dossier: dict, kind: str, fiscal_year: int, directory: Path | None = None) -> list[str]:
    """Thai warnings for the attached tables of a new ``kind`` memo of ``fiscal_year`` that
    would print empty with the office's data as it is now (no scores, no measures)."""
    form = load_form(kind, directory)
    years = {int(y["fiscal_year"]): y for y in dossier.get("years", [])}
    measure_years = {int(m["fiscal_year"]) for m in dossier.get("measures", []) if m.get("fiscal_year")}
    score_tables = {"score_summary", "score_comparison", "indicator_ranking", "indicator_analysis"}
    out: list[str] = []

    def add(msg: str) -> None:
        if msg not in out:
            out.append(msg)

    for att in form.data.get("attachments", []):
        for b in att.get("blocks", []):
            t = b.get("table")
            if b.get("type") != "table" or t in (None, "static", "level_bands"):
                continue
            fy = int(b.get("fiscal_year") or fiscal_year + int(b.get("year_offset", 0)))
            if t in ("measures_plan", "measures_results") and fy not in measure_years:
                add(f"ยังไม่มีมาตรการของปีงบประมาณ พ.ศ. {fy} ตารางมาตรการที่แนบจะว่าง "
                    f"(เพิ่มมาตรการในแท็บมาตรการก่อนพิมพ์)")
            elif t in score_tables:
                need = [fy - 1, fy] if t == "score_comparison" else [fy]
                for y in need:
                    if not years.get(y, {}).get("indicators"):
                        add(f"ยังไม่มีคะแนนของปีงบประมาณ พ.ศ. {y} ตารางคะแนนที่แนบจะว่าง "
                            f"(กรอกคะแนนในแท็บคะแนนก่อนพิมพ์)")
                if t == "indicator_analysis" and years.get(fy, {}).get("indicators") and \
                        not years[fy].get("analysis"):
                    add(f"ยังไม่มีการวิเคราะห์ของปีงบประมาณ พ.ศ. {fy} ตารางวิเคราะห์ที่แนบจะว่าง "
                        f"(ร่างการวิเคราะห์ในแท็บวิเคราะห์ก่อนพิมพ์)")
    return out


# ---------------------------------------------------------------- filling a new memo

def _match(people: list[dict], prefixes: list[str]) -> dict | None:
    for pre in prefixes:
        for p in people:
            if p.get("position", "").startswith(pre) or (p.get("acting_for") or "").startswith(pre):
                return p
    return None


class _Values(dict):
    def __missing__(self, key):  # pragma: no cover - validation catches unknown fields
        raise MemoDataError(f"แบบฟอร์มอ้างถึงช่อง {{{key}}} ที่ไม่มีข้อมูล")


class _NS:
    def __init__(self, d: dict):
        self.__dict__.update({k: ("" if v is None else v) for k, v in d.items()})

    def __getattr__(self, name):  # missing office fields print as empty
        return ""


# The permanent staff of each kind of local government, as the personnel act names them
# (พ.ร.บ. ระเบียบบริหารงานบุคคลส่วนท้องถิ่น พ.ศ. ๒๕๔๒): a form says {office.staff}, never one kind's word.
_STAFF = (("เทศบาล", "พนักงานเทศบาล"), ("องค์การบริหารส่วนตำบล", "พนักงานส่วนตำบล"),
          ("อบต.", "พนักงานส่วนตำบล"), ("องค์การบริหารส่วนจังหวัด", "พนักงานส่วนจังหวัด"),
          ("อบจ.", "พนักงานส่วนจังหวัด"), ("เมืองพัทยา", "พนักงานเมืองพัทยา"),
          ("กรุงเทพมหานคร", "ข้าราชการกรุงเทพมหานคร"))


def staff_title(office: dict) -> str:
    """พนักงานเทศบาล / พนักงานส่วนตำบล / … for the office's kind (or its name); "พนักงาน" when unknown."""
    for text in (str(office.get("kind") or ""), str(office.get("name") or "")):
        for start, title in _STAFF:
            if text.startswith(start):
                return title
    return "พนักงาน"


def _office_title(p: dict | None) -> str:
    if not p:
        return ""
    return p.get("acting_for") or p.get("position", "")


def _score_values(dossier: dict, fy: int) -> dict:
    from ..domain import scoring
    from ..domain.thai_format import format_score
    from .tables import framework_of

    vals = {"total": "", "level": "", "prev_total": "", "prev_level": "", "change_points": "",
            "change_percent": "", "change_direction": "", "pass_mark": ""}
    years = {y["fiscal_year"]: y for y in dossier.get("years", [])}

    def res(y):
        if y not in years:
            return None, None
        try:
            fw = framework_of(y)
        except Exception:
            return None, None
        sc = {int(k): Decimal(v) for k, v in years[y].get("indicators", {}).items()}
        r = scoring.compute(fw, sc)
        total = r.total if r.total is not None else (
            Decimal(years[y]["published_total"]) if years[y].get("published_total") else None)
        return total, r.level or years[y].get("published_level")

    t, lv = res(fy)
    pt, plv = res(fy - 1)
    try:
        vals["pass_mark"] = format_score(framework_of(fy).pass_mark, thai=False)
    except Exception:
        pass
    if t is not None:
        vals["total"], vals["level"] = format_score(t, thai=False), lv or ""
    if pt is not None:
        vals["prev_total"], vals["prev_level"] = format_score(pt, thai=False), plv or ""
    pts, pct, direction = scoring.compare_totals(pt, t)
    if direction:
        vals["change_points"] = format_score(abs(pts), thai=False)
        vals["change_percent"] = format_score(abs(pct), thai=False) if pct is not None else ""
        vals["change_direction"] = direction
    return vals


def _summary(office: dict, fy: int, v: dict) -> str:
    """The analysis summary sentence (domain.analysis.summary_paragraph), Arabic digits."""
    from ..domain.analysis import summary_paragraph

    if not v.get("total"):
        return ""
    return summary_paragraph(office.get("name", ""), fy, v["total"], v.get("level") or None,
                             v.get("prev_total") or None, v.get("prev_level") or None, thai=False)


_UNIT_WORDS = ("สำนัก", "กอง", "ฝ่าย", "งาน")


def owner_unit(units: list[str], person: dict | None) -> str:
    """The profile unit a memo's author belongs to: the person's own unit, else the unit whose
    name (without งาน/กอง/ฝ่าย/สำนัก) the position names (นักวิเคราะห์นโยบายและแผน → งานนโยบายและแผน),
    else the office's first unit (the one the clerk listed first, usually สำนักปลัด)."""
    p = person or {}
    if p.get("unit"):
        return str(p["unit"])
    where = f"{p.get('position', '')} {p.get('acting_for') or ''}"
    best = ""
    for u in units:
        core = u
        for w in _UNIT_WORDS:
            if core.startswith(w) and len(core) > len(w) + 2:
                core = core[len(w):]
                break
        if core and core in where and len(core) > len(best):
            best = u
    return best or (units[0] if units else "")


def new_memo_from_form(dossier: dict, form_kind: str, fiscal_year: int, *, today=None,
                       directory: Path | None = None, author_key: str | None = None,
                       unit: str | None = None) -> dict:
    """A memo dict (dossier format) with the form's wording filled from the office data.

    Text keeps Arabic digits (the dossier convention); printing converts them.  Roles are
    matched against ``office.people`` by the start of ``position`` or ``acting_for``; a role
    nobody fills is left out of the chain (and the author falls back to the first person).
    ``author_key`` (a person's key: the clerk's usual author) and ``unit`` (the ส่วนราชการ line
    last used) override what the form's roles would choose."""
    form = load_form(form_kind, directory)
    f = form.data
    office = dossier.get("office", {})
    people = office.get("people", [])
    today = today or _dt.date.today()
    who = {r: _match(people, pre) for r, pre in f.get("roles", {}).items()}
    author_role = f.get("author", {}).get("role")
    author = who.get(author_role) if author_role else None
    if author_key:
        author = next((p for p in people if p.get("key") == author_key), author)
    if author is None and people:
        author = people[0]
    from ..domain.thai_format import thai_date_long

    values = _Values({
        "office": _NS({**office, "staff": staff_title(office)}), "fiscal_year": str(fiscal_year), "next_year": str(fiscal_year + 1),
        "prev_year": str(fiscal_year - 1), "date": thai_date_long(today, thai=False),
        "author": _NS(author or {}),
    })
    values.update(_score_values(dossier, fiscal_year))
    values["summary"] = _summary(office, fiscal_year, values)
    unit_text = owner_unit(list(office.get("units", [])), author)
    values["unit"] = unit.strip() if unit and unit.strip() else f"{unit_text} {office.get('name', '')}".strip()
    for r, p in who.items():
        values[r] = _office_title(p)

    def fill(s: str, extra: dict | None = None) -> str:
        v = values if not extra else _Values({**values, **extra})
        return re.sub(r"[ \t]+", " ", string.Formatter().vformat(s, (), v)).strip()

    memo: dict[str, Any] = {
        "key": f"{form_kind}-{fiscal_year}-{today.isoformat()}".replace("_", "-")[:64],
        "form": form_kind,
        "fiscal_year": fiscal_year,
        "unit": fill(f.get("unit", "{unit}")),
        "doc_no": fill(f.get("doc_no", "")),
        "date": today.isoformat(),
        "subject": fill(f["subject"]),
    }
    if f.get("to"):
        memo["to"] = fill(f["to"])
    numbered = f.get("numbered", False)
    sections = []
    for i, sec in enumerate(f.get("sections", []), 1):
        # A paragraph that is only an empty field ({summary} without scores) is left out.
        s: dict[str, Any] = {"paragraphs": [x for x in (fill(p) for p in sec.get("paragraphs", [])) if x]}
        if sec.get("title"):
            title = fill(sec["title"])
            s["title"] = f"{i}. {title}" if numbered else title
        sections.append(s)
    memo["sections"] = sections
    if f.get("closing"):
        memo["closing"] = fill(f["closing"])
    if author:
        a = {"person": author["key"]}
        if f.get("author", {}).get("signature_text"):
            a["signature_text"] = fill(f["author"]["signature_text"])
        memo["author"] = a
    chain = []
    for ch in f.get("chain", []):
        p = who.get(ch["role"])
        if p is None or (author and p["key"] == author["key"]) or p["key"] in {x["person"] for x in chain}:
            continue
        c: dict[str, Any] = {"heading": fill(ch.get("heading", "ความเห็นของ{position}"),
                                             {"position": _office_title(p)}),
                             "person": p["key"]}
        for k in ("note", "lines"):
            if k in ch:
                c[k] = fill(ch[k]) if isinstance(ch[k], str) else ch[k]
        if ch.get("choices"):
            c["choices"] = [fill(x) for x in ch["choices"]]
        chain.append(c)
    memo["chain"] = chain
    atts = []
    for att in f.get("attachments", []):
        a: dict[str, Any] = {"title": [fill(t) for t in att.get("title", [])],
                             "orientation": att.get("orientation", "portrait"), "blocks": []}
        for b in att.get("blocks", []):
            nb = copy.deepcopy(b)
            if nb.get("type") in ("heading", "paragraph"):
                nb["text"] = fill(nb.get("text", ""))
            if nb.get("type") == "table":
                off = nb.pop("year_offset", None)
                if nb.get("table") == "score_comparison" and "years" not in nb:
                    nb["years"] = [fiscal_year - 1, fiscal_year]
                elif off is not None:
                    nb["fiscal_year"] = fiscal_year + int(off)
            else:
                nb.pop("year_offset", None)
            a["blocks"].append(nb)
        atts.append(a)
    memo["attachments"] = atts
    return memo
