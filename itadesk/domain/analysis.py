"""Analysis drafting: categorise each indicator, explain why, draft the Thai paragraphs.

Everything an office may want to word or weigh differently is data in
``resources/analysis/``:

- ``rules.toml``       thresholds and how the direction of change moves a category (:class:`Rules`);
- ``phrases.toml``     the paragraph, reason and summary wording (:class:`Phrases`);
- ``suggestions.toml`` standard improvement suggestions per indicator and per item
  (:class:`SuggestionLibrary`).

Default rules (why, see ``rules.toml`` and the seed-001 test): an indicator is
*urgent* when it is under the pass mark **and** fell from last year (or has no last year
to compare with); *improve* when it is under the pass mark but did not fall, or passed
but is under the office's "keep" bar (90) or fell; *keep* otherwise.

Percent change is the relative change, ``(new − old) / old × 100``.  Seed 001 prints
"คิดเป็นร้อยละ ๒.๗๔" for 85.56 → 88.30, but 2.74 is the change in *points*; the relative
change is 3.20 %.  The summary paragraph therefore says both:
"โดยเพิ่มขึ้น ๒.๗๔ คะแนน คิดเป็นร้อยละ ๓.๒๐".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .errors import ItaDeskError
from .frameworks import Framework
from .scoring import DECREASED, INCREASED, UNCHANGED, direction_of, ranking
from .thai_format import digits, format_score, percent_change

CATEGORIES = ("urgent", "improve", "keep")


class AnalysisDataError(ItaDeskError):
    """A file in resources/analysis is missing or malformed (message names file and key)."""


def analysis_dir() -> Path:
    from ..paths import resources_dir

    return resources_dir() / "analysis"


def _read_toml(path: Path) -> dict:
    from .tomlfile import read_toml

    return read_toml(path, "ไฟล์ข้อมูลการวิเคราะห์", AnalysisDataError)[0]


def _dec(value: Any, file: str, key: str) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise AnalysisDataError(f"ไฟล์ {file} คีย์ “{key}”: “{value}” ไม่ใช่ตัวเลข") from None


# ------------------------------------------------------------------ rules

@dataclass(frozen=True)
class Rules:
    """How indicators are categorised (``resources/analysis/rules.toml``)."""

    pass_mark: Decimal | None = None        # None: the framework's pass mark (85)
    keep_bar: Decimal = Decimal("90")
    excellent: Decimal = Decimal("95")
    fall_tolerance: Decimal = Decimal("0")
    urgent_drop_points: Decimal = Decimal("0")   # 0: off
    below_pass_not_falling: str = "improve"
    below_pass_without_previous: str = "urgent"
    suggestions_per_indicator: int = 3
    # "all": every indicator is judged on its own; "weakest_per_tool": only the lowest
    # indicator of each tool (IIT/EIT/OIT) can need work, the way seed 001's office judged.
    scope: str = "all"
    results_month: int = 8
    results_forms: tuple[str, ...] = ("analysis_report", "ita_result")
    plan_forms: tuple[str, ...] = ("measures_plan",)

    def pass_mark_for(self, fw: Framework) -> Decimal:
        return self.pass_mark if self.pass_mark is not None else fw.pass_mark


def load_rules(path: Path | str | None = None) -> Rules:
    p = Path(path) if path else analysis_dir() / "rules.toml"
    return Rules(**_parse_rules(_read_toml(p), p.name))


# The rules an office may set for itself (stored with the office, see rules_with).
OFFICE_RULE_KEYS = ("pass_mark", "keep_bar", "excellent", "fall_tolerance", "urgent_drop_points",
                    "below_pass_not_falling", "below_pass_without_previous", "scope",
                    "suggestions_per_indicator")


def rules_with(base: Rules, overrides: Mapping[str, Any] | None) -> Rules:
    """``base`` with an office's own settings applied (values as text, as in rules.toml)."""
    if not overrides:
        return base
    bad = [k for k in overrides if k not in OFFICE_RULE_KEYS]
    if bad:
        raise AnalysisDataError(f"กฎการวิเคราะห์ของหน่วยงานมีคีย์ที่ไม่รู้จัก “{bad[0]}”")
    try:
        return replace(base, **_parse_rules(dict(overrides), "กฎการวิเคราะห์ของหน่วยงาน"))
    except (TypeError, ValueError):
        raise AnalysisDataError("กฎการวิเคราะห์ของหน่วยงานมีค่าที่ไม่ใช่ตัวเลข") from None


