"""The analysis rules in use and the year's analysis, shared by the วิเคราะห์ and มาตรการ tabs.

Rules: the bundled ``resources/analysis/rules.toml`` (or an ``analysis_rules.toml`` a PC keeps
in its user data folder) is the base; a clerk can change the pass mark, keep bar, fall
tolerance and scope for the session, and "save" stores the differences WITH THE OFFICE in
the database (schema 0002), so every clerk of the office, the dossier file and the printed
analysis use the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ...domain.analysis import (IndicatorAnalysis, Rules, analyse, default_rules, default_suggestions,
                                load_rules, rules_overrides, rules_with)
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
        self.rules_problem = None
        if rules is None:
            self.base_rules, self.rules_problem = load_user_rules()
            rules = self.office_rules()
        else:
            self.base_rules = rules
        self.rules = rules
        self.library = default_suggestions()

    def set_rules(self, **changes) -> None:
        new = replace(self.rules, **changes)
        if new != self.rules:
            self.rules = new
            self.rules_changed.emit()

    def office_rules(self) -> Rules:
        """The base rules with the office's own settings (from the database) applied."""
        try:
            return rules_with(self.base_rules, self.services.analysis_rules())
        except ItaDeskError as e:
            self.rules_problem = f"ใช้กฎค่าเริ่มต้นแทน เพราะ {e}"
            return self.base_rules

    def reload_rules(self) -> None:
        """Re-read the office's rules (after the office or the database changed)."""
        new = self.office_rules()
        if new != self.rules:
            self.rules = new
            self.rules_changed.emit()

    def save_rules(self) -> str:
        """Store the rules with the office; returns what the clerk is told."""
        self.services.save_analysis_rules(rules_overrides(self.rules, self.base_rules))
        return self.services.profile().name

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
