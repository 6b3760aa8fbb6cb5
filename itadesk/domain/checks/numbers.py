"""Numbers and years in words agree with the data.

Every number the clerk typed (Thai or Arabic digits) in a memo's paragraphs, headings, titles and
static tables is read and compared with what the dossier's scores and the year's framework say:
totals, tool and indicator scores, the change between years in points and in percent (a clerk
writes “ร้อยละ” for points), the pass mark, level names and their bands, counts of tools /
indicators / levels, tool weights, the direction words (เพิ่มขึ้น/ลดลง), the previous year named
as FY−1, and the fiscal years of subjects, attachment titles and tables.
The published total and level of each year are compared with the scores as well.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator, Mapping

from ..frameworks import Framework
from ..scoring import level_for
from ..thai_format import format_score, percent_change
from .base import (
    ERROR, NOTICE, Ctx, Finding, Location, TextItem, YearData, arabic, attachment_place, dec, memo_name,
    memo_texts, short, squash, th, year_mentions, years_in,
)

FAMILY = "numbers"
_NUM = r"\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?"
DIRECTION_UP = ("เพิ่มขึ้น", "สูงขึ้น", "ดีขึ้น")
DIRECTION_DOWN = ("ลดลง", "ต่ำลง")


def _f(sev: str, code: str, msg: str, item: TextItem | None = None, *, loc: Location | None = None,
       place: str = "") -> Finding:
    where = loc if loc is not None else item.loc if item is not None else Location("office")
    return Finding(sev, code, msg, where, place or (item.place if item else ""), FAMILY)


def fmt(v: Decimal | None) -> str:
    return format_score(v) if v is not None else "-"


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


def expected_levels(y: YearData) -> tuple[set[str], str] | None:
    """The level(s) the data allows for a year, and the basis in words."""
    fw = y.fw
    if fw is None:
        return None
    if y.result is not None and y.result.level is not None:
        return {y.result.level}, f"คะแนนรวมที่คำนวณได้ {fmt(y.result.total)}"
    if y.published_total is not None:
        return possible_levels(fw, y.published_total), f"คะแนนรวม {fmt(y.published_total)}"
    return None


def _levels_text(fw: Framework, labels: set[str]) -> str:
    """One level in words.  When the tool scores are unknown a total may allow several (2567 on:
    ผ่านดีเยี่ยม needs every tool at 95): name the top one and its condition."""
    ordered = [b for b in fw.levels if b.label in labels]
    if not ordered:
        return ""
    top = ordered[0]
    if len(ordered) == 1 or top.tools_min is None:
        return f"“{top.label}”"
    return f"“{top.label}” (เมื่อทุกเครื่องมือได้ {format_score(top.tools_min)} คะแนนขึ้นไป)"


# ------------------------------------------------------------------ the data of each year

def check_years(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    for raw in ctx.dossier.get("years") or []:
        fy = raw.get("fiscal_year")
        y = ctx.years.get(int(fy)) if str(fy).isdigit() else None
        base = f"คะแนนปีงบประมาณ {th(fy)}"
        if y is None or y.fw is None:
            out.append(_f(NOTICE, "no_framework",
                          f"ยังไม่มีกรอบการประเมินของปีงบประมาณ {th(fy)} จึงตรวจคะแนนปีนี้ไม่ได้ "
                          f"กรุณาเพิ่มไฟล์กรอบการประเมินของปีนั้น", loc=Location("year", str(fy)), place=base))
            continue
        fw = y.fw
        if fw.fiscal_year != y.fiscal_year and y.published_level and y.published_level not in fw.level_labels:
            out.append(_f(NOTICE, "no_framework",
                          f"ยังไม่มีกรอบการประเมินของปีงบประมาณ {th(fy)} จึงตรวจระดับ “{y.published_level}” ไม่ได้ "
                          f"(ใช้กรอบปี {th(fw.fiscal_year)} ซึ่งมีระดับ {', '.join(fw.level_labels)}) "
                          f"กรุณาเพิ่มไฟล์กรอบการประเมินของปีนั้น",
                          loc=Location("year", str(fy), "published_level"), place=f"{base} ระดับที่ประกาศ"))
            continue
        r = y.result
        if r is not None and r.total is not None and y.published_total is not None and r.total != y.published_total:
            out.append(_f(ERROR, "total_mismatch",
                          f"คะแนนรวมที่ประกาศ ‘{fmt(y.published_total)}’ ไม่ตรงกับที่คำนวณจากคะแนนรายตัวชี้วัด "
                          f"({fmt(r.total)}) กรุณาตรวจคะแนนที่กรอกกับประกาศผลของ ป.ป.ช.",
                          loc=Location("year", str(fy), "published_total"), place=f"{base} คะแนนรวมที่ประกาศ"))
        if not y.published_level:
            continue
        exp = expected_levels(y)
        if exp and y.published_level not in exp[0]:
            want = _levels_text(fw, exp[0])
            out.append(_f(ERROR, "level_mismatch",
                          f"ระดับที่บันทึกไว้ ‘{y.published_level}’ ไม่ตรงกับ{exp[1]} ซึ่งตามกรอบการประเมินปี "
                          f"{th(fw.fiscal_year)} อยู่ในระดับ {want}",
                          loc=Location("year", str(fy), "published_level"), place=f"{base} ระดับที่ประกาศ"))
    return out


# ------------------------------------------------------------------ which year a claim is about

def results_year(memo: Mapping[str, Any] | None, ctx: Ctx) -> int | None:
    """The assessment year whose results a memo reports (analysis: its year; a plan: the year before)."""
    if not memo or not memo.get("fiscal_year"):
        return None
    fy = int(memo["fiscal_year"])
    form = str(memo.get("form", ""))
    if form in ctx.rules.plan_forms:
        return fy - 1
    if form in ctx.rules.results_forms:
        return fy
    return None


def year_at(text: str, pos: int, default: int | None) -> int | None:
    """The year a number at ``pos`` is about: the last year written before it, else the default."""
    before = [y for p, y in year_mentions(text) if p < pos]
    return before[-1] if before else default


def _names(fw: Framework) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [(i.name, ("indicator", i.number)) for i in fw.indicators]
    out += [(t.code, ("tool", t.code)) for t in fw.tools]
    return out


def subject_before(text: str, pos: int, fw: Framework | None, window: int = 70) -> tuple[str, Any] | None:
    """The indicator or tool named last before ``pos`` (no other number between), or None."""
    if fw is None:
        return None
    lo = max(0, pos - window)
    nums = [m.end() for m in re.finditer(r"\d", text[lo:pos])]
    if nums:
        lo = lo + nums[-1]
    seg = text[lo:pos]
    best: tuple[int, tuple[str, Any]] | None = None
    for name, what in _names(fw):
        pat = rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])" if name.isascii() else re.escape(name)
        for m in re.finditer(pat, seg):
            if best is None or m.start() > best[0]:
                best = (m.start(), what)
    return best[1] if best else None


def _value_of(y: YearData, what: tuple[str, Any]) -> Decimal | None:
    kind, key = what
    if kind == "indicator":
        return y.scores.get(key)
    if kind == "tool" and y.result is not None:
        return y.result.tools.get(key)
    return None


def _what_name(fw: Framework | None, what: tuple[str, Any]) -> str:
    kind, key = what
    if kind == "indicator" and fw is not None:
        return f"ตัวชี้วัดที่ {th(key)} {fw.indicator(key).name}"
    return f"เครื่องมือ {key}"


def _same(v: Decimal, expected: Decimal) -> bool:
    """Equal as written: ‘88.3’ for 88.30 is the same number; ‘88’ for 88.30 is not."""
    places = -v.as_tuple().exponent if v.as_tuple().exponent < 0 else 0  # type: ignore[operator]
    return expected.quantize(Decimal(1).scaleb(-places)) == v if places < 2 else expected == v


_SCORE = re.compile(rf"(?P<n>{_NUM})\s*คะแนน(?!ขึ้นไป|เต็ม)")
_SCORE_AFTER = re.compile(rf"(?:คะแนนรวม|ได้คะแนน|ผลคะแนน|คะแนนภาพรวม[^\d:=]{{0,40}})\s*[:=]?\s*(?P<n>{_NUM})(?!\s*คะแนน)")
_SKIP_BEFORE = ("เต็ม", "เป้าหมาย", "เพิ่มขึ้น", "ลดลง", "สูงขึ้น", "ต่ำลง", "ดีขึ้น", "ไม่น้อยกว่า", "ไม่ต่ำกว่า", "อย่างน้อย", "เกิน", "ต่ำกว่า", "สูงกว่า",
                "มากกว่า", "น้อยกว่า", "ตั้งแต่", "ถึง", "ร้อยละ")


def _score_claims(text: str) -> Iterator[tuple[int, Decimal]]:
    seen: set[int] = set()
    for rx in (_SCORE, _SCORE_AFTER):
        for m in rx.finditer(text):
            s = m.start("n")
            if s in seen:
                continue
            seen.add(s)
            before = text[max(0, s - 14):s]
            if any(w in before for w in _SKIP_BEFORE) or re.search(r"[-–]\s*$", before):
                continue
            after = text[m.end("n"):m.end("n") + 3]
            if re.match(r"\s*[-–]\s*\d", after):       # a range “85 - 94.99”
                continue
            v = dec(m.group("n"))
            if v is not None and v <= 100:
                yield s, v


def check_score_claims(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    text = arabic(item.text)
    default = results_year(item.memo, ctx)
    for pos, v in _score_claims(text):
        y = year_at(text, pos, default)
        yd = ctx.years.get(y) if y else None
        if yd is None or yd.total is None and not yd.scores:
            continue
        what = subject_before(text, pos, yd.fw)
        if what is not None:
            exp = _value_of(yd, what)
            if exp is None or _same(v, exp):
                continue
            owner = next((z for z in sorted(ctx.years) if z != y and _value_of(ctx.years[z], what) is not None
                          and _same(v, _value_of(ctx.years[z], what))), None)  # type: ignore[arg-type]
            extra = f" (‘{fmt(v)}’ คือคะแนนปี {th(owner)})" if owner else ""
            out.append(_f(ERROR, "score_text",
                          f"ข้อความระบุคะแนน ‘{fmt(v)}’ แต่ข้อมูล{_what_name(yd.fw, what)} ปีงบประมาณ {th(y)} "
                          f"ได้ {fmt(exp)} คะแนน{extra}", item))
            continue
        if yd.total is None or any(_same(v, k) for k in yd.known_values()):
            continue
        if v == 100 or (yd.fw and v == yd.fw.pass_mark):
            continue
        before = text[max(0, pos - 60):pos]
        if _NO_DATA.search(before):
            continue            # a sub-indicator, an item, an average: scores the dossier does not hold
        owner = next((z for z in sorted(ctx.years) if z != y and ctx.years[z].total is not None
                      and _same(v, ctx.years[z].total)), None)  # type: ignore[arg-type]
        if owner:
            msg = (f"ข้อความระบุคะแนน ‘{fmt(v)}’ เป็นปีงบประมาณ {th(y)} แต่ ‘{fmt(v)}’ คือคะแนนรวมปี {th(owner)} "
                   f"ส่วนปี {th(y)} ได้คะแนนรวม {fmt(yd.total)}")
            sev = ERROR
        else:
            msg = (f"ข้อความระบุคะแนน ‘{fmt(v)}’ ซึ่งไม่ตรงกับคะแนนใดของปีงบประมาณ {th(y)} "
                   f"(คะแนนรวม {fmt(yd.total)})")
            # the total itself (“คะแนนรวม …”, “ได้คะแนน …”, “… คะแนน อยู่ในระดับ”) is checked as an error
            after = text[pos:pos + 40]
            sev = ERROR if _TOTAL_WORDS.search(before[-25:]) or re.search(r"คะแนน\s*\)?\s*(?:อยู่ใน)?ระดับ", after) \
                else NOTICE
        out.append(_f(sev, "score_text", msg, item))
    return out


_NO_DATA = re.compile(r"ตัวชี้วัดย่อย|ตัวชี้วัด(?:ที่)?\s*\d+\.\d+|(?<![A-Za-z])[OoIiEe]\d{1,2}(?!\d)|ข้อคำถาม|เฉลี่ย|"
                      r"ประเทศ|ระดับจังหวัด|ระดับอำเภอ|หน่วยงานอื่น|อปท\.|ท้องถิ่นอื่น|เป้าหมาย|EIT\s*\(")
_TOTAL_WORDS = re.compile(r"คะแนนรวม|ได้คะแนน|ผลคะแนน|คะแนนภาพรวม|ได้\s*$")


# ------------------------------------------------------------------ change in points / percent, direction

_PCT = re.compile(rf"ร้อยละ\s*(?P<n>{_NUM})")
_DIRECTION = re.compile("|".join(DIRECTION_UP + DIRECTION_DOWN))
_PREV_WORDS = ("ปีที่ผ่านมา", "ปีก่อน", "เทียบกับ", "จากปี")


def _pair(ctx: Ctx, text: str, default: int | None) -> tuple[int, int] | None:
    ys = sorted({y for y in years_in(text) if y in ctx.years} | ({default} if default else set()))
    new = ys[-1] if ys else None
    if new is None or new not in ctx.years or new - 1 not in ctx.years:
        return None
    return new - 1, new


def _change(ctx: Ctx, old: int, new: int, what: tuple[str, Any] | None) -> tuple[Decimal, Decimal | None] | None:
    yo, yn = ctx.years[old], ctx.years[new]
    if what is None:
        a, b = yo.total, yn.total
    else:
        a, b = _value_of(yo, what), _value_of(yn, what)
    if a is None or b is None:
        return None
    return b - a, percent_change(a, b)


def check_change_claims(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    text = arabic(item.text)
    dirs = list(_DIRECTION.finditer(text))
    if not dirs:
        return out
    default = results_year(item.memo, ctx)
    pair = _pair(ctx, text, default)
    if pair is None:
        return out
    old, new = pair
    fw = ctx.years[new].fw
    # percent
    for m in _PCT.finditer(text):
        before = text[max(0, m.start() - 120):m.start()]
        if not _DIRECTION.search(before) or re.match(r"\s*ของ", text[m.end():m.end() + 6]):
            continue
        v0 = dec(m.group("n"))
        if v0 is not None and any(_same(v0, k) for y in (old, new) for k in ctx.years[y].known_values()):
            continue            # a score written as a percent of the full mark
        what = subject_before(text, m.start(), fw, window=200)
        what = what if what and what[0] == "indicator" else None
        ch = _change(ctx, old, new, what)
        if ch is None or ch[1] is None:
            continue
        pts, pct = abs(ch[0]), abs(ch[1])
        v = dec(m.group("n"))
        if v is None or _same(v, pct):
            continue
        subj = f"{_what_name(fw, what)} " if what else "คะแนนรวม"
        if _same(v, pts):
            msg = (f"‘ร้อยละ {fmt(v)}’ คือคะแนนที่เปลี่ยน ({fmt(pts)} คะแนน) ไม่ใช่ร้อยละ: {subj}จาก "
                   f"{fmt(ctx.years[old].total if not what else _value_of(ctx.years[old], what))} เป็น "
                   f"{fmt(ctx.years[new].total if not what else _value_of(ctx.years[new], what))} "
                   f"เปลี่ยน {fmt(pts)} คะแนน คิดเป็นร้อยละ {fmt(pct)}")
        else:
            msg = (f"ข้อความระบุ ‘ร้อยละ {fmt(v)}’ แต่{subj}ปี {th(old)}–{th(new)} เปลี่ยน {fmt(pts)} คะแนน "
                   f"คิดเป็นร้อยละ {fmt(pct)}")
        out.append(_f(ERROR, "change_percent", msg, item))
    # points after a direction word: “เพิ่มขึ้น 2.74 คะแนน”
    for m in re.finditer(rf"(?:{_DIRECTION.pattern})\s*(?:จำนวน|อยู่|เป็น)?\s*(?P<n>{_NUM})\s*คะแนน", text):
        what = subject_before(text, m.start(), fw, window=200)
        what = what if what and what[0] == "indicator" else None
        ch = _change(ctx, old, new, what)
        v = dec(m.group("n"))
        if ch is None or v is None or _same(v, abs(ch[0])):
            continue
        subj = f"{_what_name(fw, what)} " if what else "คะแนนรวม"
        out.append(_f(ERROR, "change_points",
                      f"ข้อความระบุว่าเปลี่ยน ‘{fmt(v)} คะแนน’ แต่{subj}ปี {th(old)}–{th(new)} เปลี่ยน "
                      f"{fmt(abs(ch[0]))} คะแนน", item))
    # direction words
    if not (str(old) in text or any(w in text for w in _PREV_WORDS)):
        return out
    for m in dirs:
        what = subject_before(text, m.start(), fw, window=90)
        if what is None and any(i.name in text for i in (fw.indicators if fw else ())):
            continue            # a sentence about several indicators: which one is unclear
        if what is None and re.search(r"ตัวชี้วัด|ข้อ|IIT|EIT|OIT|บาง", text[max(0, m.start() - 40):m.start()]):
            continue
        what = what if what and what[0] == "indicator" else None
        ch = _change(ctx, old, new, what)
        if ch is None or ch[0] == 0:
            continue
        word = m.group(0)
        up = word in DIRECTION_UP
        if up == (ch[0] > 0):
            continue
        subj = f"{_what_name(fw, what)} " if what else "คะแนนรวม"
        right = "เพิ่มขึ้น" if ch[0] > 0 else "ลดลง"
        a = ctx.years[old].total if not what else _value_of(ctx.years[old], what)
        b = ctx.years[new].total if not what else _value_of(ctx.years[new], what)
        out.append(_f(ERROR, "direction",
                      f"ข้อความเขียนว่า ‘{word}’ แต่{subj}จาก {fmt(a)} (ปี {th(old)}) เป็น {fmt(b)} (ปี {th(new)}) "
                      f"คือ{right} {fmt(abs(ch[0]))} คะแนน", item))
        break
    return out


# ------------------------------------------------------------------ ranks: highest / lowest / อันดับที่ N

_RANK = re.compile(r"คะแนน[^\d]{0,12}?(?P<w>สูงที่สุด|สูงสุด|ต่ำที่สุด|ต่ำสุด|มากที่สุด|น้อยที่สุด)"
                   r"|อันดับ(?:ที่)?\s*(?P<n>\d{1,2})(?!\d)")


def _indicator_near(text: str, start: int, end: int, fw: Framework) -> int | None:
    """The indicator named last before ``start`` (within the clause), else right after “ได้แก่/คือ”."""
    seg = text[max(0, start - 90):start]
    best: tuple[int, int] | None = None
    for i in fw.indicators:
        k = seg.rfind(i.name)
        if k >= 0 and (best is None or k > best[0]):
            best = (k, i.number)
    if best is not None:
        return best[1]
    after = text[end:end + 70]
    m = re.match(r"\s*(?:ของ\S*\s*)?(?:ได้แก่|คือ)\s*(?:ตัวชี้วัด(?:ที่\s*\d+)?)?\s*", after)
    if m:
        rest = after[m.end():]
        hit = next((i.number for i in sorted(fw.indicators, key=lambda i: -len(i.name)) if rest.startswith(i.name)),
                   None)
        return hit
    return None


def check_rank_claims(ctx: Ctx, item: TextItem) -> list[Finding]:
    from ..scoring import ranking

    out: list[Finding] = []
    text = arabic(item.text)
    default = results_year(item.memo, ctx)
    for m in _RANK.finditer(text):
        y = year_at(text, m.start(), default)
        yd = ctx.years.get(y) if y else None
        if yd is None or yd.fw is None or len(yd.scores) < len(yd.fw.indicators):
            continue
        fw = yd.fw
        pos = m.start("w") if m.group("w") else m.start()
        n = _indicator_near(text, pos, m.end(), fw)
        if n is None:
            continue
        scope = re.match(r"\s*(?:ของ|ใน)\s*(?:เครื่องมือ|แบบวัด|แบบตรวจ)?\s*(IIT|EIT|OIT)", text[m.end():m.end() + 30])
        pool = {k: v for k, v in yd.scores.items()
                if scope is None or fw.indicator(k).tool == scope.group(1)} if n in yd.scores else {}
        if not pool:
            continue
        ranks = {r.number: r.rank for r in ranking(fw, pool)}
        word = m.group("w")
        if word in ("สูงที่สุด", "สูงสุด", "มากที่สุด"):
            want = [k for k, v in pool.items() if v == max(pool.values())]
            claim = f"ได้คะแนน{word}"
        elif word:
            want = [k for k, v in pool.items() if v == min(pool.values())]
            claim = f"ได้คะแนน{word}"
        else:
            r = int(m.group("n"))
            want = [k for k, rk in ranks.items() if rk == r]
            claim = f"อยู่อันดับที่ {th(r)}"
        if n in want or not want:
            continue
        right = " และ ".join(f"ตัวชี้วัด{fw.indicator(k).name} ({fmt(pool[k])})" for k in want)
        out.append(_f(ERROR, "rank_text",
                      f"ข้อความว่าตัวชี้วัด{fw.indicator(n).name} ({fmt(yd.scores[n])}) {claim} "
                      f"แต่ตามคะแนนปีงบประมาณ {th(y)} คือ {right}", item))
    return out


# ------------------------------------------------------------------ levels, pass mark, counts, weights

def check_level_claims(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    labels = ctx.all_level_labels()
    if not labels:
        return out
    text = arabic(item.text)
    alt = "|".join(re.escape(x) for x in labels)
    rx = re.compile(rf"ระดับ(?:ผลการประเมิน|คะแนน)?\s*(?:อยู่)?\s*(?:ใน)?\s*(?:ระดับ)?\s*(?:“|\")?(?P<l>{alt})(?![A-Za-z])")
    default = results_year(item.memo, ctx)
    for m in rx.finditer(text):
        label = m.group("l")
        if label == "ผ่าน" and text[m.end():m.end() + 4] == "เกณฑ":
            continue
        before = text[max(0, m.start() - 60):m.start()]
        if "ตัวชี้วัด" in before or re.search(r"IIT|EIT|OIT|แบบวัด|แบบตรวจ", before[-30:]):
            continue            # a level of an indicator or a tool, not of the total
        if re.search(r"เป้าหมาย|ยกระดับ|ให้ได้|เพื่อให้|คาดว่า|มุ่ง|ต้องการ|เฉลี่ย|ประเทศ", before[-40:]):
            continue            # a goal or another body's level
        if re.match(rf"\s*\(?\s*(?:{_NUM}\s*(?:คะแนน)?\s*(?:ขึ้นไป|[-–])|หมายถึง|เป็นระดับ|คือ|ได้แก่|=)",
                    text[m.end():m.end() + 30]):
            continue            # the definition of a level: “ระดับ AA (95 คะแนนขึ้นไป)”
        y = year_at(text, m.start(), default)
        yd = ctx.years.get(y) if y else None
        if yd is None or yd.fw is None:
            continue
        exp = expected_levels(yd)
        if exp is None or label in exp[0]:
            continue
        out.append(_f(ERROR, "level_text",
                      f"ข้อความระบุระดับ ‘{label}’ แต่{exp[1]} ของปีงบประมาณ {th(y)} อยู่ในระดับ "
                      f"{_levels_text(yd.fw, exp[0])}", item))
    return out


def _fw_for(ctx: Ctx, item: TextItem, text: str, pos: int) -> Framework | None:
    """The framework of the year a claim at ``pos`` is about."""
    own = int(item.memo["fiscal_year"]) if item.memo and item.memo.get("fiscal_year") else None
    return ctx.fw(year_at(text, pos, results_year(item.memo, ctx) or own))


def check_pass_mark(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    text = arabic(item.text)
    for m in re.finditer(rf"(?:(?:เกณฑ์(?:ผ่าน|การผ่าน)?|ผ่านเกณฑ์)\s*(?:ที่)?\s*\(?\s*(?P<a>{_NUM})\s*คะแนน)|"
                         rf"(?:(?P<b>{_NUM})\s*คะแนนขึ้นไป)", text):
        if m.group("b") and not re.search(r"เกณฑ์|ผ่าน", text[max(0, m.start() - 30):m.start()]):
            continue            # “ระดับ AA (95 คะแนนขึ้นไป)” is a band, not the pass mark
        v = dec(m.group("a") or m.group("b"))
        fw = _fw_for(ctx, item, text, m.start())
        if v is None or fw is None or v == fw.pass_mark:
            continue
        out.append(_f(ERROR, "pass_mark",
                      f"ข้อความระบุเกณฑ์ผ่าน ‘{fmt(v) if v != v.to_integral() else th(int(v))} คะแนน’ "
                      f"แต่เกณฑ์ผ่านของกรอบการประเมินปี {th(fw.fiscal_year)} คือ {th(int(fw.pass_mark))} คะแนน", item))
    return out


def _count_of_names(fw: Framework, seg: str) -> tuple[str, Any] | None:
    """What a list after “ได้แก่” names: ("ind", its tool) or ("sub", its indicator)."""
    s = squash(seg)
    found_ind = [i for i in fw.indicators if squash(i.name) in s]
    found_sub = [x for x in fw.subindicators if squash(x.name) in s and not any(
        squash(i.name) == squash(x.name) for i in fw.indicators)]
    return (("sub", found_sub[0].indicator) if found_sub else ("ind", found_ind[0].tool) if found_ind else None)


def check_counts(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    text = arabic(item.text)
    for m in re.finditer(r"(?P<n>\d{1,2})\s*(?P<w>เครื่องมือ|ตัวชี้วัดย่อย|ตัวชี้วัด|ระดับ)", text):
        n, w = int(m.group("n")), m.group("w")
        fw = _fw_for(ctx, item, text, m.start())
        if fw is None:
            continue
        before = text[max(0, m.start() - 20):m.start()]
        if w == "เครื่องมือ":
            exp, what = len(fw.tools), "เครื่องมือ"
        elif w == "ระดับ":
            if not re.search(r"(?:ออกเป็น|จำแนก|แบ่ง|มี)\s*$", before) or \
                    not re.search(r"ผลการประเมิน|ระดับผล|ระดับคะแนน", text[max(0, m.start() - 80):m.start()]):
                continue
            exp, what = len(fw.levels), "ระดับ"
        else:
            after = text[m.end():m.end() + 260]
            stop = re.search(r"\d{1,2}\s*ตัวชี้วัด", after)
            seg = after[:stop.start()] if stop else after
            if "ได้แก่" not in seg[:40]:
                continue
            named = _count_of_names(fw, seg)
            if named is None:
                continue
            if w == "ตัวชี้วัดย่อย":
                if named[0] != "sub":
                    continue
                exp = len([x for x in fw.subindicators if x.indicator == named[1]])
                what = f"ตัวชี้วัดย่อยของตัวชี้วัด{fw.indicator(named[1]).name}"
            else:
                if named[0] != "ind":
                    continue
                exp = len(fw.indicators_of(named[1]))
                what = f"ตัวชี้วัดของเครื่องมือ {named[1]}"
        if n != exp:
            out.append(_f(ERROR, "count_text",
                          f"ข้อความระบุ ‘{th(n)} {w}’ แต่กรอบการประเมินปี {th(fw.fiscal_year)} มี{what} {th(exp)} {w}",
                          item))
    return out


_TOOL_CODE = re.compile(r"(?<![A-Za-z])(IIT|EIT|OIT)(?![A-Za-z(])(?!\s*\()")


def check_weights(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    text = arabic(item.text)
    fw = _fw_for(ctx, item, text, len(text))
    if fw is None:
        return out
    claims: list[tuple[str, Decimal]] = []
    if item.kind == "cell" and item.table is not None:
        cols = item.table.get("columns") or []
        c = item.loc.col or 0
        lab = str(cols[c].get("label", "")) if c < len(cols) else ""
        mt = _TOOL_CODE.search(lab)
        mw = re.fullmatch(rf"\s*(?:ร้อยละ|น้ำหนัก(?:ร้อยละ)?)\s*(?P<n>{_NUM})\s*%?\s*", text)
        if mt and mw and not re.search(r"\(\s*[\d๑๒]\s*\)", lab):
            claims.append((mt.group(1), dec(mw.group("n"))))  # type: ignore[arg-type]
    else:
        for m in re.finditer(rf"(?<![A-Za-z])(IIT|EIT|OIT)(?![A-Za-z])\s*\)?\s*(?:น้ำหนัก)?\s*(?:ร้อยละ|=)\s*(?P<n>{_NUM})",
                             text):
            claims.append((m.group(1), dec(m.group("n"))))  # type: ignore[arg-type]
    for code, v in claims:
        try:
            tool = fw.tool(code)
        except KeyError:
            continue
        if v is not None and v != tool.weight:
            out.append(_f(ERROR, "weight_text",
                          f"ข้อความระบุน้ำหนัก {code} ‘ร้อยละ {th(_plain(v))}’ แต่กรอบการประเมินปี {th(fw.fiscal_year)} "
                          f"ให้ {code} ร้อยละ {th(_plain(tool.weight))}", item))
    return out


def _plain(v: Decimal) -> str:
    return str(int(v)) if v == v.to_integral() else format(v.normalize(), "f")


def check_band_cells(ctx: Ctx, item: TextItem) -> list[Finding]:
    """A static level table: a row naming a level and a score range must match the framework's band."""
    if item.kind != "cell" or not item.row:
        return []
    text = arabic(item.text)
    m = re.fullmatch(rf"\s*(?P<a>{_NUM})\s*[-–]\s*(?P<b>{_NUM})\s*(?:คะแนน)?\s*", text)
    if not m:
        return []
    memo_year = int(item.memo["fiscal_year"]) if item.memo and item.memo.get("fiscal_year") else None
    fw = ctx.fw(item.table.get("fiscal_year") if item.table and item.table.get("fiscal_year") else memo_year)
    if fw is None:
        return []
    labels = [c.strip() for c in item.row if c.strip() in fw.level_labels]
    if len(labels) != 1:
        return []
    band = next(b for b in fw.levels if b.label == labels[0])
    higher = sorted({b.min for b in fw.levels if b.min > band.min})
    top = (higher[0] - Decimal("0.01")) if higher else Decimal(100)
    a, b = dec(m.group("a")), dec(m.group("b"))
    if a == band.min and b == top:
        return []
    return [_f(ERROR, "band_text",
               f"ช่วงคะแนน ‘{item.text.strip()}’ ของระดับ {band.label} ไม่ตรงกับกรอบการประเมินปี "
               f"{th(fw.fiscal_year)} ({format_score(band.min)}–{format_score(top)})", item)]


