"""Fuzz targets: every entry point that takes a clerk's (or a stranger's) data.

Each target is a hypothesis strategy plus a check.  The contract checked everywhere:
bad input raises only the entry point's own Thai error (an ``ItaDeskError`` whose message
contains Thai), never another exception, and changes nothing; good input gives the
expected result.  ``run_target(name, n)`` runs one target for ``n`` examples and returns
how many ran; the tests and ``benchmarks/fuzz_counts.py`` both use it.
"""

from __future__ import annotations

import copy
import io
import json
import random
import re
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from itadesk.domain.errors import DossierError, FrameworkError, InputError

from .hostile import TARGETS as HOSTILE_TARGETS

ROOT = Path(__file__).resolve().parents[2]
MINI = json.loads((ROOT / "tests" / "fixtures" / "mini_dossier.json").read_text(encoding="utf-8"))
TOML_2565 = (ROOT / "resources" / "frameworks" / "2565.toml").read_text(encoding="utf-8")
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def is_thai_message(e: BaseException) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in str(e))


def expect_only(exc_type, fn, *args, **kwargs):
    """Call fn; return its result, or None if it raised exc_type with a Thai message."""
    try:
        return fn(*args, **kwargs)
    except exc_type as e:
        assert is_thai_message(e), f"error message is not Thai: {e!r}"
        return None


# ------------------------------------------------------------------ shared strategies

thai_text = st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=40)
any_text = st.one_of(st.text(max_size=200), thai_text)
json_leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                      st.floats(allow_nan=False, allow_infinity=False), any_text)
json_value = st.recursive(json_leaf, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(any_text, kids, max_size=4)), max_leaves=20)
ENCODINGS = ["utf-8", "utf-8-sig", "cp874", "tis-620", "utf-16", "latin-1"]


def _encode(text: str, enc: str) -> bytes:
    return text.encode(enc, errors="replace")


@st.composite
def byte_mutations(draw, base: bytes):
    data = bytearray(base)
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "dup"]))
        if not data:
            data += draw(st.binary(min_size=1, max_size=8))
            continue
        i = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[i] ^= draw(st.integers(1, 255))
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[i:i + draw(st.integers(1, 64))]
        elif op == "truncate":
            del data[i:]
        else:
            j = draw(st.integers(i, min(len(data), i + 256)))
            data[j:j] = data[i:j]
    return bytes(data)


# ------------------------------------------------------------------ dossier import

def _paths(obj, prefix=()):
    yield prefix
    if len(prefix) > 8:
        return
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


@st.composite
def mutated_dossier(draw):
    """The mini dossier with a few structural changes, encoded in some way."""
    d = copy.deepcopy(MINI)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(d) if p]
        path = draw(st.sampled_from(paths))
        parent = d
        for k in path[:-1]:
            parent = parent[k]
        kind = draw(st.sampled_from(["replace", "delete", "huge", "deep", "thai_digits", "dup"]))
        if kind == "replace":
            parent[path[-1]] = draw(json_value)
        elif kind == "delete":
            del parent[path[-1]]
        elif kind == "huge":
            parent[path[-1]] = "ก" * draw(st.sampled_from([10**3, 10**5, 10**6]))
        elif kind == "deep":
            depth = draw(st.sampled_from([50, 500, 5000]))
            v: object = "x"
            for _ in range(depth):
                v = [v]
            parent[path[-1]] = v
        elif kind == "thai_digits" and isinstance(parent[path[-1]], str):
            parent[path[-1]] = parent[path[-1]].translate(str.maketrans("0123456789", THAI_DIGITS))
        elif kind == "dup" and isinstance(parent, list):
            try:
                parent.append(copy.deepcopy(parent[path[-1]]))
            except RecursionError:      # a "deep" value made by an earlier step: leave it once
                pass
    try:
        text = json.dumps(d, ensure_ascii=draw(st.booleans()))
    except RecursionError:
        text = "[" * 100000 + "]" * 100000
    return _encode(text, draw(st.sampled_from(ENCODINGS)))


def check_dossier_bytes(raw: bytes) -> None:
    from itadesk.store.dossier import parse_dossier

    data = expect_only(DossierError, parse_dossier, raw, name="ทดสอบ.json")
    if data is not None:
        assert isinstance(data, dict) and data["format"] == "itadesk-dossier"


# ------------------------------------------------------------------ score import (CSV / XLSX)

