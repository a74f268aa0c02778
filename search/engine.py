"""Answering searches on one index generation: match sets, facets, ranking, hits.

A search is evaluated as boolean masks over all sections (numpy), so counts
and facets are exact and cheap however many sections match:

1. every needle of the query (see `search.query`) becomes the exact set of
   sections containing it (`search.grams`); clauses AND, items OR, NOT negates;
2. facet selections become masks from the metadata columns (`search.facets`);
3. the page is ordered by BM25 over jieba words (sections holding a whole
   term verbatim first) or by date, sections one by one or grouped by report
   (`search.grouping`), and only its hits read their stored blobs, for the
   snippet.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any

import numpy as np
from whoosh.filedb.filestore import FileStorage

from indexer.config import DEFAULTS, Settings
from indexer.report import Report
from search import grams, vocabulary
from search.boilerplate import TemplateSentences, names_of_report
from search.analysis import is_ranked
from search.api import (
    GROUPS,
    SORTS,
    TEMPLATES,
    Export,
    Hit,
    IndexNotFound,
    IndexOutdated,
    OtherSection,
    QueryError,
    SearchRequest,
    SearchResponse,
    shown,
)
from search.catalog import FACETS, facet
from search.columns import Columns, SegmentedColumn
from search.facets import Facets, Selection
from search.grouping import group_by_report
from search.documents import REPORT_FIELD, report_from_documents, unpack_stored
from search.query import Item, ParsedQuery, parse_query
from search.ordering import ORDINAL_SPAN, first_by_position, first_by_score
from search.ranking import Ranker
from search.schema import is_current
from search.snippets import make_snippet, match_spans
from search.spelling import Speller
from search.store import current_generation, read_manifest

_HIT_REPORT_KEYS = ("source_url", "title", "agency", "year", "region", "level", "agency_kind", "agency_series", "published")
Row = tuple[int, float, "tuple[OtherSection, ...] | None"]  # a hit to make: docnum, score, the report's other sections
_CACHED_REPORTS = 4096  # reports whose metadata a searcher keeps unpacked (hits of the same reports recur)


@dataclass
class IndexedReport:
    """A report from the index, with its id and the file it was read from."""

    report_id: str
    report: Report
    source_file: Path | None
    source_root: Path | None = None  # the corpus root the file was found under: it is served only from inside it

    def to_json(self) -> dict[str, object]:
        return {"report_id": self.report_id, **self.report.to_json()}


def _validate_choices(request: SearchRequest) -> None:
    if request.sort not in SORTS:
        raise QueryError(f"排序方式只能是 {'、'.join(SORTS)}（相关度、日期），不能是 {shown(request.sort)}", "sort")
    if request.group not in GROUPS:
        raise QueryError(f"分组方式只能是 {'、'.join(GROUPS)}（按报告、按部分），不能是 {shown(request.group)}", "group")
    if request.template not in TEMPLATES:
        raise QueryError(f"template 只能是 {'、'.join(TEMPLATES)}（保留、略去前言中的模板句），不能是 {shown(request.template)}", "template")


def _validate_paging(request: SearchRequest, settings: Settings) -> None:
    if not isinstance(request.page, int) or request.page < 1:
        raise QueryError(f"页码应是从 1 起的整数，不能是 {shown(request.page)}", "page")
    if not isinstance(request.limit, int) or not 1 <= request.limit <= settings.max_page_size:
        raise QueryError(f"每页条数应在 1 到 {settings.max_page_size} 之间，不能是 {shown(request.limit)}", "limit")


class SearchIndex:
    """One generation of an index, opened for searching; safe to share between threads."""

    def __init__(self, generation: Path, settings: Settings = DEFAULTS) -> None:
        manifest = read_manifest(generation)
        if not is_current(manifest):
            raise IndexOutdated(
                f"the index at {generation.parent} was built by another version of nianbao; rebuild it with `nianbao index`",
                list(manifest.get("files", {})),
            )
        self.generation = generation
        self.settings = settings
        self._lock = threading.Lock()
        # Without mmap: Whoosh would copy every file of a compound segment into memory
        # (BytesIO over the map), the whole index in RAM; plain reads use the page cache.
        self._whoosh = FileStorage(str(generation), supports_mmap=False).open_index()
        self._searcher = self._whoosh.searcher()
        self._blobs = SegmentedColumn(self._searcher.reader(), "stored")
        self._report_blobs = SegmentedColumn(self._searcher.reader(), REPORT_FIELD)
        self.columns = Columns.load(generation)
        # A function of the blobs alone, not a bound method: a cache holding `self` would keep a replaced
        # generation open for ever (LiveIndex closes one when nothing else refers to it).
        self.report_metadata = lru_cache(maxsize=_CACHED_REPORTS)(
            partial(_report_metadata, self._report_blobs, self.columns.report_first_doc, self._lock)
        )
        self._grams = grams.GramIndex(generation)
        self._ranker = Ranker(self._searcher, self.columns, self._lock)
        self._report_index = {report_id: index for index, report_id in enumerate(self.columns.report_ids)}
        self._source_files = {
            entry["report_id"]: (Path(key), Path(entry["root"])) for key, entry in manifest.get("files", {}).items()
        }
        self._facets = Facets(self.columns)
        self._word_sections = vocabulary.load(generation)
        self._frequent_words = list(self._word_sections)
        self._templates = TemplateSentences(generation, self.columns.section_count)

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
        _validate_choices(request)
        unknown = sorted(set(request.filters) - {definition.name for definition in FACETS})
        if unknown:
            raise QueryError(f"没有名为{shown(unknown[0])}的筛选；可用的有 {'、'.join(f'{definition.name}（{definition.title}）' for definition in FACETS)}", unknown[0])
        parsed = parse_query(request.query, self.settings)
        typed: dict[str, list[tuple[str, str]]] = {}
        for definition in FACETS:
            name = definition.name
            values = [(value, name) for value in dict.fromkeys(request.filters.get(name, ())) if value.strip()]
            values += [(value, "q") for value in parsed.filters.get(name, [])]
            if len(values) > self.settings.max_filter_values:
                raise QueryError(f"{definition.title}：一次最多选 {self.settings.max_filter_values} 个值，现在有 {len(values)} 个", name)
            typed[name] = values
        return parsed, self._facets.select(typed)

    # -- ordering ------------------------------------------------------------

    def _ordered(
        self, matched: np.ndarray, parsed: ParsedQuery, request: SearchRequest, cache: dict[str, np.ndarray], count: int
    ) -> list[Row]:
        """The first `count` results of `matched` in result order: sections, or reports with their best section."""
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
        by_score = bool(words) and request.sort != "date"
        if request.group == "report":
            groups = group_by_report(columns.report[docnums], scores, position, len(columns.report_ids), count, by_score)
            return [
                (int(docnums[best]), float(scores[best]), tuple(self._other(int(docnums[i]), float(scores[i])) for i in others))
                for best, others in zip(groups.best.tolist(), groups.others)
            ]
        order = first_by_score(scores, position, count) if by_score else first_by_position(position, count)
        return [(int(docnum), float(score), None) for docnum, score in zip(docnums[order].tolist(), scores[order].tolist())]

    def _other(self, docnum: int, score: float) -> OtherSection:
        column = self.columns.facets["section"]
        return OtherSection(column.names[int(column.ids[docnum, 0])], int(self.columns.ordinal[docnum]), round(score, 4))

    # -- answers -------------------------------------------------------------

    def _stored(self, docnum: int) -> dict[str, Any]:
        """What a section shows: its type, heading and text."""
        with self._lock:
            blob = self._blobs[docnum]
        return unpack_stored(blob)

    def _hit(self, row: Row, needles: list[str], omit_template: bool) -> Hit:
        docnum, score, others = row
        stored = self._stored(docnum)
        metadata = self.report_metadata(int(self.columns.report[docnum]))
        text = stored["text"]
        if omit_template and self._templates.holds_template(docnum):
            text = self._templates.strip(text, names_of_report(metadata)) or text
        return Hit(
            report_id=stored["report_id"],
            source_path=metadata["source_path"],
            **{key: metadata.get(key) for key in _HIT_REPORT_KEYS},
            section=stored["section"],
            heading=stored["heading"],
            snippet=make_snippet(needles, text, self.settings.snippet_chars),
            score=round(float(score), 4),
            ordinal=stored["ordinal"],
            other_sections=others,
        )

    def _matches(self, request: SearchRequest) -> tuple[ParsedQuery, Selection, np.ndarray, np.ndarray, int, dict[str, np.ndarray]]:
        """The parsed query, the selection, the sections the query matches (before and after the selection),
        how many sections `template="omit"` left out, and the needle cache."""
        parsed, selection = self._select(request)
        cache: dict[str, np.ndarray] = {}
        base = self._query_mask(parsed, cache)
        left_out = 0
        if request.template == "omit":
            base, left_out = self._templates.omit(parsed, base)
        return parsed, selection, base, selection.apply(base), left_out, cache

    def search(self, request: SearchRequest) -> SearchResponse:
        """Answer one search request; raises QueryError for invalid input."""
        _validate_paging(request, self.settings)
        parsed, selection, base, matched, left_out, cache = self._matches(request)
        facets = self._facets.count(base, selection)
        total = int(matched.sum())
        reports = int(self._facets.reports_in(matched).sum())
        offset = (request.page - 1) * request.limit
        hits: list[Hit] = []
        if offset < (reports if request.group == "report" else total):
            rows = self._ordered(matched, parsed, request, cache, offset + request.limit)
            needles = parsed.highlight_needles()
            hits = [self._hit(row, needles, request.template == "omit") for row in rows[offset:]]
        return SearchResponse(
            query=request.query,
            total_sections=total,
            total_reports=reports,
            facets=facets,
            hits=hits,
            filters=selection.filters,
            group=request.group,
            template=request.template,
            template_sections=left_out,
            filter_matches=selection.matches,
        )

    def export(self, request: SearchRequest, max_rows: int) -> Export:
        """Every matching section (or report, grouped) in result order, up to `max_rows`, with snippets
        (page and limit ignored).

        The query is checked and run now (QueryError is raised here); the hits,
        snippets and all, are made as they are read.
        """
        parsed, _, _, matched, _, cache = self._matches(request)
        rows = self._ordered(matched, parsed, request, cache, max_rows)
        needles = parsed.highlight_needles()
        reports = int(self._facets.reports_in(matched).sum())
        omit = request.template == "omit"
        return Export(int(matched.sum()), (self._hit(row, needles, omit) for row in rows), reports, request.group)

    def report(self, report_id: str) -> IndexedReport | None:
        """The whole report with this id, or None."""
        if report_id not in self._report_index:
            return None
        report_index = self._report_index[report_id]
        docnums = np.flatnonzero((self.columns.report == report_index) & self.columns.live)
        report = report_from_documents(self.report_metadata(report_index), [self._stored(int(docnum)) for docnum in docnums])
        if report is None:
            return None
        source_file, source_root = self._source_files.get(report_id, (None, None))
        return IndexedReport(report_id, report, source_file, source_root)

    @cached_property
    def _speller(self) -> Speller:
        return Speller(self._word_sections)

    def did_you_mean(self, query: str) -> list[str]:
        """The query with one word or phrase that (almost) no report holds whole replaced by a frequent word of
        the index one typo away (行政复意 → 行政复议), best first; empty when there is nothing to correct."""
        parsed = parse_query(query, self.settings)
        cache: dict[str, np.ndarray] = {}
        corrected: list[str] = []
        for item in parsed.positive_items:
            if self._facets.reports_in(self._containing(item.whole, cache)).sum() >= self.settings.suggest_below_reports:
                continue
            corrected += [query.replace(item.text, word, 1) for word in self._speller.suggestions(item.whole)]
        return list(dict.fromkeys(corrected))

    def matching_ordinals(self, report_id: str, query: str, sections: tuple[str, ...] = ()) -> set[int]:
        """The places (ordinals) of a report's sections that `query` matches, of the section types `sections`
        names (any, when empty): what a search that led to the report found there."""
        if report_id not in self._report_index:
            return set()
        parsed = parse_query(query, self.settings)
        wanted = {facet("section").check(value, "section") for value in sections}
        column = self.columns.facets["section"]
        docnums = np.flatnonzero((self.columns.report == self._report_index[report_id]) & self.columns.live).tolist()
        return {
            int(self.columns.ordinal[docnum])
            for docnum in docnums
            if (not wanted or column.names[int(column.ids[docnum, 0])] in wanted) and parsed.matches(self._grams.text(docnum))
        }

    def highlight(self, query: str, text: str) -> list[tuple[int, int]]:
        """Spans of `text` that the query's terms and phrases match (for the document view)."""
        return match_spans(parse_query(query, self.settings).highlight_needles(), text)


def _report_metadata(blobs: SegmentedColumn, first_doc: np.ndarray, lock: threading.Lock, report: int) -> dict[str, Any]:
    """The metadata of the report at this index of `columns.report_ids` (`Report.to_json` without sections)."""
    with lock:
        blob = blobs[int(first_doc[report])]
    return unpack_stored(blob)
