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

Arrays are built with numpy in memory bounded by the build's budget, however
large the corpus: each chunk of sections gives a sorted run of distinct
postings on disk, and the runs are merged a range of grams at a time into the
final arrays. They are memory-mapped when read.
"""

from __future__ import annotations

import mmap
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Sequence

import numpy as np

TEXT_FILE = "text.bin"
OFFSETS_FILE = "offsets.npy"
KEYS_FILE = "gram_keys.npy"
STARTS_FILE = "gram_starts.npy"
DOCS_FILE = "gram_docs.npy"
BITMAP_KEYS_FILE = "gram_bitmap_keys.npy"
BITMAPS_FILE = "gram_bitmaps.npy"

TEXT_ENCODING = "utf-16-le"  # of text.bin, and of the texts `build` is given
_CHAR_BITS = 21  # every Unicode code point fits
_DOC_BITS = 22  # docnums within one chunk of sections, while the index is built
_DOC_MASK = (1 << _DOC_BITS) - 1
MAX_SECTIONS = 2**31 - 1  # docnums are int32
_BITMAP_SHARE = 32  # a gram in more than 1/32 of the sections is kept as a bitmap
_RUN_INDEX_STRIDE = 4096
_COPY_BYTES = 16 << 20


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


def _chunk_postings(texts: Sequence[str]) -> np.ndarray:
    """Every distinct (gram code << 22 | docnum within the chunk) of a few sections, sorted."""
    lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
    points = _code_points("".join(texts))
    doc_of_char = np.repeat(np.arange(len(texts), dtype=np.uint64), lengths)
    same_doc = doc_of_char[:-1] == doc_of_char[1:]
    codes = np.concatenate([points, _pair_codes(points)[same_doc]])
    docs = np.concatenate([doc_of_char, doc_of_char[1:][same_doc]])
    return _sorted_distinct((codes << np.uint64(_DOC_BITS)) | docs)


@dataclass
class _Run:
    """The sorted distinct postings of one chunk of sections in a raw file, read in order a range at a time.

    Read with plain reads, not memory-mapped: mapped pages would count against
    the build's memory. A sample of every `_RUN_INDEX_STRIDE`-th posting finds
    where a range ends without reading past it.
    """

    path: Path
    length: int
    first_docnum: int
    index: np.ndarray  # every _RUN_INDEX_STRIDE-th posting
    cursor: int = 0

    def read(self, start: int, stop: int) -> np.ndarray:
        return np.fromfile(self.path, dtype=np.uint64, count=stop - start, offset=start * 8)

    def take_below(self, code: int | None) -> np.ndarray:
        """The postings from the cursor on whose gram code is below `code` (all the rest for None); moves the cursor."""
        if code is None:
            stop = self.length
        else:
            bound = np.uint64(code) << np.uint64(_DOC_BITS)
            block = int(np.searchsorted(self.index, bound))
            window = self.read(self.cursor, min(self.length, max(self.cursor, block * _RUN_INDEX_STRIDE + 1)))
            stop = self.cursor + int(np.searchsorted(window, bound))
        postings = self.read(self.cursor, stop)
        self.cursor = stop
        return postings


class _NpyWriter:
    """An array written piece by piece to a raw file, turned into a `.npy` file once its length is known."""

    def __init__(self, path: Path, dtype: Any, row_shape: tuple[int, ...] = ()) -> None:
        self.path, self.dtype, self.row_shape = path, np.dtype(dtype), row_shape
        self._raw = path.with_suffix(".raw")
        self._file = open(self._raw, "wb")
        self.rows = 0

    def append(self, values: np.ndarray) -> None:
        np.ascontiguousarray(values, dtype=self.dtype).tofile(self._file)
        self.rows += len(values)

    def close_raw(self) -> Path:
        """Close the raw file, without a `.npy` file made of it; return its path."""
        self._file.close()
        return self._raw

    def finish(self) -> None:
        self._file.close()
        with open(self.path, "wb") as out, open(self._raw, "rb") as raw:
            _write_npy_header(out, self.dtype, (self.rows, *self.row_shape))
            shutil.copyfileobj(raw, out, _COPY_BYTES)
        self._raw.unlink()


def _write_npy_header(out: BinaryIO, dtype: np.dtype, shape: tuple[int, ...]) -> None:
    header = {"descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(out, header)


class _Budget:
    """How much of each kind of work fits in `memory_bytes` (measured peaks per unit, with room to spare)."""

    def __init__(self, memory_bytes: int, sections: int) -> None:
        self.chunk_chars = max(1 << 16, memory_bytes // 112)  # measured 84 bytes a character: points, pairs, docnums, sorts
        self.bucket_postings = max(1 << 16, memory_bytes // 80)  # measured 30-60 bytes a posting: codes, docnums, sorts
        self.bitmap_rows = max(1, memory_bytes // 8 // max(1, sections))  # one byte per section while a row is set


def build(directory: Path, texts: Iterable[bytes], section_count: int, memory_bytes: int) -> None:
    """Write the gram index of `section_count` texts given in docnum order (UTF-16-LE, b"" for deleted documents).

    Work and memory are bounded by `memory_bytes` whatever the corpus size:
    sections are taken a chunk at a time, each chunk's distinct postings
    sorted and written out as a run, and the runs merged a range of grams at
    a time into the final arrays, which are written as they grow.
    """
    if section_count > MAX_SECTIONS:
        raise ValueError(f"an index holds at most {MAX_SECTIONS:,} sections, got {section_count:,}")
    budget = _Budget(memory_bytes, section_count)
    runs_dir = directory / "gram-runs.tmp"
    runs_dir.mkdir()
    try:
        runs, samples = _write_texts_and_runs(directory, runs_dir, texts, section_count, budget)
        _merge_runs(directory, runs, _bucket_bounds(samples, budget.bucket_postings), section_count, budget)
    finally:
        shutil.rmtree(runs_dir, ignore_errors=True)


def _write_texts_and_runs(
    directory: Path, runs_dir: Path, texts: Iterable[bytes], section_count: int, budget: _Budget
) -> tuple[list[_Run], list[np.ndarray]]:
    """Write `text.bin` and its offsets, and one run of sorted distinct postings per chunk of sections;
    return the runs and a sample of their gram codes (one per `_sample_stride` postings)."""
    offsets = np.zeros(section_count + 1, dtype=np.int64)
    runs: list[_Run] = []
    samples: list[np.ndarray] = []
    chunk: list[str] = []
    chunk_chars = 0
    docnum = 0

    def write_run() -> None:
        nonlocal chunk, chunk_chars
        postings = _chunk_postings(chunk)
        path = runs_dir / f"run-{len(runs):06d}.u64"
        postings.tofile(path)
        runs.append(_Run(path, len(postings), docnum - len(chunk), postings[::_RUN_INDEX_STRIDE].copy()))
        samples.append(postings[:: _sample_stride(budget.bucket_postings)] >> np.uint64(_DOC_BITS))
        chunk, chunk_chars = [], 0

    with open(directory / TEXT_FILE, "wb") as out:
        for data in texts:
            if docnum == section_count:
                raise ValueError(f"more than the {section_count:,} texts announced")
            out.write(data)
            offsets[docnum + 1] = offsets[docnum] + len(data)
            text = data.decode(TEXT_ENCODING)
            chunk.append(text)
            chunk_chars += len(text)
            docnum += 1
            if chunk_chars >= budget.chunk_chars or len(chunk) == _DOC_MASK:
                write_run()
        if chunk:
            write_run()
    if docnum != section_count:
        raise ValueError(f"{docnum:,} texts given, {section_count:,} announced")
    np.save(directory / OFFSETS_FILE, offsets)
    return runs, samples


def _sample_stride(bucket_postings: int) -> int:
    return max(1, bucket_postings // 16)


def _bucket_bounds(samples: list[np.ndarray], bucket_postings: int) -> list[int]:
    """Gram codes that cut all postings into ranges of about half `bucket_postings` each, from the samples."""
    codes = np.sort(np.concatenate(samples)) if samples else np.zeros(0, dtype=np.uint64)
    step = max(1, bucket_postings // _sample_stride(bucket_postings) // 2)
    return sorted(set(codes[::step].tolist()))[1:]


def _bucket(runs: list[_Run], high: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Codes and docnums of the next postings, up to gram code `high` (excluded), by code and then docnum."""
    codes, docs = [], []
    for run in runs:
        part = run.take_below(high)
        codes.append(part >> np.uint64(_DOC_BITS))
        docs.append((part & np.uint64(_DOC_MASK)).astype(np.int32) + np.int32(run.first_docnum))
    if not codes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32)
    code_array, doc_array = np.concatenate(codes), np.concatenate(docs)
    order = np.argsort(code_array, kind="stable")  # runs are in docnum order, so each code's docnums stay sorted
    return code_array[order], doc_array[order]


