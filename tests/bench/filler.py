"""Filler sentences whose words follow a real corpus's frequency distribution.

Words are drawn from jieba's bundled dictionary (about 350,000 words with
their counts in a large general corpus), weighted by those counts: common
words come up often, rare ones rarely, as in real text. The sentences mean
nothing; they are there so that term statistics (postings lengths, the long
tail) look like a real corpus rather than a few texts repeated.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jieba
import numpy

_ENTRY = re.compile(r"^([\u4e00-\u9fff]{1,4}) (\d+)", re.MULTILINE)
_PLACE_OR_BODY_ENDINGS = frozenset("省市县区州旗盟乡镇局厅委办府部院")
"""Words ending like a place or a government body (自治区, 城区, 布局 …) are left out: strewn at random
they would invent place and agency names next to real ones, which real text never does."""


@dataclass(frozen=True)
class Lexicon:
    """Dictionary words with their corpus counts, and running totals for weighted draws."""

    words: tuple[str, ...]
    counts: tuple[int, ...]
    cumulative: numpy.ndarray

    def words_with_counts_between(self, low: int, high: int, min_length: int = 2) -> list[str]:
        """Words whose dictionary count lies in [low, high], in dictionary order."""
        return [word for word, count in zip(self.words, self.counts)
                if low <= count <= high and len(word) >= min_length]


def jieba_dictionary_path() -> Path:
    """The dictionary file that ships inside the installed jieba package."""
    return Path(jieba.__file__).parent / "dict.txt"


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load the Han-character words of jieba's dictionary (one to four characters long), but see above."""
    text = jieba_dictionary_path().read_text(encoding="utf-8")
    entries = [(word, count) for word, count in _ENTRY.findall(text)
               if word[-1] not in _PLACE_OR_BODY_ENDINGS and count != "0"]
    counts = numpy.array([count for _, count in entries], dtype=numpy.int64)
    return Lexicon(tuple(word for word, _ in entries), tuple(counts.tolist()), numpy.cumsum(counts))


class WordStream:
    """Dictionary words drawn independently by count, in batches (a draw by bisection per word is slow).

    Seeded from the report's own random stream, so a report's words depend on
    its seed alone.
    """

    _BATCH = 512

    def __init__(self, rng: random.Random, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.generator = numpy.random.Generator(numpy.random.PCG64(rng.getrandbits(64)))
        self.pending: list[int] = []
        self.position = 0

    def _refill(self) -> None:
        cumulative = self.lexicon.cumulative
        draws = self.generator.integers(0, int(cumulative[-1]), size=self._BATCH)
        order = numpy.argsort(draws)  # sorted look-ups stay in cache; the draws keep their random order
        indexes = numpy.empty_like(order)
        indexes[order] = numpy.searchsorted(cumulative, draws[order], side="right")
        self.pending = self.pending[self.position:] + indexes.tolist()
        self.position = 0

    def take(self, count: int) -> list[str]:
        """The next `count` words of the stream."""
        if self.position + count > len(self.pending):
            self._refill()
        taken = self.pending[self.position:self.position + count]
        self.position += count
        return [self.lexicon.words[index] for index in taken]


def filler_sentence(rng: random.Random, words: WordStream) -> str:
    """One sentence of one to three clauses of dictionary words, ending in 。."""
    clauses = ["".join(words.take(rng.randint(3, 8))) for _ in range(rng.choices((1, 2, 3), weights=(5, 4, 1))[0])]
    return "，".join(clauses) + "。"
