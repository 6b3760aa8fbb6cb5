"""Thai word segmentation: pythainlp's newmm over a dictionary that loads in ~50 ms.

pythainlp builds its newmm dictionary as a trie of 235,000 Python node objects, which
takes 0.5–0.8 s on the first call.  newmm only ever asks the dictionary for
``prefixes(text, start)``; :class:`WordSet` answers that from a plain ``set`` plus the
longest word length per two-letter start, which builds in ~50 ms and gives token for token
the same segmentation (checked on all seed texts in tests/domain/test_wordbreak.py).
It also lets the program add the office's own names (เทศบาลตำบลโนนทอง, people's names) so
that a line never breaks inside them.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Iterable

_lock = threading.Lock()


def _trie_base():
    from pythainlp.util.trie import Trie

    return Trie


class _WordSetMixin:
    words: set[str]
    bound: dict[str, int]

    def _init_words(self, words: Iterable[str]) -> None:
        self.words = set()
        self.bound = {}
        self._word_count = 0
        self.add_all(words)

    def add_all(self, words: Iterable[str]) -> None:
        bound = self.bound
        for w in words:
            w = w.strip()
            if not w or w in self.words:
                continue
            self.words.add(w)
            k = w[:2]
            if len(w) > bound.get(k, 0):
                bound[k] = len(w)
        self._word_count = len(self.words)

    def add(self, word: str) -> None:
        self.add_all([word])

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        words = self.words
        res = []
        one = text[start:start + 1]
        if one in words:
            res.append(one)
        hi = min(self.bound.get(text[start:start + 2], 0), len(text) - start)
        for n in range(2, hi + 1):
            w = text[start:start + n]
            if w in words:
                res.append(w)
        return res

    def __contains__(self, key: object) -> bool:
        return key in self.words

    def __iter__(self):
        return iter(self.words)

    def __len__(self) -> int:
        return len(self.words)


@lru_cache(maxsize=1)
def _word_set_class():
    # A Trie subclass, so pythainlp's type checks accept it; Trie.__init__ is not called.
    return type("WordSet", (_WordSetMixin, _trie_base()), {"__init__": _WordSetMixin._init_words})


@lru_cache(maxsize=1)
def dictionary():
    """The shared word set: pythainlp's Thai word list (+ words added with add_words)."""
    from pythainlp.corpus.common import thai_words

    return _word_set_class()(thai_words())


def add_words(words: Iterable[str]) -> bool:
    """Add proper names (office, units, people) to the dictionary; True if any was new."""
    d = dictionary()
    with _lock:
        before = len(d)
        d.add_all(w for w in words if w and not w.isspace())
        changed = len(d) != before
    if changed:
        segment.cache_clear()
    return changed


@lru_cache(maxsize=8192)
def segment(text: str) -> tuple[str, ...]:
    """newmm word tokens of ``text``, whitespace kept (``''.join(result) == text``)."""
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", custom_dict=dictionary(), keep_whitespace=True))
