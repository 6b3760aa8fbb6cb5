"""Names agree with the framework of the year: indicator number ↔ official name (in text, static
tables and measure titles), the tools' Thai names beside their codes, the assessment's own name
(ITA — ITAS is the NACC's web system) and the official wording of the assessment and the measures."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Iterator

from ..frameworks import Framework
from .base import ERROR, NOTICE, Ctx, Finding, TextItem, arabic, squash, th
from .numbers import results_year, year_at

FAMILY = "names"


def _f(sev: str, code: str, msg: str, item: TextItem) -> Finding:
    return Finding(sev, code, msg, item.loc, item.place, FAMILY)


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def norm_name(s: str) -> str:
    """Compare names as written, allowing the common legal variant ผู้มีส่วนได้เสีย = ผู้มีส่วนได้ส่วนเสีย."""
    s = squash(s).replace("ผู้มีส่วนได้เสีย", "ผู้มีส่วนได้ส่วนเสีย")
    return s.replace("ทางราชการ", "ราชการ")


def _fw_of(ctx: Ctx, item: TextItem, text: str, pos: int) -> Framework | None:
    if item.measure is not None:
        fy = item.measure.get("fiscal_year")
        # a measure of year Y answers the assessment of Y − 1
        return ctx.fw(int(fy) - 1) if fy else None
    memo = item.memo
    default = results_year(memo, ctx) or (int(memo["fiscal_year"]) if memo and memo.get("fiscal_year") else None)
    return ctx.fw(year_at(text, pos, default))


def best_cut(text: str, name: str) -> str:
    """The start of ``text`` most like ``name`` (the words typed in place of the name)."""
    n = len(squash(name))
    return max((text[:k] for k in range(max(1, n - 4), n + 5)), key=lambda h: (ratio(h, squash(name)), -len(h)))


# ------------------------------------------------------------------ indicator number ↔ name

_IND_NO = re.compile(r"ตัวชี้วัดที่\s*(\d{1,2})\s*[:.)]?\s*(?:ตัวชี้วัด)?\s*")


def check_indicator_numbers(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    text = arabic(item.text)
    for m in _IND_NO.finditer(text):
        fw = _fw_of(ctx, item, text, m.start())
        if fw is None:
            continue
        n = int(m.group(1))
        rest = squash(text[m.end():m.end() + 80])
        if n not in [i.number for i in fw.indicators]:
            out.append(_f(ERROR, "indicator_number",
                          f"ระบุ ‘ตัวชี้วัดที่ {th(n)}’ แต่กรอบการประเมินปี {th(fw.fiscal_year)} มีตัวชี้วัดที่ "
                          f"{th(fw.indicators[0].number)}–{th(fw.indicators[-1].number)}", item))
            continue
        right = fw.indicator(n)
        if not rest or norm_name(rest).startswith(norm_name(right.name)):
            continue
        other = next((i for i in sorted(fw.indicators, key=lambda i: -len(i.name))
                      if i.number != n and norm_name(rest).startswith(norm_name(i.name))), None)
        if other is not None:
            out.append(_f(ERROR, "indicator_name",
                          f"ระบุ ‘ตัวชี้วัดที่ {th(n)} {other.name}’ แต่ตามกรอบการประเมินปี {th(fw.fiscal_year)} "
                          f"ตัวชี้วัดที่ {th(n)} คือ ‘{right.name}’ ส่วน ‘{other.name}’ คือตัวชี้วัดที่ {th(other.number)}",
                          item))
            continue
        head = best_cut(rest, right.name)
        if ratio(norm_name(head), norm_name(right.name)) >= 0.7:
            out.append(_f(ERROR, "indicator_name",
                          f"ชื่อตัวชี้วัดที่ {th(n)} เขียนว่า ‘{head}’ แต่ชื่อตามกรอบการประเมินปี {th(fw.fiscal_year)} "
                          f"คือ ‘{right.name}’", item))
    return out


def check_indicator_table(ctx: Ctx, item: TextItem) -> list[Finding]:
    """A static table row “N | name”: the number and the name are one indicator."""
    if item.kind != "cell" or not item.row or (item.loc.col or 0) == 0:
        return []
    first = arabic(item.row[0]).strip().rstrip(".")
    if not first.isdigit():
        return []
    memo = item.memo
    fy = results_year(memo, ctx) or (int(memo["fiscal_year"]) if memo and memo.get("fiscal_year") else None)
    fw = ctx.fw(fy)
    if fw is None:
        return []
    name = norm_name(re.sub(r"^ตัวชี้วัด(?:ที่\s*\d+)?", "", squash(arabic(item.text))))
    hit = next((i for i in fw.indicators if norm_name(i.name) == name), None)
    n = int(first)
    if hit is None or hit.number == n or n not in [i.number for i in fw.indicators]:
        return []
    return [_f(ERROR, "indicator_name",
               f"แถวนี้ระบุตัวชี้วัดที่ {th(n)} ชื่อ ‘{hit.name}’ แต่ตามกรอบการประเมินปี {th(fw.fiscal_year)} "
               f"ตัวชี้วัดที่ {th(n)} คือ ‘{fw.indicator(n).name}’", item)]


def check_indicator_spelling(ctx: Ctx, item: TextItem) -> list[Finding]:
    """“ตัวชี้วัดการแก้ปัญหาการทุจริต”: a name close to, but not, the framework's."""
    out: list[Finding] = []
    text = arabic(item.text)
    for m in re.finditer(r"ตัวชี้วัด(?!ที่|ย่อย|ของ|การประเมิน|ละ|\s|ใน|ดังกล่าว|นี้|ต่าง|ทั้ง)", text):
        fw = _fw_of(ctx, item, text, m.start())
        if fw is None:
            continue
        rest = squash(text[m.end():m.end() + 60])
        names = sorted(fw.indicators, key=lambda i: -len(i.name))
        if any(norm_name(rest).startswith(norm_name(i.name)) for i in names):
            continue
        best = max(names, key=lambda i: ratio(norm_name(rest[:len(squash(i.name))]), norm_name(i.name)))
        head = best_cut(rest, best.name)
        r = ratio(norm_name(head), norm_name(best.name))
        if r >= 0.8:
            out.append(_f(NOTICE, "indicator_spelling",
                          f"ชื่อตัวชี้วัด ‘{head}’ ต่างจากชื่อตามกรอบการประเมินปี {th(fw.fiscal_year)} "
                          f"‘{best.name}’", item))
    return out


