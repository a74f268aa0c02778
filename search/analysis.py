"""Chinese word analysis with jieba: the words BM25 ranks on.

Text is segmented in jieba's precise mode one line at a time, after folding
each line to the matching form (so traditional and full-width text segments
like simplified text). Segmentation runs once per distinct run of word
characters between punctuation: set phrases and table cells repeat across
thousands of reports, and the cache makes them free (on a generated corpus,
only a fifth of the text is new to it, against four fifths counted by lines).
A run is handed to jieba at most 500 characters at a time (real runs are under
60): its HMM is quadratic in the length of a run it has no words for, and
`"信 " × 80,000` took 35 s whole.

`JiebaTokenizer` is pickled into the Whoosh schema, so this module's path and
the class's name must stay stable: moving them breaks existing indexes.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from functools import lru_cache, wraps
from importlib import resources
from typing import Callable, Iterator, TypeVar

import jieba
from whoosh.analysis import Token, Tokenizer

from indexer.matching import matching_form, matching_form_with_offsets

_LINE_CACHE_SIZE = 25_000
_BLOCK_CACHE_SIZE = 75_000
_CACHED_LINE_CHARS = 1_000  # longer lines are rare and seldom repeat: caching them would only hold memory
_CACHED_BLOCK_CHARS = 64  # real blocks (between punctuation) are under 60 characters
_MAX_JIEBA_CHARS = 500  # the longest run handed to jieba at once (see `_pieces`)
_init_lock = threading.Lock()
_T = TypeVar("_T")


@lru_cache(maxsize=1)
def _segmenter() -> jieba.Tokenizer:
    """jieba, initialised once per process with nianbao's domain dictionary."""
    with _init_lock:
        jieba.setLogLevel(logging.WARNING)
        segmenter = jieba.Tokenizer()
        segmenter.initialize()
        with resources.files("search").joinpath("userdict.txt").open(encoding="utf-8") as userdict:
            segmenter.load_userdict(userdict)
        return segmenter


def warm_up() -> None:
    """Load jieba's dictionary now rather than on the first query."""
    _segmenter()


def is_word(token: str) -> bool:
    """True for tokens that are words at all: they hold a letter, digit or CJK character."""
    return any(char.isalnum() for char in token)


def is_ranked(token: str) -> bool:
    """True for words BM25 ranks on: two characters or more, a letter or CJK character among them.

    Bare numbers (607, 23.37%, 2019) and single characters (的, 和, 年) are
    matched exactly by the gram index but not ranked: numbers would make each
    table cell a term of its own, single characters are a fifth of all
    postings, and neither says what a section is about.
    """
    return len(token) > 1 and any(char.isalpha() for char in token)


def _cached_when_short(max_chars: int, size: int) -> Callable[[Callable[[str], _T]], Callable[[str], _T]]:
    """An LRU cache of `size` entries for calls on strings of at most `max_chars` characters.

    Longer ones are rare in real text and seldom repeat: cached, they would only hold memory.
    """

    def decorate(function: Callable[[str], _T]) -> Callable[[str], _T]:
        cached = lru_cache(maxsize=size)(function)

        @wraps(function)
        def call(text: str) -> _T:
            return cached(text) if len(text) <= max_chars else function(text)

        return call

    return decorate


def _pieces(block: str) -> Iterator[str]:
    """`block` in pieces of at most `_MAX_JIEBA_CHARS`: jieba's HMM copies its path at every character,
    so a long run of characters it has no word for costs the square of its length."""
    for start in range(0, len(block), _MAX_JIEBA_CHARS):
        yield block[start : start + _MAX_JIEBA_CHARS]


@_cached_when_short(_CACHED_BLOCK_CHARS, _BLOCK_CACHE_SIZE)
def _segment_block(block: str) -> tuple[str, ...]:
    """jieba's tokens for one run of word characters."""
    return tuple(token for piece in _pieces(block) for token in _segmenter().cut(piece))


def _segment_folded_line(folded_line: str) -> list[str]:
    """jieba's tokens for a line, one cached block at a time.

    jieba itself cuts a line into blocks of word characters and separators and
    segments each block on its own, so cutting first gives the same tokens.
    """
    return [token for block in jieba.re_han_default.split(folded_line) if block for token in _segment_block(block)]


@_cached_when_short(_CACHED_BLOCK_CHARS, _BLOCK_CACHE_SIZE)
def _block_words(block: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    words = tuple(token for token in _segment_block(block) if is_word(token))
    return words, tuple(word for word in words if is_ranked(word))


@_cached_when_short(_CACHED_LINE_CHARS, _LINE_CACHE_SIZE)
def _line_words(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of one original line, and those of them BM25 ranks on."""
    words: list[str] = []
    ranked: list[str] = []
    for block in jieba.re_han_default.split(matching_form(line)):
        if block:
            block_words, block_ranked = _block_words(block)
            words.extend(block_words)
            ranked.extend(block_ranked)
    return tuple(words), tuple(ranked)


def segment(text: str) -> list[str]:
    """The words of `text` in matching form, jieba precise mode, line by line, punctuation dropped."""
    return [word for line in text.splitlines() for word in _line_words(line)[0]]


def ranked_words(text: str) -> list[str]:
    """The words of `text` that BM25 ranks on, in order."""
    return [word for line in text.splitlines() for word in _line_words(line)[1]]


def word_counts(text: str) -> tuple[dict[str, int], int]:
    """Each ranked word of `text` with its frequency, and their number (the BM25 length)."""
    words = ranked_words(text)
    return dict(Counter(words)), len(words)


class JiebaTokenizer(Tokenizer):
    """Whoosh tokenizer: jieba precise-mode words of the matching form that BM25 ranks on.

    Positions count tokens (0, 1, 2, ...), not characters, so that a phrase's
    words sit at consecutive positions; start and end characters point into
    the original text.
    """

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        line_start = 0
        for line in value.splitlines(keepends=True):
            folded, offsets = matching_form_with_offsets(line)
            folded_start = 0
            for word in _segment_folded_line(folded):
                folded_end = folded_start + len(word)
                if is_ranked(word):
                    token.text = word
                    token.boost = 1.0
                    token.stopped = False
                    if keeporiginal:
                        token.original = word
                    if positions:
                        token.pos = position
                    if chars:
                        token.startchar = start_char + line_start + offsets[folded_start]
                        token.endchar = start_char + line_start + offsets[folded_end - 1] + 1
                    position += 1
                    yield token
                folded_start = folded_end
            line_start += len(line)
