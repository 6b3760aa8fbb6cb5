"""The public entry points: check_memo's filter, places in the clerk's words, machine locations,
severity, exit code and the closing count, the command line."""

import copy
import json

from itadesk.cli import main
from itadesk.domain.checks import check_memo, counts, exit_code, has_errors, summary

from tests.domain.checks.check_helpers import TODAY, base, codes, run


def test_check_memo_filters_to_what_the_memo_prints():
    d = base()
    d["years"][1]["published_level"] = "AA"                  # 2565: printed by memo1
    d["measures"].append({"key": "old", "fiscal_year": 2560, "title": "มาตรการเก่า", "units": []})
    d["memos"].append({"key": "other", "form": "measures_plan", "fiscal_year": 2560, "date": "2017-01-01",
                       "subject": "มาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๐", "author": {"person": "ghost"}})
    f = check_memo(d, "memo1", today=TODAY)
    assert codes(f) == ["level_mismatch"] and has_errors(f)
    assert "memo_person" in codes(run(d))
    assert codes(check_memo(d, "nope", today=TODAY)) == ["memo_missing"]


def test_places_and_locations():
    d = base()
    d["memos"][0]["sections"][1]["paragraphs"][0] = "ได้คะแนนรวม ๘๘.๐๓ คะแนน"
    d["memos"][0]["attachments"][1]["title"][1] = "เทศบาลตำบลนาดี อำเภอนายูง จังหวัดอุดรธานี"
    f = {x.code: x for x in run(d)}
    s = f["score_text"]
    assert s.place == "บันทึก ‘รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความ…’ ข้อ ๒ ข้อเท็จจริง ย่อหน้าที่ ๑"
    assert s.loc.as_dict() == {"kind": "memo", "key": "memo1", "field": "section", "section": 1, "paragraph": 0}
    assert s.where == "memos[memo1].sections[1].paragraphs[0]"
    o = f["office_name"]
    assert "เอกสารแนบ ๒" in o.place and "หัวเรื่องบรรทัดที่ ๒" in o.place
    assert (o.loc.attachment, o.loc.line) == (1, 1) and "‘เทศบาลตำบลนาดี’" in o.message
    assert o.text().startswith("ข้อผิดพลาด: บันทึก ‘")


def test_severity_exit_code_and_count():
    d = base()
    d["memos"][0]["closing"] = "จึงแจ้งมาเพื่อทราบ"            # style: a notice
    f = run(d)
    assert counts(f) == (0, 1) and exit_code(f) == 0 and exit_code(f, strict=True) == 1
    assert summary(f) == "สรุป: ข้อผิดพลาด 0 รายการ ข้อควรตรวจสอบ 1 รายการ"
    d["years"][1]["published_level"] = "B"                     # a wrong level: an error
    assert exit_code(run(d)) == 1
    assert summary([]) == "สรุป: ไม่พบข้อผิดพลาดหรือข้อควรตรวจสอบ"


def test_input_is_not_modified():
    d = base()
    d["memos"][0]["closing"] = "จึงแจ้งมาเพื่อทราบ"
    before = copy.deepcopy(d)
    run(d)
    assert d == before


def test_command_line(tmp_path, capsys):
    d = base()
    d["memos"][0]["closing"] = "จึงแจ้งมาเพื่อทราบ"
    p = tmp_path / "d.json"
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["check", "--dossier", str(p)]) == 0
    out = capsys.readouterr().out
    assert "[ข้อควรตรวจสอบ] บันทึก ‘" in out and "ช่องย่อหน้าลงท้าย" in out
    assert out.strip().endswith("สรุป: ข้อผิดพลาด 0 รายการ ข้อควรตรวจสอบ 1 รายการ")
    assert main(["check", "--dossier", str(p), "--strict"]) == 1
    capsys.readouterr()
    assert main(["check", "--dossier", str(p), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    assert rep[0]["findings"][0]["location"] == {"kind": "memo", "key": "memo1", "field": "closing"}
    d["years"][1]["published_level"] = "B"
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    assert main(["check", "--dossier", str(p)]) == 1


def test_data_the_schema_would_refuse_does_not_stop_the_check():
    d = base()
    d["years"].append({"fiscal_year": "abc"})
    d["years"][1]["indicators"]["7"] = "x"
    d["memos"][0]["attachments"].append({"title": None, "blocks": [
        {"type": "table", "table": "static", "rows": [[None, "1"], []], "columns": [{}]}, {"type": "heading"}]})
    d["memos"].append({"key": "bare"})
    found = run(d)                     # no exception; what can be said is said
    assert "memo_author" in codes(found)
