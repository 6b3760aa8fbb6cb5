"""Forms (load, validate with Thai errors, fill a memo) and a fuzz test of every text field."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itadesk.documents.errors import FormError
from itadesk.documents.forms import available_forms, load_form, load_form_file, new_memo_from_form
from itadesk.documents.memo_pdf import render_memo_bytes
from itadesk.domain.errors import ItaDeskError
from tests.pdftext import pdf_text, poppler_available

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "fixtures"


def load(name):
    return json.loads((FIX / name).read_text(encoding="utf-8"))


def test_all_forms_load():
    kinds = available_forms()
    assert {"analysis_report", "measures_plan", "measures_results"} <= set(kinds)
    for k in kinds:
        f = load_form(k)
        assert f.kind == k and f.typography.body_pt == 16


def test_form_errors_name_file_and_line(tmp_path):
    src = (ROOT / "forms" / "measures_plan.toml").read_text(encoding="utf-8")
    bad = src.replace("{office.name}", "{office.nme}", 1)
    p = tmp_path / "measures_plan.toml"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(FormError) as e:
        load_form_file(p)
    msg = str(e.value)
    assert "measures_plan.toml" in msg and "บรรทัด" in msg and "office.nme" in msg
    assert isinstance(e.value, ItaDeskError)
    line = int(re.search(r"บรรทัด (\d+)", msg).group(1))
    assert "{office.nme}" in bad.splitlines()[line - 1]

    p.write_text(src.replace('key = "units"', 'key = "unitz"'), encoding="utf-8")
    with pytest.raises(FormError, match="unitz"):
        load_form_file(p)
    p.write_text(src + "\n[typography]\nbody_pt = \"big\"\n", encoding="utf-8")
    with pytest.raises(FormError, match="body_pt"):
        load_form_file(p)
    p.write_text("kind = [", encoding="utf-8")
    with pytest.raises(FormError, match="TOML"):
        load_form_file(p)


def test_new_memo_from_form_fills_office_data():
    import jsonschema

    d = load("doc_001.json")
    memo = new_memo_from_form(d, "analysis_report", 2565, today=dt.date(2022, 11, 2))
    assert "เทศบาลตำบลโนนทอง" in memo["subject"] and "2566" in memo["subject"]
    assert memo["to"] == "นายกเทศมนตรีตำบลโนนทอง"
    assert memo["sections"][0]["title"] == "1. เรื่องเดิม"
    assert "88.30" in memo["sections"][1]["paragraphs"][0] and " A " in memo["sections"][1]["paragraphs"][0]
    assert memo["author"]["person"] == "anuwat"
    assert [c["person"] for c in memo["chain"]] == ["supee", "wichian", "chaiya"]
    assert memo["chain"][1]["heading"] == "ความเห็นของปลัดเทศบาลตำบลโนนทอง"
    assert not re.search(r"\{[a-z_.]+\}", json.dumps(memo, ensure_ascii=False))
    schema = json.loads((ROOT / "resources" / "dossier.schema.json").read_text(encoding="utf-8"))
    d["memos"] = [memo]
    jsonschema.validate(d, schema)
    data, info = render_memo_bytes(d, memo["key"], font="Sarabun")
    assert info.pages >= 3


THAI = "กขคงจฉชซญฎฏฐณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาำเแโใไๅ๐๑๒๓๔๕๖๗๘๙"
MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
WORDS = ["ฟ้้า", "น้ำ", "ปู่", "ที่", "ITA", "ITAS", "IIT/EIT", "2565", "๘๘.๓๐", "กตัญญู", "ฤๅษี",
         "องค์กรปกครองส่วนท้องถิ่น", "(ไม่มี)", "“เปิด”", "&", "<b>", "a<b"]


@st.composite
def thai_text(draw):
    parts = draw(st.lists(st.one_of(
        st.sampled_from(WORDS),
        st.text(alphabet=THAI + "abcXYZ019 ", min_size=1, max_size=12),
        st.builds(lambda b, m: b + m, st.sampled_from("กปฟญฐท"), st.text(alphabet=MARKS, max_size=2)),
        st.just(" "),
    ), min_size=1, max_size=30))
    return "".join(parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=thai_text(), b=thai_text(), c=thai_text())
def test_fuzz_every_field_renders_and_round_trips(a, b, c):
    d = load("doc_000.json")
    m = d["memos"][0]
    m.update(unit=a, subject=b or "ก", to=c, closing=a)
    m["sections"] = [{"title": c, "paragraphs": [a + b, b]}]
    m["chain"][0]["heading"] = b or "ความเห็น"
    m["chain"][-1]["choices"] = [a or "ก", c or "ข"]
    d["office"]["people"][0]["name"] = c or "นาย ก"
    m["attachments"] = [{"title": [a or "ก"], "blocks": [
        {"type": "paragraph", "text": b},
        {"type": "table", "table": "static", "columns": [{"key": "x", "label": c or "x"}, {"key": "y"}],
         "rows": [[a, b], [c, a + c]]}]}]
    data, info = render_memo_bytes(d, None, font="Sarabun")
    assert data.startswith(b"%PDF")
    if poppler_available():     # exact round trip of any typed order needs poppler's ActualText
        out = pdf_text(data)
        text = re.sub(r"\s+", "", out)
        assert not re.search("[\ue000-\uf8ff\ufffd]", out)
        for t in info.texts:
            assert re.sub(r"\s+", "", t) in text, t
