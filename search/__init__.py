"""The search index: the only package that knows Whoosh.

`web/`, the CLI and the benchmark use only what is re-exported here: the plain
data of `search.api`, the engine that answers searches (`SearchIndex`, or
`LiveIndex` to follow rebuilds), `build_index`, and the parsers of filter
values that the web layer checks before searching; and copy detection
(`search.similarity`): the copy index kept in each generation, the `copied` and
`reused` flags and the shared passages of a pair.
"""

from search.api import (
    FACETS,
    MARK_END,
    MARK_START,
    SORTS,
    Export,
    FacetValue,
    Hit,
    IndexLocked,
    IndexNotFound,
    QueryError,
    SearchRequest,
    SearchResponse,
    split_marked,
    strip_marks,
)
from search.build import BuildSummary, build_index
from search.engine import IndexedReport, SearchIndex
from search.live import LiveIndex
from search.passages import SharedPassage, Span, shared_passages
from search.query import parse_year, resolve_section
from search.similarity import CopyIndex, Fingerprint, Match, Scores, copy_flags, fingerprint, update_copy_index

__all__ = [
    "FACETS",
    "MARK_END",
    "MARK_START",
    "SORTS",
    "BuildSummary",
    "CopyIndex",
    "Export",
    "FacetValue",
    "Fingerprint",
    "Hit",
    "IndexLocked",
    "IndexNotFound",
    "IndexedReport",
    "LiveIndex",
    "Match",
    "QueryError",
    "Scores",
    "SearchIndex",
    "SearchRequest",
    "SearchResponse",
    "SharedPassage",
    "Span",
    "build_index",
    "copy_flags",
    "fingerprint",
    "parse_year",
    "resolve_section",
    "shared_passages",
    "split_marked",
    "strip_marks",
    "update_copy_index",
]
