"""Answering searches on one index generation: match sets, facets, ranking, hits.

A search is evaluated as boolean masks over all sections (numpy), so counts
and facets are exact and cheap however many sections match:

1. every needle of the query (see `search.query`) becomes the exact set of
   sections containing it (`search.grams`); clauses AND, items OR, NOT negates;
2. facet selections become masks from the metadata columns; each facet is
   counted with the other facets' selections applied but not its own;
3. the page is ordered by BM25 over jieba words (sections holding a whole
   term verbatim first) or by date, and only its hits read their stored
   blobs, for the snippet.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np
from whoosh.filedb.filestore import FileStorage

from indexer.config import DEFAULTS, Settings
from indexer.matching import matching_form
from indexer.report import SECTION_TYPES, Report
from search import grams, vocabulary
from search.analysis import is_ranked
from search.api import SORTS, FacetValue, Hit, IndexNotFound, QueryError, SearchRequest, SearchResponse
from search.columns import Columns, SegmentedColumn
from search.documents import report_from_documents, unpack_stored
from search.query import Item, ParsedQuery, parse_query, parse_year, resolve_section
from search.ordering import ORDINAL_SPAN, first_by_position, first_by_score
from search.ranking import Ranker
from search.schema import INDEX_FORMAT
from search.snippets import make_snippet, match_spans
from search.store import current_generation, read_manifest


@dataclass
class IndexedReport:
    """A report from the index, with its id and the file it was read from."""

    report_id: str
    report: Report
    source_file: Path | None

    def to_json(self) -> dict[str, object]:
        return {"report_id": self.report_id, **self.report.to_json()}


@dataclass
class _Selection:
    """A validated request: parsed query plus facet selections as masks (None: no selection)."""

    parsed: ParsedQuery
    agency: np.ndarray | None
    year: np.ndarray | None
    section: np.ndarray | None
    selected: dict[str, list[str]]


def _validate_paging(request: SearchRequest, settings: Settings) -> None:
    if not isinstance(request.page, int) or request.page < 1:
        raise QueryError(f"page must be a whole number from 1 up, not {request.page!r}", "page")
    if not isinstance(request.limit, int) or not 1 <= request.limit <= settings.max_page_size:
        raise QueryError(f"limit must be between 1 and {settings.max_page_size}, not {request.limit!r}", "limit")


class SearchIndex:
    """One generation of an index, opened for searching; safe to share between threads."""

    def __init__(self, generation: Path, settings: Settings = DEFAULTS) -> None:
        manifest = read_manifest(generation)
        if manifest.get("format") != INDEX_FORMAT:
            raise IndexNotFound(f"the index at {generation.parent} was built by another version of nianbao; rebuild it with `nianbao index`")
        self.generation = generation
        self.settings = settings
        self._lock = threading.Lock()
        # Without mmap: Whoosh would copy every file of a compound segment into memory
        # (BytesIO over the map), the whole index in RAM; plain reads use the page cache.
        self._whoosh = FileStorage(str(generation), supports_mmap=False).open_index()
        self._searcher = self._whoosh.searcher()
        self._blobs = SegmentedColumn(self._searcher.reader(), "stored")
        self.columns = Columns.load(generation)
        self._grams = grams.GramIndex(generation)
        self._ranker = Ranker(self._searcher, self.columns, self._lock)
        self._report_index = {report_id: index for index, report_id in enumerate(self.columns.report_ids)}
        self._source_files = {
            entry["report_id"]: Path(key) for key, entry in manifest.get("files", {}).items()
        }
        self._folded_agencies = [matching_form(agency) for agency in self.columns.agencies]
        self._frequent_words = list(vocabulary.load(generation))
        self._years = [str(year) for year in np.unique(self.columns.report_year[self.columns.report_year > 0]).tolist()]

    @classmethod
    def open(cls, index_dir: Path, settings: Settings = DEFAULTS) -> "SearchIndex":
        """Open the current generation of the index at `index_dir`."""
        generation = current_generation(index_dir)
        if generation is None:
            raise IndexNotFound(f"no index at {index_dir}; build one with `nianbao index`")
        return cls(generation, settings)

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    @property
    def report_count(self) -> int:
        return len(self.columns.report_ids)

    @property
    def section_count(self) -> int:
        return int(self.columns.live.sum())

    # -- matching ---------------------------------------------------------

    def _containing(self, needle: str, cache: dict[str, np.ndarray]) -> np.ndarray:
        if needle not in cache:
            cache[needle] = self._grams.containing(needle, self._holding_words_containing(needle))
        return cache[needle]

    def _holding_words_containing(self, needle: str) -> np.ndarray | None:
        """Sections that hold, as a jieba token, a frequent word containing `needle` (or `needle` itself).

        They contain `needle` for certain, so the gram index need not confirm
        them: most sections matching 信息公开 hold the token 政府信息公开.
        """
        if len(needle) <= 2:
            return None
        words = [word for word in self._frequent_words if needle in word]
        if is_ranked(needle) and needle not in words:
            words.append(needle)
        held = np.zeros(self.columns.section_count, dtype=bool)
        for word in words:
            held[self._ranker.postings(word)[0]] = True
        return held

    def _item_mask(self, item: Item, cache: dict[str, np.ndarray]) -> np.ndarray:
        mask = self.columns.live.copy()
        for needle in item.needles:
            mask &= self._containing(needle, cache)
        return self.columns.live & ~mask if item.negated else mask

    def _query_mask(self, parsed: ParsedQuery, cache: dict[str, np.ndarray]) -> np.ndarray:
        mask = self.columns.live.copy()
        for clause in parsed.clauses:
            clause_mask = np.zeros_like(mask)
            for item in clause:
                clause_mask |= self._item_mask(item, cache)
            mask &= clause_mask
        return mask

    # -- facet selections ----------------------------------------------------

    def _agency_ids(self, names: list[str]) -> np.ndarray:
        """Agencies named exactly, or else every agency whose name contains the given text."""
        exact = {agency: index for index, agency in enumerate(self.columns.agencies)}
        ids: set[int] = set()
        for name in names:
            if name in exact:
                ids.add(exact[name])
            else:
                folded = matching_form(name)
                ids.update(i for i, agency in enumerate(self._folded_agencies) if folded and folded in agency)
        return np.array(sorted(ids), dtype=np.int32)

    def _select(self, request: SearchRequest) -> _Selection:
        if request.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {request.sort!r}", "sort")
        parsed = parse_query(request.query, self.settings)
        columns = self.columns
        agencies = [name.strip() for name in (*request.agencies, *parsed.agencies) if name.strip()]
        years = [parse_year(value) for value in request.years] + parsed.years
        sections = list(dict.fromkeys([resolve_section(value) for value in request.sections] + parsed.sections))

        for param, values in (("agency", agencies), ("year", years), ("section", sections)):
            if len(values) > self.settings.max_filter_values:
                raise QueryError(f"{param}: at most {self.settings.max_filter_values} values at once, got {len(values)}", param)
        agency_mask = year_mask = section_mask = None
        if agencies:
            agency_mask = np.isin(columns.report_agency, self._agency_ids(agencies))[columns.report]
        if years:
            report_years = columns.report_year
            wanted = np.zeros(len(report_years), dtype=bool)
            for first, last in years:
                wanted |= (report_years >= first) & (report_years <= last)
            year_mask = wanted[columns.report]
        if sections:
            section_mask = np.isin(columns.section, [SECTION_TYPES.index(name) for name in sections])
        selected = {
            "agency": agencies,
            "year": [str(year) for first, last in years for year in range(first, last + 1)],
            "section": sections,
        }
        for mask in (agency_mask, year_mask, section_mask):
            if mask is not None:
                mask &= columns.live
        return _Selection(parsed, agency_mask, year_mask, section_mask, selected)

    # -- counting ------------------------------------------------------------

    def _reports_in(self, mask: np.ndarray) -> np.ndarray:
        """Bool per report: does any section of it lie in `mask`."""
        matched = np.zeros(self.report_count, dtype=bool)
        matched[self.columns.report[mask]] = True
        return matched

    def _facets(self, base: np.ndarray, selection: _Selection) -> dict[str, list[FacetValue]]:
        columns = self.columns
        masks = {"agency": selection.agency, "year": selection.year, "section": selection.section}

        def others(name: str) -> np.ndarray:
            mask = base.copy()
            for other, other_mask in masks.items():
                if other != name and other_mask is not None:
                    mask &= other_mask
            return mask

        reports = self._reports_in(others("agency"))
        agency_counts = np.bincount(columns.report_agency[reports & (columns.report_agency >= 0)], minlength=len(columns.agencies))
        agency = {columns.agencies[i]: int(count) for i, count in enumerate(agency_counts.tolist())}

        reports = self._reports_in(others("year"))
        years, year_counts = np.unique(columns.report_year[reports & (columns.report_year > 0)], return_counts=True)
        year = dict.fromkeys(self._years, 0)
        year.update((str(value), int(count)) for value, count in zip(years.tolist(), year_counts.tolist()))

        mask = others("section")
        report_has_type = np.zeros((self.report_count, len(SECTION_TYPES)), dtype=bool)
        report_has_type[columns.report[mask], columns.section[mask]] = True
        section_counts = report_has_type.sum(axis=0)
        section = {SECTION_TYPES[i]: int(count) for i, count in enumerate(section_counts.tolist())}

        return {
            "agency": sorted(self._facet_values(agency, selection.selected["agency"]), key=lambda v: (-v.count, v.value)),
            "year": sorted(self._facet_values(year, selection.selected["year"]), key=lambda v: v.value, reverse=True),
            "section": sorted(self._facet_values(section, selection.selected["section"]), key=lambda v: SECTION_TYPES.index(v.value)),
        }

    @staticmethod
    def _facet_values(counts: dict[str, int], selected: list[str]) -> list[FacetValue]:
        """Values with matches, plus selected values of the index without any (so they can be unselected)."""
        return [FacetValue(value, count) for value, count in counts.items() if count or value in selected]

    # -- ordering ------------------------------------------------------------

    def _ordered(
        self, matched: np.ndarray, parsed: ParsedQuery, sort: str, cache: dict[str, np.ndarray], count: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The first `count` docnums of `matched` in result order, with their scores."""
        docnums = np.flatnonzero(matched).astype(np.int32)
        columns = self.columns
        # Newer reports first, then a report's sections in their order: one integer, unique per section.
        position = columns.report_recency[columns.report[docnums]].astype(np.int64) * ORDINAL_SPAN - columns.ordinal[docnums]
        words = [word for item in parsed.positive_items for word in item.ranking_words]
        scores = np.zeros(len(docnums), dtype=np.float64)
        if words:
            scores, best = self._ranker.scores(words, docnums)
            for item in parsed.positive_items:
                if not item.phrase and len(item.needles) > 1:
                    scores += self._containing(item.whole, cache)[docnums] * (best + 1.0)
        order = first_by_position(position, count) if sort == "date" or not words else first_by_score(scores, position, count)
        return docnums[order], scores[order]

    # -- answers -------------------------------------------------------------

    def _stored(self, docnum: int) -> dict[str, Any]:
        """What a section shows: text, heading and its report's metadata."""
        with self._lock:
            blob = self._blobs[docnum]
        return unpack_stored(blob)

    def _hit(self, docnum: int, score: float, needles: list[str]) -> Hit:
        stored = self._stored(docnum)
        text = stored["text"]
        return Hit(
            report_id=stored["report_id"],
            source_path=stored["source_path"],
            source_url=stored.get("source_url"),
            title=stored.get("title"),
            agency=stored.get("agency"),
            year=stored.get("year"),
            section=stored["section"],
            heading=stored["heading"],
            snippet=make_snippet(needles, text, self.settings.snippet_chars),
            score=round(float(score), 4),
            ordinal=stored["ordinal"],
        )

    @staticmethod
    def _filtered(base: np.ndarray, selection: _Selection) -> np.ndarray:
        matched = base.copy()
        for mask in (selection.agency, selection.year, selection.section):
            if mask is not None:
                matched &= mask
        return matched

    def search(self, request: SearchRequest) -> SearchResponse:
        """Answer one search request; raises QueryError for invalid input."""
        _validate_paging(request, self.settings)
        selection = self._select(request)
        cache: dict[str, np.ndarray] = {}
        base = self._query_mask(selection.parsed, cache)
        matched = self._filtered(base, selection)
        facets = self._facets(base, selection)
        offset = (request.page - 1) * request.limit
        hits: list[Hit] = []
        total = int(matched.sum())
        if offset < total:
            ordered, scores = self._ordered(matched, selection.parsed, request.sort, cache, offset + request.limit)
            needles = selection.parsed.highlight_needles()
            hits = [self._hit(int(d), float(s), needles) for d, s in zip(ordered[offset:], scores[offset:])]
        return SearchResponse(
            query=request.query,
            total_sections=total,
            total_reports=int(self._reports_in(matched).sum()),
            facets=facets,
            hits=hits,
        )

    def export(self, request: SearchRequest, max_rows: int) -> Iterator[Hit]:
        """Every matching section in result order, up to `max_rows`, with snippets (page and limit ignored)."""
        selection = self._select(request)
        cache: dict[str, np.ndarray] = {}
        matched = self._filtered(self._query_mask(selection.parsed, cache), selection)
        ordered, scores = self._ordered(matched, selection.parsed, request.sort, cache, max_rows)
        needles = selection.parsed.highlight_needles()
        for docnum, score in zip(ordered.tolist(), scores.tolist()):
            yield self._hit(docnum, score, needles)

    def report(self, report_id: str) -> IndexedReport | None:
        """The whole report with this id, or None."""
        if report_id not in self._report_index:
            return None
        docnums = np.flatnonzero((self.columns.report == self._report_index[report_id]) & self.columns.live)
        report = report_from_documents([self._stored(int(docnum)) for docnum in docnums])
        if report is None:
            return None
        return IndexedReport(report_id, report, self._source_files.get(report_id))

    def highlight(self, query: str, text: str) -> list[tuple[int, int]]:
        """Spans of `text` that the query's terms and phrases match (for the document view)."""
        return match_spans(parse_query(query, self.settings).highlight_needles(), text)
