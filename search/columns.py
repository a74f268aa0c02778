"""Per-section and per-report metadata as numpy arrays, for filters, facets and sorting.

Read once from the Whoosh index's columns when a generation is built and saved
beside it, so a searcher loads them in milliseconds and counts facets over
tens of thousands of matches without touching stored fields.
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from whoosh.reading import IndexReader

from indexer.report import SECTION_TYPES

ARRAYS_FILE = "columns.npz"
NAMES_FILE = "columns.json"
_NO_YEAR = 2147483647  # what Whoosh's NUMERIC column holds for a missing year


def column_values(reader: IndexReader, name: str, default: Any) -> Iterator[Any]:
    """One column's value for every docnum in order, `default` where a segment lacks the column.

    Whoosh's MultiReader.column_reader skips segments without the column and so
    shifts every later segment's values; reading segment by segment avoids that.
    The values are read as they are used, never held all at once.
    """
    for leaf, _ in reader.leaf_readers():
        if leaf.has_column(name):
            yield from leaf.column_reader(name)
        else:
            yield from itertools.repeat(default, leaf.doc_count_all())


class SegmentedColumn:
    """Random access to one column by docnum, segment by segment (see `column_values`)."""

    def __init__(self, reader: IndexReader, name: str) -> None:
        leaves = reader.leaf_readers()
        self._bases = [docbase for _, docbase in leaves]
        self._columns = [leaf.column_reader(name) if leaf.has_column(name) else None for leaf, _ in leaves]

    def __getitem__(self, docnum: int) -> Any:
        segment = bisect_right(self._bases, docnum) - 1
        column = self._columns[segment]
        if column is None:
            raise KeyError(f"document {docnum} has no value in this column")
        return column[docnum - self._bases[segment]]


def _publication_order(year: int, published: str) -> tuple[str, int]:
    """Sort key for "newest first": the publication date, or for undated reports the
    start of the year after the one covered (when such reports are published)."""
    return (published or (f"{year + 1}-01-01" if year else ""), year)


@dataclass
class Columns:
    """Docnum-indexed section arrays and report-indexed report arrays."""

    live: np.ndarray  # bool per docnum: False for deleted documents
    report: np.ndarray  # int32 per docnum: index into report_ids (-1 when deleted)
    ordinal: np.ndarray  # int32 per docnum: the section's place in its report
    section: np.ndarray  # int8 per docnum: index into SECTION_TYPES
    word_length: np.ndarray  # float32 per docnum: the words field length as Whoosh stores it (for BM25)
    word_count: np.ndarray  # int32 per docnum: the exact number of words (for the average length)
    report_agency: np.ndarray  # int32 per report: index into agencies (-1 unknown)
    report_year: np.ndarray  # int32 per report (0 unknown)
    report_recency: np.ndarray  # int32 per report: rank by (published, year, id), newest highest
    report_ids: list[str]
    agencies: list[str]

    @property
    def section_count(self) -> int:
        return len(self.live)

    @classmethod
    def from_reader(cls, reader: IndexReader) -> "Columns":
        """Collect the arrays from a Whoosh reader's columns."""
        count = reader.doc_count_all()
        live = np.zeros(count, dtype=bool)
        live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        report_index: dict[str, int] = {}
        report_facts: list[tuple[str, int, str]] = []
        report = np.full(count, -1, dtype=np.int32)
        ordinal = np.zeros(count, dtype=np.int32)
        section = np.zeros(count, dtype=np.int8)
        word_length = np.zeros(count, dtype=np.float32)
        word_count = np.zeros(count, dtype=np.int32)
        other = SECTION_TYPES.index("other")
        rows = zip(
            live.tolist(),
            column_values(reader, "report_id", ""),
            column_values(reader, "agency", ""),
            column_values(reader, "year", _NO_YEAR),
            column_values(reader, "published", ""),
            column_values(reader, "ordinal", 0),
            column_values(reader, "section", "other"),
            column_values(reader, "word_count", 0),
        )
        for docnum, (is_live, report_id, agency, year, published, place, section_type, words) in enumerate(rows):
            if not is_live:
                continue
            if report_id not in report_index:
                report_index[report_id] = len(report_facts)
                report_facts.append((agency, 0 if year == _NO_YEAR else year, published))
            report[docnum] = report_index[report_id]
            ordinal[docnum] = place
            section[docnum] = SECTION_TYPES.index(section_type) if section_type in SECTION_TYPES else other
            word_length[docnum] = reader.doc_field_length(docnum, "words", 0)
            word_count[docnum] = words

        report_ids = list(report_index)
        agencies = sorted({agency for agency, _, _ in report_facts if agency})
        agency_index = {agency: position for position, agency in enumerate(agencies)}
        report_agency = np.array([agency_index.get(agency, -1) for agency, _, _ in report_facts], dtype=np.int32)
        report_year = np.array([year for _, year, _ in report_facts], dtype=np.int32)
        order = sorted(range(len(report_ids)), key=lambda r: (_publication_order(*report_facts[r][1:]), report_ids[r]))
        report_recency = np.zeros(len(report_ids), dtype=np.int32)
        report_recency[order] = np.arange(len(order), dtype=np.int32)
        return cls(live, report, ordinal, section, word_length, word_count, report_agency, report_year, report_recency, report_ids, agencies)

    def save(self, directory: Path) -> None:
        np.savez(
            directory / ARRAYS_FILE,
            live=self.live,
            report=self.report,
            ordinal=self.ordinal,
            section=self.section,
            word_length=self.word_length,
            word_count=self.word_count,
            report_agency=self.report_agency,
            report_year=self.report_year,
            report_recency=self.report_recency,
        )
        names = {"report_ids": self.report_ids, "agencies": self.agencies}
        (directory / NAMES_FILE).write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "Columns":
        names = json.loads((directory / NAMES_FILE).read_text(encoding="utf-8"))
        with np.load(directory / ARRAYS_FILE) as arrays:
            return cls(**{name: arrays[name] for name in arrays.files}, **names)