def rules_overrides(rules: Rules, base: Rules | None = None) -> dict[str, str]:
    """The office-settable values of ``rules`` that differ from ``base``, as text."""
    base = base or default_rules()
    out: dict[str, str] = {}
    for k in OFFICE_RULE_KEYS:
        v, b = getattr(rules, k), getattr(base, k)
        if v != b:
            out[k] = ("" if v is None else format(v.normalize(), "f") if isinstance(v, Decimal)
                      else str(v))
    return out


def _parse_rules(d: dict, name: str) -> dict[str, Any]:
    known = {"pass_mark", "keep_bar", "excellent", "fall_tolerance", "urgent_drop_points",
             "below_pass_not_falling", "below_pass_without_previous",
             "suggestions_per_indicator", "scope", "dates"}
    for k in d:
        if k not in known:
            raise AnalysisDataError(f"ไฟล์ {name} ไม่รู้จักคีย์ “{k}” (สะกดผิด?)")
    kw: dict[str, Any] = {}
    if "pass_mark" in d:
        pm = str(d.get("pass_mark", "")).strip()
        kw["pass_mark"] = _dec(pm, name, "pass_mark") if pm else None
    for k in ("keep_bar", "excellent", "fall_tolerance", "urgent_drop_points"):
        if k in d:
            kw[k] = _dec(d[k], name, k)
    for k in ("below_pass_not_falling", "below_pass_without_previous"):
        if k in d:
            if d[k] not in ("urgent", "improve"):
                raise AnalysisDataError(f"ไฟล์ {name} คีย์ “{k}” ต้องเป็น “urgent” หรือ “improve”")
            kw[k] = d[k]
    if "suggestions_per_indicator" in d:
        kw["suggestions_per_indicator"] = int(d["suggestions_per_indicator"])
    if "scope" in d:
        if d["scope"] not in ("all", "weakest_per_tool"):
            raise AnalysisDataError(f"ไฟล์ {name} คีย์ “scope” ต้องเป็น “all” หรือ “weakest_per_tool”")
        kw["scope"] = d["scope"]
    dates = d.get("dates", {})
    if "results_month" in dates:
        m = int(dates["results_month"])
        if not 1 <= m <= 12:
            raise AnalysisDataError(f"ไฟล์ {name} คีย์ “dates.results_month” ต้องเป็นเดือน ๑–๑๒")
        kw["results_month"] = m
    for k in ("results_forms", "plan_forms"):
        if k in dates:
            kw[k] = tuple(str(x) for x in dates[k])
    return kw


# ------------------------------------------------------------------ phrases

@dataclass(frozen=True)
class Phrases:
    """Wording from ``resources/analysis/phrases.toml`` (section → key → template)."""

    data: Mapping[str, Mapping[str, str]]

    def get(self, section: str, key: str) -> str:
        try:
            return self.data[section][key]
        except KeyError:
            raise AnalysisDataError(f"ไฟล์ phrases.toml ไม่มีถ้อยคำ “{section}.{key}”") from None

    def fill(self, section: str, key: str, **values: Any) -> str:
        tpl = self.get(section, key)
        try:
            return tpl.format(**values)
        except (KeyError, IndexError) as e:
            raise AnalysisDataError(
                f"ไฟล์ phrases.toml ถ้อยคำ “{section}.{key}” ใช้ช่อง {e} ที่ไม่มีให้ใช้") from None

    def category_label(self, category: str) -> str:
        return self.get("category", category)


def load_phrases(path: Path | str | None = None) -> Phrases:
    p = Path(path) if path else analysis_dir() / "phrases.toml"
    d = _read_toml(p)
    return Phrases({str(s): {str(k): str(v) for k, v in t.items()} for s, t in d.items()
                    if isinstance(t, dict)})


# ------------------------------------------------------------------ suggestion library

@dataclass(frozen=True)
class Suggestion:
    text: str          # as written in the analysis ("ควร…")
    step: str          # as written in the measures table
    source: str = ""   # indicator:<n> or item:<code>


