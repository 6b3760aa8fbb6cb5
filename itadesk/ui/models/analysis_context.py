"""The analysis rules in use and the year's analysis, shared by the วิเคราะห์ and มาตรการ tabs.

Rules choice: the bundled ``resources/analysis/rules.toml`` is the default; a clerk can change
the pass mark, keep bar, fall tolerance and scope for the session, and "save as default"
writes them to ``analysis_rules.toml`` in the user data folder (one file per PC, used for
every office in the database), which is read at the next start.  Per-office rules would need a
schema change; the rules also print nowhere, so a per-PC file is enough for now.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...domain.analysis import (IndicatorAnalysis, Rules, analyse, default_rules, default_suggestions,
                                load_rules)
from ...domain.errors import ItaDeskError
from ...domain.frameworks import Framework, framework_for
from ...store.services import Services

RULES_FILE = "analysis_rules.toml"


def user_rules_path() -> Path:
    from ...paths import user_data_dir

    return user_data_dir() / RULES_FILE


def rules_to_toml(rules: Rules) -> str:
    """The editable keys of ``rules`` as a rules.toml (the other keys keep their defaults)."""
    def q(v) -> str:
        return '"' + str(v).replace('"', '\\"') + '"'

    lines = ["# กฎการจัดกลุ่มตัวชี้วัดที่บันทึกจากโปรแกรม ITA Desk (ดูคำอธิบายใน resources/analysis/rules.toml)",
             f"pass_mark = {q(rules.pass_mark if rules.pass_mark is not None else '')}",
             f"keep_bar = {q(rules.keep_bar)}", f"excellent = {q(rules.excellent)}",
             f"fall_tolerance = {q(rules.fall_tolerance)}",
             f"urgent_drop_points = {q(rules.urgent_drop_points)}",
             f"below_pass_not_falling = {q(rules.below_pass_not_falling)}",
             f"below_pass_without_previous = {q(rules.below_pass_without_previous)}",
             f"scope = {q(rules.scope)}",
             f"suggestions_per_indicator = {int(rules.suggestions_per_indicator)}",
             "", "[dates]", f"results_month = {int(rules.results_month)}",
             "results_forms = [" + ", ".join(q(x) for x in rules.results_forms) + "]",
             "plan_forms = [" + ", ".join(q(x) for x in rules.plan_forms) + "]", ""]
    return "\n".join(lines)


def load_user_rules() -> tuple[Rules, str | None]:
    """(rules, problem): the saved rules, or the defaults and a Thai note if the file is bad."""
    p = user_rules_path()
    if not p.is_file():
        return default_rules(), None
    try:
        return load_rules(p), None
    except ItaDeskError as e:
        return default_rules(), f"ใช้กฎค่าเริ่มต้นแทน เพราะ {e}"


@dataclass(frozen=True)
class YearAnalysis:
    year: int
    framework: Framework
    analyses: list[IndicatorAnalysis]
    scores: dict
    prev_scores: dict


class AnalysisContext(QObject):
    """Owns the rules of this session; ``analyse(year)`` reads scores through Services."""

    rules_changed = Signal()
    notes_changed = Signal(int)      # fiscal year whose notes were saved

    def __init__(self, services: Services, rules: Rules | None = None, parent=None):
        super().__init__(parent)
        self.services = services
        if rules is None:
            rules, self.rules_problem = load_user_rules()
        else:
            self.rules_problem = None
        self.rules = rules
        self.library = default_suggestions()

    def set_rules(self, **changes) -> None:
        new = replace(self.rules, **changes)
        if new != self.rules:
            self.rules = new
            self.rules_changed.emit()

    def save_rules(self) -> Path:
        p = user_rules_path()
        tmp = p.with_name(p.name + ".tmp")
        tmp.write_text(rules_to_toml(self.rules), encoding="utf-8")
        tmp.replace(p)
        return p

    def pass_mark(self, year: int) -> Decimal:
        try:
            return self.rules.pass_mark_for(framework_for(year))
        except ItaDeskError:
            return self.rules.pass_mark or Decimal("85")

    def analyse(self, year: int) -> YearAnalysis:
        """The year's analysis under the current rules (FrameworkError if the year has none)."""
        fw = framework_for(year)
        cur = self.services.year_scores(year)
        prev = self.services.year_scores(year - 1)
        analyses = analyse(fw, dict(cur.indicators), dict(prev.indicators) or None, self.rules,
                           items=dict(cur.items), prev_fiscal_year=year - 1,
                           thai=self.services.profile().thai_digits)
        return YearAnalysis(year, fw, analyses, dict(cur.indicators), dict(prev.indicators))
