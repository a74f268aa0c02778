"""The search index: the only package that knows Whoosh.

`web/`, the CLI and the benchmark use only what is re-exported here: the plain
data of `search.api`, the engine that answers searches (`SearchIndex`, or
`LiveIndex` to follow rebuilds), `build_index`, and the parsers of filter
values that the web layer checks before searching.
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
from search.query import parse_year, resolve_section

__all__ = [
    "FACETS",
    "MARK_END",
    "MARK_START",
    "SORTS",
    "BuildSummary",
    "Export",
    "FacetValue",
    "Hit",
    "IndexLocked",
    "IndexNotFound",
    "IndexedReport",
    "LiveIndex",
    "QueryError",
    "SearchIndex",
    "SearchRequest",
    "SearchResponse",
    "build_index",
    "parse_year",
    "resolve_section",
    "split_marked",
    "strip_marks",
]

# Copy detection: the copy index kept in each generation, the `copied` and `reused` flags, the shared passages of a pair.
from search.passages import SharedPassage, Span, shared_passages  # noqa: E402
from search.similarity import (  # noqa: E402
    CopyIndex,
    Fingerprint,
    Match,
    Scores,
    copy_flags,
    fingerprint,
    update_copy_index,
)

__all__ += [
    "CopyIndex",
    "Fingerprint",
    "Match",
    "Scores",
    "SharedPassage",
    "Span",
    "copy_flags",
    "fingerprint",
    "shared_passages",
    "update_copy_index",
]