def _framework():
    from itadesk.domain.frameworks import load_framework

    return load_framework(2565)


def _check_scores(result) -> None:
    if result is None:
        return
    assert result and all(1 <= k <= 10 for k in result)
    for v in result.values():
        assert isinstance(v, Decimal) and 0 <= v <= 100 and v == v.quantize(Decimal("0.01"))


def check_csv_bytes(raw: bytes) -> None:
    from itadesk.domain.score_import import parse_scores_csv

    _check_scores(expect_only(InputError, parse_scores_csv, raw, _framework(), name="คะแนน.csv"))


def _score_text(draw, value: Decimal) -> str:
    s = f"{value:f}"
    style = draw(st.sampled_from(["arabic", "thai", "comma", "percent", "spaces"]))
    if style == "thai":
        return s.translate(str.maketrans("0123456789", THAI_DIGITS))
    if style == "comma" and "." in s:
        return s.replace(".", ",")
    if style == "percent":
        return s + "%"
    if style == "spaces":
        return f"  {s} "
    return s


@st.composite
def valid_score_rows(draw):
    """(rows of cells, expected dict): indicator by number / Thai number / name, score styles."""
    fw = _framework()
    inds = draw(st.lists(st.sampled_from(fw.indicators), min_size=1, max_size=10, unique_by=lambda i: i.number))
    rows, expected = [], {}
    if draw(st.booleans()):
        rows.append(["ตัวชี้วัด", "คะแนน"])
    for ind in inds:
        value = Decimal(draw(st.integers(0, 10000))) / 100
        how = draw(st.sampled_from(["number", "thai", "prefixed", "name", "numbered_name"]))
        c1 = {"number": str(ind.number),
              "thai": str(ind.number).translate(str.maketrans("0123456789", THAI_DIGITS)),
              "prefixed": f"ตัวชี้วัดที่ {ind.number}",
              "name": ind.name,
              "numbered_name": f"{ind.number}. {ind.name}"}[how]
        # an extra column of one or two digits right after the score reads as "95,13" split by the
        # comma; the parser refuses that on purpose (docs: ambiguous), so a valid file has none
        extra = draw(st.lists(thai_text.filter(lambda t: not re.fullmatch(r"[0-9๐-๙]{1,2}\s*", t)), max_size=2))
        rows.append([c1, _score_text(draw, value)] + extra)
        expected[ind.number] = value.quantize(Decimal("0.01"))
        if draw(st.integers(0, 5)) == 0:
            rows.append(["", ""])
    return rows, expected


def _to_csv(rows, delimiter: str) -> str:
    import csv

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


@st.composite
def csv_case(draw):
    rows, expected = draw(valid_score_rows())
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    if delimiter == ";" or delimiter == "\t":
        pass
    elif any("," in c for r in rows for c in r):
        pass  # csv.writer quotes them
    enc = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp874", "utf-16"]))
    bad = None
    if draw(st.integers(0, 2)) == 0:   # spoil one cell: the whole file must be refused
        data_rows = [i for i, r in enumerate(rows) if r[0] and r[0] != "ตัวชี้วัด"]
        i = draw(st.sampled_from(data_rows))
        col = draw(st.integers(0, 1))
        rows[i][col] = draw(st.sampled_from(["=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-2+3", "=HYPERLINK(\"x\")",
                                             "101", "-5", "95.123", "abc", "ตัวชี้วัดที่ 99", "๑๒๓",
                                             "1" + "0" * 26, "๙" * 40, "1e5", "nan", "Infinity"]))
        bad = i + 1
    return _encode(_to_csv(rows, delimiter), enc), expected, bad


def check_csv_case(case) -> None:
    from itadesk.domain.score_import import parse_scores_csv

    raw, expected, bad = case
    if bad is None:
        assert parse_scores_csv(raw, _framework(), name="คะแนน.csv") == expected
        return
    try:
        got = parse_scores_csv(raw, _framework(), name="คะแนน.csv")
    except InputError as e:
        assert is_thai_message(e)
        if "แถวที่" in str(e):
            assert f"แถวที่ {bad}" in str(e), (str(e), bad)
        return
    # a spoiled cell can still be acceptable (e.g. "๑๒๓" → 123 in column 1 is refused,
    # but a spoiled extra column is ignored): then the result must be well-formed
    _check_scores(got)


def _xlsx_bytes(rows) -> bytes:
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in r])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


