"""The office is itself: the document-number prefix carries its province's official letter code
(resources/provinces.toml), every office, district and province named in a text is the profile's
(names read with word boundaries), and the addressee fits the kind of office."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from ..analysis import AnalysisDataError
from ..tomlfile import read_toml
from .base import ERROR, NOTICE, Ctx, Finding, Location, TextItem, memo_field_place, squash

FAMILY = "office"

OFFICE_KINDS = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")
# the head of each kind of office, as the memo addresses him: นายก + this + the office's own name
MAYOR_OF = {"เทศบาลตำบล": "นายกเทศมนตรีตำบล", "เทศบาลเมือง": "นายกเทศมนตรีเมือง", "เทศบาลนคร": "นายกเทศมนตรีนคร",
            "องค์การบริหารส่วนตำบล": "นายกองค์การบริหารส่วนตำบล",
            "องค์การบริหารส่วนจังหวัด": "นายกองค์การบริหารส่วนจังหวัด"}
# words that end a proper name in running text
_STOP = ("ได้", "ซึ่ง", "ที่", "และ", "หรือ", "จึง", "โดย", "เป็น", "มี", "ให้", "ทราบ", "ต่อไป", "ดังนี้", "ตาม",
         "เพื่อ", "จะ", "ก็", "แล้ว", "อำเภอ", "จังหวัด", "ตำบล", "ใน", "ของ", "ทุก", "ต่าง", "อื่น", "นั้น", "นี้",
         "ทั้ง", "กับ", "แก่", "แต่", "เมื่อ", "เรื่อง", "ประจำ", "ปี", "ผ่าน", "มา", "ไป", "อยู่", "คือ", "ว่า",
         "รับ", "ดำเนิน", "เห็น", "ขอ", "ควร", "ไม่", "ยัง", "ผล", "พบ", "นำ", "จัด", "การ", "ประกาศ", "อ.", "จ.")


def provinces_file() -> Path:
    from ...paths import resources_dir

    return resources_dir() / "provinces.toml"


@lru_cache(maxsize=1)
def province_codes() -> dict[str, str]:
    """Province → its letter code (กาญจนบุรี → กจ), every province of Thailand."""
    data, _ = read_toml(provinces_file(), "ไฟล์อักษรย่อจังหวัด", AnalysisDataError)
    codes = data.get("codes")
    if not isinstance(codes, dict) or not codes:
        raise AnalysisDataError("ไฟล์ provinces.toml ไม่มีตาราง [codes]")
    return {str(k): str(v) for k, v in codes.items()}


def province_of_code(code: str) -> str | None:
    return next((p for p, c in province_codes().items() if c == code), None)


def _province_name(s: str) -> str:
    return re.sub(r"^จังหวัด", "", (s or "").strip())


# ------------------------------------------------------------------ names in running text

def _name_after(rest: str) -> str:
    """The proper name at the start of ``rest``: up to a space, punctuation or a common word."""
    from ..wordbreak import segment

    m = re.match(r"[\u0E00-\u0E2E\u0E30-\u0E3A\u0E40-\u0E4E]*", rest)   # Thai letters (no digits, no ฯ)
    run = m.group(0) if m else ""
    if not run:
        return ""
    name = ""
    for tok in segment(run):
        if tok in _STOP or (name and any(tok.startswith(s) and len(s) >= 3 for s in _STOP if s not in ("การ",))):
            break
        name += tok
        if len(name) >= 20:
            break
    return name


def office_mentions(text: str) -> list[tuple[int, str, str]]:
    """(position, kind, name) of each office named in ``text`` (kind word + proper name)."""
    out = []
    pattern = "|".join(re.escape(k) for k in sorted(OFFICE_KINDS, key=len, reverse=True))
    for m in re.finditer(pattern, text):
        rest = text[m.end():].lstrip(" ")
        if text[max(0, m.start() - 3):m.start()].endswith("ทุก"):
            continue
        name = _name_after(rest)
        if name:
            out.append((m.start(), m.group(0), name))
    return out


def other_office_names(text: str, office_name: str, data: Any = None) -> list[str]:
    """Office names in ``text`` that are not the dossier's office."""
    own_kind = next((k for k in sorted(OFFICE_KINDS, key=len, reverse=True) if office_name.startswith(k)), "")
    own_short = squash(office_name[len(own_kind):])
    found: list[str] = []
    for pos, kind, name in office_mentions(text):
        rest = squash(text[pos + len(kind):pos + len(kind) + len(own_short) + 4])
        if own_short and kind == own_kind and rest.startswith(own_short):
            continue
        full = kind + name
        if full != office_name and full not in found:
            found.append(full)
    return found


IDENTITY_KINDS = ("subject", "unit", "to", "title", "heading", "chain")   # the lines that say whose document it is


def _own_kind(name: str) -> str:
    return next((k for k in sorted(OFFICE_KINDS, key=len, reverse=True) if name.startswith(k)), "")


def check_other_offices(ctx: Ctx, item: TextItem) -> list[Finding]:
    """Another office's name: an error in the lines that say whose document it is, and for an
    office of the same kind anywhere (the sign of a template copied from a neighbour); a notice
    for another kind in running text (“ร่วมกับองค์การบริหารส่วนจังหวัด…” may be right)."""
    name = ctx.office_name
    if not name:
        return []
    out = []
    own_kind = _own_kind(name)
    for other in other_office_names(item.text, name):
        sev = ERROR if item.kind in IDENTITY_KINDS or _own_kind(other) == own_kind else NOTICE
        out.append(Finding(sev, "office_name",
                           f"ระบุชื่อ ‘{other}’ ซึ่งไม่ใช่หน่วยงานนี้ ({name}) อาจคัดลอกมาจากเอกสารของหน่วยงานอื่น",
                           item.loc, item.place, FAMILY))
    return out