@dataclass(frozen=True)
class IndicatorSuggestions:
    number: int
    name: str
    aliases: tuple[str, ...]
    measure_title: str
    units: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class ItemSuggestions:
    title: str
    units: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]


def _step_from_text(text: str) -> str:
    t = text.strip()
    return t[len("ควร"):].lstrip() if t.startswith("ควร") else t


@dataclass(frozen=True)
class SuggestionLibrary:
    indicators: tuple[IndicatorSuggestions, ...]
    items: tuple[ItemSuggestions, ...] = ()

    def for_indicator(self, fw: Framework, number: int) -> IndicatorSuggestions | None:
        """The library entry for a framework indicator: by name/alias first, then number."""
        try:
            name = fw.indicator(number).name
        except KeyError:
            return None
        for e in self.indicators:
            if e.name == name or name in e.aliases:
                return e
        for e in self.indicators:
            if e.number == number:
                return e
        return None

    def for_item(self, fw: Framework, code: str) -> ItemSuggestions | None:
        it = fw.item(code)
        if it is None:
            return None
        for e in self.items:
            if e.title == it.title:
                return e
        return None

    def suggestions(self, fw: Framework, number: int, weak_items: Iterable[str] = ()) -> list[Suggestion]:
        """Suggestions for an indicator: first those of its weak items, then its own; no repeats."""
        out: list[Suggestion] = []
        seen: set[str] = set()
        for code in weak_items:
            e = self.for_item(fw, code)
            for s in (e.suggestions if e else ()):
                if s.text not in seen:
                    seen.add(s.text)
                    out.append(replace(s, source=f"item:{fw.item(code).code}"))
        e = self.for_indicator(fw, number)
        for s in (e.suggestions if e else ()):
            if s.text not in seen:
                seen.add(s.text)
                out.append(replace(s, source=f"indicator:{number}"))
        return out

    def step_for(self, text: str) -> str:
        """The measures-table step of a chosen suggestion text (typed ones: drop a leading ควร)."""
        for group in list(self.indicators) + list(self.items):
            for s in group.suggestions:
                if s.text == text:
                    return s.step
        return _step_from_text(text)


def _suggestion_list(raw: Any, file: str, where: str) -> tuple[Suggestion, ...]:
    out = []
    for n, s in enumerate(raw or []):
        if isinstance(s, str):
            s = {"text": s}
        if not isinstance(s, dict) or not str(s.get("text", "")).strip():
            raise AnalysisDataError(f"ไฟล์ {file} {where} ข้อเสนอแนะข้อที่ {n + 1}: ต้องมี text")
        text = str(s["text"]).strip()
        out.append(Suggestion(text, str(s.get("step") or _step_from_text(text)).strip(),
                              str(s.get("source", ""))))
    return tuple(out)


def load_suggestions(path: Path | str | None = None) -> SuggestionLibrary:
    p = Path(path) if path else analysis_dir() / "suggestions.toml"
    d = _read_toml(p)
    inds = []
    for n, e in enumerate(d.get("indicator", [])):
        where = f"[[indicator]] ที่ {n + 1}"
        if "name" not in e or "number" not in e:
            raise AnalysisDataError(f"ไฟล์ {p.name} {where}: ต้องมี number และ name")
        inds.append(IndicatorSuggestions(
            int(e["number"]), str(e["name"]), tuple(str(a) for a in e.get("aliases", [])),
            str(e.get("measure_title", "")), tuple(str(u) for u in e.get("units", [])),
            _suggestion_list(e.get("suggestions"), p.name, where)))
    items = []
    for n, e in enumerate(d.get("item", [])):
        where = f"[[item]] ที่ {n + 1}"
        if "title" not in e:
            raise AnalysisDataError(f"ไฟล์ {p.name} {where}: ต้องมี title")
        items.append(ItemSuggestions(str(e["title"]), tuple(str(u) for u in e.get("units", [])),
                                     _suggestion_list(e.get("suggestions"), p.name, where)))
    return SuggestionLibrary(tuple(inds), tuple(items))


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    return load_rules()


@lru_cache(maxsize=1)
def default_phrases() -> Phrases:
    return load_phrases()


@lru_cache(maxsize=1)
def default_suggestions() -> SuggestionLibrary:
    return load_suggestions()


# ------------------------------------------------------------------ analyse

