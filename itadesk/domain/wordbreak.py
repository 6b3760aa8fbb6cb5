"""Thai word segmentation: newmm (:mod:`.thai_segment`, pythainlp's algorithm without loading
pythainlp) over a dictionary that loads in ~50 ms.

pythainlp builds its newmm dictionary as a trie of 235,000 Python node objects, which
takes 0.5–0.8 s on the first call.  newmm only ever asks the dictionary for
``prefixes(text, start)``; :class:`WordSet` answers that from a plain ``set`` plus the
longest word length per two-letter start, which builds in ~50 ms and gives token for token
the same segmentation (checked on all seed texts in tests/domain/test_wordbreak.py).
It also lets the program add the office's own names (เทศบาลตำบลโนนทอง, people's names) so
that a line never breaks inside them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

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
        new = {w.strip() for w in words}
        new.discard("")
        new -= self.words
        if not new:
            return
        self.words |= new
        # the longest word per two-letter start: shortest first, so the longest is written last
        bound = self.bound
        for k, n in {w[:2]: len(w) for w in sorted(new, key=len)}.items():
            if n > bound.get(k, 0):
                bound[k] = n
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


class WordSet(_WordSetMixin):
    """A word set answering ``prefixes`` (all this module's segmenter asks of a dictionary)."""

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._init_words(words)


@lru_cache(maxsize=1)
def _word_set_class():
    # A pythainlp Trie subclass, for handing a word set to pythainlp's own tokenizers (the tests
    # compare with them); Trie.__init__ is not called.
    return type("WordSet", (_WordSetMixin, _trie_base()), {"__init__": _WordSetMixin._init_words})


@lru_cache(maxsize=1)
def dictionary() -> WordSet:
    """The shared word set: pythainlp's Thai word list (read from its file, without importing
    pythainlp).  Never changed after it is built: an office's own names go into a per-render
    layer (:func:`names_layer`)."""
    from .thai_segment import read_word_list

    return WordSet(read_word_list())


class _LayerMixin:
    """The base dictionary plus some extra words, minus some excluded words.  Built per call,
    so nothing is shared between renders."""

    def _init_layer(self, base, extra: Iterable[str] = (), exclude: Iterable[str] = ()) -> None:
        self.base = base
        self.extra = WordSet([w for w in extra if w and not w.isspace()])
        self.exclude = frozenset(exclude)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        res = self.base.prefixes(text, start)
        more = self.extra.prefixes(text, start) if self.extra.words else ()
        if more:
            res = sorted(set(res) | set(more), key=len)
        if self.exclude:
            res = [w for w in res if w not in self.exclude]
        return res

    def __contains__(self, key: object) -> bool:
        return key not in self.exclude and (key in self.base or key in self.extra)

    def __iter__(self):
        return iter((set(self.base) | set(self.extra)) - self.exclude)

    def __len__(self) -> int:
        return len(self.base) + len(self.extra)


class WordLayer(_LayerMixin):
    def __init__(self, base, extra: Iterable[str] = (), exclude: Iterable[str] = ()) -> None:
        self._init_layer(base, extra, exclude)


@lru_cache(maxsize=64)
def names_layer(names: frozenset[str] = frozenset(), exclude: frozenset[str] = frozenset()):
    """The dictionary as one render sees it: the base words, the office's own names added
    (เทศบาลตำบลโนนทอง stays whole), ``exclude`` taken out.  Cached by its arguments: two
    renders of the same office share a layer, two offices never do."""
    if not names and not exclude:
        return dictionary()
    return WordLayer(dictionary(), names, exclude)


@lru_cache(maxsize=8192)
def segment(text: str, names: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """newmm word tokens of ``text``, whitespace kept (``''.join(result) == text``), with
    ``names`` (an office's own names) kept whole."""
    from .thai_segment import newmm

    return tuple(newmm(text, names_layer(names)))


@lru_cache(maxsize=4096)
def subwords(word: str, names: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The words inside one long word or name, for breaking it across lines at its own word
    boundaries (องค์การบริหารส่วนตำบลภูซาง → องค์การ|บริหาร|ส่วน|ตำบล|ภูซาง).  The word itself
    is taken out of the dictionary, so a compound in pythainlp's list (องค์การบริหารส่วนตำบล)
    splits too; the other ``names`` stay whole inside it (ภูซาง); a word with no smaller
    words in it comes back whole."""
    if len(word) < 2:
        return (word,)
    layer = names_layer(names, frozenset([word]))
    # fewest dictionary words; among equals the longest first word (องค์การ|บริหาร, not
    # องค์|การบริหาร), then the longest second, …
    n = len(word)
    best: list[tuple[int, tuple[int, ...]] | None] = [None] * (n + 1)
    best[n] = (0, ())
    for i in range(n - 1, -1, -1):
        for w in layer.prefixes(word, i):
            rest = best[i + len(w)]
            if rest is None:
                continue
            cand = (rest[0] + 1, (-len(w),) + rest[1])
            cur = best[i]
            if cur is None or cand < cur:
                best[i] = cand
    if best[0] is None or best[0][0] < 2:
        return (word,)
    parts, i = [], 0
    for neg in best[0][1]:
        parts.append(word[i:i - neg])
        i -= neg
    return tuple(parts)
