"""spelling: general misspellings (typos.toml), doubled words, words in no dictionary, closing."""

import glob
import tomllib
from pathlib import Path

from itadesk.domain.checks import default_check_data
from itadesk.domain.checks.spelling import doubled_words, unknown_words
from itadesk.domain.wordbreak import dictionary

from tests.domain.checks.check_helpers import base, run

ROOT = Path(__file__).resolve().parents[3]


def _para(text: str) -> dict:
    d = base()
    d["memos"][0]["sections"][1]["paragraphs"].append(text)
    return d


def test_typos_are_general_not_copied_from_examples():
    data = tomllib.loads((ROOT / "resources" / "analysis" / "typos.toml").read_text(encoding="utf-8"))
    examples = "".join(Path(p).read_text(encoding="utf-8") for p in glob.glob(str(ROOT / "examples" / "*.json")))
    words = dictionary()
    for t in data["typo"]:
        assert t["wrong"] not in examples, t["wrong"]
        assert not [w for w in words if t["wrong"] in w and w != t["wrong"]], t["wrong"]   # not part of a word
        assert t["right"] in words, t["right"]


def test_typo_and_doubled_words_are_notices():
    f = run(_para("ได้ประเมิณผลและแต่งตั้งตั้งคณะทำงาน"))
    assert sorted((x.code, x.severity) for x in f) == [("doubled_word", "notice"), ("typo", "notice")]
    assert doubled_words("ระยะเวลาเวลาให้บริการ ข้อข้อบกพร่อง ให้ผู้ ให้ผู้ตอบ") == [
        "ระยะเวลาเวลา", "ข้อข้อ", "ให้ผู้ ให้ผู้"]
    # Thai that looks doubled but is right
    assert doubled_words("เจ้าหน้าที่ที่เกี่ยวข้อง พื้นที่ที่รับผิดชอบ สำนักปลัดเทศบาล เทศบาลตำบลเวียง นานาประเทศ") == []


def test_unknown_word_with_suggestion():
    got = unknown_words("งานนิตการ และการทุจจริต", set())
    assert ("นิตการ", "นิติการ") in got
    assert run(_para("ส่งเสริมความโปร่งใสในการปฏิบัติงานของเจ้าหน้าที่")) == []


def test_closing_of_a_memo():
    d = base()
    d["memos"][0]["closing"] = "จึงแจ้งมาเพื่อทราบ"
    f = run(d)
    assert [(x.code, x.severity) for x in f] == [("closing", "notice")] and "จึงเรียนมา" in f[0].message


def test_office_words_are_known():
    assert default_check_data().unknown_words
    d = _para("นายอนุวัฒน์ หาญบุรุษ ผู้ช่วยนักวิเคราะห์นโยบายและแผน เทศบาลตำบลโนนทอง อำเภอนายูง")
    assert run(d) == []
