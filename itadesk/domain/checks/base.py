"""What every rule family shares: findings with a machine-readable location and a place in the
clerk's words, the walk over every printed text of a dossier, and the data the rules compare with
(frameworks, computed scores, the office profile)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterator, Mapping

from ..analysis import Rules
from ..errors import FrameworkError
from ..frameworks import Framework
from ..scoring import Result, compute
from ..thai_format import digits, to_arabic_digits

ERROR, NOTICE = "error", "notice"
WARNING = NOTICE          # the name used before the rebuild

# rule families (the order the report and the benchmark use)
FAMILIES = ("numbers", "names", "office", "people", "dates", "spelling")
FAMILY_LABELS = {"numbers": "ตัวเลขและปี", "names": "ชื่อตามกรอบการประเมิน", "office": "ชื่อหน่วยงาน",
                 "people": "บุคคลและส่วนราชการ", "dates": "วันที่และระยะเวลา", "spelling": "การสะกดและข้อความ"}


@dataclass(frozen=True)
class Location:
    """Where a finding is, for a program: the window goes there on a click."""

    kind: str                      # "memo" | "measure" | "year" | "office"
    key: str = ""                  # memo key, measure key, fiscal year (as text)
    field: str = ""                # subject, to, unit, date, doc_no, closing, author, chain, section,
    #                                attachment, units, period, title, steps, published_level, …
    section: int | None = None     # memo section index (0-based)
    paragraph: int | None = None   # paragraph index in the section (0-based)
    attachment: int | None = None
    block: int | None = None
    line: int | None = None        # attachment title line / chain entry / step index
    row: int | None = None
    col: int | None = None
    sub: str = ""                  # a step's own field (output, period, units)

    def path(self) -> str:
        """The old dotted path (``memos[m1].sections[1].paragraphs[0]``), kept for tooltips and logs."""
        head = {"memo": "memos", "measure": "measures", "year": "years", "office": "office"}[self.kind]
        p = head if self.kind == "office" else f"{head}[{self.key}]"
        if self.kind == "memo":
            if self.section is not None:
                p += f".sections[{self.section}]"
                p += f".paragraphs[{self.paragraph}]" if self.paragraph is not None else ".title"
                return p
            if self.attachment is not None:
                p += f".attachments[{self.attachment}]"
                if self.block is not None:
                    p += f".blocks[{self.block}]"
                    if self.row is not None:
                        return p + f".rows[{self.row}][{self.col}]"
                    if self.col is not None:
                        return p + f".columns[{self.col}].label"
                    return p + (f".{self.field}" if self.field not in ("", "block") else "")
                if self.line is not None:
                    return p + f".title[{self.line}]"
                return p
            if self.field == "chain" and self.line is not None:
                return p + f".chain[{self.line}]" + (f".{self.sub}" if self.sub else "")
        if self.kind == "measure" and self.field == "steps" and self.line is not None:
            return p + f".steps[{self.line}]" + (f".{self.sub}" if self.sub else "")
        return p + (f".{self.field}" if self.field else "")

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "")}


@dataclass(frozen=True)
class Finding:
    severity: str      # ERROR | NOTICE
    code: str          # stable id of the kind of problem, e.g. "attachment_year"
    message: str       # Thai: what is wrong (quoted) and what the data says
    loc: Location
    place: str = ""    # the place in the clerk's words
    family: str = ""   # numbers / names / office / people / dates / spelling
    quote: str = ""    # the words found wrong, as typed (when the rule isolates them)

    @property
    def where(self) -> str:
        return self.loc.path()

    def text(self) -> str:
        head = "ข้อผิดพลาด" if self.severity == ERROR else "ข้อควรตรวจสอบ"
        return f"{head}: {self.place}: {self.message}" if self.place else f"{head}: {self.message}"


def has_errors(findings: Any) -> bool:
    return any(f.severity == ERROR for f in findings)


# ------------------------------------------------------------------ small helpers

def th(n: Any) -> str:
    """Thai digits for a number or text."""
    return digits(str(n))


def short(text: str, n: int = 40) -> str:
    """The first words of a text, about ``n`` letters, cut between words (never inside one)."""
    t = " ".join(str(text or "").split())
    if len(t) <= n:
        return t
    from ..wordbreak import segment

    out = ""
    for tok in segment(t):
        if len(out) + len(tok) > n and out:
            break
        out += tok
    return out.rstrip() + "…"


def quote(text: str) -> str:
    return f"‘{short(text, 60)}’"


def arabic(text: str) -> str:
    return to_arabic_digits(text or "")


def dec(v: Any) -> Decimal | None:
    if v is None or str(v).strip() == "":
        return None
    try:
        return Decimal(arabic(str(v)).replace(",", "").strip())
    except InvalidOperation:
        return None


def squash(text: str) -> str:
    """No spaces: Thai text compared as typed, whatever the spacing."""
    return re.sub(r"\s+", "", text or "")


_SECTION_NUM = re.compile(r"^\s*[\d๐-๙]+\s*[.)]\s*")


def section_label(title: str) -> str:
    return _SECTION_NUM.sub("", title or "").strip()


# ------------------------------------------------------------------ texts and places

@dataclass(frozen=True)
class TextItem:
    loc: Location
    text: str
    place: str
    kind: str            # subject / to / unit / closing / paragraph / title / heading / cell / label /
    #                      chain / measure
    memo: Mapping[str, Any] | None = None
    measure: Mapping[str, Any] | None = None
    table: Mapping[str, Any] | None = None     # the static table of a cell
    row: tuple[str, ...] = ()                  # the whole row of a cell


def memo_name(memo: Mapping[str, Any]) -> str:
    s = memo.get("subject") or ""
    return f"บันทึก ‘{short(s, 45)}’" if s else f"บันทึก “{memo.get('key', '')}”"


def measure_name(m: Mapping[str, Any]) -> str:
    fy = m.get("fiscal_year")
    y = f" (ปีงบประมาณ {th(fy)})" if fy else ""
    return f"มาตรการ ‘{short(m.get('title', ''), 40)}’{y}"


_MEMO_FIELDS = {"subject": "เรื่อง", "to": "เรียน", "unit": "ส่วนราชการ", "closing": "ย่อหน้าลงท้าย",
                "doc_no": "เลขที่หนังสือ", "date": "วันที่", "author": "ผู้เสนอ"}
_MEASURE_FIELDS = {"title": "ชื่อมาตรการ", "monitoring": "การติดตามผล", "output": "ผลการดำเนินงาน",
                   "outcome": "ผลลัพธ์", "suggestions": "ข้อเสนอแนะ", "units": "ผู้รับผิดชอบ",
                   "period": "ระยะเวลา"}


def memo_field_place(memo: Mapping[str, Any], fld: str) -> str:
    return f"{memo_name(memo)} ช่อง{_MEMO_FIELDS.get(fld, fld)}"


def section_place(memo: Mapping[str, Any], i: int, j: int | None) -> str:
    secs = memo.get("sections") or []
    title = section_label(secs[i].get("title", "")) if i < len(secs) else ""
    if title:
        head = f"ข้อ {th(i + 1)} {title}"
    elif sum(1 for s in secs if not s.get("title")) > 1:
        head = f"ส่วนที่ {th(i + 1)}"
    else:
        head = ""
    tail = f"ย่อหน้าที่ {th(j + 1)}" if j is not None else "หัวข้อ"
    return " ".join(x for x in (memo_name(memo), head, tail) if x)


def attachment_place(memo: Mapping[str, Any], a: int) -> str:
    atts = memo.get("attachments") or []
    t = (atts[a].get("title") or [""])[0] if a < len(atts) else ""
    return f"{memo_name(memo)} เอกสารแนบ {th(a + 1)}" + (f" ‘{short(t, 35)}’" if t else "")


def measure_place(m: Mapping[str, Any], fld: str, step: int | None = None, sub: str = "") -> str:
    if step is not None:
        what = f"ขั้นตอนที่ {th(step + 1)}"
        if sub:
            what += f" ช่อง{_MEASURE_FIELDS.get(sub, sub)}"
        return f"{measure_name(m)} {what}"
    return f"{measure_name(m)} ช่อง{_MEASURE_FIELDS.get(fld, fld)}"


def memo_texts(memo: Mapping[str, Any]) -> Iterator[TextItem]:
    key = str(memo.get("key", ""))
    for k in ("unit", "subject", "to", "closing"):
        if memo.get(k):
            yield TextItem(Location("memo", key, k), str(memo[k]), memo_field_place(memo, k), k, memo)
    for i, sec in enumerate(memo.get("sections") or []):
        if sec.get("title"):
            yield TextItem(Location("memo", key, "section", section=i), sec["title"],
                           section_place(memo, i, None), "title", memo)
        for j, p in enumerate(sec.get("paragraphs") or []):
            yield TextItem(Location("memo", key, "section", section=i, paragraph=j), str(p),
                           section_place(memo, i, j), "paragraph", memo)
    for i, c in enumerate(memo.get("chain") or []):
        for k in ("heading", "note"):
            if c.get(k):
                yield TextItem(Location("memo", key, "chain", line=i, sub=k), str(c[k]),
                               f"{memo_name(memo)} ช่องความเห็นที่ {th(i + 1)}", "chain", memo)
    for a, att in enumerate(memo.get("attachments") or []):
        ap = attachment_place(memo, a)
        for j, line in enumerate(att.get("title") or []):
            yield TextItem(Location("memo", key, "attachment", attachment=a, line=j), str(line),
                           f"{ap} หัวเรื่องบรรทัดที่ {th(j + 1)}", "title", memo)
        npara = ntable = 0
        for b, blk in enumerate(att.get("blocks") or []):
            typ = blk.get("type")
            if typ == "table":
                ntable += 1
                tp = f"{ap} ตารางที่ {th(ntable)}"
                cols = blk.get("columns") or []
                for c, col in enumerate(cols):
                    if col.get("label"):
                        yield TextItem(Location("memo", key, "attachment", attachment=a, block=b, col=c),
                                       str(col["label"]), f"{tp} หัวตาราง ช่อง ‘{short(col['label'], 25)}’",
                                       "label", memo, table=blk)
                for r, row in enumerate(blk.get("rows") or []):
                    cells = tuple(str(x) for x in row)
                    for c, cell in enumerate(cells):
                        if not cell.strip():
                            continue
                        lab = cols[c].get("label", "") if c < len(cols) else ""
                        cp = f"{tp} แถวที่ {th(r + 1)}" + (f" ช่อง ‘{short(lab, 25)}’" if lab else
                                                           f" ช่องที่ {th(c + 1)}")
                        yield TextItem(Location("memo", key, "attachment", attachment=a, block=b, row=r, col=c),
                                       cell, cp, "cell", memo, table=blk, row=cells)
            elif blk.get("text"):
                if typ == "heading":
                    bp = f"{ap} หัวข้อ ‘{short(blk['text'], 35)}’"
                    kind = "heading"
                else:
                    npara += 1
                    bp = f"{ap} ย่อหน้าที่ {th(npara)}"
                    kind = "paragraph"
                yield TextItem(Location("memo", key, "attachment", attachment=a, block=b, sub="text"),
                               str(blk["text"]), bp, kind, memo)


def measure_texts(m: Mapping[str, Any]) -> Iterator[TextItem]:
    key = str(m.get("key", ""))
    for k in ("title", "monitoring", "output", "outcome", "suggestions"):
        if m.get(k):
            yield TextItem(Location("measure", key, k), str(m[k]), measure_place(m, k), "measure", measure=m)
    for i, s in enumerate(m.get("steps") or []):
        if s.get("text"):
            yield TextItem(Location("measure", key, "steps", line=i, sub="text"), str(s["text"]),
                           measure_place(m, "steps", i), "measure", measure=m)
        if s.get("output"):
            yield TextItem(Location("measure", key, "steps", line=i, sub="output"), str(s["output"]),
                           measure_place(m, "steps", i, "output"), "measure", measure=m)


# ------------------------------------------------------------------ the data rules compare with

@dataclass
class YearData:
    fiscal_year: int
    fw: Framework | None
    result: Result | None
    scores: dict[int, Decimal]
    items: dict[str, Decimal]
    published_total: Decimal | None
    published_level: str

    @property
    def total(self) -> Decimal | None:
        if self.result is not None and self.result.total is not None:
            return self.result.total
        return self.published_total

    def known_values(self) -> set[Decimal]:
        out: set[Decimal] = set(self.scores.values()) | set(self.items.values())
        if self.total is not None:
            out.add(self.total)
        if self.published_total is not None:
            out.add(self.published_total)
        if self.result is not None:
            out |= set(self.result.tools.values())
        return out


@dataclass
class Ctx:
    dossier: Mapping[str, Any]
    today: _dt.date
    frameworks: Callable[[int], Framework]
    rules: Rules
    data: Any                                  # CheckData (spelling family)
    years: dict[int, YearData] = field(default_factory=dict)
    _fw: dict[int, Framework | None] = field(default_factory=dict)

    @property
    def office(self) -> Mapping[str, Any]:
        return self.dossier.get("office") or {}

    @property
    def office_name(self) -> str:
        return str(self.office.get("name", "")).strip()

    def fw(self, year: int | None) -> Framework | None:
        if year is None:
            return None
        if year not in self._fw:
            try:
                self._fw[year] = self.frameworks(int(year))
            except (FrameworkError, TypeError, ValueError):
                self._fw[year] = None
        return self._fw[year]

    def memos(self) -> list[Mapping[str, Any]]:
        return list(self.dossier.get("memos") or [])

    def measures(self) -> list[Mapping[str, Any]]:
        return list(self.dossier.get("measures") or [])

    def memo_texts(self) -> Iterator[TextItem]:
        for memo in self.memos():
            yield from memo_texts(memo)

    def measure_texts(self) -> Iterator[TextItem]:
        for m in self.measures():
            yield from measure_texts(m)

    def all_texts(self) -> Iterator[TextItem]:
        yield from self.memo_texts()
        yield from self.measure_texts()

    def total(self, year: int) -> Decimal | None:
        y = self.years.get(year)
        return y.total if y else None

    def all_level_labels(self) -> list[str]:
        """Level names of every framework near the dossier's years (a clerk may copy an older
        scheme's “ระดับ A” into a year that grades ผ่าน/ต้องปรับปรุง)."""
        years = {*self.years, *(int(m.get("fiscal_year") or 0) for m in self.memos())} - {0}
        labels: set[str] = set()
        for y in range(min(years, default=0) - 4, max(years, default=0) + 2) if years else ():
            fw = self.fw(y)
            if fw:
                labels |= set(fw.level_labels)
        return sorted(labels, key=len, reverse=True)


