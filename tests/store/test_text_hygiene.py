"""Input hygiene at the boundary (issue 16, item 5): control and bidi characters, lone
surrogates, NFC, per-field and per-memo limits, duplicate JSON keys; at import, in every
service the window writes through, and on output of rows stored by older versions."""

from __future__ import annotations

import copy
import datetime as dt
import json
import unicodedata
from decimal import Decimal

import pytest
from sqlalchemy import select

from itadesk.domain.errors import DossierError, InputError
from itadesk.domain.text_hygiene import (LINE_LIMITS, MAX_MEMO_CHARS, MAX_TEXT_CHARS, clean_text, clean_tree,
                                         display_safe)
from itadesk.store.dossier import import_dossier, parse_dossier
from itadesk.store.models import Measure, Memo, Office
from itadesk.store.services import OfficeProfile, PersonInfo, Services
from itadesk.store.session import open_database

# Every character class the rules remove (one example of each, named).
REMOVED = {
    "NUL": "\x00", "BEL": "\x07", "ESC": "\x1b", "BS": "\x08", "US": "\x1f", "DEL": "\x7f", "C1 CSI": "\x9b",
    "LRO": "\u202d", "RLO": "\u202e", "LRE": "\u202a", "PDF": "\u202c", "LRI": "\u2066", "RLI": "\u2067",
    "PDI": "\u2069", "LRM": "\u200e", "RLM": "\u200f", "ALM": "\u061c", "BOM": "\ufeff",
    "annotation": "\ufff9", "noncharacter": "\ufdd0", "U+FFFE": "\ufffe",
}
BREAKS = {"CRLF": "\r\n", "CR": "\r", "VT (Word line break)": "\x0b", "FF": "\x0c", "NEL": "\x85",
          "LS": "\u2028", "PS": "\u2029"}


def _is_thai(msg: str) -> bool:
    return any("\u0e00" <= c <= "\u0e7f" for c in msg)


# ------------------------------------------------------------------ the rules

@pytest.mark.parametrize("name", list(REMOVED))
def test_control_and_bidi_characters_are_removed(name):
    ch = REMOVED[name]
    assert clean_text(f"ก{ch}ข", multiline=True, limit=100, where="x") == "กข"
    assert clean_text(f"ก{ch}ข", multiline=False, limit=100, where="x") == "กข"


@pytest.mark.parametrize("name", list(BREAKS))
def test_line_breaks_become_newlines_or_spaces(name):
    br = BREAKS[name]
    assert clean_text(f"บรรทัด ๑{br}บรรทัด ๒", multiline=True, limit=100, where="x") == "บรรทัด ๑\nบรรทัด ๒"
    assert clean_text(f"ชื่อ{br}สกุล", multiline=False, limit=100, where="x") == "ชื่อ สกุล"


def test_tab_and_newline_kept_where_meaningful_and_zero_width_space_kept():
    assert clean_text("ก\tข\nค", multiline=True, limit=100, where="x") == "ก\tข\nค"
    assert clean_text("ก\tข", multiline=False, limit=100, where="x") == "ก ข"
    assert clean_text("ประเมิน\u200bคุณธรรม", multiline=True, limit=100, where="x") == "ประเมิน\u200bคุณธรรม"


def test_thai_typed_in_either_mark_order_is_stored_the_same():
    # ก + tone mark MAI EK (canonical combining class 107) + vowel SARA U (class 103): Unicode's
    # canonical order puts the lower class first, so both typing orders are one word.
    assert unicodedata.combining("\u0e48") == 107 and unicodedata.combining("\u0e38") == 103
    a = clean_text("ก\u0e48\u0e38", multiline=False, limit=10, where="x")
    b = clean_text("ก\u0e38\u0e48", multiline=False, limit=10, where="x")
    assert a == b == "ก\u0e38\u0e48"
    assert clean_text("e\u0301", multiline=False, limit=10, where="x") == "\u00e9"


@pytest.mark.parametrize("bad", ["\ud800", "ก\udfffข", "\udbff\udbff"])
def test_lone_surrogates_are_refused_in_thai(bad):
    with pytest.raises(InputError, match="อักขระที่ไม่ถูกต้อง") as e:
        clean_text(bad, multiline=True, limit=100, where="เรื่อง")
    assert "เรื่อง" in str(e.value)


def test_limits_per_field():
    for key, limit in LINE_LIMITS.items():
        assert clean_tree({key: "ก" * limit})[key] == "ก" * limit
        with pytest.raises(InputError, match="ยาวเกินไป"):
            clean_tree({key: "ก" * (limit + 1)})
    with pytest.raises(InputError, match="ยาวเกินไป"):
        clean_tree({"text": "ก" * (MAX_TEXT_CHARS + 1)})


def test_output_of_old_rows_never_refuses():
    assert display_safe({"a": ["x\ud800\x1b[31my"]}) == {"a": ["x\ufffd[31my"]}


# ------------------------------------------------------------------ dossier import

def _raw(d: dict) -> bytes:
    return json.dumps(d, ensure_ascii=False).encode("utf-8")


