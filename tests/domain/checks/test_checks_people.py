"""people: signers, their positions, units of measures, spellings of names."""

from tests.domain.checks.check_helpers import base, codes, run


def test_signers_must_be_in_the_profile():
    d = base()
    del d["memos"][0]["author"]
    d["memos"][0]["chain"].append({"heading": "ความเห็นปลัดเทศบาล", "person": "palad"})
    f = run(d)
    assert codes(f, "error") == ["memo_author", "memo_person"]
    assert any("palad" in x.message and x.loc.line == 1 for x in f)


def test_heading_position_is_the_signers():
    d = base()
    d["memos"][0]["chain"][0]["person"] = "author"
    f = run(d)
    assert codes(f) == ["signer_position"] and "ผู้ช่วยนักวิเคราะห์นโยบายและแผน" in f[0].message
    d = base()
    d["memos"][0]["chain"][0]["heading"] = "ความเห็นนายกเทศมนตรีตำบลโนนทองง"
    assert [(x.code, x.severity) for x in run(d)] == [("position_spelling", "notice")]


def test_units_of_measures():
    d = base()
    d["measures"][0]["units"] = ["สำนักปลัด", "ทุกส่วนราชการ", "สำนัก/กอง", "กองคลัง"]
    assert run(d) == []                                   # short form and "all" are fine
    d["measures"][0]["units"] = ["กองสาธารณสุข"]
    f = run(d)
    assert codes(f) == ["unit_unknown"] and f[0].severity == "error" and "กองสาธารณสุข" in f[0].message
    d["measures"][0]["units"] = ["กองคลังง"]
    assert [(x.code, x.severity) for x in run(d)] == [("unit_spelling", "notice")]
    d["measures"][0]["units"] = []
    assert codes(run(d)) == ["measure_units"]            # the plan table prints its units column


def test_unprinted_measure_without_units_is_not_an_error():
    d = base()
    d["measures"].append({"key": "old", "fiscal_year": 2560, "title": "มาตรการเก่า", "units": []})
    assert run(d) == []


def test_person_spelled_two_ways():
    d = base()
    d["memos"][0]["sections"][1]["paragraphs"].append("โดยมีนายชัยยา ภูมิเขตร์ เป็นประธาน")
    f = run(d)
    assert [(x.code, x.severity) for x in f] == [("person_spelling", "notice")]
    d["memos"][0]["sections"][1]["paragraphs"][-1] = "โดยมีนายชัยยา ภูมิเขตเป็นประธาน"
    assert run(d) == []
