"""The dossier (``resources/dossier.schema.json``) as typed dictionaries.

A dossier travels through every layer as plain JSON-shaped dicts: imported, exported, checked,
printed.  These TypedDicts give its shape to the type checker; they add nothing at run time.
Each class is one object of the schema (``$defs``), with the same keys: ``Required[...]`` for
the schema's ``required``, every other key optional.  ``tests/domain/test_dossier_types.py``
checks both directions (a schema property without a key, a key the schema does not have).

Scores are decimal strings ("96.54"), dates ISO strings, months "YYYY-MM".  (No
``from __future__ import annotations`` here: it would hide ``Required`` from Python 3.11.)
"""

from typing import Any, Literal, Required, TypedDict

Status = Literal["planned", "in_progress", "done", "cancelled"]
Category = Literal["urgent", "improve", "keep"]
TableKind = str   # one of documents.tables.COLUMN_KEYS ("static", "score_summary", …)

# "from" is a Python keyword: the functional form.
Period = TypedDict("Period", {"from": Required[str], "to": Required[str], "text": str}, total=False)


class Person(TypedDict, total=False):
    key: Required[str]
    name: Required[str]
    position: Required[str]
    acting_for: str
    unit: str


class Office(TypedDict, total=False):
    name: Required[str]
    kind: str
    amphoe: str
    province: str
    doc_prefix: str
    website: str
    phone: str
    thai_digits: bool
    font: str
    emblem_png_base64: str
    units: list[str]
    people: list[Person]
    analysis_rules: dict[str, Any]


class Analysis(TypedDict, total=False):
    indicator: Required[int]
    category: Category
    text: str
    edited: bool
    suggestions: list[str]


class Year(TypedDict, total=False):
    fiscal_year: Required[int]
    indicators: dict[str, str]          # indicator number → score
    items: dict[str, str]               # item code (i1, e4, o12) → score
    published_total: str
    published_level: str
    analysis: list[Analysis]


class Step(TypedDict, total=False):
    text: Required[str]
    units: list[str]
    period: Period
    output: str


class Evidence(TypedDict, total=False):
    description: Required[str]
    file: str
    sha256: str


class Report(TypedDict, total=False):
    kind: Required[Literal["6m", "12m"]]
    date: str
    status: Status
    output: str
    outcome: str
    note: str


class Measure(TypedDict, total=False):
    key: Required[str]
    fiscal_year: Required[int]
    title: Required[str]
    indicators: list[int]
    items: list[str]
    steps: list[Step]
    units: list[str]
    period: Period
    monitoring: str
    status: Status
    output: str
    outcome: str
    suggestions: str
    evidence: list[Evidence]
    reports: list[Report]


class Section(TypedDict, total=False):
    title: str
    paragraphs: Required[list[str]]


class Signer(TypedDict, total=False):
    person: Required[str]
    acting_for: str
    signature_text: str


class Comment(TypedDict, total=False):
    """One level of the signature chain: a heading, the person, their choices."""
    heading: Required[str]
    person: Required[str]
    acting_for: str
    note: str
    choices: list[str]
    lines: int


class Column(TypedDict, total=False):
    key: Required[str]
    label: str
    width: float


class Block(TypedDict, total=False):
    type: Required[Literal["heading", "paragraph", "table"]]
    text: str
    table: TableKind
    fiscal_year: int
    years: list[int]
    columns: list[Column]
    rows: list[list[str]]
    step_numbers: Literal["auto", "always", "never"]


class Attachment(TypedDict, total=False):
    title: list[str]
    orientation: Literal["portrait", "landscape"]
    title_position: Literal["top", "centre"]
    title_image: str          # PNG or JPEG, base64
    blocks: Required[list[Block]]


class Memo(TypedDict, total=False):
    key: Required[str]
    form: Required[str]
    fiscal_year: Required[int]
    subject: Required[str]
    unit: str
    doc_no: str
    date: str
    to: str
    sections: list[Section]
    closing: str
    author: Signer
    chain: list[Comment]
    attachments: list[Attachment]


class Dossier(TypedDict, total=False):
    format: Required[Literal["itadesk-dossier"]]
    version: Required[int]
    notes: list[str]
    office: Required[Office]
    years: list[Year]
    measures: list[Measure]
    memos: list[Memo]


# schema $defs name → TypedDict (the root object is Dossier)
SCHEMA_OBJECTS: dict[str, type] = {
    "period": Period, "person": Person, "office": Office, "analysis": Analysis, "year": Year,
    "step": Step, "evidence": Evidence, "report": Report, "measure": Measure, "section": Section,
    "signer": Signer, "comment": Comment, "column": Column, "block": Block, "attachment": Attachment,
    "memo": Memo,
}
