"""BM25 over jieba words, computed for a whole match set at once.

Scores are Whoosh's BM25F (its `bm25` formula and idf, its stored field
lengths), evaluated with numpy over posting lists read block by block from
the Whoosh index instead of one Python call per matching document: a common
word is in most sections, and the match set is already known exactly.
Collection statistics count live sections only, so an index updated in place
scores exactly like one built from scratch (Whoosh's own counts include
deleted documents until segments merge).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np
from whoosh.matching import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import bm25
from whoosh.searching import Searcher

from search.columns import Columns

_B, _K1 = 0.75, 1.2  # Whoosh's BM25F defaults
_CACHE_POSTINGS = 4_000_000  # postings kept decoded, 32 MB at most


def upper_bound(idf: float) -> float:
    """The most one word can add to a score (its BM25 as term frequency grows without end)."""
    return idf * (_K1 + 1)


class Ranker:
    """Scores sections of one index generation for a list of words."""

    def __init__(self, searcher: Searcher, columns: Columns, lock: threading.Lock) -> None:
        self._reader = searcher.reader()
        self._live = columns.live
        self._lengths = columns.word_length.astype(np.float64)
        self._sections = max(1, int(columns.live.sum()))
        self._average = float(columns.word_count.sum()) / self._sections or 1.0
        self._lock = lock
        self._cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._cached = 0

    def idf(self, document_frequency: int) -> float:
        """Whoosh's idf formula, over live sections."""
        return math.log(self._sections / (document_frequency + 1)) + 1

    def postings(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """Docnums (sorted) of the live sections holding `word` and its frequencies there, cached."""
        with self._lock:
            if word in self._cache:
                self._cache.move_to_end(word)
                return self._cache[word]
            docnums, frequencies = self._read_postings(word)
            self._cache[word] = (docnums, frequencies)
            self._cached += len(docnums)
            while self._cached > _CACHE_POSTINGS and len(self._cache) > 1:
                _, (evicted, _) = self._cache.popitem(last=False)
                self._cached -= len(evicted)
            return docnums, frequencies

    def _read_postings(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """Read a posting list a block at a time, segment by segment.

        Whoosh's W3 codec stores each block's ids and weights together; reading
        them whole avoids a Python call per posting.
        """
        ids: list[np.ndarray] = [np.zeros(0, dtype=np.int32)]
        weights: list[np.ndarray] = [np.zeros(0, dtype=np.float32)]
        for leaf, docbase in self._reader.leaf_readers():
            try:
                matcher = leaf.postings("words", word)
            except TermNotFound:
                continue
            if isinstance(matcher, FilterMatcher):  # the segment has deletions; `live` drops them below
                matcher = matcher.child
                matcher.reset()
            while matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                ids.append(np.asarray(matcher._ids, dtype=np.int32) + docbase)
                weights.append(np.asarray(matcher._weights, dtype=np.float32))
                matcher._next_block()
        docnums, frequencies = np.concatenate(ids), np.concatenate(weights)
        live = self._live[docnums]
        return docnums[live], frequencies[live]

    def scores(self, words: list[str], docnums: np.ndarray) -> tuple[np.ndarray, float]:
        """BM25 of each of `docnums` (sorted) for `words`, and the best score any section could get."""
        totals = np.zeros(len(docnums), dtype=np.float64)
        best = 0.0
        for word in dict.fromkeys(words):
            posted, frequencies = self.postings(word)
            if not len(posted):
                continue
            idf = self.idf(len(posted))
            best += upper_bound(idf)
            found = np.searchsorted(posted, docnums)
            inside = found < len(posted)
            hit = np.zeros(len(docnums), dtype=bool)
            hit[inside] = posted[found[inside]] == docnums[inside]
            where = found[hit]
            totals[hit] += bm25(idf, frequencies[where], self._lengths[docnums[hit]], self._average, _B, _K1)
        return totals, best
