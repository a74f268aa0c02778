"""The search index: the only package that knows Whoosh.

`web/`, the CLI and the benchmark use only what is re-exported here: the plain
data of `search.api`, the engine that answers searches (`SearchIndex`, or
`LiveIndex` to follow rebuilds), `build_index`, and the facets (`FACETS`, one
definition each, which the web and the CLI list and label).
"""

from search.api import (
    GROUPS,
    MARK_END,
    MARK_START,
    SORTS,
    TEMPLATES,
    Export,
    FacetValue,
    FilterValue,
    Hit,
    OtherSection,
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
from search.facet_kinds import Facet, parse_year
from search.live import LiveIndex
from search.query import split_filters

__all__ = [
    "FACETS",
    "FACET_NAMES",
    "GROUPS",
    "TEMPLATES",
    "MARK_END",
    "MARK_START",
    "SORTS",
    "BuildSummary",
    "Export",
    "Facet",
    "FacetValue",
    "FilterValue",
    "Hit",
    "OtherSection",
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
    "parse_year",
    "shown",
    "split_filters",
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
