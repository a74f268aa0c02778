"""Plain data in and out of the search package: the requests, answers and errors web/ and the CLI exchange with it.

Snippets are plain text in which each match is wrapped in `MARK_START` ...
`MARK_END` (two private-use characters the indexer strips from documents), so a
renderer escapes the text and turns only the markers into highlight markup:
document text is never returned as markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

MARK_START = "\ue000"
MARK_END = "\ue001"

SORTS: tuple[str, ...] = ("relevance", "date")
GROUPS: tuple[str, ...] = ("report", "section")
"""How results are listed: one row per report (its best section, the others named), or one per section."""
TEMPLATES: tuple[str, ...] = ("keep", "omit")
"""Whether a preamble's template sentences (shared by many reports) may match: kept, or left out."""


_SHOWN_CHARS = 40


def shown(value: object) -> str:
    """A user's value as an error message quotes it: in 「」, cut short if it is long."""
    text = str(value).strip()
    return f"「{text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + '…'}」"


class QueryError(ValueError):
    """A query or parameter the engine cannot answer; `message` tells the user, in Chinese, how to fix it.

    `param` names the request parameter at fault in English (q, year, page, …), as URLs and the API spell it.
    """

    def __init__(self, message: str, param: str = "q") -> None:
        super().__init__(message)
        self.message = message
        self.param = param


class IndexNotFound(FileNotFoundError):
    """There is no usable index at the given directory."""


class IndexOutdated(IndexNotFound):
    """The index was built by another version of nianbao (another layout or vocabulary): it must be rebuilt.

    `sources` are the report files it was built from, so it can be rebuilt from the same ones.
    """

    def __init__(self, message: str, sources: list[str]) -> None:
        super().__init__(message)
        self.sources = sources


class IndexLocked(RuntimeError):
    """Another process is writing the index; `holder` describes it (pid, host, start time)."""

    def __init__(self, index_dir: str, holder: str) -> None:
        super().__init__(f"the index at {index_dir} is being updated by {holder}; try again when it finishes")
        self.index_dir = index_dir
        self.holder = holder


@dataclass(frozen=True)
class SearchRequest:
    """One search: the query string plus facet selections, sort and paging.

    `filters` maps a facet name (see `search.catalog`) to the values typed for
    it, e.g. {"year": ("2019", "2021-2023"), "region": ("浙江省",)}. Values
    within one facet OR together, facets AND. `group` is one of `GROUPS`
    (paging counts reports when it is "report"), `template` one of `TEMPLATES`.
    """

    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    limit: int = 20
    group: str = "section"
    template: str = "keep"


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet and its matching reports; `code` is a place's GB/T 2260 code, where known."""

    value: str
    count: int
    code: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "count": self.count}
        if self.code is not None:
            data["code"] = self.code
        return data


@dataclass(frozen=True)
class FilterMatches:
    """A typed filter value that selected several values of its facet (agency:人社局 → every 人社局 of the
    index), so a user learns that the filter is wider than one body: the facet, the value as typed, and
    the values it selected, by name."""

    facet: str
    typed: str
    values: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"facet": self.facet, "typed": self.typed, "values": list(self.values)}


@dataclass(frozen=True)
class FilterValue:
    """One filter value of a request as typed, and the facet values it names as a whole (the boxes to tick;
    none for part of a name, which selects every value containing it)."""

    typed: str
    exact: tuple[str, ...]


@dataclass(frozen=True)
class OtherSection:
    """Another matching section of a hit's report (results grouped by report): its type, place and score."""

    section: str
    ordinal: int
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"section": self.section, "ordinal": self.ordinal, "score": self.score}


@dataclass(frozen=True)
class Hit:
    """One matching section with its report's metadata and a marked snippet.

    Grouped by report, a hit is its report's best section, and `other_sections`
    are the report's other matching sections in result order.
    """

    report_id: str
    source_path: str
    source_url: str | None
    title: str | None
    agency: str | None
    year: int | None
    section: str
    heading: str
    snippet: str
    score: float
    region: dict[str, str | None] | None = None
    level: str | None = None
    agency_kind: str | None = None
    agency_series: str | None = None
    ordinal: int = 0  # the section's place in its report (for links to it); not part of the JSON
    other_sections: tuple[OtherSection, ...] | None = None  # None: results not grouped by report
    published: str | None = None  # the report's publication date (ISO); not part of the JSON

    @property
    def matching_sections(self) -> int:
        """How many sections of its report match (1 when results are not grouped)."""
        return 1 + len(self.other_sections or ())

    def to_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in HIT_KEYS}
        if self.other_sections is not None:
            data["matching_sections"] = self.matching_sections
            data["other_sections"] = [other.to_json() for other in self.other_sections]
        return data


HIT_KEYS: tuple[str, ...] = (
    "report_id",
    "source_path",
    "source_url",
    "title",
    "agency",
    "year",
    "region",
    "level",
    "agency_kind",
    "agency_series",
    "section",
    "heading",
    "snippet",
    "score",
)


@dataclass
class Export:
    """Every matching section (or report, grouped) of a search in result order, up to a cap, and how many match."""

    total_sections: int
    hits: Iterator[Hit]
    total_reports: int = 0
    group: str = "section"

    @property
    def total_rows(self) -> int:
        return self.total_reports if self.group == "report" else self.total_sections


@dataclass
class SearchResponse:
    """The answer to a `SearchRequest`; `to_json` is the `nianbao search --json` contract.

    `facets` holds every facet, in the catalog's order; `filters` (not part of
    the JSON) what each filter value of the request named, per facet;
    `template_sections` how many sections the request's `template="omit"`
    left out (those only its template sentences matched); `filter_matches` the
    filter values, typed in a parameter or in the query, that selected several
    values of a facet that says so (an agency short form matching many bodies).
    """

    query: str
    total_sections: int
    total_reports: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    filters: dict[str, list[FilterValue]] = field(default_factory=dict)
    group: str = "section"
    template: str = "keep"
    template_sections: int = 0
    filter_matches: list[FilterMatches] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        """The rows paging counts: reports when grouped by report, else sections."""
        return self.total_reports if self.group == "report" else self.total_sections

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total_sections": self.total_sections,
            "total_reports": self.total_reports,
            "facets": {name: [value.to_json() for value in values] for name, values in self.facets.items()},
            "hits": [hit.to_json() for hit in self.hits],
            "group": self.group,
            "template": self.template,
            "template_sections": self.template_sections,
            "filter_matches": [matches.to_json() for matches in self.filter_matches],
        }


def split_marked(snippet: str) -> Iterator[tuple[str, bool]]:
    """Yield (text, is_match) pieces of a marked snippet, in order, empty pieces skipped."""
    for index, piece in enumerate(snippet.replace(MARK_END, MARK_START).split(MARK_START)):
        if piece:
            yield piece, index % 2 == 1


def strip_marks(snippet: str) -> str:
    """The snippet as plain text, without match markers."""
    return snippet.replace(MARK_START, "").replace(MARK_END, "")