def build_ctx(dossier: Mapping[str, Any], today: _dt.date, frameworks: Callable[[int], Framework],
              rules: Rules, data: Any) -> Ctx:
    ctx = Ctx(dossier, today, frameworks, rules, data)
    for y in dossier.get("years") or []:
        try:
            fy = int(y.get("fiscal_year"))
        except (TypeError, ValueError):
            continue
        fw = ctx.fw(fy)
        scores = {int(k): d for k, v in (y.get("indicators") or {}).items()
                  if str(k).isdigit() and (d := dec(v)) is not None}
        items = {str(k).lower(): d for k, v in (y.get("items") or {}).items() if (d := dec(v)) is not None}
        result = compute(fw, scores) if fw and scores else None
        ctx.years[fy] = YearData(fy, fw, result, scores, items, dec(y.get("published_total")),
                                 str(y.get("published_level") or "").strip())
    return ctx


# ------------------------------------------------------------------ years in text

YEAR_RE = re.compile(r"(?<!\d)(2[4-7]\d\d)(?!\d)")
FISCAL_YEAR_RE = re.compile(
    r"(?:ปีงบประมาณ|ประจำปี|ITA|ในปี|ปี)\s*(?:งบประมาณ\s*)?(?:พ\.\s*ศ\.\s*)?(?<!\d)(2[4-7]\d\d)(?!\d)")


def years_in(text: str) -> list[int]:
    """Buddhist-era years (2400–2799) in a text typed in Thai or Arabic digits."""
    return [int(y) for y in YEAR_RE.findall(arabic(text))]


def fiscal_years_in(text: str) -> list[int]:
    """Years written as a fiscal year: after ปีงบประมาณ / ประจำปี / ITA / ปี (optionally พ.ศ.)."""
    return [int(y) for y in FISCAL_YEAR_RE.findall(arabic(text))]


def year_mentions(text: str) -> list[tuple[int, int]]:
    """(position, year) of each Buddhist-era year in an Arabic-digit text."""
    return [(m.start(), int(m.group(1))) for m in YEAR_RE.finditer(text)]
