from pathlib import Path

from itadesk.domain import wordbreak

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_same_tokens_as_pythainlps_own_trie():
    from pythainlp.tokenize import word_tokenize

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] or [
        "ผู้ใหญ่บ้านปลัดเทศบาลสิ้นปีงบประมาณ การประเมินคุณธรรมและความโปร่งใส (ITA) ๘๘.๓๐ คะแนน"]
    from pythainlp.corpus.common import thai_words

    fresh = wordbreak._word_set_class()(thai_words())
    for text in texts:
        assert (word_tokenize(text, engine="newmm", custom_dict=fresh, keep_whitespace=True)
                == word_tokenize(text, engine="newmm", keep_whitespace=True))


def test_office_names_are_kept_whole():
    text = "เทศบาลตำบลโนนทองอำเภอนายูง"
    toks = wordbreak.segment(text, frozenset(["เทศบาลตำบลโนนทอง", "นายูง"]))
    assert "เทศบาลตำบลโนนทอง" in toks and "".join(toks) == text
    # the names belong to that call only: the shared dictionary is unchanged
    assert "เทศบาลตำบลโนนทอง" not in wordbreak.segment(text)
