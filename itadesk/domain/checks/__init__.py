"""Consistency checks of a dossier, run before a memo is printed and by ``itadesk check``.

One small module per rule family, each comparing what the clerk typed with the frameworks
(resources/frameworks via domain.frameworks), the office profile, the dossier's data and Thai
dictionaries — never with strings taken from example memos:

- :mod:`.numbers`  — totals, scores, change in points and percent, levels, pass mark, counts,
  weights, direction words and fiscal years agree with the data;
- :mod:`.names`    — indicator numbers ↔ names, tool names, ITA (not ITAS), official wording;
- :mod:`.office`   — the document-number prefix's province code, office / district / province
  names, the addressee;
- :mod:`.people`   — signers and their positions, units of measures, spellings of people;
- :mod:`.dates`    — memo dates, measure periods where printed, empty attached tables;
- :mod:`.spelling` — general misspellings, doubled words, words in no dictionary;
- :mod:`.severity` — error / notice, the exit code and the closing count.

Each :class:`Finding` carries a :class:`Location` (memo key, section, paragraph, field …) for the
window, and a place in the clerk's words (“บันทึก ‘…’ ข้อ ๒ ข้อเท็จจริง ย่อหน้าที่ ๑”).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Mapping

from ..analysis import Rules, default_rules
from ..frameworks import Framework, framework_for
from . import dates, names, numbers, office, people, spelling
from .base import (
    ERROR, FAMILIES, FAMILY_LABELS, NOTICE, WARNING, Finding, Location, build_ctx, fiscal_years_in, has_errors,
    years_in,
)
from .numbers import possible_levels
from .office import other_office_names, province_codes
from .severity import counts, exit_code, ordered, summary
from .spelling import CheckData, Typo, default_check_data, find_typos, load_check_data

RULE_FAMILIES = (numbers, names, office, people, dates, spelling)


def check_dossier(dossier: Mapping[str, Any], *, today: _dt.date,
                  frameworks: Callable[[int], Framework] | None = None,
                  rules: Rules | None = None, data: CheckData | None = None) -> list[Finding]:
    """Every finding of a dossier, errors first.  ``frameworks`` maps a fiscal year to its
    framework (default :func:`framework_for`)."""
    ctx = build_ctx(dossier, today, frameworks or framework_for, rules or default_rules(),
                    data or default_check_data())
    out: list[Finding] = []
    seen: set[tuple[str, str, str]] = set()
    for fam in RULE_FAMILIES:
        try:
            found = fam.check(ctx)
        except (TypeError, ValueError, KeyError, AttributeError, IndexError) as e:
            # data the schema would refuse (a hand-edited file): say so, never stop the print
            label = FAMILY_LABELS.get(fam.FAMILY, fam.FAMILY)
            found = [Finding(NOTICE, "check_failed",
                             f"ตรวจกลุ่ม “{label}” ไม่ครบ เพราะข้อมูลบางส่วนไม่อยู่ในรูปแบบที่ถูกต้อง "
                             f"({type(e).__name__}: {e}) กรุณาตรวจข้อมูลด้วย itadesk import", Location("office"),
                             "ข้อมูลของแฟ้ม", fam.FAMILY)]
        for f in found:
            k = (f.code, f.where, f.message)
            if k not in seen:
                seen.add(k)
                out.append(f)
    return ordered(_drop_repeats(out))


def _drop_repeats(findings: list[Finding]) -> list[Finding]:
    """An unknown word that another rule already quotes at the same place (a misspelt name) is
    reported once, by the rule that knows what it should be."""
    out = []
    for f in findings:
        if f.code == "unknown_word" and f.quote and any(
                g is not f and g.where == f.where and g.code != "unknown_word" and f.quote in g.message
                for g in findings):
            continue
        out.append(f)
    return out


def _memo_years(memo: Mapping[str, Any]) -> set[int]:
    years = set(years_in(str(memo.get("subject", ""))))
    if memo.get("fiscal_year"):
        years.add(int(memo["fiscal_year"]))
    for a in memo.get("attachments") or []:
        for b in a.get("blocks") or []:
            if b.get("fiscal_year"):
                years.add(int(b["fiscal_year"]))
            years |= {int(y) for y in b.get("years") or []}
    return years


def check_memo(dossier: Mapping[str, Any], memo_key: str, *, today: _dt.date,
               frameworks: Callable[[int], Framework] | None = None,
               rules: Rules | None = None, data: CheckData | None = None) -> list[Finding]:
    """Findings that matter before printing one memo: the memo's own, the office's, and those of
    the years and measures its tables print."""
    memo = next((m for m in dossier.get("memos") or [] if m.get("key") == memo_key), None)
    if memo is None:
        return [Finding(ERROR, "memo_missing", f"ไม่พบบันทึกข้อความรหัส “{memo_key}”", Location("memo", memo_key),
                        "", "dates")]
    years = _memo_years(memo)
    measure_keys = {str(m.get("key")) for m in dossier.get("measures") or [] if m.get("fiscal_year") in years}
    out = []
    for f in check_dossier(dossier, today=today, frameworks=frameworks, rules=rules, data=data):
        loc = f.loc
        if (loc.kind == "memo" and loc.key == memo_key or loc.kind == "office"
                or loc.kind == "measure" and loc.key in measure_keys
                or loc.kind == "year" and loc.key.isdigit() and int(loc.key) in years):
            out.append(f)
    return out


__all__ = [
    "ERROR", "NOTICE", "WARNING", "FAMILIES", "FAMILY_LABELS", "Finding", "Location", "CheckData", "Typo",
    "check_dossier", "check_memo", "has_errors", "counts", "exit_code", "summary", "ordered",
    "years_in", "fiscal_years_in", "possible_levels", "other_office_names", "province_codes",
    "default_check_data", "load_check_data", "find_typos",
]
