"""Our segmenter (``domain/thai_segment.py``, written so a render need not load pythainlp) gives
token for token what pythainlp 5 gives: newmm words with the same dictionary, and TCC clusters.
The expected tokens come from pythainlp itself, run on the seed memos, every text of every
example and random Thai text."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from itadesk.domain import thai_segment, wordbreak

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


def _example_texts() -> list[str]:
    out: list[str] = []

    def walk(v):
        if isinstance(v, str):
            if any("\u0e00" <= c <= "\u0e7f" for c in v):
                out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    for p in sorted((ROOT / "examples").glob("*.json")):
        walk(json.loads(p.read_text("utf-8")))
    for p in sorted(SEEDS.glob("*.txt")):
        out.append(p.read_text("utf-8"))
    return out


TEXTS = _example_texts() + [
    "ผู้ใหญ่บ้านปลัดเทศบาลสิ้นปีงบประมาณ การประเมินคุณธรรมและความโปร่งใส (ITA) ๘๘.๓๐ คะแนน",
    "เงิน1,234บาท19:32น 127.0.0.1 IIT/EIT ร้อยละ 96.54",
    "ยุคเริ่มแรกของ ราชวงศ์หมิง ความแปลกแยกและพัฒนาการ",
    "เกี๊ยะ เปรี้ยว แก้ว เอือะ เจี๊ยะ กำ ก็ หึหึ อึ๋ย แม่น้ำเจ้าพระยา",
    "\n\t  ", "a", "ๆ", "ฯลฯ", "๑.๒.๓",
]


def _random_thai(rng: random.Random, n: int) -> str:
    alphabet = [chr(c) for c in range(0x0E01, 0x0E5C)] + [" ", "1", ",", ".", ":", "a", "\n"]
    return "".join(rng.choice(alphabet) for _ in range(n))


@pytest.fixture(scope="module")
def pythainlp_dict():
    from pythainlp.corpus.common import thai_words

    return wordbreak._word_set_class()(thai_words())


def test_the_word_list_is_pythainlps():
    from pythainlp.corpus.common import thai_words

    assert thai_segment.read_word_list() == thai_words()


def test_newmm_gives_pythainlps_tokens(pythainlp_dict):
    from pythainlp.tokenize import word_tokenize

    ours = wordbreak.dictionary()
    assert len(TEXTS) > 50
    for text in TEXTS:
        expected = word_tokenize(text, engine="newmm", custom_dict=pythainlp_dict, keep_whitespace=True)
        assert thai_segment.newmm(text, ours) == expected, text[:80]


def test_newmm_on_random_text_gives_pythainlps_tokens(pythainlp_dict):
    from pythainlp.tokenize import word_tokenize

    rng = random.Random(20261204)
    ours = wordbreak.dictionary()
    for _ in range(400):
        text = _random_thai(rng, rng.randint(1, 60))
        expected = word_tokenize(text, engine="newmm", custom_dict=pythainlp_dict, keep_whitespace=True)
        assert thai_segment.newmm(text, ours) == expected, repr(text)


def test_office_names_still_stay_whole_like_pythainlp_with_them_added(pythainlp_dict):
    from pythainlp.tokenize import word_tokenize

    names = frozenset(["เทศบาลตำบลโนนทอง", "องค์การบริหารส่วนตำบลภูซาง", "นายูง"])
    with_names = wordbreak._word_set_class()(set(pythainlp_dict) | names)
    for text in ["เทศบาลตำบลโนนทองอำเภอนายูงจังหวัดอุดรธานี",
                 "องค์การบริหารส่วนตำบลภูซางได้ดำเนินการตามมาตรการ"]:
        assert wordbreak.segment(text, names) == tuple(
            word_tokenize(text, engine="newmm", custom_dict=with_names, keep_whitespace=True))


def test_tcc_gives_pythainlps_clusters():
    from pythainlp.tokenize import subword_tokenize

    rng = random.Random(4)
    texts = TEXTS + [_random_thai(rng, rng.randint(1, 40)) for _ in range(400)]
    for text in texts:
        assert thai_segment.tcc(text) == subword_tokenize(text, engine="tcc"), repr(text[:60])


def test_tcc_by_hand():
    # pythainlp's documented example, typed here
    assert thai_segment.tcc("ความแปลกแยกและพัฒนาการ") == [
        "ค", "วา", "ม", "แป", "ล", "ก", "แย", "ก", "และ", "พั", "ฒ", "นา", "กา", "ร"]


def test_a_render_does_not_load_pythainlp(tmp_path):
    """The point of this module: ``itadesk render`` segments without importing pythainlp."""
    import os
    import subprocess
    import sys

    probe = ("import json, sys\nfrom itadesk.cli import main\n"
             "main(['render', sys.argv[1], '--out', sys.argv[2]])\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.startswith('pythainlp'))))")
    env = dict(os.environ, ITADESK_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-c", probe, str(ROOT / "examples" / "seed002_phusang_report_2567.json"),
                        str(tmp_path / "m.pdf")], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.strip().splitlines()[-1]) == []