def check_measure_indicators(ctx: Ctx) -> list[Finding]:
    """A measure linked to indicators whose title names another indicator."""
    out: list[Finding] = []
    from .base import measure_texts
    for m in ctx.measures():
        linked = [int(x) for x in m.get("indicators") or []]
        fy = m.get("fiscal_year")
        fw = ctx.fw(int(fy) - 1) if fy else None
        if not linked or fw is None:
            continue
        title = squash(str(m.get("title", "")))
        named = [i for i in fw.indicators if len(i.name) >= 10 and norm_name(i.name) in norm_name(title)]
        if len(named) == 1 and named[0].number not in linked:
            item = next(measure_texts(m))
            names = ", ".join(f"ที่ {th(n)} {fw.indicator(n).name}" for n in linked if n in
                              [i.number for i in fw.indicators])
            out.append(_f(ERROR, "measure_indicator",
                          f"ชื่อมาตรการกล่าวถึง ‘{named[0].name}’ (ตัวชี้วัดที่ {th(named[0].number)}) "
                          f"แต่มาตรการนี้ผูกกับตัวชี้วัด{names}", item))
    return out


# ------------------------------------------------------------------ tools

_CODE = re.compile(r"(?<![A-Za-z])(IIT|EIT|OIT)(?![A-Za-z])")


def _tool_phrases(text: str) -> Iterator[tuple[str, str]]:
    """(Thai name, code) for each “แบบวัด…/แบบตรวจ… (English…) CODE”."""
    for m in _CODE.finditer(text):
        seg = text[max(0, m.start() - 140):m.start()]
        k = max(seg.rfind("แบบวัด"), seg.rfind("แบบตรวจ"))
        if k < 0:
            continue
        name = seg[k:]
        if re.search(r"\d", name) or _CODE.search(name):
            continue
        thai = re.sub(r"[A-Za-z:()\[\]\-–.,/]+", " ", name).strip()
        if thai:
            yield thai, m.group(1)


