"""Facets as the search page shows them: checkboxes with counts, and the selections as chips.

The checkboxes live in the page's GET form, so ticking one and submitting
keeps every other selection. A selected value the engine lists no checkbox
for (a year range, part of an agency name, a section alias) travels in a
hidden field instead, and every selection is a chip whose button removes it
(see `web.state_form`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.report import SECTION_LABELS
from search import FacetValue, QueryError, SearchResponse, parse_year, resolve_section
from web.params import SearchParams
from web.state_form import remove_value

FACET_TITLES: dict[str, str] = {"agency": "机构", "year": "年度", "section": "部分"}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class FacetGroup:
    """One facet: the options shown at once, the ones folded away, and selections without an option."""

    name: str
    title: str
    shown: list[FacetOption] = field(default_factory=list)
    folded: list[FacetOption] = field(default_factory=list)
    hidden_values: list[str] = field(default_factory=list)

    @property
    def selected_count(self) -> int:
        return sum(option.checked for option in self.shown) + len(self.hidden_values)


@dataclass
class Chip:
    label: str
    remove: str


def _year_span(value: str) -> tuple[int, int] | None:
    try:
        return parse_year(value)
    except QueryError:
        return None


def _section_type(value: str) -> str | None:
    try:
        return resolve_section(value)
    except QueryError:
        return None


def selected_year_numbers(params: SearchParams) -> set[int]:
    """Every year the request's year filters cover."""
    years: set[int] = set()
    for value in params.years:
        span = _year_span(value)
        if span:
            years.update(range(span[0], span[1] + 1))
    return years


def _without_option(name: str, params: SearchParams, option_values: set[str]) -> list[str]:
    """Selected values of facet `name` that no checkbox carries (a year range is carried by its years' boxes)."""
    if name == "agency":
        return [value for value in params.agencies if value not in option_values]
    if name == "year":
        return [value for value in params.years if _year_span(value) is None]
    return [value for value in params.sections if _section_type(value) not in option_values]


def _is_checked(name: str, value: str, params: SearchParams, selected_years: set[int]) -> bool:
    if name == "agency":
        return value in params.agencies
    if name == "year":
        return int(value) in selected_years
    return any(_section_type(selected) == value for selected in params.sections)


def facet_groups(response: SearchResponse, params: SearchParams, shown_count: int) -> list[FacetGroup]:
    """The agency, year and section facets of a response, ready for the form."""
    selected_years = selected_year_numbers(params)
    groups = []
    for name in ("agency", "year", "section"):
        values: list[FacetValue] = response.facets.get(name, [])
        options = [
            FacetOption(
                value=facet.value,
                label=SECTION_LABELS.get(facet.value, facet.value) if name == "section" else facet.value,
                count=facet.count,
                checked=_is_checked(name, facet.value, params, selected_years),
            )
            for facet in values
        ]
        shown = options[:shown_count] + [option for option in options[shown_count:] if option.checked]
        folded = [option for option in options[shown_count:] if not option.checked]
        hidden = _without_option(name, params, {option.value for option in options})
        groups.append(FacetGroup(name, FACET_TITLES[name], shown, folded, hidden))
    return groups


def _chip_label(name: str, value: str) -> str:
    if name == "section":
        section_type = _section_type(value)
        value = SECTION_LABELS[section_type] if section_type else value
    return f"{FACET_TITLES[name]}：{value}"


def chips(params: SearchParams) -> list[Chip]:
    """One removable chip per selected filter value (its button removes it through the state form)."""
    return [Chip(_chip_label(name, value), remove_value(name, value)) for name, value in params.filters]
