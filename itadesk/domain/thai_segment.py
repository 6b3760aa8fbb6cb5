"""Thai word segmentation without loading pythainlp: TCC clusters and newmm maximal matching.

pythainlp's package initialiser loads its whole toolkit (emoji tables, soundex, transliteration,
dates) — about 60 ms of every ``itadesk render`` — when only two small algorithms are needed.
This module implements those two, to give token for token what
``pythainlp.tokenize.word_tokenize(text, engine="newmm", keep_whitespace=True)`` and
``subword_tokenize(text, engine="tcc")`` give (pythainlp 5.x; compared on the seed texts, every
example and random Thai text in ``tests/domain/test_thai_segment.py``):

* **TCC** (Thai Character Clusters; Theeramunkong et al. 2000, with the improved rules newmm
  uses): the places a Thai word may be cut without separating a vowel or mark from its letter.
* **newmm** (maximal matching constrained by TCC boundaries, after Korakot Chaovavanich): a
  graph of dictionary words between cluster boundaries, cut where only one path remains; text
  that matches no word is skipped to the next place a dictionary word or non-Thai text starts;
  formatted numbers ("1,234.50", "12:00") are joined afterwards.

The rules and the algorithm are pythainlp's (Apache License 2.0, the notice is in
resources/licenses/pythainlp-Apache-2.0.txt); the word list is pythainlp's ``words_th.txt``, read
from its package folder without importing it.  The dictionary is anything with
``prefixes(text, start)`` (:class:`itadesk.domain.wordbreak.WordSet`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from heapq import heappop, heappush
from pathlib import Path
from typing import Protocol

__all__ = ["tcc", "tcc_boundaries", "newmm", "word_list_path", "read_word_list"]


class Dictionary(Protocol):
    def prefixes(self, text: str, start: int = 0) -> list[str]: ...


# ---------------------------------------------------------------- TCC

def _rules(lines: str, final: str) -> re.Pattern[str]:
    """One rule a line: c a consonant, t an optional tone mark, k an optional final consonant
    cluster (``final``) with its killer, d a lower vowel."""
    return re.compile("|".join(
        lines.replace("k", final).replace("c", "[ก-ฮ]").replace("t", "[่-๋]?").replace("d", "ูุ")
        .split()))


# pythainlp's "tcc" engine: the clusters a line may be cut between (letter spacing, and a word
# wider than its line)
_TCC = _rules("""c[ั]([่-๋]c)?
c[ั]([่-๋]c)?k
เc็ck
เcctาะk
เccีtยะk
เccีtย(?=[เ-ไก-ฮ]|$)k
เc[ิีุู]tย(?=[เ-ไก-ฮ]|$)k
เcc็ck
เcิc์ck
เcิtck
เcีtยะ?k
เcืtอะk
เcื
เctา?ะ?k
c[ึื]tck
c[ะ-ู]tk
c[ิุู]์
cรรc์
c็
ct[ะาำ]?k
แc็ck
แcc์k
แctะk
แcc็ck
แccc์k
โctะk
[เ-ไ]ctk
ก็
อึ
หึ
""", "(cc?[d|ิ]?[์])?")

# the improved rules newmm cuts words at (pythainlp's tcc_p)
_TCC_P = _rules("""เc็ck
เcctาะk
เccีtยะk
เccีtย(?=[เ-ไก-ฮ]|$)k
เcc็ck
เcิc์ck
เcิtck
เcีtยะ?k
เcืtอะ?k
เc[ิีุู]tย(?=[เ-ไก-ฮ]|$)k
เctา?ะ?k
cัtวะk
c[ัื]tc[ุิะ]?k
c[ิุู]์
c[ะ-ู]tk
cรรc์
c็
ct[ะาำ]?k
ck
แc็c
แcc์
แctะ
แcc็c
แccc์
โctะ
[เ-ไ]ct
ก็
อึ
หึ
""", "(cc?[dิ]?[์])?")


def _split(text: str, pattern: re.Pattern[str]) -> list[str]:
    out: list[str] = []
    p, n = 0, len(text)
    match = pattern.match
    while p < n:
        m = match(text, p)
        q = m.end() if m and m.end() > p else p + 1
        out.append(text[p:q])
        p = q
    return out


def tcc(text: str) -> list[str]:
    """The Thai character clusters of ``text`` (pythainlp's ``subword_tokenize(text,
    engine="tcc")``); any other character is a cluster of its own."""
    return _split(text, _TCC)


def tcc_boundaries(text: str) -> bytearray:
    """``b[i] == 1`` where a cluster of the improved rules ends (length ``len(text) + 1``): the
    only places newmm cuts a word."""
    b = bytearray(len(text) + 1)
    p = 0
    for c in _split(text, _TCC_P):
        p += len(c)
        b[p] = 1
    return b


# ---------------------------------------------------------------- newmm

_NON_THAI = re.compile(r"""(?x)
[-a-zA-Z]+|                  # Latin letters
\d+([,\.]\d+)*|              # numbers
[ \t]+|                      # spaces
\r?\n|                       # newlines
[^\u0E00-\u0E7F \t\r\n]+     # anything else that is not Thai, up to a space or newline
""")
_TWO_THAI_LETTERS = re.compile("[ก-ฮ]{,2}$")
_FORMATTED_NUMBER = re.compile(r"(\d+[\.\,:])+\d+")
_MAX_GRAPH = 50       # words in the graph before a cut is forced (bounds the search)


def _first_path(graph: dict[int, list[int]], start: int, goal: int) -> list[int]:
    """The first path from ``start`` to ``goal`` that a breadth-first search meets."""
    seen = {start}
    queue = [(start, [start])]
    while queue:
        node, path = queue.pop(0)
        for nxt in graph[node]:
            if nxt == goal:
                return path + [nxt]
            if nxt not in seen:
                seen.add(nxt)
                queue.append((nxt, path + [nxt]))
    raise ValueError("no path")       # pragma: no cover - the goal was reached from start


def _skip_end(text: str, begin: int, ok: bytearray, words: Dictionary) -> int:
    """Where text that starts no dictionary word at ``begin`` ends: non-Thai text at its end,
    Thai text at the next cluster boundary where a word of 3+ letters or non-Thai text starts."""
    m = _NON_THAI.match(text, begin)
    if m:
        return m.end()
    n = len(text)
    for pos in range(begin + 1, n):
        if not ok[pos]:
            continue
        for w in words.prefixes(text, pos):
            if ok[pos + len(w)] and not _TWO_THAI_LETTERS.match(w):
                return pos
        if _NON_THAI.match(text, pos):
            return pos
    return n


def _onecut(text: str, words: Dictionary) -> Iterator[str]:
    graph: dict[int, list[int]] = defaultdict(list)
    size = 0
    ok = tcc_boundaries(text)
    n = len(text)
    heap = [0]
    end = 0
    while heap[0] < n:
        begin = heappop(heap)
        for w in words.prefixes(text, begin):
            cand = begin + len(w)
            if ok[cand]:
                graph[begin].append(cand)
                size += 1
                if cand not in heap:
                    heappush(heap, cand)
                if size > _MAX_GRAPH:
                    break
        if len(heap) == 1:               # one way on: cut along the first path to it
            path = _first_path(graph, end, heap[0])
            size = 0
            graph.clear()
            for pos in path[1:]:
                yield text[end:pos]
                end = pos
        elif not heap:                   # no dictionary word here: skip unknown text
            end = _skip_end(text, begin, ok, words)
            size = 0
            graph.clear()
            yield text[begin:end]
            heappush(heap, end)


def _join_numbers(tokens: list[str]) -> list[str]:
    """Join a formatted number split over tokens ("1", ",", "234" → "1,234")."""
    text = "".join(tokens)
    matches = _FORMATTED_NUMBER.finditer(text)
    out: list[str] = []
    pos = i = 0
    m = next(matches, None)
    while i < len(tokens) and m:
        if pos >= m.start():
            joined = ""
            while pos < m.end() and i < len(tokens):
                joined += tokens[i]
                pos += len(tokens[i])
                i += 1
            if joined:
                out.append(joined)
            m = next(matches, None)
        else:
            out.append(tokens[i])
            pos += len(tokens[i])
            i += 1
    return out + tokens[i:]


def newmm(text: str, words: Dictionary) -> list[str]:
    """Word tokens of ``text``, whitespace kept: ``"".join(newmm(text, d)) == text``."""
    if not text:
        return []
    return _join_numbers(list(_onecut(text, words)))


# ---------------------------------------------------------------- the word list

def word_list_path() -> Path:
    """pythainlp's Thai word list (``pythainlp/corpus/words_th.txt``), found without importing
    pythainlp (its initialiser is what this module avoids)."""
    import importlib.util

    spec = importlib.util.find_spec("pythainlp")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        p = Path(folder) / "corpus" / "words_th.txt"
        if p.is_file():
            return p
    raise FileNotFoundError("pythainlp/corpus/words_th.txt")


def read_word_list(path: Path | None = None) -> frozenset[str]:
    """The lines of the list, as pythainlp's ``thai_words()`` reads them (its ``get_corpus``
    with comments kept): every non-empty line."""
    text = (path or word_list_path()).read_text(encoding="utf-8-sig")
    return frozenset(filter(None, text.splitlines()))
