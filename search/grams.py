"""Exact substring search over the matching form of every section.

Whoosh ranks words; this answers "which sections contain this string" exactly,
whatever jieba did with it (信息公开 inside 政府信息公开, a single character,
digits, Latin letters). Each section's matching form is kept in one UTF-16
file (`text.bin`, sliced by `offsets.npy`: two bytes a character for Chinese
text, against three in UTF-8), and every distinct character and character
pair of a section is posted in an inverted index: a sorted array of docnums
for rare grams, a bitmap over all sections for grams in more than one section
in 32 (where a bitmap is the smaller; they hold four fifths of all postings).

A string of one or two characters is answered by one posting; a longer one by
the intersection of its pairs' postings, each candidate then confirmed by a
byte search in its slice of `text.bin` (at an even offset: a match at an odd
one straddles two characters).

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
BITMAP_KEYS_FILE = "gram_bitmap_keys.npy"
BITMAPS_FILE = "gram_bitmaps.npy"

_ENCODING = "utf-16-le"
_CHAR_BITS = 21  # every Unicode code point fits
_DOC_BITS = 22  # up to 4 million sections per index
_DOC_MASK = (1 << _DOC_BITS) - 1
MAX_SECTIONS = 1 << _DOC_BITS
_BITMAP_SHARE = 32  # a gram in more than 1/32 of the sections is kept as a bitmap
_BITMAP_BUILD_ROWS = 256
_BUILD_CHUNK_CHARS = 8_000_000


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _pair_codes(points: np.ndarray) -> np.ndarray:
    """Codes of the adjacent character pairs of `points`.

    A single character's code is its code point; a pair's is (first << 21 |
    second), always >= 2**21 because no character is NUL: the two never clash.
    """
    return (points[:-1] << np.uint64(_CHAR_BITS)) | points[1:]


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)`, but by sort and compare: numpy's unique is 30x slower on 50M uint64 here."""
    values = np.sort(values)
    if len(values) < 2:
        return values
    return values[np.concatenate([[True], values[1:] != values[:-1]])]


def _write_texts(directory: Path, texts: Sequence[str]) -> None:
    encoded = [text.encode(_ENCODING) for text in texts]
    byte_offsets = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum([len(data) for data in encoded], out=byte_offsets[1:])
    with open(directory / TEXT_FILE, "wb") as out:
        for data in encoded:
            out.write(data)
    np.save(directory / OFFSETS_FILE, byte_offsets)


def _distinct_postings(texts: Sequence[str]) -> np.ndarray:
    """Every distinct (gram code << 22 | docnum), sorted: by gram, then by docnum.

    Sections are taken a few million characters at a time, so that memory stays
    a few times the size of the postings rather than of every character's gram.
    """
    chunks: list[np.ndarray] = []
    first = 0
    while first < len(texts):
        last, characters = first, 0
        while last < len(texts) and (characters < _BUILD_CHUNK_CHARS or last == first):
            characters += len(texts[last])
            last += 1
        chunks.append(_chunk_postings(texts[first:last], first))
        first = last
    return _sorted_distinct(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=np.uint64)


def _chunk_postings(texts: Sequence[str], first_docnum: int) -> np.ndarray:
    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    points = _code_points("".join(texts))
    doc_of_char = np.repeat(np.arange(first_docnum, first_docnum + len(texts), dtype=np.uint64), lengths)
    same_doc = doc_of_char[:-1] == doc_of_char[1:]
    codes = np.concatenate([points, _pair_codes(points)[same_doc]])
    docs = np.concatenate([doc_of_char, doc_of_char[1:][same_doc]])
    return _sorted_distinct((codes << np.uint64(_DOC_BITS)) | docs)


def _bitmaps(docs: np.ndarray, starts: np.ndarray, big: np.ndarray, sections: int) -> np.ndarray:
    """Packed bitmaps (one row per gram in `big`) of the postings those grams own."""
    width = (sections + 7) // 8
    rows = np.zeros((len(big), width), dtype=np.uint8)
    for first in range(0, len(big), _BITMAP_BUILD_ROWS):
        chunk = big[first : first + _BITMAP_BUILD_ROWS]
        bits = np.zeros((len(chunk), width * 8), dtype=bool)
        for row, gram in enumerate(chunk.tolist()):
            bits[row, docs[starts[gram] : starts[gram + 1]]] = True
        rows[first : first + len(chunk)] = np.packbits(bits, axis=1)
    return rows


