"""Answering searches on one index generation: match sets, facets, ranking, hits.

A search is evaluated as boolean masks over all sections (numpy), so counts
and facets are exact and cheap however many sections match:

1. every needle of the query (see `search.query`) becomes the exact set of
   sections containing it (`search.grams`); clauses AND, items OR, NOT negates;
2. facet selections become masks from the metadata columns (`search.facets`);
3. the page is ordered by BM25 over jieba words (sections holding a whole
   term verbatim first) or by date, and only its hits read their stored
   blobs, for the snippet.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.filedb.filestore import FileStorage

from indexer.config import DEFAULTS, Settings
from indexer.report import Report
from search import grams, vocabulary
from search.analysis import is_ranked
from search.api import SORTS, Export, Hit, IndexNotFound, QueryError, SearchRequest, SearchResponse
from search.columns import Columns, SegmentedColumn
from search.facets import Facets, Selection
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
    source_root: Path | None = None  # the corpus root the file was found under: it is served only from inside it

    def to_json(self) -> dict[str, object]:
        return {"report_id": self.report_id, **self.report.to_json()}


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
            entry["report_id"]: (Path(key), Path(entry["root"])) for key, entry in manifest.get("files", {}).items()
        }
        self._facets = Facets(self.columns)
        self._frequent_words = list(vocabulary.load(generation))

    @classmethod
    def open(cls, index_dir: Path, settings: Settings = DEFAULTS) -> "SearchIndex":
        """Open the current generation of the index at `index_dir`."""
        generation = current_generation(index_dir)
        if generation is None:
            raise IndexNotFound(f"no index at {index_dir}; build one with `nianbao index`")
        return cls(generation, settings)

    def close(self) -> None:
        """Close the generation's files (Whoosh segments, gram index); searching it afterwards fails."""
        with self._lock:
            self._searcher.close()
            self._grams.close()

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

    # -- selections ----------------------------------------------------------

    def _select(self, request: SearchRequest) -> tuple[ParsedQuery, Selection]:
        """The parsed query and the facet selection of a request (its own and inline filters)."""
        if request.sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {request.sort!r}", "sort")
        parsed = parse_query(request.query, self.settings)
        agencies = [name.strip() for name in (*request.agencies, *parsed.agencies) if name.strip()]
        years = [parse_year(value) for value in request.years] + parsed.years
        sections = list(dict.fromkeys([resolve_section(value) for value in request.sections] + parsed.sections))
        for param, values in (("agency", agencies), ("year", years), ("section", sections)):
            if len(values) > self.settings.max_filter_values:
                raise QueryError(f"{param}: at most {self.settings.max_filter_values} values at once, got {len(values)}", param)
        return parsed, self._facets.select(agencies, years, sections)

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

    def search(self, request: SearchRequest) -> SearchResponse:
        """Answer one search request; raises QueryError for invalid input."""
        _validate_paging(request, self.settings)
        parsed, selection = self._select(request)
        cache: dict[str, np.ndarray] = {}
        base = self._query_mask(parsed, cache)
        matched = selection.apply(base)
        facets = self._facets.count(base, selection)
        offset = (request.page - 1) * request.limit
        hits: list[Hit] = []
        total = int(matched.sum())
        if offset < total:
            ordered, scores = self._ordered(matched, parsed, request.sort, cache, offset + request.limit)
            needles = parsed.highlight_needles()
            hits = [self._hit(int(d), float(s), needles) for d, s in zip(ordered[offset:], scores[offset:])]
        return SearchResponse(
            query=request.query,
            total_sections=total,
            total_reports=int(self._facets.reports_in(matched).sum()),
            facets=facets,
            hits=hits,
        )

    def export(self, request: SearchRequest, max_rows: int) -> Export:
        """Every matching section in result order, up to `max_rows`, with snippets (page and limit ignored).

        The query is checked and run now (QueryError is raised here); the hits,
        snippets and all, are made as they are read.
        """
        parsed, selection = self._select(request)
        cache: dict[str, np.ndarray] = {}
        matched = selection.apply(self._query_mask(parsed, cache))
        ordered, scores = self._ordered(matched, parsed, request.sort, cache, max_rows)
        needles = parsed.highlight_needles()
        hits = (self._hit(docnum, score, needles) for docnum, score in zip(ordered.tolist(), scores.tolist()))
        return Export(int(matched.sum()), hits)

    def report(self, report_id: str) -> IndexedReport | None:
        """The whole report with this id, or None."""
        if report_id not in self._report_index:
            return None
        docnums = np.flatnonzero((self.columns.report == self._report_index[report_id]) & self.columns.live)
        report = report_from_documents([self._stored(int(docnum)) for docnum in docnums])
        if report is None:
            return None
        source_file, source_root = self._source_files.get(report_id, (None, None))
        return IndexedReport(report_id, report, source_file, source_root)

    def highlight(self, query: str, text: str) -> list[tuple[int, int]]:
        """Spans of `text` that the query's terms and phrases match (for the document view)."""
        return match_spans(parse_query(query, self.settings).highlight_needles(), text)
