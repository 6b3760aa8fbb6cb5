"""People and units: whoever signs is in the profile and signs under a position that is theirs,
units named in measures exist in the profile (“ทุกส่วนราชการ”, “สำนัก/กอง” mean all), job titles
are spelled as in the profile, and one person is spelled one way."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any, Mapping

from .base import (
    ERROR, NOTICE, Ctx, Finding, Location, TextItem, measure_place, memo_field_place, memo_name, squash, th,
)

FAMILY = "people"
TITLES = ("นางสาว", "นาง", "นาย", "ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "ว่าที่ ร.ต.", "ดร.")
ALL_UNITS = ("ทุกส่วนราชการ", "ทุกกอง", "ทุกสำนัก", "สำนัก/กอง", "ทุกหน่วยงาน", "ทุกฝ่าย", "ทุกงาน")
# the long and the short form of the same unit name (สำนักปลัดเทศบาล = สำนักปลัด)
_UNIT_SUFFIXES = ("เทศบาล", "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "อบต.", "อบจ.")


def _f(sev: str, code: str, msg: str, loc: Location, place: str) -> Finding:
    return Finding(sev, code, msg, loc, place, FAMILY)


def ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def split_name(full: str) -> tuple[str, str, str]:
    """(title, first name, surname) of “นายชัยยา ภูมิเขต”."""
    s = " ".join(str(full or "").split())
    title = next((t for t in TITLES if s.startswith(t)), "")
    rest = s[len(title):].strip().split(" ")
    return title, rest[0] if rest else "", " ".join(rest[1:])


# ------------------------------------------------------------------ signers

def _positions(p: Mapping[str, Any]) -> list[str]:
    return [squash(x) for x in (p.get("position"), p.get("acting_for")) if x]


def heading_position(heading: str) -> str:
    h = squash(heading)
    h = re.sub(r"^(?:-)?ความเห็น(?:และคำสั่ง|/คำสั่ง|หรือคำสั่ง)?(?:ของ)?", "", h)
    h = re.sub(r"^(?:/)?คำสั่ง(?:ของ)?", "", h)
    return re.split(r"รักษาราชการแทน|ปฏิบัติราชการแทน|ปฏิบัติหน้าที่", h)[0]


def _office_part(rest: str, office: str) -> bool:
    return rest == "" or len(rest) >= 4 and (office.endswith(rest) or office.startswith(rest))


def check_signers(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    people = {p.get("key"): p for p in ctx.office.get("people") or [] if p.get("key")}
    for memo in ctx.memos():
        key = str(memo.get("key", ""))
        author = memo.get("author") or {}
        if not author.get("person"):
            out.append(_f(ERROR, "memo_author", "บันทึกยังไม่มีผู้เสนอ (ผู้ลงนาม) กรุณาเลือกจากรายชื่อบุคลากร",
                          Location("memo", key, "author"), memo_field_place(memo, "author")))
        elif author["person"] not in people:
            out.append(_f(ERROR, "memo_person",
                          f"ผู้เสนอ ‘{author['person']}’ ไม่มีในรายชื่อบุคลากรของหน่วยงาน กรุณาเลือกผู้เสนอใหม่",
                          Location("memo", key, "author"), memo_field_place(memo, "author")))
        for i, c in enumerate(memo.get("chain") or []):
            p = c.get("person")
            loc = Location("memo", key, "chain", line=i, sub="person")
            place = f"{memo_name(memo)} ช่องความเห็นที่ {th(i + 1)}" + (f" ‘{c['heading']}’" if c.get("heading") else "")
            if not p or p not in people:
                what = f"‘{p}’ ไม่มีในรายชื่อบุคลากร" if p else "ยังไม่ได้ระบุผู้ลงความเห็น"
                out.append(_f(ERROR, "memo_person", f"{what} กรุณาเลือกผู้ลงนามจากรายชื่อบุคลากร", loc, place))
                continue
            person = people[p]
            h = heading_position(c.get("heading", ""))
            pos = _positions(person) + ([squash(c["acting_for"])] if c.get("acting_for") else [])
            own = squash(ctx.office_name)
            # “ปลัดเทศบาล” for ปลัดเทศบาลตำบลเวียง; the position followed by (part of) the office's
            # name: “หัวหน้าสำนักปลัด” + “เทศบาล”, “ปลัดเทศบาล” + “ตำบลเวียง”
            if not h or any(x.startswith(h) or h.startswith(x) and _office_part(h[len(x):], own) for x in pos):
                continue
            best = max(pos, key=lambda x: ratio(h, x[:len(h)])) if pos else ""
            others = [squash(x) for q in people.values() if q is not person for x in _positions(q)]
            if best and ratio(h, best[:len(h)]) >= 0.8:
                out.append(_f(NOTICE, "position_spelling",
                              f"หัวข้อความเห็นเขียนตำแหน่งว่า ‘{h}’ แต่ข้อมูลบุคลากรเขียน ‘{best}’", loc, place))
            elif any(x.startswith(h) or h.startswith(x) and _office_part(h[len(x):], own) for x in others):
                # the heading names another person's position: the wrong signer was picked
                out.append(_f(ERROR, "signer_position",
                              f"หัวข้อความเห็นเป็นของ ‘{h}’ แต่ผู้ลงความเห็น {person.get('name')} ดำรงตำแหน่ง "
                              f"‘{person.get('position')}’" + (f" (รักษาราชการแทน {person.get('acting_for')})"
                                                                if person.get("acting_for") else ""), loc, place))
    return out


# ------------------------------------------------------------------ units

def _unit_norm(u: str) -> str:
    s = squash(u)
    for suf in _UNIT_SUFFIXES:
        if s.endswith(suf) and len(s) > len(suf) + 3:
            s = s[: -len(suf)]
    return s


def unit_status(unit: str, office_units: list[str]) -> tuple[str, str]:
    """("ok"|"variant"|"unknown", the profile's spelling for a variant)."""
    u = squash(unit)
    if not u or u.startswith("ทุก") or u in ALL_UNITS:
        return "ok", ""
    un = _unit_norm(u)
    for o in office_units:
        on = _unit_norm(o)
        # the same unit, or a work group of it (“กองคลัง งานพัสดุ”)
        if un == on or un.startswith(on) and un[len(on):].startswith(("งาน", "ฝ่าย", "(")):
            return "ok", ""
    best = max(office_units, key=lambda o: ratio(un, _unit_norm(o)), default="")
    if best and ratio(un, _unit_norm(best)) >= 0.75:
        return "variant", best
    return "unknown", ""


def _units_printed(ctx: Ctx) -> dict[str, set[str]]:
    """measure key → the columns the memos print it with."""
    from .dates import printed_columns
    return printed_columns(ctx)


def check_units(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    office_units = [str(u) for u in ctx.office.get("units") or []]
    printed = _units_printed(ctx)
    for m in ctx.measures():
        key = str(m.get("key", ""))
        cols = printed.get(key)
        steps = m.get("steps") or []
        listed: list[tuple[int | None, Any]] = [(None, u) for u in m.get("units") or []]
        listed += [(i, u) for i, s in enumerate(steps) for u in s.get("units") or []]
        if cols is not None and "units" in cols:
            if not [u for _, u in listed if str(u).strip()]:
                out.append(_f(ERROR, "measure_units", "ยังไม่ได้ระบุผู้รับผิดชอบ กรุณาเลือกกองหรือส่วนราชการที่รับผิดชอบ",
                              Location("measure", key, "units"), measure_place(m, "units")))
                continue
            if not m.get("units"):
                for i, s in enumerate(steps):
                    if not [u for u in s.get("units") or [] if str(u).strip()]:
                        out.append(_f(ERROR, "measure_units", "ขั้นตอนนี้ไม่มีผู้รับผิดชอบ",
                                      Location("measure", key, "steps", line=i, sub="units"),
                                      measure_place(m, "steps", i, "units")))
                        break
        if not office_units:
            continue
        for step, u in listed:
            st, best = unit_status(str(u), office_units)
            if st == "ok":
                continue
            loc = (Location("measure", key, "units") if step is None
                   else Location("measure", key, "steps", line=step, sub="units"))
            place = measure_place(m, "units") if step is None else measure_place(m, "steps", step, "units")
            if st == "variant":
                out.append(_f(NOTICE, "unit_spelling", f"ผู้รับผิดชอบเขียนว่า ‘{u}’ แต่ข้อมูลหน่วยงานเขียน ‘{best}’",
                              loc, place))
            else:
                out.append(_f(ERROR, "unit_unknown",
                              f"ผู้รับผิดชอบ ‘{u}’ ไม่มีในรายชื่อส่วนราชการของหน่วยงาน ({', '.join(office_units)}) "
                              f"กรุณาแก้ชื่อ หรือเพิ่มส่วนราชการนี้ในข้อมูลหน่วยงาน", loc, place))
    return out


# ------------------------------------------------------------------ names and positions in text

def check_name_spelling(ctx: Ctx, item: TextItem) -> list[Finding]:
    """A person of the profile written with another surname spelling (“นายชัยยา ภูมิเขตต์”)."""
    out: list[Finding] = []
    text = " ".join(item.text.split())
    for p in ctx.office.get("people") or []:
        _, first, last = split_name(p.get("name", ""))
        if len(first) < 2 or not last:
            continue
        for m in re.finditer(rf"{re.escape(first)}\s+([\u0E00-\u0E7F]+)", text):
            w = m.group(1)
            if w == last:
                continue
            if w.startswith(last):
                # “บุญมาทราบ” is the name and the next word; “บุญมาก” is another spelling
                rest = w[len(last):]
                if _is_words(rest):
                    continue
            if ratio(w[:len(last) + 1], last) >= 0.7:
                out.append(Finding(NOTICE, "person_spelling",
                                   f"เขียนชื่อ ‘{first} {w}’ แต่ข้อมูลบุคลากรเขียน ‘{p.get('name')}’",
                                   item.loc, item.place, FAMILY))
    return out


def _is_words(text: str) -> bool:
    from ..wordbreak import dictionary, segment

    words = dictionary()
    return all(t in words and len(t) > 1 for t in segment(text))


def check_profile_people(ctx: Ctx) -> list[Finding]:
    """Two entries of the profile that are one person spelled two ways."""
    out: list[Finding] = []
    people = [p for p in ctx.office.get("people") or [] if p.get("name")]
    for a in range(len(people)):
        for b in range(a + 1, len(people)):
            na, nb = squash(split_name(people[a]["name"])[1] + split_name(people[a]["name"])[2]), \
                squash(split_name(people[b]["name"])[1] + split_name(people[b]["name"])[2])
            if na != nb and ratio(na, nb) >= 0.85:
                out.append(_f(NOTICE, "person_spelling",
                              f"บุคลากร ‘{people[a]['name']}’ และ ‘{people[b]['name']}’ อาจเป็นคนเดียวกันที่สะกดต่างกัน",
                              Location("office", "", "people"), "ข้อมูลหน่วยงาน รายชื่อบุคลากร"))
    return out


def check_position_spelling(ctx: Ctx, item: TextItem) -> list[Finding]:
    """A job title of the profile written slightly differently in the memo's text."""
    out: list[Finding] = []
    titles = {squash(p.get("position", "")) for p in ctx.office.get("people") or [] if p.get("position")}
    titles = {t for t in titles if len(t) >= 8}
    text = squash(item.text)
    for t in titles:
        if t in text:
            continue
        lead = t[:5]
        for m in re.finditer(re.escape(lead), text):
            cand = text[m.start():m.start() + len(t)]
            if cand != t and ratio(cand, t) >= 0.88 and not any(cand == x or x.startswith(cand) for x in titles):
                out.append(Finding(NOTICE, "position_spelling",
                                   f"เขียนตำแหน่งว่า ‘{cand}’ แต่ข้อมูลบุคลากรเขียน ‘{t}’", item.loc, item.place, FAMILY))
                break
    return out


def check(ctx: Ctx) -> list[Finding]:
    out = check_signers(ctx)
    out += check_units(ctx)
    out += check_profile_people(ctx)
    for item in ctx.all_texts():
        out += check_name_spelling(ctx, item)
        if item.kind in ("paragraph", "unit", "chain", "cell"):
            out += check_position_spelling(ctx, item)
    return out