def build(directory: Path, texts: Sequence[str]) -> None:
    """Write the gram index of `texts` (indexed by Whoosh docnum; "" for deleted documents)."""
    if len(texts) >= MAX_SECTIONS:
        raise ValueError(f"an index holds at most {MAX_SECTIONS - 1} sections, got {len(texts)}")
    _write_texts(directory, texts)
    combined = _distinct_postings(texts)
    codes = combined >> np.uint64(_DOC_BITS)
    docs = (combined & np.uint64(_DOC_MASK)).astype(np.int32)
    del combined
    first = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]])) if len(codes) else np.zeros(0, dtype=np.int64)
    starts = np.append(first, len(codes)).astype(np.int64)
    counts = np.diff(starts)
    big = np.flatnonzero(counts > max(1, len(texts) // _BITMAP_SHARE))
    small = np.ones(len(first), dtype=bool)
    small[big] = False
    list_starts = np.zeros(int(small.sum()) + 1, dtype=np.int64)
    np.cumsum(counts[small], out=list_starts[1:])
    np.save(directory / BITMAP_KEYS_FILE, codes[first[big]])
    np.save(directory / BITMAPS_FILE, _bitmaps(docs, starts, big, len(texts)))
    np.save(directory / KEYS_FILE, codes[first[small]])
    np.save(directory / STARTS_FILE, list_starts.astype(np.int32 if len(docs) < 2**31 else np.int64))
    np.save(directory / DOCS_FILE, docs[np.repeat(small, counts)])


class GramIndex:
    """Read side of the gram index of one index generation."""

    def __init__(self, directory: Path) -> None:
        self._keys = np.load(directory / KEYS_FILE, mmap_mode="r")
        self._starts = np.load(directory / STARTS_FILE, mmap_mode="r")
        self._bitmap_keys = np.load(directory / BITMAP_KEYS_FILE)
        self._docs = np.load(directory / DOCS_FILE, mmap_mode="r")
        self._bitmaps = np.load(directory / BITMAPS_FILE, mmap_mode="r")
        self._offsets = np.load(directory / OFFSETS_FILE)
        with open(directory / TEXT_FILE, "rb") as text_file:
            size = text_file.seek(0, 2)
            self._text: mmap.mmap | bytes = mmap.mmap(text_file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""

    @property
    def section_count(self) -> int:
        return len(self._offsets) - 1

    def text(self, docnum: int) -> str:
        """The matching form of one section's heading and text."""
        return self._text[self._offsets[docnum] : self._offsets[docnum + 1]].decode(_ENCODING)

    def _posting(self, code: int) -> tuple[bool, np.ndarray]:
        """(True, packed bitmap row) for a frequent gram, else (False, its sorted docnums)."""
        row = int(np.searchsorted(self._bitmap_keys, code))
        if row < len(self._bitmap_keys) and int(self._bitmap_keys[row]) == code:
            return True, self._bitmaps[row]
        index = int(np.searchsorted(self._keys, code))
        if index == len(self._keys) or int(self._keys[index]) != code:
            return False, np.zeros(0, dtype=np.int32)
        return False, self._docs[self._starts[index] : self._starts[index + 1]]

    def containing(self, needle: str, known: np.ndarray | None = None) -> np.ndarray:
        """A bool per docnum: does the section's matching form contain `needle` (already in matching form)?

        `known` (bool per docnum), when given, marks sections already known to
        contain it: they skip the byte-by-byte confirmation.
        """
        if not needle:
            raise ValueError("empty needle")
        points = _code_points(needle)
        codes = set((points if len(points) == 1 else _pair_codes(points)).tolist())
        lists, bitmaps = [], []
        for code in codes:
            is_bitmap, posting = self._posting(code)
            (bitmaps if is_bitmap else lists).append(posting)
        if bitmaps:
            packed = np.bitwise_and.reduce(bitmaps) if len(bitmaps) > 1 else bitmaps[0]
            in_bitmaps = np.unpackbits(packed, count=self.section_count).view(bool)
        candidates = None
        for postings in sorted(lists, key=len):
            if candidates is None:
                candidates = np.asarray(postings)
            else:
                found = np.searchsorted(postings, candidates)
                candidates = candidates[(found < len(postings)) & (postings[np.minimum(found, len(postings) - 1)] == candidates)]
        if candidates is None:
            candidates = np.flatnonzero(in_bitmaps)
        elif bitmaps:
            candidates = candidates[in_bitmaps[candidates]]
        mask = np.zeros(self.section_count, dtype=bool)
        if len(needle) > 2 and len(candidates):
            if known is not None:
                mask[candidates[known[candidates]]] = True
                candidates = candidates[~known[candidates]]
            candidates = self._confirm(needle.encode(_ENCODING), candidates)
        mask[candidates] = True
        return mask

    def _confirm(self, needle: bytes, candidates: np.ndarray) -> np.ndarray:
        text, offsets = self._text, self._offsets
        starts = offsets[candidates].tolist()
        ends = offsets[candidates + 1].tolist()
        keep = np.zeros(len(candidates), dtype=bool)
        for position, (start, end) in enumerate(zip(starts, ends)):
            found = text.find(needle, start, end)
            while found >= 0 and found % 2:
                found = text.find(needle, found + 1, end)
            keep[position] = found >= 0
        return candidates[keep]
