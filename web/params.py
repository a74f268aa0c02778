"""Search state from and to a URL: one reader for the search page, the JSON API and the CSV export.

    ?q=低保 "信息公开"&agency=天水市民政局&region=浙江省&year=2018-2020&section=problems&sort=date&page=2&limit=50
     &group=section&template=omit

There is one filter parameter per facet of the catalog (`search.FACETS`).
Results are grouped by report unless `group=section`; `template=omit` leaves
out preambles that only template sentences match. Filters repeat (values of one filter OR together); empty values are ignored,
so a form field left blank changes nothing. The engine validates the meaning
of every value (`QueryError`); this module only rejects what cannot be a
value at all (a page that is not a number, thousands of repeated filters).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping
from urllib.parse import quote, urlencode

from werkzeug.datastructures import MultiDict

from indexer.config import Settings
from search import FACET_NAMES, GROUPS, SORTS, TEMPLATES, QueryError, SearchRequest, facet, shown
_WHOLE_NUMBER = re.compile(r"[+-]?\d{1,64}")
_NUMBER_LABELS = {"page": "页码", "limit": "每页条数"}


def _whole_number(args: MultiDict[str, str], name: str) -> int | None:
    value = args.get(name, "").strip()
    if not value:
        return None
    if not _WHOLE_NUMBER.fullmatch(value):
        raise QueryError(f"{_NUMBER_LABELS.get(name, name)}应是整数，不能是 {shown(value)}", name)
    return int(value)


def _filter_values(args: MultiDict[str, str], name: str, settings: Settings) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(value.strip() for value in args.getlist(name) if value.strip()))
    if len(values) > settings.max_filter_values:
        raise QueryError(f"{facet(name).title}：一次最多选 {settings.max_filter_values} 个值，现在有 {len(values)} 个", name)
    for value in values:
        if len(value) > settings.max_query_chars:
            raise QueryError(f"{facet(name).title}：有一个值长 {len(value)} 个字符，超过了 {settings.max_query_chars} 个字符的上限", name)
    return values


def _default(value: int | None, default: int) -> int:
    return default if value is None else value


def _kept(filters: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Filters in the catalog's order, facets without values left out (so equal states compare equal)."""
    return {name: tuple(filters[name]) for name in FACET_NAMES if filters.get(name)}


@dataclass(frozen=True)
class SearchParams:
    """What a search URL asks for; `filters` maps a facet name to its values, `limit` None means the default page size."""

    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = SORTS[0]
    page: int = 1
    limit: int | None = None
    group: str = GROUPS[0]
    template: str = TEMPLATES[0]

    def __post_init__(self) -> None:
        object.__setattr__(self, "filters", _kept(self.filters))

    @classmethod
    def from_args(cls, args: MultiDict[str, str], settings: Settings) -> "SearchParams":
        """Read a request's query string; raises QueryError naming the parameter that cannot be read."""
        return cls(
            query=args.get("q", ""),
            filters={name: _filter_values(args, name, settings) for name in FACET_NAMES},
            sort=args.get("sort", "").strip() or SORTS[0],
            page=_default(_whole_number(args, "page"), 1),
            limit=_whole_number(args, "limit"),
            group=args.get("group", "").strip() or GROUPS[0],
            template=args.get("template", "").strip() or TEMPLATES[0],
        )

    @classmethod
    def for_display(cls, args: MultiDict[str, str], settings: Settings) -> "SearchParams":
        """The query and filters of a request that could not be read, to show it back to the user."""
        def values(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))[: settings.max_filter_values]

        def choice(name: str, choices: tuple[str, ...]) -> str:
            return args.get(name, "") if args.get(name, "") in choices else choices[0]

        return cls(
            query=args.get("q", "")[: settings.max_query_chars * 2],
            filters={name: values(name) for name in FACET_NAMES},
            sort=choice("sort", SORTS),
            group=choice("group", GROUPS),
            template=choice("template", TEMPLATES),
        )

    def search_request(self, settings: Settings) -> SearchRequest:
        limit = settings.default_page_size if self.limit is None else self.limit
        return SearchRequest(self.query, self.filters, self.sort, self.page, limit, self.group, self.template)

    def replace(self, **changes: Any) -> "SearchParams":
        return dataclasses.replace(self, **changes)

    def values(self, name: str) -> tuple[str, ...]:
        """The selected values of one facet."""
        return self.filters.get(name, ())

    def with_values(self, name: str, values: tuple[str, ...]) -> "SearchParams":
        """These params with facet `name` set to `values`, back on page 1."""
        return self.replace(filters={**self.filters, name: values}, page=1)

    @property
    def filter_pairs(self) -> list[tuple[str, str]]:
        """Every selected filter value as (parameter, value), in the catalog's order."""
        return [(name, value) for name, values in self.filters.items() for value in values]

    def without_filter(self, name: str, value: str | None = None) -> "SearchParams":
        """These params without one value of a filter (or all of its values), back on page 1."""
        return self.with_values(name, tuple(v for v in self.values(name) if value is not None and v != value))

    def without_filters(self) -> "SearchParams":
        return self.replace(filters={}, page=1)

    def query_args(self) -> list[tuple[str, str]]:
        """The URL parameters that reproduce these params; defaults are left out."""
        args: list[tuple[str, str]] = [("q", self.query)] if self.query else []
        args += self.filter_pairs
        if self.sort != SORTS[0]:
            args.append(("sort", self.sort))
        if self.group != GROUPS[0]:
            args.append(("group", self.group))
        if self.template != TEMPLATES[0]:
            args.append(("template", self.template))
        if self.page != 1:
            args.append(("page", str(self.page)))
        if self.limit is not None:
            args.append(("limit", str(self.limit)))
        return args

    def url(self, base: str) -> str:
        """`base` (a path) with these params as its query string."""
        args = self.query_args()
        return f"{base}?{urlencode(args, quote_via=quote)}" if args else base
