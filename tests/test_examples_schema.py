"""The example dossiers in examples/ (typed from the four seed memos) follow the dossier format."""

import json
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
SCHEMA = json.loads((ROOT / "resources" / "dossier.schema.json").read_text(encoding="utf-8"))


def _load(path: Path) -> dict:
    # Reject duplicate keys inside one JSON object: json.loads would silently keep the last one.
    def no_dupes(pairs):
        keys = [k for k, _ in pairs]
        dupes = [k for k, n in Counter(keys).items() if n > 1]
        assert not dupes, f"{path.name}: duplicate JSON keys {dupes}"
        return dict(pairs)

    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=no_dupes)


def _dupes(values) -> list:
    return [v for v, n in Counter(values).items() if n > 1]


def test_there_are_four_seed_examples():
    names = [p.name for p in EXAMPLES]
    for seed in ("seed000", "seed001", "seed002", "seed003"):
        assert any(n.startswith(seed + "_") for n in names), f"no example for {seed}: {names}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_validates_against_schema(path):
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(_load(path)), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_keys_unique_and_references_resolve(path):
    d = _load(path)
    people = [p["key"] for p in d["office"].get("people", [])]
    measures = [m["key"] for m in d.get("measures", [])]
    memos = [m["key"] for m in d.get("memos", [])]
    years = [y["fiscal_year"] for y in d.get("years", [])]
    assert not _dupes(people), f"duplicate people keys {_dupes(people)}"
    assert not _dupes(measures), f"duplicate measure keys {_dupes(measures)}"
    assert not _dupes(memos), f"duplicate memo keys {_dupes(memos)}"
    assert not _dupes(years), f"duplicate fiscal years {_dupes(years)}"
    for y in d.get("years", []):
        analysed = [a["indicator"] for a in y.get("analysis", [])]
        assert not _dupes(analysed), f"{y['fiscal_year']}: indicator analysed twice {_dupes(analysed)}"

    known = set(people)
    for memo in d.get("memos", []):
        refs = [memo["author"]["person"]] if "author" in memo else []
        refs += [c["person"] for c in memo.get("chain", [])]
        missing = [r for r in refs if r not in known]
        assert not missing, f"memo {memo['key']}: unknown people {missing}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_says_where_it_comes_from(path):
    notes = _load(path).get("notes", [])
    assert notes and "seed" in notes[0]


def _seed(prefix: str) -> dict:
    (path,) = [p for p in EXAMPLES if p.name.startswith(prefix + "_")]
    return _load(path)


def test_seed001_scores_use_framework_numbering():
    years = {y["fiscal_year"]: y for y in _seed("seed001")["years"]}
    assert years[2565]["indicators"] == {
        "1": "96.54", "2": "93.28", "3": "96.07", "4": "94.65", "5": "85.14",
        "6": "79.79", "7": "72.04", "8": "73.20", "9": "89.29", "10": "100.00",
    }
    assert years[2564]["indicators"] == {
        "1": "88.73", "2": "74.98", "3": "79.43", "4": "75.15", "5": "74.57",
        "6": "84.90", "7": "84.58", "8": "81.62", "9": "90.64", "10": "93.75",
    }
    assert (years[2565]["published_total"], years[2565]["published_level"]) == ("88.30", "A")
    assert (years[2564]["published_total"], years[2564]["published_level"]) == ("85.56", "A")
    assert sorted(a["indicator"] for a in years[2565]["analysis"]) == list(range(1, 11))


def test_seed001_scores_reproduce_the_published_totals():
    from decimal import Decimal

    from itadesk.domain.frameworks import load_framework
    from itadesk.domain.scoring import compute

    fw = load_framework(2565)
    for y in _seed("seed001")["years"]:
        result = compute(fw, {int(k): Decimal(v) for k, v in y["indicators"].items()})
        assert result.total == Decimal(y["published_total"])
        assert result.level == y["published_level"]


def test_real_seed_mistakes_are_kept_for_the_checker():
    # Mistakes in the signed originals: the program's checker must find them, so the examples keep them.
    (y2567,) = _seed("seed002")["years"]
    assert (y2567["published_total"], y2567["published_level"]) == ("99.78", "ต้องปรับปรุง")
    assert "กุฉินทรา" in " ".join(_seed("seed002")["memos"][0]["attachments"][0]["title"])
    (memo003,) = _seed("seed003")["memos"]
    assert "๒๕๖๒" in memo003["attachments"][0]["title"][0]
    assert memo003.get("doc_no", "") == ""