# ------------------------------------------------------------------ fiscal years

def allowed_years(memo: Mapping[str, Any], ctx: Ctx) -> set[int]:
    fy = int(memo["fiscal_year"])
    out = {fy}
    form = str(memo.get("form", ""))
    if form in ctx.rules.results_forms:
        out |= {fy - 1, fy + 1}
    elif form in ctx.rules.plan_forms:
        out |= {fy - 1}
    else:
        out |= {fy - 1}
    for a in memo.get("attachments") or []:
        for b in a.get("blocks") or []:
            if b.get("type") == "table" and b.get("fiscal_year") and int(b["fiscal_year"]) in (fy - 1, fy, fy + 1):
                out.add(int(b["fiscal_year"]))
    return out


def expected_table_year(memo: Mapping[str, Any], blk: Mapping[str, Any], ctx: Ctx) -> set[int]:
    fy = int(memo["fiscal_year"])
    form = str(memo.get("form", ""))
    kind = blk.get("table")
    if kind == "measures_plan":
        return {fy + 1, fy} if form in ctx.rules.results_forms else {fy}
    if kind == "measures_results":
        return {fy}
    if kind in ("score_summary", "indicator_ranking", "indicator_analysis", "level_bands"):
        ry = results_year(memo, ctx)
        return {ry} if ry else {fy, fy - 1}
    return set()