def test_duplicate_json_keys_refused_naming_the_key(mini):
    raw = _raw(mini).replace(b'"kind": ', b'"kind": "x", "kind": ', 1)
    assert raw.count(b'"kind"') >= 2
    with pytest.raises(DossierError, match="“kind” ซ้ำกัน"):
        parse_dossier(raw)
    nested = _raw(mini).replace(b'"key": "m1"', b'"key": "m1", "title": "a"', 1)
    with pytest.raises(DossierError, match="“title” ซ้ำกัน"):
        parse_dossier(nested)


@pytest.mark.parametrize("token", [b"NaN", b"Infinity", b"-Infinity", b"1" * 5000])
def test_hostile_numbers_refused_in_thai(mini, token):
    raw = _raw(mini).replace(b'"fiscal_year": 2566', b'"fiscal_year": ' + token, 1)
    with pytest.raises(DossierError) as e:
        parse_dossier(raw)
    assert _is_thai(str(e.value))


def test_lone_surrogate_escape_in_json_refused_naming_the_field(mini):
    raw = _raw(mini).replace("รายงานการวิเคราะห์".encode(), b"\\ud800", 1)
    with pytest.raises(DossierError, match=r"memos\[0\]\.subject"):
        parse_dossier(raw)


def test_control_and_bidi_characters_cleaned_at_import(db, mini):
    d = copy.deepcopy(mini)
    d["office"]["name"] = "เทศบาลตำบล\u202eทดสอบ\x1b[0m"
    d["measures"][0]["title"] = "มาตรการ\x00\x07\r\nขั้นตอน"
    d["memos"][0]["sections"][0]["paragraphs"] = ["ย่อหน้า\x0bบรรทัดใหม่\ufeff"]
    with db.session() as s, s.begin():
        import_dossier(s, d)
    with db.session() as s:
        assert s.scalar(select(Office.name)) == "เทศบาลตำบลทดสอบ[0m"
        assert s.scalar(select(Measure.title)) == "มาตรการ\nขั้นตอน"
        assert s.scalar(select(Memo.sections))[0]["paragraphs"] == ["ย่อหน้า\nบรรทัดใหม่"]