xlsx_cell = st.one_of(st.none(), st.integers(-1000, 1000), st.floats(allow_nan=True, allow_infinity=True),
                      any_text, st.sampled_from(["=A1+1", "=SUM(B1:B3)", "@x", "+1", "-0", "๙๕.๑๓", "ตัวชี้วัดที่ 1"]),
                      st.booleans(), st.dates())


@st.composite
def xlsx_case(draw):
    if draw(st.booleans()):
        rows, expected = draw(valid_score_rows())
        if draw(st.booleans()):  # numbers as numbers, the way Excel stores them
            rows = [[int(r[0]) if r[0].isdigit() else r[0],
                     float(expected[int(r[0])]) if r[0].isdigit() and draw(st.booleans()) else r[1]] + r[2:]
                    if r[0] else r for r in rows]
        return _xlsx_bytes(rows), expected
    rows = draw(st.lists(st.lists(xlsx_cell, max_size=4), max_size=12))
    rows = [[c for c in r] for r in rows]
    return _xlsx_bytes(rows), None


def check_xlsx_case(case) -> None:
    from itadesk.domain.score_import import parse_scores_xlsx

    raw, expected = case
    if expected is not None:
        assert parse_scores_xlsx(raw, _framework(), name="คะแนน.xlsx") == expected
    else:
        _check_scores(expect_only(InputError, parse_scores_xlsx, raw, _framework(), name="คะแนน.xlsx"))


_XLSX_BASE = None


def _xlsx_base() -> bytes:
    global _XLSX_BASE
    if _XLSX_BASE is None:
        _XLSX_BASE = _xlsx_bytes([["ตัวชี้วัด", "คะแนน"]] + [[n, f"{90 + n / 10:.2f}"] for n in range(1, 11)])
    return _XLSX_BASE


def check_xlsx_bytes(raw: bytes) -> None:
    from itadesk.domain.score_import import parse_scores_xlsx

    _check_scores(expect_only(InputError, parse_scores_xlsx, raw, _framework(), name="คะแนน.xlsx"))


# ------------------------------------------------------------------ framework TOML files

_TOML_DIR = {}


@st.composite
def mutated_toml(draw):
    lines = TOML_2565.splitlines()
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        numeric = [n for n, ln in enumerate(lines) if re.search(r"\b(min|weight|pass_mark|number|fiscal_year) =", ln)]
        if numeric and draw(st.booleans()):   # half the time: a line with numbers or bands
            i = draw(st.sampled_from(numeric))
        else:
            i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "dup", "value", "token", "token", "key", "garbage", "table"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "dup":
            lines.insert(i, line)
        elif op == "value" and "=" in line:
            key = line.split("=", 1)[0]
            val = draw(st.sampled_from(['""', "0", "-1", "1e400", "nan", "inf", "true", "[]", "{}", "[1, 2]",
                                        '"ก"', "2565", "100.001", '"nan"', '"1e999"', '"Infinity"',
                                        "1979-05-27", "[[1]]", '{ a = 1 }', "99999999999999999999"]))
            lines[i] = f"{key}= {val}"
        elif op == "token":
            tokens = (list(re.finditer(r'"[^"]*"|\b\d+\b|true|false', line))
                      + list(re.finditer(r"\{[^{}]*\}", line)))
            if tokens:
                m = draw(st.sampled_from(tokens))
                new = draw(st.sampled_from(['"nan"', "nan", "inf", '"-inf"', '"1e999"', "1", '""', "[]", "{}",
                                            '"ก"', "-5", "true", '{ label = "X" }', '"0"', "3.5"]))
                lines[i] = line[:m.start()] + new + line[m.end():]
        elif op == "key" and "=" in line:
            lines[i] = draw(st.sampled_from(["x", "number", "tool", "min", "label", "bands", "weight"])) + \
                " =" + line.split("=", 1)[1]
        elif op == "garbage":
            lines.insert(i, draw(st.text(max_size=40)))
        elif op == "table":
            lines.insert(i, draw(st.sampled_from(["[[indicators]]", "[[tools]]", "[levels]", "[[levels.bands]]",
                                                  "[sources]", "[[items]]", "[[subindicators]]", "tools = 1",
                                                  "levels = []", "indicators = [1]"])))
    text = "\n".join(lines)
    if draw(st.integers(0, 5)) == 0:
        return byte_mutations(text.encode("utf-8")).example() if False else draw(byte_mutations(text.encode("utf-8")))
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp874", "utf-16"])), errors="replace")


