"""The example dossiers in examples/ (typed from the four seed memos) follow the dossier format."""

import json
import re
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


SEEDS = ROOT.parent / "shared" / "seeds"     # the signed memos, beside the work tree (CI has a copy)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_comes_from_the_seed_it_names(path):
    """notes[0] names one seed memo, the file name says the same seed, and (where shared/seeds is
    at hand) that memo is the example's: its author and document number are in the seed's text."""
    d = _load(path)
    m = re.search(r"shared/seeds/((\d{3})_[0-9a-f]+\.txt)", d["notes"][0])
    assert m, f"{path.name}: notes[0] does not name its seed: {d['notes'][0][:80]}"
    assert path.name.startswith(f"seed{m.group(2)}_"), (path.name, m.group(1))
    seed = SEEDS / m.group(1)
    if not seed.exists():
        pytest.skip("shared/seeds is not beside the work tree")
    text = "".join(seed.read_text(encoding="utf-8").split())
    people = {p["key"]: p["name"] for p in d["office"]["people"]}
    for memo in d["memos"]:
        assert "".join(people[memo["author"]["person"]].split()) in text
        if memo.get("doc_no"):
            assert "/" + memo["doc_no"] in text


def test_the_four_seeds_each_have_an_example():
    named = {re.search(r"shared/seeds/(\d{3})_", _load(p)["notes"][0]).group(1) for p in EXAMPLES}
    assert named == {"000", "001", "002", "003"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_validates_against_schema(path):
    """Valid for the published schema and for the program's own import check (which adds meaning)."""
    from itadesk.store.dossier import validate_dossier

    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(_load(path)), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    validate_dossier(_load(path), path.name)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_keys_unique_and_references_resolve(path, tmp_path):
    """Imported into a database and exported again, every memo's author and chain are the same
    people (name and position) -- a reference that did not resolve would be lost or changed."""
    from itadesk.store.dossier import export_office, import_dossier
    from itadesk.store.session import open_database

    d = _load(path)
    db = open_database("sqlite:///" + (tmp_path / "x.sqlite3").as_posix())
    with db.session() as s:
        import_dossier(s, d)
        s.commit()
    with db.session() as s:
        back = export_office(s, d["office"]["name"])

    def signers(dossier):
        people = {p["key"]: (p["name"], p.get("position")) for p in dossier["office"]["people"]}
        return [[people[m["author"]["person"]]] + [people[c["person"]] for c in m.get("chain", [])]
                for m in dossier["memos"]]

    assert signers(back) == signers(d)
    assert sorted(m["key"] for m in back.get("measures", [])) == sorted(m["key"] for m in d.get("measures", []))


def _seed(prefix: str) -> dict:
    (path,) = [p for p in EXAMPLES if p.name.startswith(prefix + "_")]
    return _load(path)


# seed 001's comparison table (shared/seeds/001_…txt lines 158-167): indicator name → (2564, 2565)
SEED001_ROWS = {
    "การปฏิบัติหน้าที่": ("88.73", "96.54"), "การใช้อำนาจ": ("79.43", "96.07"),
    "การแก้ไขปัญหาการทุจริต": ("74.57", "85.14"), "การใช้ทรัพย์สินของราชการ": ("75.15", "94.65"),
    "การใช้งบประมาณ": ("74.98", "93.28"), "คุณภาพการดำเนินงาน": ("84.90", "79.79"),
    "ประสิทธิภาพการสื่อสาร": ("84.58", "72.04"), "การปรับปรุงการทำงาน": ("81.62", "73.20"),
    "การเปิดเผยข้อมูล": ("90.64", "89.29"), "การป้องกันการทุจริต": ("93.75", "100.00"),
}


def test_seed001_scores_use_framework_numbering():
    """Indicator n of the example is indicator n of the 2565 framework: the score stored under
    each framework number is the seed's score for the indicator of that name."""
    from itadesk.domain.frameworks import load_framework

    fw = load_framework(2565)
    years = {y["fiscal_year"]: y for y in _seed("seed001")["years"]}
    # the seed prints 'การปรับปรุงการทำงาน' for the framework's 'การปรับปรุงระบบการทำงาน' (example notes)
    seed_name = {"การปรับปรุงระบบการทำงาน": "การปรับปรุงการทำงาน"}
    assert len(fw.indicators) == len(SEED001_ROWS)
    for ind in fw.indicators:
        old, new = SEED001_ROWS[seed_name.get(ind.name, ind.name)]
        assert years[2564]["indicators"][str(ind.number)] == old, ind.name
        assert years[2565]["indicators"][str(ind.number)] == new, ind.name


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
    """Mistakes in the signed originals stay in the examples, and the program's checker finds each."""
    import datetime

    from itadesk.domain.checks import check_dossier

    def codes(prefix):
        return {(f.code, f.where.split(".")[0]) for f in check_dossier(_seed(prefix), today=datetime.date(2026, 1, 1))}

    found = codes("seed002")
    assert ("level_mismatch", "years[2567]") in found                 # 99.78 printed as ต้องปรับปรุง
    assert ("office_name", "memos[memo_2567_report]") in found        # the attachment names อบต.กุฉินทรา
    found = codes("seed003")
    assert ("attachment_year", "memos[memo_2566_results]") in found   # 'ประจำปี ๒๕๖๒' in a 2566 memo
