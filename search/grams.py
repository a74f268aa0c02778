"""Exact substring search over the matching form of every section.

Whoosh ranks words; this answers "which sections contain this string" exactly,
whatever jieba did with it (信息公开 inside 政府信息公开, a single character,
digits, Latin letters). Each section's matching form is kept in one UTF-8 file
(`text.bin`, sliced by `offsets.npy`), and every distinct character and
character pair of a section is posted in a sorted-array inverted index. A
string of one or two characters is answered by one posting list; a longer one
by the intersection of its pairs' lists, each candidate then confirmed by a
byte search in its slice of `text.bin` (UTF-8 is self-synchronising, so a byte
match is a character match).

Arrays are built with numpy in one sort, and memory-mapped when read.
"""

from __future__ import annotations

import mmap
from pathlib import Path
from typing import Sequence

import numpy as np

TEXT_FILE = "text.bin"
OFFSETS_FILE = "offsets.npy"
KEYS_FILE = "gram_keys.npy"
STARTS_FILE = "gram_starts.npy"
DOCS_FILE = "gram_docs.npy"

_CHAR_BITS = 21  # every Unicode code point fits
_DOC_BITS = 22  # up to 4 million sections per index
_DOC_MASK = (1 << _DOC_BITS) - 1
MAX_SECTIONS = 1 << _DOC_BITS
_EMPTY = np.zeros(0, dtype=np.int32)


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _pair_codes(points: np.ndarray) -> np.ndarray:
    """Codes of the adjacent character pairs of `points`.

    A single character's code is its code point; a pair's is (first << 21 |
    second), always >= 2**21 because no character is NUL: the two never clash.
    """
    return (points[:-1] << np.uint64(_CHAR_BITS)) | points[1:]


def build(directory: Path, texts: Sequence[str]) -> None:
    """Write the gram index of `texts` (indexed by Whoosh docnum; "" for deleted documents)."""
    if len(texts) >= MAX_SECTIONS:
        raise ValueError(f"an index holds at most {MAX_SECTIONS - 1} sections, got {len(texts)}")
    encoded = [text.encode("utf-8") for text in texts]
    byte_offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum([len(data) for data in encoded], out=byte_offsets[1:])
    with open(directory / TEXT_FILE, "wb") as out:
        for data in encoded:
            out.write(data)
    np.save(directory / OFFSETS_FILE, byte_offsets)

    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    points = _code_points("".join(texts))
    doc_of_char = np.repeat(np.arange(len(texts), dtype=np.uint64), lengths)
    same_doc = doc_of_char[:-1] == doc_of_char[1:]
    codes = np.concatenate([points, _pair_codes(points)[same_doc]])
    docs = np.concatenate([doc_of_char, doc_of_char[1:][same_doc]])
    del points, same_doc
    combined = _sorted_distinct((codes << np.uint64(_DOC_BITS)) | docs)
    del codes, docs
    keys = combined >> np.uint64(_DOC_BITS)
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]])) if len(keys) else np.zeros(0, dtype=np.int64)
    np.save(directory / KEYS_FILE, keys[starts])
    np.save(directory / STARTS_FILE, np.append(starts, len(combined)).astype(np.int64))
    np.save(directory / DOCS_FILE, (combined & np.uint64(_DOC_MASK)).astype(np.int32))


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)`, but by sort and compare: numpy's unique is 30x slower on 50M uint64 here."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    return values[np.concatenate([[True], values[1:] != values[:-1]])]


class GramIndex:
    """Read side of the gram index of one index generation."""

    def __init__(self, directory: Path) -> None:
        self._keys = np.load(directory / KEYS_FILE, mmap_mode="r")
        self._starts = np.load(directory / STARTS_FILE, mmap_mode="r")
        self._docs = np.load(directory / DOCS_FILE, mmap_mode="r")
        self._offsets = np.load(directory / OFFSETS_FILE)
        with open(directory / TEXT_FILE, "rb") as text_file:
            size = text_file.seek(0, 2)
            self._text: mmap.mmap | bytes = mmap.mmap(text_file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""

    @property
    def section_count(self) -> int:
        return len(self._offsets) - 1

    def text(self, docnum: int) -> str:
        """The matching form of one section's heading and text."""
        return self._text[self._offsets[docnum] : self._offsets[docnum + 1]].decode("utf-8")

    def _postings(self, code: int) -> np.ndarray:
        index = int(np.searchsorted(self._keys, code))
        if index == len(self._keys) or int(self._keys[index]) != code:
            return _EMPTY
        return self._docs[self._starts[index] : self._starts[index + 1]]

    def containing(self, needle: str) -> np.ndarray:
        """Sorted docnums of the sections whose matching form contains `needle` (already in matching form)."""
        if not needle:
            raise ValueError("empty needle")
        points = _code_points(needle)
        codes = set((points if len(points) == 1 else _pair_codes(points)).tolist())
        lists = sorted((self._postings(code) for code in codes), key=len)
        candidates = np.asarray(lists[0])
        for postings in lists[1:]:
            if not len(candidates):
                break
            found = np.searchsorted(postings, candidates)
            candidates = candidates[(found < len(postings)) & (postings[np.minimum(found, len(postings) - 1)] == candidates)]
        if len(needle) <= 2 or not len(candidates):
            return np.array(candidates, dtype=np.int32)
        return self._confirm(needle.encode("utf-8"), candidates)

    def _confirm(self, needle: bytes, candidates: np.ndarray) -> np.ndarray:
        text, offsets = self._text, self._offsets
        starts = offsets[candidates].tolist()
        ends = offsets[candidates + 1].tolist()
        keep = [text.find(needle, start, end) >= 0 for start, end in zip(starts, ends)]
        return np.array(candidates[np.array(keep, dtype=bool)], dtype=np.int32)