def test_field_and_memo_limits_at_import(db, mini):
    d = copy.deepcopy(mini)
    d["office"]["amphoe"] = "ก" * 101
    with pytest.raises(DossierError, match=r"office\.amphoe.*ยาวเกินไป"):
        parse_dossier(_raw(d))
    d = copy.deepcopy(mini)
    per = MAX_TEXT_CHARS - 10
    d["memos"][0]["sections"][0]["paragraphs"] = ["ก" * per] * (MAX_MEMO_CHARS // per + 1)
    with pytest.raises(DossierError, match="บันทึกข้อความ.*ยาวเกินไป"):
        parse_dossier(_raw(d))
    with db.session() as s, pytest.raises(DossierError), s.begin():
        import_dossier(s, d)


# ------------------------------------------------------------------ the window's services

@pytest.fixture
def svc(tmp_path, monkeypatch):
    monkeypatch.setenv("ITADESK_HOME", str(tmp_path / "home"))
    db = open_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    s = Services(db)
    yield s
    db.dispose()


DIRTY = "ข้อความ\u202e\x1b\x00ทดสอบ\r\n"
CLEAN_MULTI = "ข้อความทดสอบ\n"
CLEAN_LINE = "ข้อความทดสอบ "


def test_every_service_the_window_writes_through_cleans(svc, tmp_path):
    p = svc.save_profile(OfficeProfile(name="เทศบาลตำบล\u202eทดสอบ", kind=DIRTY, amphoe="นา\x00ยูง",
                                       province="อุดร\u2066ธานี", units=(DIRTY,),
                                       people=(PersonInfo("a", DIRTY, DIRTY, DIRTY, DIRTY),)))
    assert (p.name, p.kind, p.amphoe, p.province) == ("เทศบาลตำบลทดสอบ", CLEAN_LINE, "นายูง", "อุดรธานี")
    assert p.units == (CLEAN_LINE,) and p.people[0] == PersonInfo("a", CLEAN_LINE, CLEAN_LINE, CLEAN_LINE, CLEAN_LINE)
    svc.set_published(2565, Decimal("88.30"), "A\x1b")
    assert svc.year_scores(2565).published_level == "A"
    notes = svc.save_analysis_notes(2565, [{"indicator": 7, "category": "urgent", "text": DIRTY,
                                            "suggestions": [DIRTY]}])
    assert notes[0]["text"] == CLEAN_MULTI and notes[0]["suggestions"] == [CLEAN_MULTI]
    (m,) = svc.add_measures([{"fiscal_year": 2566, "title": DIRTY, "steps": [{"text": DIRTY}], "units": [DIRTY],
                              "monitoring": DIRTY}])
    assert m.title == CLEAN_MULTI.strip() and m.steps[0]["text"] == CLEAN_MULTI and m.units == (CLEAN_LINE,)
    m = svc.update_measure(m.id, m.base(), {"output": DIRTY, "outcome": DIRTY, "suggestions": DIRTY})
    assert (m.output, m.outcome, m.suggestions) == (CLEAN_MULTI,) * 3
    m = svc.save_report(m.id, {"kind": "6m", "date": dt.date(2023, 4, 1), "output": DIRTY, "note": DIRTY})
    assert m.reports[0]["output"] == CLEAN_MULTI and m.reports[0]["note"] == CLEAN_MULTI
    src = tmp_path / "a.pdf"
    src.write_bytes(b"%PDF")
    ev = svc.add_evidence(m.id, src, DIRTY)
    assert ev.description == CLEAN_MULTI.strip()
    svc.update_evidence(ev.id, "คำอธิบาย\u202e")
    assert svc.measure(m.id).evidence[0].description == "คำอธิบาย"
    memo = svc.add_memo({"form": "analysis_report", "fiscal_year": 2565, "subject": DIRTY, "to": DIRTY,
                         "sections": [{"title": DIRTY, "paragraphs": [DIRTY]}], "closing": DIRTY})
    assert memo.subject == CLEAN_LINE and memo.to == CLEAN_LINE and memo.closing == CLEAN_MULTI
    assert memo.sections[0]["paragraphs"] == [CLEAN_MULTI]
    memo = svc.update_memo(memo.id, memo, subject="เรื่อง\x07ใหม่", doc_no="๑๒\u202e")
    assert memo.subject == "เรื่องใหม่" and memo.doc_no == "๑๒"


def test_services_refuse_in_thai_and_keep_the_stored_value(svc):
    p = svc.save_profile(OfficeProfile(name="เทศบาลตำบลทดสอบ"))
    with pytest.raises(InputError, match="อักขระที่ไม่ถูกต้อง"):
        svc.save_profile(OfficeProfile(name="เทศบาล\ud800", id=p.id), base=p)
    with pytest.raises(InputError, match="ชื่อ ยาวเกินไป"):
        svc.save_profile(OfficeProfile(name="ก" * 501, id=p.id), base=p)
    assert svc.profile().name == "เทศบาลตำบลทดสอบ"
    memo = svc.add_memo({"form": "analysis_report", "fiscal_year": 2565, "subject": "เรื่อง"})
    long = ["ก" * (MAX_TEXT_CHARS - 1)] * (MAX_MEMO_CHARS // MAX_TEXT_CHARS + 1)
    with pytest.raises(InputError, match="ยาวเกินไป"):
        svc.update_memo(memo.id, memo, sections=[{"paragraphs": long}])
    assert svc.memo(memo.id).sections == ()
    with pytest.raises(InputError, match="ยาวเกินไป"):
        svc.add_memo({"form": "analysis_report", "fiscal_year": 2565, "subject": "ก",
                      "sections": [{"paragraphs": long}]})


# ------------------------------------------------------------------ rows stored by an older version

HOSTILE_OLD = "ผล\x01\x02\x1b[31m\x0bงาน\ufffe\x7f"


def _old_rows(db, mini) -> None:
    """Values an older version stored unchecked: control characters in text columns and a
    lone surrogate in a JSON column (json.dumps writes it as a \\ud800 escape)."""
    with db.session() as s, s.begin():
        import_dossier(s, mini)
    with db.session() as s, s.begin():
        o = s.scalar(select(Office))
        o.name = "เทศบาลตำบลทดสอบ\x1b"
        m = s.scalar(select(Measure))
        m.title, m.output = HOSTILE_OLD, HOSTILE_OLD
        memo = s.scalar(select(Memo))
        memo.subject = HOSTILE_OLD
        memo.sections = [{"title": "ก\ud800", "paragraphs": [HOSTILE_OLD]}]
        memo.attachments = [{"title": [HOSTILE_OLD], "blocks": [
            {"type": "paragraph", "text": HOSTILE_OLD},
            {"type": "table", "table": "static", "rows": [[HOSTILE_OLD, "\x00"]]},
            {"type": "table", "table": "measures_plan", "fiscal_year": 2566}]}]


def test_xlsx_export_of_old_hostile_rows_never_raises(db, mini, tmp_path, capsys):
    from itadesk.cli import main

    _old_rows(db, mini)
    url = db.url
    out = tmp_path / "ตาราง.xlsx"
    assert main(["export-doc", "--db", url, "--format", "xlsx", "--out", str(out)]) == 0, capsys.readouterr().err
    import openpyxl

    wb = openpyxl.load_workbook(out)
    text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    assert "ผล[31m\nงาน" in text and "\x1b" not in text and "\x01" not in text
    assert main(["export", "--db", url, "--out", str(tmp_path / "d.json")]) == 0
    exported = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert exported["office"]["name"] == "เทศบาลตำบลทดสอบ"
    parse_dossier(json.dumps(exported, ensure_ascii=False).encode())     # the export imports again


def test_district_xlsx_of_old_hostile_office_names(db, mini, tmp_path):
    from itadesk.cli import main

    _old_rows(db, mini)
    assert main(["district", "--db", db.url, "--year", "2565", "--xlsx", str(tmp_path / "d.xlsx")]) == 0