def check_framework_bytes(raw: bytes) -> None:
    from itadesk.domain.frameworks import load_framework_file

    if "dir" not in _TOML_DIR:
        _TOML_DIR["dir"] = Path(tempfile.mkdtemp(prefix="itadesk-fuzz-toml-"))
    path = _TOML_DIR["dir"] / "2565.toml"
    path.write_bytes(raw)
    expect_only(FrameworkError, load_framework_file, path)


# ------------------------------------------------------------------ GUI field parsers

number_like = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙.,+- eE\u200b%", max_size=20),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(repr),
)


def check_parse_score(text: str) -> None:
    from itadesk.domain.thai_format import parse_score

    v = expect_only(InputError, parse_score, text)
    if v is not None:
        assert 0 <= v <= 100 and v == v.quantize(Decimal("0.01")) and v.is_finite()


def check_parse_decimal(text: str) -> None:
    from itadesk.domain.thai_format import parse_decimal

    v = expect_only(InputError, parse_decimal, text)
    if v is not None:
        assert v.is_finite()


def check_score_roundtrip(n: int) -> None:
    from itadesk.domain.thai_format import format_score, parse_score

    value = Decimal(n) / 100
    for thai in (True, False):
        assert parse_score(format_score(value, thai=thai)) == value


# ------------------------------------------------------------------ file names

def check_safe_filename(name: str) -> None:
    from itadesk.domain.filenames import MAX_NAME_BYTES, is_reserved, safe_filename

    out = safe_filename(name)
    assert out and len(out.encode("utf-8")) <= MAX_NAME_BYTES
    assert not any(c in out for c in '<>:"/\\|?*') and all(ord(c) >= 32 and c != "\x7f" for c in out)
    assert out[-1] not in ". " and out[0] != " " and out not in (".", "..")
    assert not is_reserved(out)
    assert safe_filename(out) == out, (name, out)


# ------------------------------------------------------------------ registry and runner

TARGETS = {
    "dossier: random bytes": (st.binary(max_size=4096), check_dossier_bytes),
    "dossier: mutated valid dossier": (mutated_dossier(), check_dossier_bytes),
    "dossier: mutated bytes": (byte_mutations(json.dumps(MINI, ensure_ascii=False).encode("utf-8")), check_dossier_bytes),
    "scores CSV: random bytes": (st.binary(max_size=2048), check_csv_bytes),
    "scores CSV: generated files": (csv_case(), check_csv_case),
    "scores XLSX: generated workbooks": (xlsx_case(), check_xlsx_case),
    "scores XLSX: mutated bytes": (st.deferred(lambda: byte_mutations(_xlsx_base())), check_xlsx_bytes),
    "framework TOML: mutated file": (mutated_toml(), check_framework_bytes),
    "parse_score": (number_like, check_parse_score),
    "parse_decimal": (number_like, check_parse_decimal),
    "parse_score: Thai/Arabic round trip": (st.integers(0, 10000), check_score_roundtrip),
    "safe_filename": (st.text(max_size=300), check_safe_filename),
}
# Structure-aware targets through the import / open / delete route and the window's services
# (tests/fuzz/hostile.py); safe_join is no longer fuzzed alone: the route that uses it is.
TARGETS.update(HOSTILE_TARGETS)


CHUNK = 1000   # examples per Hypothesis run: its example tree grows with every example kept


def run_target(name: str, max_examples: int, seed: int | None = None) -> int:
    """Run one target for ``max_examples``; ``seed`` (printed by the callers) reproduces a run.

    Long runs go in chunks of CHUNK examples (chunk ``i`` uses seed ``seed + i``), so memory
    stays flat over 10,000 examples."""
    strategy, check = TARGETS[name]
    count = 0

    def one_run(n: int, chunk_seed: int | None) -> None:
        nonlocal count

        @settings(max_examples=n, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate, Phase.shrink])
        @given(strategy)
        def run(x):
            nonlocal count
            count += 1
            check(x)

        if chunk_seed is not None:
            from hypothesis import seed as hyp_seed

            run = hyp_seed(chunk_seed)(run)
        run()

    left, i = max_examples, 0
    while left > 0:
        n = min(left, CHUNK)
        one_run(n, None if seed is None else seed + i)
        left -= n
        i += 1
    return count


__all__ = ["TARGETS", "run_target", "random"]
