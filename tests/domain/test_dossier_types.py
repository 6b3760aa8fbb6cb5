"""The dossier's TypedDicts and resources/dossier.schema.json say the same: every schema object
has its TypedDict, every property a key and every key a property, required where required."""

import json
from pathlib import Path

import pytest

from itadesk.domain import dossier_types as dt

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "resources" / "dossier.schema.json")
                    .read_text(encoding="utf-8"))
OBJECTS = {name: node for name, node in SCHEMA["$defs"].items() if node.get("type") == "object"}


def test_every_schema_object_has_a_typeddict():
    assert set(OBJECTS) == set(dt.SCHEMA_OBJECTS)


@pytest.mark.parametrize("name", sorted(OBJECTS) + ["(root)"])
def test_keys_and_required_keys_match(name):
    node, cls = (SCHEMA, dt.Dossier) if name == "(root)" else (OBJECTS[name], dt.SCHEMA_OBJECTS[name])
    props = set(node["properties"])
    keys = set(cls.__annotations__)
    assert props - keys == set(), f"{cls.__name__} lacks keys the schema has"
    assert keys - props == set(), f"{cls.__name__} has keys the schema does not"
    assert set(cls.__required_keys__) == set(node.get("required", [])), cls.__name__
    assert node.get("additionalProperties") is False     # a TypedDict is closed too


def test_examples_fit_the_types_by_shape(root):
    """Every key of every example dossier object is one the TypedDicts know (a cheap structural check)."""
    def walk(value, cls, where):
        if not isinstance(value, dict):
            return
        hints = cls.__annotations__
        for k, v in value.items():
            assert k in hints, f"{where}.{k}"
    for path in sorted((root / "examples").glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        walk(d, dt.Dossier, path.name)
        walk(d["office"], dt.Office, "office")
        for m in d.get("memos", []):
            walk(m, dt.Memo, "memo")
            for c in m.get("chain", []):
                walk(c, dt.Comment, "chain")
        for m in d.get("measures", []):
            walk(m, dt.Measure, "measure")