@dataclass(frozen=True)
class IndicatorAnalysis:
    number: int
    name: str
    tool: str
    score: Decimal | None
    prev: Decimal | None
    points: Decimal | None          # score − prev
    percent: Decimal | None         # relative change in percent
    direction: str | None           # เพิ่มขึ้น / ลดลง / คงที่ / None
    rank: int | None                # 1 = best
    category: str | None            # urgent / improve / keep; None without a score
    reason: str                     # Thai sentence: why this category
    passing: bool | None = None
    excellent: bool = False
    prev_fiscal_year: int | None = None
    weak_items: tuple[str, ...] = ()   # item codes under the pass mark

    @property
    def needs_action(self) -> bool:
        return self.category in ("urgent", "improve")


def _to_dec(v: Any) -> Decimal | None:
    if v is None or v == "":
        return None
    return v if isinstance(v, Decimal) else Decimal(str(v))


def _norm_scores(scores: Mapping[Any, Any] | None) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for k, v in (scores or {}).items():
        d = _to_dec(v)
        if d is not None:
            out[int(k)] = d
    return out


def categorise(score: Decimal, prev: Decimal | None, pass_mark: Decimal,
               rules: Rules) -> tuple[str, str]:
    """(category, reason key in phrases.toml [reason]) of one indicator."""
    below = score < pass_mark
    has_prev = prev is not None
    drop = (prev - score) if has_prev else Decimal(0)
    fell = has_prev and drop > rules.fall_tolerance
    if below:
        if not has_prev:
            cat = rules.below_pass_without_previous
            return cat, f"{cat}_no_previous"
        if fell:
            return "urgent", "urgent_fell"
        cat = rules.below_pass_not_falling
        return cat, f"{cat}_not_falling"
    if has_prev and rules.urgent_drop_points > 0 and drop > rules.urgent_drop_points:
        return "urgent", "urgent_big_drop"
    under_bar = score < rules.keep_bar
    if under_bar and fell:
        return "improve", "improve_below_bar_fell"
    if under_bar:
        return "improve", "improve_below_bar"
    if fell:
        return "improve", "improve_fell"
    return "keep", "keep"


def analyse(fw: Framework, scores: Mapping[Any, Any], prev_scores: Mapping[Any, Any] | None = None,
            rules: Rules | None = None, *, items: Mapping[str, Any] | None = None,
            prev_fiscal_year: int | None = None, phrases: Phrases | None = None,
            thai: bool = True) -> list[IndicatorAnalysis]:
    """Per indicator of ``fw`` (in framework order): score, change, rank, category, reason.

    ``scores``/``prev_scores`` map indicator number (int or "1") → score (Decimal or "96.54");
    ``items`` maps item codes → score, to name weak items (their suggestions come first).
    """
    rules = rules or default_rules()
    phrases = phrases or default_phrases()
    cur, old = _norm_scores(scores), _norm_scores(prev_scores)
    have_prev = bool(old)
    prev_year = prev_fiscal_year or (fw.fiscal_year - 1)
    pass_mark = rules.pass_mark_for(fw)
    ranks = {r.number: r.rank for r in ranking(fw, cur)}
    item_scores = {str(k).lower(): _to_dec(v) for k, v in (items or {}).items()}
    weakest_of_tool: dict[str, int] = {}
    for t in fw.tools:
        given = [(cur[i.number], i.number) for i in fw.indicators_of(t.code) if i.number in cur]
        if given:
            weakest_of_tool[t.code] = min(given)[1]
    out = []
    for ind in fw.indicators:
        s = cur.get(ind.number)
        p = old.get(ind.number) if have_prev else None
        weak = tuple(it.code for it in fw.items_of(ind.number)
                     if item_scores.get(it.code.lower()) is not None
                     and item_scores[it.code.lower()] < pass_mark)
        if s is None:
            out.append(IndicatorAnalysis(ind.number, ind.name, ind.tool, None, p, None, None, None,
                                         None, None, "ยังไม่ได้กรอกคะแนนตัวชี้วัดนี้",
                                         prev_fiscal_year=prev_year if p is not None else None,
                                         weak_items=weak))
            continue
        pts = s - p if p is not None else None
        pct = percent_change(p, s) if p is not None else None
        cat, key = categorise(s, p, pass_mark, rules)
        if rules.scope == "weakest_per_tool" and weakest_of_tool.get(ind.tool) != ind.number:
            cat, key = "keep", "keep_not_weakest"
        reason = phrases.fill(
            "reason", key, score=format_score(s, thai), pass_mark=_fmt_mark(pass_mark, thai),
            keep_bar=_fmt_mark(rules.keep_bar, thai), prev_year=digits(str(prev_year), thai),
            tool=ind.tool,
            points=format_score(abs(pts), thai) if pts is not None else "")
        out.append(IndicatorAnalysis(
            ind.number, ind.name, ind.tool, s, p, pts, pct, direction_of(p, s), ranks.get(ind.number),
            cat, reason, s >= pass_mark, s >= rules.excellent,
            prev_year if p is not None else None, weak))
    return out