def check_places(ctx: Ctx, item: TextItem) -> list[Finding]:
    """อำเภอ… / จังหวัด… named in a text are the profile's."""
    out: list[Finding] = []
    office = ctx.office
    amphoe, province = squash(office.get("amphoe", "")), _province_name(office.get("province", ""))
    text = item.text
    if province:
        known = set(province_codes())
        for m in re.finditer(r"(?<!ส่วน)(?<!ทุก)(?<!ใน)จังหวัด\s*", text):
            rest = squash(text[m.end():m.end() + 30])
            hit = next((p for p in sorted(known, key=len, reverse=True) if rest.startswith(p)), None)
            if hit and hit != province:
                # the office's address (a cover line, or “…อำเภอ… จังหวัด…” after its name) is an error;
                # another province in running text (a study visit) only a notice
                addr = item.kind in IDENTITY_KINDS or re.search(r"อำเภอ\S*\s*$", text[max(0, m.start() - 30):m.start()])
                out.append(Finding(ERROR if addr else NOTICE, "province_name",
                                   f"ระบุ ‘จังหวัด{hit}’ แต่หน่วยงานนี้อยู่จังหวัด{province}", item.loc, item.place, FAMILY))
    if amphoe:
        for m in re.finditer(r"(?<!ทุก)(?<!ใน)อำเภอ\s*", text):
            nm = _name_after(text[m.end():])
            after = text[m.end() + len(nm):m.end() + len(nm) + 12].lstrip()
            own = squash(text[:m.start()]).endswith(squash(ctx.office_name))   # “<office> อำเภอ…”: its address
            if nm and (after.startswith("จังหวัด") or own) and squash(nm) != amphoe:
                out.append(Finding(ERROR, "amphoe_name",
                                   f"ระบุ ‘อำเภอ{nm}’ แต่หน่วยงานนี้อยู่อำเภอ{office.get('amphoe')}",
                                   item.loc, item.place, FAMILY))
    return out


# ------------------------------------------------------------------ document number and addressee

def check_doc_prefix(ctx: Ctx) -> list[Finding]:
    office = ctx.office
    prefix = str(office.get("doc_prefix", "")).strip()
    m = re.match(r"([ก-ฮ]{2})\s*[\d๐-๙]", prefix)
    if not m:
        return []
    code = m.group(1)
    loc = Location("office", "", "doc_prefix")
    place = f"ข้อมูลหน่วยงาน ช่องเลขที่หนังสือ ‘{prefix}’"
    owner = province_of_code(code)
    province = _province_name(office.get("province", ""))
    if owner is None:
        return [Finding(ERROR, "doc_prefix",
                        f"อักษรย่อ ‘{code}’ ไม่ใช่อักษรย่อของจังหวัดใด"
                        + (f" (จังหวัด{province} ใช้ ‘{province_codes().get(province, '?')}’)" if province else ""),
                        loc, place, FAMILY)]
    if province and province in province_codes() and owner != province:
        return [Finding(ERROR, "doc_prefix",
                        f"อักษรย่อ ‘{code}’ เป็นของจังหวัด{owner} แต่หน่วยงานนี้อยู่จังหวัด{province} "
                        f"ซึ่งใช้อักษรย่อ ‘{province_codes()[province]}’", loc, place, FAMILY)]
    return []


def expected_mayor(office: Mapping[str, Any]) -> str:
    name = str(office.get("name", "")).strip()
    kind = str(office.get("kind", "")).strip() or next((k for k in OFFICE_KINDS if name.startswith(k)), "")
    if kind not in MAYOR_OF or not name.startswith(kind):
        return ""
    return MAYOR_OF[kind] + name[len(kind):].strip()


def check_addressee(ctx: Ctx) -> list[Finding]:
    out: list[Finding] = []
    want = expected_mayor(ctx.office)
    if not want:
        return out
    for memo in ctx.memos():
        to = squash(memo.get("to", ""))
        if not to.startswith("นายก") or to == squash(want):
            continue
        key = str(memo.get("key", ""))
        out.append(Finding(ERROR, "addressee",
                           f"เรียน ‘{memo.get('to')}’ แต่ผู้บริหารของ{ctx.office_name} คือ ‘{want}’",
                           Location("memo", key, "to"), memo_field_place(memo, "to"), FAMILY))
    return out


def check_emblem(ctx: Ctx) -> list[Finding]:
    """A memo printed without the Garuda leaves its slot empty: worth a notice before printing."""
    if ctx.office.get("emblem_png_base64") or not list(ctx.memos()):
        return []
    return [Finding(NOTICE, "no_emblem",
                    "หน่วยงานยังไม่มีตราครุฑ บันทึกข้อความจะพิมพ์โดยเว้นที่ว่างไว้ที่มุมซ้ายบนของหน้าแรก "
                    "นำเข้าตราครุฑจากแบบบันทึกข้อความ (.docx) หรือไฟล์ภาพได้ที่ ข้อมูลหน่วยงาน "
                    "หรือคำสั่ง itadesk garuda", Location("office", "", "emblem"), "ข้อมูลหน่วยงาน ตราครุฑ", FAMILY)]


def check(ctx: Ctx) -> list[Finding]:
    out = check_doc_prefix(ctx)
    out += check_emblem(ctx)
    out += check_addressee(ctx)
    for item in ctx.all_texts():
        if item.kind == "to":
            continue
        out += check_other_offices(ctx, item)
        out += check_places(ctx, item)
    return out