_FY_TITLE = re.compile(r"(?:ปีงบประมาณ|ประจำปี|ปี|ITA)\s*(?:งบประมาณ\s*)?(?:พ\.\s*ศ\.\s*)?(?<!\d)(2[4-7]\d\d)(?!\d)")


def check_memo_years(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    for memo in ctx.memos():
        if not memo.get("fiscal_year"):
            continue
        fy = int(memo["fiscal_year"])
        key = str(memo.get("key", ""))
        subject = arabic(str(memo.get("subject", "")))
        sy = [int(y) for y in _FY_TITLE.findall(subject)]
        allowed = allowed_years(memo, ctx)
        if sy and fy not in sy:
            out.append(_f(ERROR, "subject_year",
                          f"เรื่องระบุปี ‘{th(', '.join(map(str, sy)))}’ แต่บันทึกนี้เป็นของปีงบประมาณ {th(fy)}",
                          loc=Location("memo", key, "subject"), place=f"{memo_name(memo)} ช่องเรื่อง"))
        elif bad := [y for y in sy if y not in allowed]:
            out.append(_f(ERROR, "subject_year",
                          f"เรื่องระบุปี ‘{th(bad[0])}’ ซึ่งไม่ใช่ปีของบันทึก ({th(fy)})",
                          loc=Location("memo", key, "subject"), place=f"{memo_name(memo)} ช่องเรื่อง"))
        for item in memo_texts(memo):
            text = arabic(item.text)
            if item.kind in ("title", "heading"):
                ys = [int(y) for y in _FY_TITLE.findall(text)]
                bad = [y for y in ys if y not in allowed]
                if bad:
                    out.append(_f(ERROR, "attachment_year",
                                  f"ระบุปี ‘{th(bad[0])}’ ในบันทึกปีงบประมาณ {th(fy)}: {quote_of(item.text)}", item))
            elif item.kind in ("paragraph", "cell", "closing"):
                for y in fiscal_years_strict(text, history=False):
                    if abs(y - fy) > ctx.data.max_year_distance:
                        out.append(_f(ERROR, "year_far",
                                      f"ระบุปีงบประมาณ ‘{th(y)}’ ซึ่งห่างจากปีของบันทึก ({th(fy)}) "
                                      f"เกิน {th(ctx.data.max_year_distance)} ปี", item))
                        break
            if item.kind == "label" and item.table is not None and item.table.get("table") == "score_comparison":
                yrs = item.table.get("years") or []
                cols = item.table.get("columns") or []
                ckey = cols[item.loc.col or 0].get("key") if cols else None
                want = {"old": yrs[0] if yrs else None, "new": yrs[-1] if yrs else None}.get(str(ckey))
                ys = years_in(text)
                if want and ys and int(want) not in ys:
                    out.append(_f(ERROR, "column_year",
                                  f"หัวคอลัมน์ระบุปี ‘{th(ys[0])}’ แต่คอลัมน์นี้แสดงคะแนนปี {th(want)}", item))
        # tables
        for a, att in enumerate(memo.get("attachments") or []):
            for b, blk in enumerate(att.get("blocks") or []):
                if blk.get("type") != "table":
                    continue
                loc = Location("memo", key, "attachment", attachment=a, block=b)
                place = f"{attachment_place(memo, a)} ตาราง"
                exp = expected_table_year(memo, blk, ctx)
                if blk.get("fiscal_year") and exp and int(blk["fiscal_year"]) not in exp:
                    out.append(_f(ERROR, "attachment_year",
                                  f"ตารางแสดงข้อมูลปีงบประมาณ ‘{th(blk['fiscal_year'])}’ แต่บันทึกปีงบประมาณ {th(fy)} "
                                  f"ต้องแสดงปี {' หรือ '.join(th(x) for x in sorted(exp))}", loc=loc, place=place))
                if blk.get("table") == "score_comparison" and blk.get("years"):
                    ys = [int(x) for x in blk["years"]]
                    ry = results_year(memo, ctx) or fy
                    if max(ys) != ry or min(ys) != ry - 1:
                        out.append(_f(ERROR, "attachment_year",
                                      f"ตารางเปรียบเทียบปี ‘{th(min(ys))}–{th(max(ys))}’ แต่บันทึกนี้ต้องเทียบปี "
                                      f"{th(ry - 1)} กับ {th(ry)}", loc=loc, place=place))
    return out


def quote_of(text: str) -> str:
    return f"“{short(text, 70)}”"


_FY_STRICT = re.compile(r"(?:ปีงบประมาณ|ประจำปี|ITA)\s*(?:งบประมาณ\s*)?(?:พ\.\s*ศ\.\s*)?(?<!\d)(2[4-7]\d\d)(?!\d)")


def fiscal_years_strict(text: str, history: bool = True) -> list[int]:
    """Years written after ปีงบประมาณ / ประจำปี / ITA; without ``history`` those after “ตั้งแต่”,
    “นับจาก”, “เมื่อ” (a past year named on purpose) are left out."""
    return [int(m.group(1)) for m in _FY_STRICT.finditer(text)
            if history or not re.search(r"(?:ตั้งแต่|นับจาก|นับตั้งแต่|เมื่อ|ย้อนหลัง)\s*$", text[max(0, m.start() - 12):m.start()])]


def check_previous_year(ctx: Ctx, item: TextItem) -> list[Finding]:
    """“เพิ่มขึ้นจากปีงบประมาณ พ.ศ. X” / “เทียบกับปี X”: X is the year before the results year."""
    ry = results_year(item.memo, ctx)
    if ry is None:
        return []
    text = arabic(item.text)
    out = []
    for m in re.finditer(r"(?:(?:เพิ่มขึ้น|ลดลง|สูงขึ้น|ต่ำลง|ดีขึ้น)\s*จาก|เทียบกับ)\s*(?:ผลการประเมิน\s*)?"
                         r"(?:ปี\s*(?:งบประมาณ)?)?\s*(?:พ\.\s*ศ\.\s*)?(?<!\d)(2[4-7]\d\d)(?!\d)", text):
        y = int(m.group(1))
        # the sentence may be about another pair of years: “ปี 2566 ... เทียบกับปี 2565”
        before = [yy for p, yy in year_mentions(text) if p < m.start()]
        new = before[-1] if before else ry
        if y != new - 1:
            out.append(_f(ERROR, "previous_year",
                          f"ข้อความเทียบกับปี ‘{th(y)}’ แต่ปีก่อนหน้าของปีงบประมาณ {th(new)} คือ {th(new - 1)}", item))
    return out


# ------------------------------------------------------------------ entry

def check_table_cells(ctx: Ctx, item: TextItem) -> list[Finding]:
    """A static table typed by the clerk: a row naming the total, a tool or an indicator and a
    bare score in a column of a year (“พ.ศ. ๒๕๖๕”) must be that year's score."""
    if item.kind != "cell" or not item.row or not item.table or (item.loc.col or 0) == 0:
        return []
    text = arabic(item.text).strip()
    if not re.fullmatch(_NUM, text):
        return []
    v = dec(text)
    cols = item.table.get("columns") or []
    c = item.loc.col or 0
    label = arabic(str(cols[c].get("label", ""))) if c < len(cols) else ""
    ys = years_in(label)
    y = ys[0] if ys else (item.table.get("fiscal_year") or results_year(item.memo, ctx))
    yd = ctx.years.get(int(y)) if y else None
    if yd is None or v is None or yd.fw is None:
        return []
    head = squash(arabic(item.row[0]))
    what: tuple[str, Any] | None = None
    if re.fullmatch(r"(?:คะแนน)?(?:รวม|ภาพรวม)(?:คะแนน)?", head) or head == "คะแนนรวม":
        exp, name = yd.total, "คะแนนรวม"
    else:
        m = re.search(r"(?<![A-Za-z])(IIT|EIT|OIT)(?![A-Za-z(])", head)
        ind = next((i for i in sorted(yd.fw.indicators, key=lambda i: -len(i.name)) if squash(i.name) in head), None)
        if ind is not None:
            what = ("indicator", ind.number)
        elif m and not re.search(r"\(\s*\d", head):
            what = ("tool", m.group(1))
        else:
            return []
        exp, name = _value_of(yd, what), _what_name(yd.fw, what)
    if exp is None or _same(v, exp):
        return []
    return [_f(ERROR, "score_text",
               f"ตารางระบุ ‘{fmt(v)}’ แต่ข้อมูล{name} ปีงบประมาณ {th(y)} ได้ {fmt(exp)} คะแนน", item)]


_ITEM = re.compile(rf"(?<![A-Za-z])(?P<c>[iIeEoO]\d{{1,2}})\s*[:=]\s*(?P<n>{_NUM})\s*คะแนน")


def check_item_scores(ctx: Ctx, item: TextItem) -> list[Finding]:
    """“(i11 : 98.92 คะแนน)”: a question/item code and its score, against the year's item scores."""
    out: list[Finding] = []
    text = arabic(item.text)
    if item.measure is not None:
        default = int(item.measure["fiscal_year"]) if item.measure.get("fiscal_year") else None
    else:
        default = results_year(item.memo, ctx)
    for m in _ITEM.finditer(text):
        y = year_at(text, m.start(), default)
        yd = ctx.years.get(y) if y else None
        code = m.group("c").lower()
        v = dec(m.group("n"))
        if yd is None or not yd.items or v is None:
            continue
        exp = yd.items.get(code)
        if exp is None:
            out.append(_f(ERROR, "item_text", f"ระบุข้อ ‘{m.group('c')}’ ซึ่งไม่มีในคะแนนรายข้อของปีงบประมาณ {th(y)}", item))
        elif not _same(v, exp):
            out.append(_f(ERROR, "item_text",
                          f"ระบุข้อ {m.group('c')} ได้ ‘{fmt(v)}’ คะแนน แต่ข้อมูลปีงบประมาณ {th(y)} ข้อ {m.group('c')} "
                          f"ได้ {fmt(exp)} คะแนน", item))
    return out


def check(ctx: Ctx) -> list[Finding]:
    out = check_years(ctx)
    for item in ctx.all_texts():
        out += check_item_scores(ctx, item)
    out += check_memo_years(ctx)
    for item in ctx.memo_texts():
        if item.kind in ("paragraph", "heading", "cell", "closing", "title"):
            out += check_score_claims(ctx, item)
            out += check_change_claims(ctx, item)
            out += check_rank_claims(ctx, item)
            out += check_level_claims(ctx, item)
            out += check_pass_mark(ctx, item)
            out += check_counts(ctx, item)
            out += check_previous_year(ctx, item)
        if item.kind in ("paragraph", "cell"):
            out += check_weights(ctx, item)
            out += check_band_cells(ctx, item)
            out += check_table_cells(ctx, item)
    return out