def _fmt_mark(value: Decimal, thai: bool) -> str:
    """85 → ๘๕; 85.5 → ๘๕.๕๐ (thresholds print without needless decimals)."""
    if value == value.to_integral_value():
        return digits(str(int(value)), thai)
    return format_score(value, thai)


def by_category(analyses: Iterable[IndicatorAnalysis]) -> dict[str, list[IndicatorAnalysis]]:
    out: dict[str, list[IndicatorAnalysis]] = {c: [] for c in CATEGORIES}
    for a in analyses:
        if a.category:
            out[a.category].append(a)
    return out


def default_suggestions_for(fw: Framework, analysis: IndicatorAnalysis,
                            lib: SuggestionLibrary | None = None,
                            rules: Rules | None = None) -> list[str]:
    """The suggestions pre-selected for a draft: none for *keep*, else the first N of the library."""
    if not analysis.needs_action:
        return []
    lib = lib or default_suggestions()
    rules = rules or default_rules()
    return [s.text for s in lib.suggestions(fw, analysis.number, analysis.weak_items)
            [: rules.suggestions_per_indicator]]


# ------------------------------------------------------------------ drafting

def _numbered(items: Sequence[str], phrases: Phrases, thai: bool) -> str:
    tpl = phrases.get("paragraph", "item")
    sep = phrases.get("paragraph", "item_separator")
    return sep.join(tpl.format(n=digits(str(n), thai), text=t.strip()) for n, t in enumerate(items, 1))


def draft_paragraph(office_name: str, analysis: IndicatorAnalysis, suggestions: Sequence[str],
                    templates: Phrases | None = None, *, thai: bool = True) -> str:
    """The analysis paragraph of one indicator, in the register of seed 001's attachment."""
    ph = templates or default_phrases()
    values = dict(office=office_name.strip(), tool=analysis.tool, indicator=analysis.name,
                  score=format_score(analysis.score, thai), none=ph.get("paragraph", "none"))
    if analysis.category in ("urgent", "improve"):
        items = [s for s in suggestions if s and s.strip()]
        if not items:
            items = [ph.fill("paragraph", "no_suggestions", **values)]
        text = ph.fill("paragraph", analysis.category, items=_numbered(items, ph, thai), **values)
    elif analysis.category == "keep":
        key = "keep_excellent" if analysis.excellent else "keep"
        text = ph.fill("paragraph", key, **values)
    else:
        return ""
    return digits(text, thai)


def note_for(office_name: str, analysis: IndicatorAnalysis, suggestions: Sequence[str],
             templates: Phrases | None = None, *, thai: bool = True) -> dict:
    """A dossier ``years[].analysis`` entry drafted from the analysis (``edited`` false)."""
    return {"indicator": analysis.number, "category": analysis.category,
            "text": draft_paragraph(office_name, analysis, suggestions, templates, thai=thai),
            "edited": False, "suggestions": list(suggestions)}


def draft_notes(fw: Framework, office_name: str, analyses: Iterable[IndicatorAnalysis],
                lib: SuggestionLibrary | None = None, rules: Rules | None = None,
                templates: Phrases | None = None, *, thai: bool = True) -> list[dict]:
    """Drafted notes for every scored indicator, with the default suggestions chosen."""
    return [note_for(office_name, a, default_suggestions_for(fw, a, lib, rules), templates, thai=thai)
            for a in analyses if a.category]


# ------------------------------------------------------------------ summary

def _level_text(level: str | None) -> str:
    if not level:
        return " -"
    return f" {level}" if level.isascii() else level


