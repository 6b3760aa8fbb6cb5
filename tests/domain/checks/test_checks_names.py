"""names: indicator number ↔ official name, tool names, ITA (not ITAS), official wording.
The right names are the 2565 framework's (resources/frameworks/2565.toml, sourced there)."""

from tests.domain.checks.check_helpers import base, codes, run


def _with_block(text: str) -> dict:
    d = base()
    d["memos"][0]["attachments"][0]["blocks"].append({"type": "paragraph", "text": text})
    return d


def test_right_names_are_silent():
    d = _with_block("ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร และตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล "
                    "โดยแบบวัดการรับรู้ของผู้มีส่วนได้เสียภายใน (IIT) และแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) "
                    "บันทึกผลในระบบ ITAS")
    assert run(d) == []


def test_indicator_number_and_name_swapped():
    f = run(_with_block("ตัวชี้วัดที่ ๓ การใช้งบประมาณ"))
    assert codes(f) == ["indicator_name"] and f[0].severity == "error"
    assert "ตัวชี้วัดที่ ๓ คือ ‘การใช้อำนาจ’" in f[0].message and "ตัวชี้วัดที่ ๒" in f[0].message


def test_indicator_number_out_of_framework_and_misspelt_name():
    assert codes(run(_with_block("ตัวชี้วัดที่ ๑๒ การปฏิบัติหน้าที่"))) == ["indicator_number"]
    f = run(_with_block("ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาน"))
    assert codes(f) == ["indicator_name"] and "ประสิทธิภาพการสื่อสาร" in f[0].message


def test_indicator_name_variant_is_a_notice():
    f = run(_with_block("ตัวชี้วัดการแก้ปัญหาการทุจริต"))
    assert [(x.code, x.severity) for x in f] == [("indicator_spelling", "notice")]


def test_tool_name_swapped_or_garbled():
    f = run(_with_block("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (IIT)"))
    assert codes(f) == ["tool_name"] and "EIT" in f[0].message
    f = run(_with_block("แบบตรวจการประเมินเปิดเผยสาธารณะ Open Data integrity and transparency assessment : OIT"))
    assert codes(f) == ["tool_name"] and "แบบตรวจการเปิดเผยข้อมูลสาธารณะ" in f[0].message


def test_itas_named_as_the_assessment():
    f = run(_with_block("ผลการประเมิน ITAS ของเทศบาลตำบลโนนทอง"))
    assert codes(f) == ["ita_name"] and f[0].severity == "error"


def test_official_wording():
    f = run(_with_block("การประเมินคุณธรรมจริยธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"))
    assert [(x.code, x.severity) for x in f] == [("assessment_name", "error")]
    f = run(_with_block("มาตรการส่งเสริมคุณธรรมความโปร่งใส"))
    assert [(x.code, x.severity) for x in f] == [("assessment_name", "notice")]
    f = run(_with_block("มาตรฐานส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"))
    assert codes(f) == ["measure_wording"]
    f = run(_with_block("การประเมินคุณธรรมและความโปร่งใสในการทำงานของหน่วยงานภาครัฐ"))
    assert codes(f) == ["assessment_name"]
    # naming the office after “…ในการดำเนินงานของ” is right
    assert run(_with_block("การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของเทศบาลตำบลโนนทอง")) == []


def test_measure_title_names_another_indicator():
    d = base()
    d["measures"][0]["title"] = "มาตรการดูแลการใช้ทรัพย์สินของราชการ"       # linked to indicator 7
    f = run(d)
    assert codes(f) == ["measure_indicator"] and "ตัวชี้วัดที่ ๔" in f[0].message
    assert f[0].loc.kind == "measure" and f[0].loc.key == "m1"
