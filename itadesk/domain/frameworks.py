"""ITA frameworks as data: one TOML file per fiscal year in ``resources/frameworks/``.

A clerk (or the NACC's next change) adds a year by copying a file; no code changes.
``load_framework`` validates every file and raises :class:`FrameworkError` with a Thai
message that names the file, the key and, where it can be found, the line.
The file format is described in ``resources/frameworks/README.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import FrameworkError
from .tomlfile import read_toml


@dataclass(frozen=True)
class Tool:
    code: str            # IIT / EIT / OIT
    name: str
    weight: Decimal      # percent of the total, e.g. 30
    source: str = ""


@dataclass(frozen=True)
class Indicator:
    number: int
    tool: str
    name: str
    questions: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class SubIndicator:
    code: str            # "9.1"
    indicator: int
    name: str
    source: str = ""


@dataclass(frozen=True)
class Item:
    code: str            # "O12", "i1", "e4"
    indicator: int | None
    title: str
    sub: str = ""
    group: str = ""
    source: str = ""
    confidence: str = ""


@dataclass(frozen=True)
class LevelBand:
    label: str
    min: Decimal                  # lowest total in the band
    tools_min: Decimal | None = None   # every tool must reach this too (2567 on)
    passing: bool = False


@dataclass(frozen=True)
class Framework:
    fiscal_year: int
    name: str
    pass_mark: Decimal
    tools: tuple[Tool, ...]
    indicators: tuple[Indicator, ...]
    subindicators: tuple[SubIndicator, ...]
    items: tuple[Item, ...]
    level_kind: str               # "grades" (AA…F) or "pass" (ผ่านดีเยี่ยม…)
    levels: tuple[LevelBand, ...]  # highest first
    sources: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    path: str = ""

    def tool(self, code: str) -> Tool:
        for t in self.tools:
            if t.code == code:
                return t
        raise KeyError(code)

    def indicator(self, number: int) -> Indicator:
        for i in self.indicators:
            if i.number == number:
                return i
        raise KeyError(number)

    def indicators_of(self, tool: str) -> list[Indicator]:
        return [i for i in self.indicators if i.tool == tool]

    def items_of(self, indicator: int) -> list[Item]:
        return [it for it in self.items if it.indicator == indicator]

    def item(self, code: str) -> Item | None:
        low = code.lower()
        for it in self.items:
            if it.code.lower() == low:
                return it
        return None

    @property
    def level_labels(self) -> list[str]:
        return [b.label for b in self.levels]


# ------------------------------------------------------------------ loading

def _line_of(text: str, key: str) -> int | None:
    """Best-effort line number of ``key = …`` (or ``[[key]]``) in the TOML text.

    ``indicators[3].tool`` is looked for after the fourth ``[[indicators]]`` header, and
    ``items[5].sub`` / ``levels.bands[2].min`` on the sixth / third ``{ … }`` line of that
    inline array, so the line shown is the entry that is wrong, not the first of its kind.
    """
    lines = text.splitlines()
    base = re.sub(r"\[\d+\]", "", key).split(".")[-1]
    start = 0
    for m in re.finditer(r"(\w+)\[(\d+)\]", key):
        name, idx = m.group(1), int(m.group(2))
        heads = [n for n in range(start, len(lines)) if lines[n].strip() == f"[[{name}]]"]
        if heads:
            if idx < len(heads):
                start = heads[idx]
            continue
        opener = next((n for n in range(start, len(lines))
                       if re.match(rf"\s*{re.escape(name)}\s*=\s*\[", lines[n])), None)
        if opener is None:
            continue
        entries = [n for n in range(opener + 1, len(lines)) if lines[n].lstrip().startswith("{")]
        if idx < len(entries):
            return entries[idx] + 1     # one entry per line: that line is the entry
    for n in range(start, len(lines)):
        s = lines[n].strip()
        if s.startswith(base + " ") or s.startswith(base + "=") or s in (f"[[{base}]]", f"[{base}]"):
            return n + 1
    return None


class _Ctx:
    def __init__(self, path: Path, text: str):
        self.path, self.text = path, text

    def fail(self, key: str, msg: str, find_line: bool = True) -> FrameworkError:
        line = _line_of(self.text, key) if find_line else None
        where = f"บรรทัด {line} " if line else ""
        return FrameworkError(f"ไฟล์กรอบการประเมิน {self.path.name} {where}คีย์ “{key}”: {msg}")

    def get(self, d: dict, key: str, path: str, kind: type | tuple = str, required: bool = True,
            default: Any = None) -> Any:
        if key not in d:
            if required:
                # the key is absent: any line found would belong to another entry
                raise self.fail(f"{path}{key}", "ไม่มีคีย์นี้ ต้องระบุ", find_line=False)
            return default
        v = d[key]
        if kind is Decimal:
            try:
                d = Decimal(str(v))
            except InvalidOperation:
                raise self.fail(f"{path}{key}", f"“{v}” ไม่ใช่ตัวเลข") from None
            if not d.is_finite() or abs(d) > 1000:
                raise self.fail(f"{path}{key}", f"“{v}” ไม่ใช่ตัวเลขที่ใช้ได้")
            return d
        if not isinstance(v, kind) or (kind is int and isinstance(v, bool)):
            raise self.fail(f"{path}{key}", f"ชนิดข้อมูลไม่ถูกต้อง (ได้ {type(v).__name__})")
        return v


def load_framework_file(path: Path | str) -> Framework:
    path = Path(path)
    data, text = read_toml(path, "ไฟล์กรอบการประเมิน", FrameworkError)
    return _build(data, _Ctx(path, text))


_ALLOWED = {
    "": {"fiscal_year", "name", "pass_mark", "pass_mark_source", "notes", "sources", "tools",
         "tool_alternatives", "indicators", "subindicators", "items", "levels"},
    "tools": {"code", "name", "weight", "source"},
    "indicators": {"number", "tool", "name", "questions", "source"},
    "subindicators": {"code", "indicator", "name", "source"},
    "items": {"code", "indicator", "sub", "group", "title", "source", "confidence"},
    "levels": {"kind", "source", "bands", "alternatives", "notes"},
    "levels.bands": {"label", "min", "tools_min", "passing"},
}


def _check_keys(d: dict, allowed: set[str], path: str, c: "_Ctx") -> None:
    for k in d:
        if k not in allowed:
            raise c.fail(f"{path}{k}", "ไม่รู้จักคีย์นี้ (สะกดผิด หรืออยู่ผิดตาราง?)")


def _build(data: dict, c: _Ctx) -> Framework:
    _check_keys(data, _ALLOWED[""], "", c)
    for section in ("tools", "indicators", "subindicators", "items"):
        for n, entry in enumerate(data.get(section) or []):
            if not isinstance(entry, dict):
                raise c.fail(f"{section}[{n}]", "ต้องเป็นตาราง")
            _check_keys(entry, _ALLOWED[section], f"{section}[{n}].", c)
    if isinstance(data.get("levels"), dict):
        _check_keys(data["levels"], _ALLOWED["levels"], "levels.", c)
        for n, entry in enumerate(data["levels"].get("bands") or []):
            if isinstance(entry, dict):
                _check_keys(entry, _ALLOWED["levels.bands"], f"levels.bands[{n}].", c)
    year = c.get(data, "fiscal_year", "", int)
    if not 2500 <= year <= 2700:
        raise c.fail("fiscal_year", f"ปีงบประมาณ {year} ไม่ใช่ปี พ.ศ. ที่ถูกต้อง")
    if c.path.stem.isdigit() and int(c.path.stem) != year:
        raise c.fail("fiscal_year", f"ปี {year} ไม่ตรงกับชื่อไฟล์ {c.path.name}")
    sources = c.get(data, "sources", "", dict, required=False, default={})
    for k, v in sources.items():
        if not isinstance(v, str):
            # typically `items = [...]` written after the [sources] header
            raise c.fail(f"sources.{k}", "แหล่งอ้างอิงต้องเป็นข้อความในเครื่องหมายคำพูด "
                         "(ถ้าเป็นรายการ เช่น items = [...] ต้องย้ายไปไว้ก่อนหัวตาราง [sources])")

    def src(d: dict, p: str) -> str:
        s = c.get(d, "source", p, str, required=False, default="")
        for ref in [x.strip() for x in s.split(",") if x.strip()]:
            if ref not in sources:
                raise c.fail(f"{p}source", f"ไม่มีแหล่งอ้างอิง “{ref}” ในตาราง [sources]")
        return s

    tools = []
    for n, t in enumerate(c.get(data, "tools", "", list)):
        p = f"tools[{n}]."
        tools.append(Tool(c.get(t, "code", p), c.get(t, "name", p),
                          c.get(t, "weight", p, Decimal), src(t, p)))
    if not tools:
        raise c.fail("tools", "ต้องมีเครื่องมืออย่างน้อย ๑ รายการ")
    codes = [t.code for t in tools]
    if len(set(codes)) != len(codes):
        raise c.fail("tools", "รหัสเครื่องมือซ้ำกัน")
    if sum(t.weight for t in tools) != 100:
        raise c.fail("tools", f"น้ำหนักรวมของเครื่องมือต้องเท่ากับ 100 (ได้ {sum(t.weight for t in tools)})")

    indicators = []
    for n, i in enumerate(c.get(data, "indicators", "", list)):
        p = f"indicators[{n}]."
        tool = c.get(i, "tool", p)
        if tool not in codes:
            raise c.fail(f"{p}tool", f"ไม่มีเครื่องมือ “{tool}” ในไฟล์นี้")
        qs = c.get(i, "questions", p, list, required=False, default=[])
        indicators.append(Indicator(c.get(i, "number", p, int), tool, c.get(i, "name", p),
                                    tuple(str(q) for q in qs), src(i, p)))
    nums = [i.number for i in indicators]
    if len(set(nums)) != len(nums):
        raise c.fail("indicators", "หมายเลขตัวชี้วัดซ้ำกัน")
    for t in tools:
        if not any(i.tool == t.code for i in indicators):
            raise c.fail("indicators", f"เครื่องมือ {t.code} ไม่มีตัวชี้วัด")

    subs = []
    for n, s in enumerate(c.get(data, "subindicators", "", list, required=False, default=[])):
        p = f"subindicators[{n}]."
        ind = c.get(s, "indicator", p, int)
        if ind not in nums:
            raise c.fail(f"{p}indicator", f"ไม่มีตัวชี้วัดที่ {ind}")
        subs.append(SubIndicator(c.get(s, "code", p), ind, c.get(s, "name", p), src(s, p)))
    sub_codes = {s.code for s in subs}

    items = []
    for n, it in enumerate(c.get(data, "items", "", list, required=False, default=[])):
        p = f"items[{n}]."
        ind = c.get(it, "indicator", p, int, required=False)
        if ind is not None and ind not in nums:
            raise c.fail(f"{p}indicator", f"ไม่มีตัวชี้วัดที่ {ind}")
        sub = c.get(it, "sub", p, str, required=False, default="")
        if sub and sub not in sub_codes:
            raise c.fail(f"{p}sub", f"ไม่มีตัวชี้วัดย่อย “{sub}”")
        items.append(Item(c.get(it, "code", p), ind, c.get(it, "title", p, str, required=False, default=""),
                          sub, c.get(it, "group", p, str, required=False, default=""), src(it, p),
                          c.get(it, "confidence", p, str, required=False, default="")))
    icodes = [i.code.lower() for i in items]
    if len(set(icodes)) != len(icodes):
        dup = next(x for x in icodes if icodes.count(x) > 1)
        raise c.fail("items", f"รหัสข้อ “{dup}” ซ้ำกัน")

    lv = c.get(data, "levels", "", dict)
    kind = c.get(lv, "kind", "levels.")
    if kind not in ("grades", "pass"):
        raise c.fail("levels.kind", "ต้องเป็น “grades” หรือ “pass”")
    src(lv, "levels.")
    bands = []
    for n, b in enumerate(c.get(lv, "bands", "levels.", list)):
        p = f"levels.bands[{n}]."
        if not isinstance(b, dict):
            raise c.fail(f"levels.bands[{n}]", "ต้องเป็นตาราง เช่น { label = \"A\", min = \"85\" }")
        bands.append(LevelBand(c.get(b, "label", p), c.get(b, "min", p, Decimal),
                               c.get(b, "tools_min", p, Decimal, required=False),
                               c.get(b, "passing", p, bool, required=False, default=False)))
    if not bands or bands[-1].min != 0:
        raise c.fail("levels.bands", "ระดับสุดท้ายต้องเริ่มที่ 0 เพื่อให้ทุกคะแนนมีระดับ")
    for a, b in zip(bands, bands[1:]):
        if b.min > a.min:
            raise c.fail("levels.bands", "ต้องเรียงระดับจากคะแนนสูงไปต่ำ")

    notes = c.get(data, "notes", "", list, required=False, default=[])
    return Framework(
        fiscal_year=year,
        name=c.get(data, "name", ""),
        pass_mark=c.get(data, "pass_mark", "", Decimal),
        tools=tuple(tools), indicators=tuple(sorted(indicators, key=lambda i: i.number)),
        subindicators=tuple(subs), items=tuple(items), level_kind=kind, levels=tuple(bands),
        sources={str(k): str(v) for k, v in sources.items()}, notes=tuple(str(x) for x in notes),
        path=str(c.path),
    )


def _dir() -> Path:
    from ..paths import frameworks_dir

    return frameworks_dir()


def available_years(directory: Path | None = None) -> list[int]:
    d = directory or _dir()
    return sorted(int(p.stem) for p in d.glob("*.toml") if p.stem.isdigit())


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float) -> Framework:
    return load_framework_file(path)


def load_framework(fiscal_year: int, directory: Path | None = None) -> Framework:
    """The framework of a fiscal year (cached; a changed file is re-read)."""
    p = (directory or _dir()) / f"{fiscal_year}.toml"
    if not p.exists():
        years = available_years(directory)
        have = ", ".join(str(y) for y in years)
        raise FrameworkError(
            f"ยังไม่มีกรอบการประเมินของปีงบประมาณ {fiscal_year} (มี: {have}) "
            f"คัดลอกไฟล์ของปีล่าสุดในโฟลเดอร์ frameworks เป็น {fiscal_year}.toml แล้วแก้ไขตามคู่มือของปีนั้น")
    return _load_cached(str(p), p.stat().st_mtime)


def framework_for(fiscal_year: int, directory: Path | None = None) -> Framework:
    """Like load_framework, but a year without a file falls back to the nearest earlier year."""
    years = available_years(directory)
    if fiscal_year in years:
        return load_framework(fiscal_year, directory)
    earlier = [y for y in years if y < fiscal_year]
    if not earlier:
        return load_framework(fiscal_year, directory)  # raises the Thai error
    return load_framework(max(earlier), directory)
