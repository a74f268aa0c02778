"""Matching texts on their way to the gram index: spooled to disk as reports are analysed, gathered by docnum.

A build learns the final docnum of a section only when it commits, after every
worker has finished. Holding each section's matching form in memory until then
took gigabytes at 100,000 reports; instead each indexing process appends the
texts of the reports it adds to a spool file of its own in the new generation,
in the gram index's encoding, and the build keeps, per report, where they lie.
Sections kept from the previous generation are read back from its gram index.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np

from search.columns import Columns
from search.grams import OFFSETS_FILE, TEXT_ENCODING, TEXT_FILE

SPOOL_SUFFIX = ".spool"


@dataclass(frozen=True)
class SpooledTexts:
    """Where one report's section texts lie: a spool file and the byte bounds of each section in it, in order."""

    spool: str
    bounds: tuple[int, ...]  # one more than the sections: section n is bounds[n]:bounds[n + 1]


class TextSpool:
    """One process's spool file in a generation directory, appended to report by report."""

    def __init__(self, directory: Path) -> None:
        self.name = f"texts-{os.getpid()}-{secrets.token_hex(4)}{SPOOL_SUFFIX}"
        self._file = open(directory / self.name, "wb")
        self._size = 0

    def add(self, texts: list[str]) -> SpooledTexts:
        """Append one report's section texts; say where they went."""
        bounds = [self._size]
        for text in texts:
            data = text.encode(TEXT_ENCODING)
            self._file.write(data)
            self._size += len(data)
            bounds.append(self._size)
        return SpooledTexts(self.name, tuple(bounds))

    def close(self) -> None:
        self._file.close()


class _Reader:
    """Byte ranges of one file, read with plain reads: mapped pages would count against the build's memory."""

    def __init__(self, path: Path) -> None:
        self._descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)

    def read(self, start: int, stop: int) -> bytes:
        return os.pread(self._descriptor, stop - start, start)

    def close(self) -> None:
        os.close(self._descriptor)


class _PreviousTexts:
    """The texts of a previous generation's sections, by report id and ordinal."""

    def __init__(self, generation: Path) -> None:
        columns = Columns.load(generation)
        self._offsets = np.load(generation / OFFSETS_FILE)
        self._text = _Reader(generation / TEXT_FILE)
        self._report_index = {report_id: index for index, report_id in enumerate(columns.report_ids)}
        live = np.flatnonzero(columns.live)
        keys = (columns.report[live].astype(np.int64) << 32) | columns.ordinal[live].astype(np.int64)
        order = np.argsort(keys)
        self._keys, self._docnums = keys[order], live[order]

    def encoded(self, report_id: str, ordinal: int) -> bytes:
        key = (self._report_index[report_id] << 32) | ordinal
        position = int(np.searchsorted(self._keys, key))
        if position == len(self._keys) or int(self._keys[position]) != key:
            raise KeyError(f"section {report_id}:{ordinal} is not in the previous generation")
        docnum = int(self._docnums[position])
        return self._text.read(int(self._offsets[docnum]), int(self._offsets[docnum + 1]))

    def close(self) -> None:
        self._text.close()


def texts_by_docnum(columns: Columns, fresh: dict[str, SpooledTexts], generation: Path, previous: Path | None) -> Iterator[bytes]:
    """The encoded matching text of every docnum of `columns` in order (b"" for deleted documents):
    from this build's spools for the reports in `fresh`, from `previous` for the others."""
    spools: dict[str, _Reader] = {}
    kept = _PreviousTexts(previous) if previous is not None else None
    report_ids = columns.report_ids
    for docnum, (live, report, ordinal) in enumerate(zip(columns.live.tolist(), columns.report.tolist(), columns.ordinal.tolist())):
        if not live:
            yield b""
            continue
        spooled = fresh.get(report_ids[report])
        if spooled is None:
            if kept is None:
                raise KeyError(f"section {report_ids[report]}:{ordinal} was neither indexed now nor before")
            yield kept.encoded(report_ids[report], ordinal)
            continue
        if spooled.spool not in spools:
            spools[spooled.spool] = _Reader(generation / spooled.spool)
        yield spools[spooled.spool].read(spooled.bounds[ordinal], spooled.bounds[ordinal + 1])
    for reader in spools.values():
        reader.close()
    if kept is not None:
        kept.close()


def remove_spools(generation: Path) -> None:
    """Delete a generation's spool files once its gram index is written."""
    for path in generation.glob(f"*{SPOOL_SUFFIX}"):
        path.unlink()
