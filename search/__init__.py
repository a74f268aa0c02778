"""The search index: the only package that knows Whoosh.

`web/` and the CLI use the plain API re-exported here (see `search.api`).
"""

from search.api import (
    FACETS,
    MARK_END,
    MARK_START,
    SORTS,
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

__all__ = [
    "FACETS",
    "MARK_END",
    "MARK_START",
    "SORTS",
    "FacetValue",
    "Hit",
    "IndexLocked",
    "IndexNotFound",
    "QueryError",
    "SearchRequest",
    "SearchResponse",
    "split_marked",
    "strip_marks",
]