def check_tool_names(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    text = arabic(item.text)
    for thai, code in _tool_phrases(text):
        fw = _fw_of(ctx, item, text, len(text))
        if fw is None:
            continue
        try:
            tool = fw.tool(code)
        except KeyError:
            continue
        got = norm_name(thai)
        if got.startswith(norm_name(tool.name)):
            continue
        other = next((t for t in fw.tools if t.code != code and got.startswith(norm_name(t.name))), None)
        if other is not None:
            out.append(_f(ERROR, "tool_name",
                          f"‘{thai}’ คือชื่อของเครื่องมือ {other.code} แต่ข้อความใช้กับ {code} "
                          f"ซึ่งชื่อตามกรอบการประเมินคือ ‘{tool.name}’", item))
        elif ratio(got, norm_name(tool.name)) >= 0.6:
            out.append(_f(ERROR, "tool_name",
                          f"ชื่อเครื่องมือ {code} เขียนว่า ‘{thai}’ แต่ชื่อตามกรอบการประเมินปี {th(fw.fiscal_year)} "
                          f"คือ ‘{tool.name}’", item))
    return out


# ------------------------------------------------------------------ the assessment's name and official wording

def official_name(fw: Framework) -> str:
    """The assessment's Thai name from the framework file, without “ประจำปีงบประมาณ …”."""
    return re.split(r"\s*ประจำปี", fw.name)[0].strip()


_ITAS = re.compile(r"(?<!ระบบ)(?<!ระบบ )(?:การประเมิน|ผลการประเมิน|ผลคะแนน|คะแนน)\s*ITAS(?![A-Za-z])|"
                   r"(?<=ภาครัฐ)\s*\((?:[^()]*Assessment\s+System\s*:?\s*)?ITAS\)|Transparency\s+Assessment\s+System")


def check_ita_name(ctx: Ctx, item: TextItem) -> list[Finding]:
    m = _ITAS.search(item.text)
    if not m:
        return []
    return [_f(ERROR, "ita_name",
               f"เรียกการประเมินว่า ‘{m.group(0).strip()}’ แต่ชื่อการประเมินคือ ITA (Integrity and Transparency "
               f"Assessment) ส่วน ITAS คือระบบเว็บไซต์ที่ใช้ประเมิน", item)]


def check_official_wording(ctx: Ctx, item: TextItem) -> list[Finding]:
    out: list[Finding] = []
    text = squash(arabic(item.text))
    fw = None
    for y in sorted(ctx.years) or [results_year(item.memo, ctx) or 0]:
        fw = ctx.fw(y) or fw
    if fw is None and item.memo and item.memo.get("fiscal_year"):
        fw = ctx.fw(int(item.memo["fiscal_year"]))
    if fw is None:
        return out
    name = squash(official_name(fw))              # การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ
    m0 = re.match(r"การประเมิน(.+?)ความโปร่งใส(.*)$", name)
    if not m0:
        return out
    middle, tail = m0.group(1), m0.group(2)       # "คุณธรรมและ", "ในการดำเนินงานของหน่วยงานภาครัฐ"
    kw = middle[:6]                                # "คุณธรร"
    for m in re.finditer(rf"(การประเมิน|มาตรการส่งเสริม|มาตร\S{{1,4}}ส่งเสริม)({kw}\S{{0,20}}?)ความโปร่งใส", text):
        lead, mid = m.group(1), m.group(2)
        if lead.startswith("มาตร") and lead != "มาตรการส่งเสริม":
            out.append(_f(ERROR, "measure_wording",
                          f"เขียนว่า ‘{lead}{mid}ความโปร่งใส’ ชื่อทางการคือ ‘มาตรการส่งเสริม{middle}ความโปร่งใส’", item))
            continue
        if mid == middle:
            if lead == "การประเมิน":
                after = text[m.end():m.end() + len(tail) + 4]
                if not after.startswith("ในการ") or after.startswith(tail):
                    continue
                cp = next((n for n in range(len(tail)) if n >= len(after) or after[n] != tail[n]), len(tail))
                missing = tail[cp:]
                said = best_cut(after, tail).split("(")[0]
                # “…ในการดำเนินงานของเทศบาลตำบล…” names the office: only a replaced word is wrong
                if missing and ratio(after[cp:cp + len(missing)], missing) >= 0.6:
                    out.append(_f(ERROR, "assessment_name",
                                  f"ชื่อการประเมินเขียนว่า ‘…ความโปร่งใส{said}’ ชื่อทางการคือ ‘{official_name(fw)}’",
                                  item))
            continue
        if mid + "และ" == middle or mid == middle.replace("และ", ""):
            out.append(_f(NOTICE, "assessment_name",
                          f"เขียนว่า ‘{lead}{mid}ความโปร่งใส’ ชื่อทางการใช้ ‘{middle}ความโปร่งใส’ (มีคำว่า “และ”)", item))
        else:
            right = official_name(fw) if lead == "การประเมิน" else f"{lead}{middle}ความโปร่งใส"
            out.append(_f(ERROR, "assessment_name",
                          f"เขียนว่า ‘{lead}{mid}ความโปร่งใส’ แต่ชื่อทางการคือ ‘{right}’", item))
    return out


def check(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    for item in ctx.all_texts():
        out += check_indicator_numbers(ctx, item)
        out += check_indicator_spelling(ctx, item)
        out += check_tool_names(ctx, item)
        out += check_ita_name(ctx, item)
        out += check_official_wording(ctx, item)
        out += check_indicator_table(ctx, item)
    out += check_measure_indicators(ctx)
    return out
