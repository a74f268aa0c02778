"""What to try when a search finds nothing: each filter dropped, quotes removed, counted for real.

Only run on an empty result, so the few extra searches cost nothing on the
pages people usually see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.config import Settings
from search import FACETS, QueryError, SearchIndex
from web.params import SearchParams

_QUOTES = re.compile(r"[\"\u201c\u201d\uff02\u300c\u300d]")


@dataclass
class Suggestion:
    label: str
    url: str
    sections: int
    reports: int


def _candidates(params: SearchParams) -> list[tuple[str, SearchParams]]:
    candidates = [
        (f"去掉{facet.title}筛选", params.without_filter(facet.name)) for facet in FACETS if params.values(facet.name)
    ]
    if len(params.filter_pairs) > 1:
        candidates.append(("去掉全部筛选", params.without_filters()))
    unquoted = _QUOTES.sub(" ", params.query).strip()
    if unquoted != params.query.strip():
        candidates.append((f"不用引号：{unquoted}", params.replace(query=unquoted, page=1)))
    return candidates


def suggestions(index: SearchIndex, params: SearchParams, settings: Settings, base: str) -> list[Suggestion]:
    """Changes to an empty search that do find something, with how much each finds."""
    found = []
    for label, changed in _candidates(params):
        try:
            response = index.search(changed.replace(page=1, limit=1).search_request(settings))
        except QueryError:
            continue
        if response.total_sections:
            found.append(Suggestion(label, changed.url(base), response.total_sections, response.total_reports))
    return found
