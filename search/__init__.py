"""The search index: the only package that knows Whoosh.

`web/`, the CLI and the benchmark use only what is re-exported here: the plain
data of `search.api`, the engine that answers searches (`SearchIndex`, or
`LiveIndex` to follow rebuilds), `build_index`, and the facets (`FACETS`, one
definition each, which the web and the CLI list and label).
"""

from search.api import (
    MARK_END,
    MARK_START,
    SORTS,
    Export,
    FacetValue,
    FilterValue,
    Hit,
    IndexLocked,
    IndexNotFound,
    IndexOutdated,
    QueryError,
    SearchRequest,
    SearchResponse,
    shown,
    split_marked,
    strip_marks,
)
from search.build import BuildSummary, build_index
from search.catalog import FACET_NAMES, FACETS, facet
from search.engine import IndexedReport, SearchIndex
from search.facet_kinds import Facet
from search.live import LiveIndex

__all__ = [
    "FACETS",
    "FACET_NAMES",
    "MARK_END",
    "MARK_START",
    "SORTS",
    "BuildSummary",
    "Export",
    "Facet",
    "FacetValue",
    "FilterValue",
    "Hit",
    "IndexLocked",
    "IndexNotFound",
    "IndexOutdated",
    "IndexedReport",
    "LiveIndex",
    "QueryError",
    "SearchIndex",
    "SearchRequest",
    "SearchResponse",
    "build_index",
    "facet",
    "shown",
    "split_marked",
    "strip_marks",
]
