"""What to try when a search finds nothing or very little, each counted for real.

On an empty result: each filter dropped, all of them, the quotes removed.
On fewer than `suggest_below_reports` reports: 您是不是要找 — the query with a
word that (almost) no report holds whole corrected to a frequent word of the
index one typo away (`SearchIndex.did_you_mean`), filters kept. Only run on
such results, so the extra searches cost nothing on the pages people
usually see.
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


def _counted(index: SearchIndex, candidates: list[tuple[str, SearchParams]], settings: Settings, base: str) -> list[Suggestion]:
    found = []
    for label, changed in candidates:
        try:
            response = index.search(changed.replace(page=1, limit=1).search_request(settings))
        except QueryError:
            continue
        if response.total_sections:
            found.append(Suggestion(label, changed.url(base), response.total_sections, response.total_reports))
    return found


def suggestions(index: SearchIndex, params: SearchParams, settings: Settings, base: str) -> list[Suggestion]:
    """Changes to an empty search that do find something, with how much each finds."""
    return _counted(index, _candidates(params), settings, base)


def corrections(index: SearchIndex, params: SearchParams, settings: Settings, base: str, reports: int) -> list[Suggestion]:
    """您是不是要找: corrected queries that find more than the `reports` this one found, with their counts."""
    if not params.query.strip() or reports >= settings.suggest_below_reports:
        return []
    try:
        corrected = index.did_you_mean(params.query)
    except QueryError:
        return []
    found = _counted(index, [(query, params.replace(query=query, page=1)) for query in corrected], settings, base)
    return [suggestion for suggestion in found if suggestion.reports > reports]
