"""A posting pool for Whoosh's segment writer that groups postings by term as they come.

Whoosh's own `PostingPool` keeps one Python tuple per posting (about 260 bytes
in memory), sorts them all when the segment is written and, once past its
memory limit, sorts runs, writes them out item by item with `marshal` and
heap-merges them back. At 100,000 reports that is some 75 million postings per
build worker and most of the build's time. This pool appends each posting to
its term's arrays (about 16 bytes a posting); only the terms are sorted, and
past the memory limit whole terms are spilled as array bytes to temporary files
that are merged back term by term.

The segment writer only calls `add`, `iter_postings` and `cleanup`.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from array import array
from collections.abc import Iterator
from typing import Any, BinaryIO

import numpy as np

Posting = tuple[str, bytes, int, float, bytes | None]
_Key = tuple[str, bytes]
_POSTING_BYTES = 16  # a docnum, a weight and a value id
_TERM_BYTES = 400  # the key, its dictionary entry and three arrays
_CHECK_EVERY = 1024  # postings between checks of the memory limit
_MAX_RUNS = 32  # run files before they are merged into one


class _TermPostings:
    """One term's postings in arrival order: docnums, weights and ids of their value bytes."""

    __slots__ = ("docnums", "values", "weights")

    def __init__(self) -> None:
        self.docnums = array("i")
        self.weights = array("d")
        self.values = array("I")


class TermPostingsPool:
    """Collects `(fieldname, termbytes, docnum, weight, valuebytes)` postings and gives them back sorted.

    Holds about `limit_bytes` of postings in memory, then spills them to a
    temporary file in `temp_dir` (deleted when closed, even after a crash).
    """

    def __init__(self, temp_dir: str, limit_bytes: int) -> None:
        self._temp_dir = temp_dir
        self._limit = limit_bytes
        self._terms: dict[_Key, _TermPostings] = {}
        self._value_ids: dict[bytes | None, int] = {}
        self._values: list[bytes | None] = []
        self._postings = 0
        self._runs: list[BinaryIO] = []

    @property
    def estimated_bytes(self) -> int:
        """Memory held by the postings not yet spilled, as estimated for the limit."""
        return self._postings * _POSTING_BYTES + len(self._terms) * _TERM_BYTES

    def add(self, item: Posting) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        key = (fieldname, tbytes)
        postings = self._terms.get(key)
        if postings is None:
            postings = self._terms[key] = _TermPostings()
        value_id = self._value_ids.get(vbytes)
        if value_id is None:
            value_id = self._value_ids[vbytes] = len(self._values)
            self._values.append(vbytes)
        postings.docnums.append(docnum)
        postings.weights.append(weight)
        postings.values.append(value_id)
        self._postings += 1
        if self._postings % _CHECK_EVERY == 0 and self.estimated_bytes > self._limit:
            self._spill()

    def _spill(self) -> None:
        """Write the terms in memory, sorted, to a new run file and forget them.

        With `_MAX_RUNS` runs already, the runs and memory are merged into one
        run instead, so the open files stay few.
        """
        compact = len(self._runs) >= _MAX_RUNS
        run = tempfile.TemporaryFile(dir=self._temp_dir, suffix=".terms")
        for key, docnums, weights, values in self._merged_terms() if compact else self._memory_terms():
            pickle.dump((key, docnums.tobytes(), weights.tobytes(), values.tobytes()), run, protocol=pickle.HIGHEST_PROTOCOL)
        run.seek(0)
        if compact:
            self.cleanup()
        self._runs.append(run)
        self._terms = {}
        self._postings = 0

    def _memory_terms(self) -> Iterator[tuple[_Key, np.ndarray, np.ndarray, np.ndarray]]:
        for key in sorted(self._terms):
            postings = self._terms[key]
            yield _term_arrays(key, postings.docnums, postings.weights, postings.values)

    @staticmethod
    def _run_terms(run: BinaryIO) -> Iterator[tuple[_Key, np.ndarray, np.ndarray, np.ndarray]]:
        while True:
            try:
                stored = pickle.load(run)
            except EOFError:
                return
            yield _term_arrays(*stored)

    def _merged_terms(self) -> Iterator[tuple[_Key, np.ndarray, np.ndarray, np.ndarray]]:
        """Each term once, in sorted order, with its postings from every run and from memory."""
        sources = [self._run_terms(run) for run in self._runs] + [self._memory_terms()]
        if len(sources) == 1:
            yield from sources[0]
            return
        pending: list[tuple[_Key, np.ndarray, np.ndarray, np.ndarray]] = []
        for entry in heapq.merge(*sources, key=lambda entry: entry[0]):
            if pending and pending[0][0] != entry[0]:
                yield _joined(pending)
                pending = []
            pending.append(entry)
        if pending:
            yield _joined(pending)

    def iter_postings(self) -> Iterator[Posting]:
        """Every posting, ordered by field, term and docnum, as Whoosh's field writer wants them."""
        values = self._values
        for (fieldname, tbytes), docnums, weights, value_ids in self._merged_terms():
            if len(docnums) > 1 and np.any(docnums[1:] < docnums[:-1]):  # a merge added older documents later
                order = np.argsort(docnums, kind="stable")
                docnums, weights, value_ids = docnums[order], weights[order], value_ids[order]
            for docnum, weight, value_id in zip(docnums.tolist(), weights.tolist(), value_ids.tolist()):
                yield fieldname, tbytes, docnum, weight, values[value_id]

    def cleanup(self) -> None:
        """Drop everything held and close (so delete) the run files."""
        for run in self._runs:
            run.close()
        self._runs = []
        self._terms = {}
        self._postings = 0


def _term_arrays(key: _Key, docnums: Any, weights: Any, values: Any) -> tuple[_Key, np.ndarray, np.ndarray, np.ndarray]:
    """A term's postings as numpy views of the arrays or bytes that hold them."""
    return (key, np.frombuffer(docnums, dtype=np.int32), np.frombuffer(weights, dtype=np.float64),
            np.frombuffer(values, dtype=np.uint32))


def _joined(entries: list[tuple[_Key, np.ndarray, np.ndarray, np.ndarray]]) -> tuple[_Key, np.ndarray, np.ndarray, np.ndarray]:
    if len(entries) == 1:
        return entries[0]
    return (entries[0][0], np.concatenate([entry[1] for entry in entries]), np.concatenate([entry[2] for entry in entries]),
            np.concatenate([entry[3] for entry in entries]))
