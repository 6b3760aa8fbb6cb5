"""Spelling in general: known general misspellings (resources/analysis/typos.toml), a word typed
twice (“ตั้งตั้ง”, “ข้อข้อ”), and words that are in no dictionary — pythainlp's Thai word list plus the
office's own names, the framework's names and the words listed in typos.toml — each a notice with a
suggestion."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from ..analysis import AnalysisDataError, analysis_dir
from ..tomlfile import read_toml
from .base import NOTICE, Ctx, Finding, TextItem, measure_texts, memo_texts, short, squash

FAMILY = "spelling"
_THAI = re.compile(r"[\u0E01-\u0E2E\u0E30-\u0E3A\u0E40-\u0E4E]+")


@dataclass(frozen=True)
class Typo:
    wrong: str
    right: str
    note: str = ""


@dataclass(frozen=True)
class CheckData:
    typos: tuple[Typo, ...]
    max_year_distance: int = 2
    unknown_words: bool = True
    extra_words: tuple[str, ...] = field(default_factory=tuple)
    closing_starts: tuple[str, ...] = ("จึงเรียนมา",)


def load_check_data(path: Path | str | None = None) -> CheckData:
    p = Path(path) if path else analysis_dir() / "typos.toml"
    d, _ = read_toml(p, "ไฟล์", AnalysisDataError)
    typos = []
    for n, t in enumerate(d.get("typo", [])):
        if not t.get("wrong") or "right" not in t:
            raise AnalysisDataError(f"ไฟล์ {p.name} [[typo]] ที่ {n + 1}: ต้องมี wrong และ right")
        typos.append(Typo(str(t["wrong"]), str(t["right"]), str(t.get("note", ""))))
    kw: dict[str, Any] = {"typos": tuple(typos)}
    if "max_distance" in d.get("years", {}):
        kw["max_year_distance"] = int(d["years"]["max_distance"])
    sp = d.get("spelling", {})
    if "unknown_words" in sp:
        kw["unknown_words"] = bool(sp["unknown_words"])
    kw["extra_words"] = tuple(str(x) for x in sp.get("extra_words", []))
    if d.get("memo", {}).get("closing_starts"):
        kw["closing_starts"] = tuple(str(x) for x in d["memo"]["closing_starts"])
    return CheckData(**kw)


@lru_cache(maxsize=1)
def default_check_data() -> CheckData:
    return load_check_data()


def find_typos(text: str, data: CheckData) -> list[Typo]:
    return [t for t in data.typos if t.wrong in (text or "")]


# ------------------------------------------------------------------ words typed twice

def _dictionary() -> Any:
    from ..wordbreak import dictionary

    return dictionary()


def doubled_words(text: str) -> list[str]:
    """Words typed twice in a row (“แต่งตั้งตั้ง”, “ระยะเวลาเวลา”, “ให้ผู้ ให้ผู้ตอบ”); Thai repeats a
    word on purpose with ๆ, so two copies side by side are a slip."""
    from ..wordbreak import segment

    words = _dictionary()
    out: list[str] = []
    for run in re.finditer(r"[\u0E01-\u0E4E]+(?: [\u0E01-\u0E4E]+)*", text or ""):
        s = run.group(0)
        toks = list(segment(s))
        pos = [0]
        for t in toks:
            pos.append(pos[-1] + len(t))
        i = 0
        while i < len(toks):
            t = toks[i]
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            hit = ""
            # one word twice, or a word whose last part is typed again: เวลาเวลา, แต่งตั้งตั้ง
            if t and not t.isspace() and len(nxt) >= 4 and t.endswith(nxt) and nxt in words:
                hit = s[pos[i]:pos[i + 2]]
            # ข้อข้อบกพร่อง: the next word starts with this one and the rest is a word
            elif len(t) >= 3 and nxt != t and nxt.startswith(t) and nxt[len(t):] in words:
                hit = s[pos[i]:pos[i] + 2 * len(t)]
            else:
                # two or three words typed again after a space: ให้ผู้ ให้ผู้ตอบ
                for k in (2, 3):
                    a = "".join(toks[i:i + k])
                    if i + k > len(toks) or len(a) < 4 or a.strip() != a:
                        continue
                    after = s[pos[i + k]:]
                    if after.startswith((" " + a, a)):
                        hit = s[pos[i]:pos[i + k] + after.index(a) + len(a)]
                        break
            if hit and squash(hit) not in words:
                out.append(hit)
                i += 2
                continue
            i += 1
    return out


# ------------------------------------------------------------------ words in no dictionary

def _ctx_words(ctx: Ctx) -> set[str]:
    """The office's own names and the framework's, cut into words, so that they are known."""
    names: list[str] = [ctx.office_name, str(ctx.office.get("amphoe", "")), str(ctx.office.get("province", ""))]
    names += [str(u) for u in ctx.office.get("units") or []]
    for p in ctx.office.get("people") or []:
        names += str(p.get("name", "")).split() + [str(p.get("position", "")), str(p.get("acting_for", ""))]
    for y in {*ctx.years, *(int(m.get("fiscal_year") or 0) for m in ctx.memos())}:
        fw = ctx.fw(y) if y else None
        if fw:
            names += [fw.name] + [t.name for t in fw.tools] + [i.name for i in fw.indicators]
            names += [s.name for s in fw.subindicators] + [it.title for it in fw.items]
    out: set[str] = set(ctx.data.extra_words)
    for n in names:
        out |= set(_THAI.findall(n))
    from .office import OFFICE_KINDS
    for k in OFFICE_KINDS:
        if ctx.office_name.startswith(k):
            out.add(ctx.office_name[len(k):].strip())
    return {w for w in out if w}


@lru_cache(maxsize=1)
def _by_first() -> dict[str, list[str]]:
    idx: dict[str, list[str]] = {}
    for w in _dictionary():
        if 2 <= len(w) <= 20:
            idx.setdefault(w[0], []).append(w)
    return idx


def suggest(word: str) -> str | None:
    cands = [w for w in _by_first().get(word[:1], []) if abs(len(w) - len(word)) <= 2]
    hit = get_close_matches(word, cands, n=1, cutoff=0.75)
    return hit[0] if hit else None


def unknown_words(text: str, known: Iterable[str]) -> list[tuple[str, str | None]]:
    """Pieces of Thai that no dictionary word covers (newmm leaves them as stray letters), joined
    with the short fragments around them, and the nearest dictionary word."""
    from ..wordbreak import segment

    words = _dictionary()
    extra = set(known)
    out: list[tuple[str, str | None]] = []
    for run in _THAI.finditer(text or ""):
        s = run.group(0)
        if any(s in w or w in s and len(w) >= len(s) - 1 for w in extra):
            continue
        toks = list(segment(s))
        i = 0
        while i < len(toks):
            if toks[i] in words or toks[i] in extra:
                i += 1
                continue
            j = i
            while j < len(toks) and toks[j] not in words and toks[j] not in extra:
                j += 1
            lo = i
            while lo > 0 and len(toks[lo - 1]) <= 2 and i - lo < 2:
                lo -= 1
            core = "".join(toks[lo:j])
            nxt = toks[j] if j < len(toks) else ""
            i = j + 1
            if any(core in w for w in extra):
                continue
            # a piece with no dictionary word near it is most often a proper name: left alone
            for cand in ([core + nxt] if nxt else []) + [core]:
                sug = suggest(cand)
                if sug and sug != cand:
                    out.append((cand, sug))
                    break
    return out


# ------------------------------------------------------------------ the rule

def check_item(ctx: Ctx, item: TextItem, known: set[str]) -> list[Finding]:
    out: list[Finding] = []
    for t in find_typos(item.text, ctx.data):
        note = f" ({t.note})" if t.note else ""
        out.append(Finding(NOTICE, "typo", f"พบ ‘{t.wrong}’ ควรเป็น ‘{t.right}’{note}", item.loc, item.place, FAMILY))
    for d in doubled_words(item.text):
        out.append(Finding(NOTICE, "doubled_word", f"คำซ้ำกัน ‘{d}’ (พิมพ์ซ้ำโดยไม่ตั้งใจ?)", item.loc, item.place,
                           FAMILY))
    if ctx.data.unknown_words and item.kind not in ("cell", "label"):
        text = item.text
        for t in find_typos(text, ctx.data):          # already reported, with the right spelling
            text = text.replace(t.wrong, t.right)
        for w, sug in unknown_words(text, known):
            hint = f" ใกล้กับคำว่า ‘{sug}’" if sug else ""
            out.append(Finding(NOTICE, "unknown_word", f"‘{w}’ ไม่มีในพจนานุกรม{hint}", item.loc, item.place, FAMILY,
                               quote=w))
    return out


def check_closing(ctx: Ctx, item: TextItem) -> list[Finding]:
    """A memo to a superior closes with “จึงเรียนมาเพื่อ…” (the official memo format)."""
    text = squash(item.text)
    starts = ctx.data.closing_starts
    if not text.startswith("จึง") or text.startswith(tuple(squash(x) for x in starts)):
        return []
    head = re.match(r"จึง\S{0,8}?มา", text)
    said = head.group(0) if head else text[:12]
    return [Finding(NOTICE, "closing", f"ลงท้ายว่า ‘{said}…’ บันทึกข้อความเสนอผู้บังคับบัญชาลงท้ายว่า "
                                       f"‘{starts[0]}เพื่อโปรด…’", item.loc, item.place, FAMILY)]


def _first_paragraph(text: str) -> str:
    return squash(str(text or "").split("\n")[0])


def check_copied_text(ctx: Ctx) -> list[Finding]:
    """Two measures of a year with the same result text (output / outcome): usually a row copied
    and not rewritten."""
    out: list[Finding] = []
    seen: dict[tuple[Any, str, str], Any] = {}
    for m in ctx.measures():
        for fld in ("output", "outcome"):
            first = _first_paragraph(m.get(fld, ""))
            if len(first) < 40:
                continue
            k = (m.get("fiscal_year"), fld, first)
            if k in seen:
                other = seen[k]
                item = next(it for it in measure_texts(m) if it.loc.field == fld)
                out.append(Finding(NOTICE, "copied_text",
                                   f"ข้อความซ้ำกับมาตรการ ‘{short(other.get('title', ''), 40)}’ ทุกตัวอักษร "
                                   f"(‘{short(m.get(fld, ''), 50)}’) อาจคัดลอกมาแล้วยังไม่ได้แก้",
                                   item.loc, item.place, FAMILY))
            else:
                seen[k] = m
    return out


def check(ctx: Ctx) -> list[Finding]:
    known = _ctx_words(ctx)
    out: list[Finding] = []
    for memo in ctx.memos():
        out += [f for it in memo_texts(memo) if it.kind == "closing" for f in check_closing(ctx, it)]
    out += check_copied_text(ctx)
    for item in ctx.all_texts():
        out += check_item(ctx, item, known)
    return out
