"""Per-section and per-report metadata as numpy arrays, for filters, facets and sorting.

Read once from the Whoosh index's columns (and each report's metadata, kept
with its first section) when a generation is built and saved beside it, so a
searcher loads them in milliseconds and counts facets over tens of thousands
of matches without touching stored fields. Facet values are saved by name
(see `search.facet_kinds.FacetColumn`).
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

from search.catalog import FACET_NAMES, FACETS
from search.documents import REPORT_FIELD, unpack_stored
from search.facet_kinds import FacetColumn

ARRAYS_FILE = "columns.npz"
NAMES_FILE = "columns.json"


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


def _facet_key(name: str) -> str:
    return f"facet_{name}"


@dataclass
class Columns:
    """Docnum-indexed section arrays, report-indexed report arrays, and every facet's column."""

    live: np.ndarray  # bool per docnum: False for deleted documents
    report: np.ndarray  # int32 per docnum: index into report_ids (-1 when deleted)
    ordinal: np.ndarray  # int32 per docnum: the section's place in its report
    word_length: np.ndarray  # float32 per docnum: the words field length as Whoosh stores it (for BM25)
    word_count: np.ndarray  # int32 per docnum: the exact number of words (for the average length)
    report_recency: np.ndarray  # int32 per report: rank by (published, year, id), newest highest
    report_first_doc: np.ndarray  # int32 per report: the docnum of its first section, which holds its metadata
    report_ids: list[str]
    facets: dict[str, FacetColumn]  # by facet name: rows are reports, or docnums for a section facet

    @property
    def section_count(self) -> int:
        return len(self.live)

    @classmethod
    def from_reader(cls, reader: IndexReader) -> "Columns":
        """Collect the arrays from a Whoosh reader's columns and each report's metadata."""
        count = reader.doc_count_all()
        live = np.zeros(count, dtype=bool)
        live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        metadata_column = SegmentedColumn(reader, REPORT_FIELD)
        section_facets = [facet for facet in FACETS if facet.scope == "section"]
        section_values = {facet.name: column_values(reader, facet.name, "") for facet in section_facets}

        report_index: dict[str, int] = {}
        metadata: list[dict[str, Any]] = []
        first_doc: list[int] = []
        report = np.full(count, -1, dtype=np.int32)
        ordinal = np.zeros(count, dtype=np.int32)
        word_length = np.zeros(count, dtype=np.float32)
        word_count = np.zeros(count, dtype=np.int32)
        rows = zip(
            live.tolist(),
            column_values(reader, "report_id", ""),
            column_values(reader, "ordinal", 0),
            column_values(reader, "word_count", 0),
        )
        for docnum, (is_live, report_id, place, words) in enumerate(rows):
            if not is_live:
                continue
            if report_id not in report_index:
                report_index[report_id] = len(metadata)
                metadata.append(unpack_stored(metadata_column[docnum]))
                first_doc.append(docnum)
            report[docnum] = report_index[report_id]
            ordinal[docnum] = place
            word_length[docnum] = reader.doc_field_length(docnum, "words", 0)
            word_count[docnum] = words

        facets = {facet.name: FacetColumn.build(facet, metadata) for facet in FACETS if facet.scope == "report"}
        for facet in section_facets:
            section_rows = ({facet.key: value} if live[docnum] else {} for docnum, value in enumerate(section_values[facet.name]))
            facets[facet.name] = FacetColumn.build(facet, section_rows)

        report_ids = list(report_index)
        order = sorted(
            range(len(report_ids)),
            key=lambda r: (_publication_order(metadata[r].get("year") or 0, metadata[r].get("published") or ""), report_ids[r]),
        )
        report_recency = np.zeros(len(report_ids), dtype=np.int32)
        report_recency[order] = np.arange(len(order), dtype=np.int32)
        return cls(
            live, report, ordinal, word_length, word_count, report_recency,
            np.array(first_doc, dtype=np.int32), report_ids, {name: facets[name] for name in FACET_NAMES},
        )

    def save(self, directory: Path) -> None:
        # Any: numpy's stub types savez's **arrays like its allow_pickle flag, so ndarray values would not check
        facet_arrays: dict[str, Any] = {_facet_key(name): column.ids for name, column in self.facets.items()}
        np.savez(
            directory / ARRAYS_FILE,
            live=self.live,
            report=self.report,
            ordinal=self.ordinal,
            word_length=self.word_length,
            word_count=self.word_count,
            report_recency=self.report_recency,
            report_first_doc=self.report_first_doc,
            **facet_arrays,
        )
        names = {
            "report_ids": self.report_ids,
            "facets": {name: {"names": column.names, "codes": column.codes} for name, column in self.facets.items()},
        }
        (directory / NAMES_FILE).write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "Columns":
        names = json.loads((directory / NAMES_FILE).read_text(encoding="utf-8"))
        with np.load(directory / ARRAYS_FILE) as arrays:
            facets = {
                name: FacetColumn(values["names"], values["codes"], arrays[_facet_key(name)])
                for name, values in names["facets"].items()
            }
            plain = {key: arrays[key] for key in arrays.files if not key.startswith(_facet_key(""))}
        return cls(**plain, report_ids=names["report_ids"], facets=facets)