def _merge_runs(directory: Path, runs: list[_Run], bounds: list[int], section_count: int, budget: _Budget) -> None:
    """Merge the runs into the final arrays: posting lists for rare grams, bitmaps for frequent ones."""
    keys = _NpyWriter(directory / KEYS_FILE, np.uint64)
    counts = _NpyWriter(directory / "gram_counts.npy", np.int64)
    docs = _NpyWriter(directory / DOCS_FILE, np.int32)
    bitmap_keys = _NpyWriter(directory / BITMAP_KEYS_FILE, np.uint64)
    width = (section_count + 7) // 8
    bitmaps = _NpyWriter(directory / BITMAPS_FILE, np.uint8, (width,))
    threshold = max(1, section_count // _BITMAP_SHARE)
    for high in [*bounds, None]:
        codes, bucket_docs = _bucket(runs, high)
        if not len(codes):
            continue
        first = np.flatnonzero(np.concatenate([[True], codes[1:] != codes[:-1]]))
        starts = np.append(first, len(codes))
        sizes = np.diff(starts)
        big = sizes > threshold
        keys.append(codes[first[~big]])
        counts.append(sizes[~big])
        docs.append(bucket_docs[np.repeat(~big, sizes)])
        bitmap_keys.append(codes[first[big]])
        big_grams = np.flatnonzero(big)
        for row_first in range(0, len(big_grams), budget.bitmap_rows):
            rows = big_grams[row_first : row_first + budget.bitmap_rows]
            bits = np.zeros((len(rows), width * 8), dtype=bool)
            for row, gram in enumerate(rows.tolist()):
                bits[row, bucket_docs[starts[gram] : starts[gram + 1]]] = True
            bitmaps.append(np.packbits(bits, axis=1))
    for array in (keys, docs, bitmap_keys, bitmaps):
        array.finish()
    _write_starts(directory, counts.close_raw(), counts.rows, docs.rows)


def _write_starts(directory: Path, counts_path: Path, grams: int, total: int) -> None:
    """`gram_starts.npy` from the rare grams' raw posting counts: where each one's docnums begin, and the end."""
    dtype = np.dtype(np.int32 if total < 2**31 else np.int64)
    with open(counts_path, "rb") as counts, open(directory / STARTS_FILE, "wb") as out:
        _write_npy_header(out, dtype, (grams + 1,))
        np.zeros(1, dtype=dtype).tofile(out)
        carry = 0
        while len(block := np.fromfile(counts, dtype=np.int64, count=_COPY_BYTES // 8)):
            starts = np.cumsum(block) + carry
            starts.astype(dtype).tofile(out)
            carry = int(starts[-1])
    counts_path.unlink()


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

    def close(self) -> None:
        """Unmap the generation's files now rather than when this object is collected."""
        if isinstance(self._text, mmap.mmap):
            self._text.close()
        self._text = b""
        for name in ("_keys", "_starts", "_docs", "_bitmaps"):
            setattr(self, name, np.zeros(0, dtype=getattr(self, name).dtype))

    def text(self, docnum: int) -> str:
        """The matching form of one section's heading and text."""
        return self.encoded_text(docnum).decode(TEXT_ENCODING)

    def encoded_text(self, docnum: int) -> bytes:
        """`text(docnum)` as stored, in `TEXT_ENCODING`."""
        return self._text[self._offsets[docnum] : self._offsets[docnum + 1]]

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
        lists: list[np.ndarray] = []
        bitmaps: list[np.ndarray] = []
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
            candidates = self._confirm(needle.encode(TEXT_ENCODING), candidates)
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