def summary_paragraph(office_name: str, fiscal_year: int, total: Any, level: str | None,
                      prev_total: Any = None, prev_level: str | None = None, *,
                      prev_fiscal_year: int | None = None, templates: Phrases | None = None,
                      thai: bool = True) -> str:
    """The result sentence of the memo body, with the year-on-year change in points and percent.

    ``คิดเป็นร้อยละ`` is the relative change ((new − old) / old × 100), not the points.
    """
    ph = templates or default_phrases()
    t, p = _to_dec(total), _to_dec(prev_total)
    py = prev_fiscal_year or fiscal_year - 1
    text = ph.fill("summary", "lead", year=fiscal_year, office=office_name.strip(),
                   level=_level_text(level), total=format_score(t, thai))
    if t is not None and p is not None:
        d = direction_of(p, t)
        key = {INCREASED: "increased", DECREASED: "decreased", UNCHANGED: "unchanged"}[d]
        pct = percent_change(p, t)
        text += ph.fill("summary", key, prev_year=py, prev_level=_level_text(prev_level),
                        prev_total=format_score(p, thai), points=format_score(abs(t - p), thai),
                        percent=format_score(abs(pct), thai) if pct is not None else "-")
    return digits(text, thai)


# ------------------------------------------------------------------ redraft

@dataclass(frozen=True)
class RedraftResult:
    note: dict                      # the note to store (unchanged when ask is True)
    changed: bool                   # the text was replaced
    ask: bool                       # the clerk edited this note: ask before replacing
    message: str = ""               # Thai: what to ask / what happened

    @property
    def needs_confirmation(self) -> bool:
        return self.ask


def redraft(existing_note: Mapping[str, Any] | None, new_text: str, *, force: bool = False,
            category: str | None = None, suggestions: Sequence[str] | None = None) -> RedraftResult:
    """Replace a note's drafted text, never overwriting the clerk's edit unless ``force``.

    - no note yet, or a note not edited: the new draft is stored (``edited`` false);
    - an edited note whose text differs: nothing changes, ``ask`` is True and ``message``
      is the Thai question; call again with ``force=True`` if the clerk agrees.
    """
    old = dict(existing_note or {})
    new = dict(old)
    new["text"] = new_text
    new["edited"] = False
    if category is not None:
        new["category"] = category
    if suggestions is not None:
        new["suggestions"] = list(suggestions)
    same = old.get("text", "") == new_text
    if old.get("edited") and not same and not force:
        ind = old.get("indicator")
        where = f"ตัวชี้วัดที่ {digits(str(ind))} " if ind is not None else ""
        return RedraftResult(old, False, True,
                             f"ข้อความวิเคราะห์{where}ถูกแก้ไขด้วยมือแล้ว ต้องการแทนที่ด้วยร่างใหม่หรือไม่ "
                             f"(ข้อความที่แก้ไขไว้จะหายไป)")
    if old.get("edited") and same:
        new["edited"] = True   # identical text: keep the clerk's mark
    return RedraftResult(new, not same, False, "" if same else "ปรับข้อความตามร่างใหม่แล้ว")


def mark_edited(note: Mapping[str, Any], text: str) -> dict:
    """The clerk typed ``text`` into a note: store it and protect it from redrafting."""
    new = dict(note)
    if new.get("text") != text:
        new["text"] = text
        new["edited"] = True
    return new


def merge_notes(existing: Sequence[Mapping[str, Any]], drafted: Sequence[Mapping[str, Any]], *,
                force: bool = False) -> tuple[list[dict], list[RedraftResult]]:
    """Merge freshly drafted notes into a year's ``analysis`` list.

    Returns (notes, questions): edited notes that differ from the draft are kept as they are
    and reported in ``questions`` (each with its Thai message) unless ``force``.
    Notes of indicators not drafted now are kept.
    """
    by_ind = {int(n["indicator"]): dict(n) for n in existing}
    questions: list[RedraftResult] = []
    for d in drafted:
        ind = int(d["indicator"])
        r = redraft(by_ind.get(ind, {"indicator": ind}), d.get("text", ""), force=force,
                    category=d.get("category"), suggestions=d.get("suggestions"))
        if r.ask:
            questions.append(r)
        else:
            by_ind[ind] = r.note
    return [by_ind[k] for k in sorted(by_ind)], questions
