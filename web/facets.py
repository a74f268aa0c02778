"""Facets as the search page shows them: checkboxes with counts, and the selections as chips.

The checkboxes live in the page's GET form, so ticking one and submitting
keeps every other selection. A selected value that no checkbox stands for
(part of an agency name, the start of a place name) travels in a hidden field
instead, and every selection is a chip whose button removes it through the
state form (`web.state_form`); removing a place removes the places under it
too. Which boxes a typed value ticks is the engine's answer
(`SearchResponse.filters`); labels come from each facet's definition
(`search.FACETS`). Years selected one by one or as ranges show as the
ranges they make up together (2019, 2020 and 2021-2024: one chip 2019–2024),
and the year facet offers from–to inputs for a range.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from search import FACETS, Facet, FacetValue, QueryError, SearchResponse, facet, parse_year
from web.params import SearchParams
from web.state_form import remove_value


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool
    depth: int = 0  # 0 for a top value; a place's sub-places are one deeper

    @property
    def pinned(self) -> bool:
        """Always shown: selected, or below a top value (a place's sub-places follow it)."""
        return self.checked or self.depth > 0


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


def options_html(name: str, options: list[FacetOption]) -> Markup:
    """A facet's options as the checkboxes of the search form, built as one string: a long facet (hundreds of
    agencies) would cost the page several milliseconds through the template engine. Every value is escaped."""
    items = []
    for option in options:
        depth = f' class="depth-{option.depth}"' if option.depth else ""
        zero = "" if option.count else " zero"
        checked = " checked" if option.checked else ""
        items.append(
            f'<li{depth}><label class="facet-option{zero}"><input type="checkbox" name="{escape(name)}" '
            f'value="{escape(option.value)}" form="search-form"{checked}> <span class="facet-value">{escape(option.label)}'
            f'</span> <span class="facet-count">{option.count}</span></label></li>'
        )
    return Markup('<ul class="facet-options">\n' + "\n".join(items) + "\n</ul>")


def ticked_values(response: SearchResponse, name: str) -> set[str]:
    """The values of facet `name` whose boxes the request's filters tick."""
    return {value for selected in response.filters.get(name, []) for value in selected.exact}


def _options(definition: Facet, values: list[FacetValue], ticked: set[str]) -> list[FacetOption]:
    return [
        FacetOption(
            value=value.value,
            label=definition.option_label(value.value),
            count=value.count,
            checked=value.value in ticked,
            depth=definition.depth(value.value),
        )
        for value in values
    ]


def _split(options: list[FacetOption], shown_count: int) -> tuple[list[FacetOption], list[FacetOption]]:
    """The first `shown_count` top values, whatever is pinned and every value whose sub-values are listed,
    in order; the rest fold away."""
    shown: list[FacetOption] = []
    folded: list[FacetOption] = []
    tops = 0
    for position, option in enumerate(options):
        tops += option.depth == 0
        opened = position + 1 < len(options) and options[position + 1].depth > option.depth
        (shown if tops <= shown_count or option.pinned or opened else folded).append(option)
    return shown, folded


def facet_groups(response: SearchResponse, params: SearchParams, shown_count: int) -> list[FacetGroup]:
    """Every facet of a response, ready for the form."""
    groups = []
    for definition in FACETS:
        name = definition.name
        options = _options(definition, response.facets.get(name, []), ticked_values(response, name))
        listed = {option.value for option in options}
        hidden = [
            selected.typed
            for selected in response.filters.get(name, [])
            if not selected.exact or not set(selected.exact) <= listed
        ]
        shown, folded = _split(options, shown_count)
        groups.append(FacetGroup(name, definition.title, shown, folded, hidden))
    return groups


def chip_label(name: str, value: str) -> str:
    definition = facet(name)
    return f"{definition.title}：{definition.label(value)}"


def year_spans(values: tuple[str, ...]) -> list[str]:
    """Year values merged into the ranges they cover together (2019, 2020, 2021-2023 → 2019-2023); a value
    that is no year stays as it is."""
    spans: list[list[int]] = []
    unread: list[str] = []
    for value in values:
        try:
            spans.append(list(parse_year(value)))
        except QueryError:
            unread.append(value)
    merged: list[list[int]] = []
    for first, last in sorted(spans):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return [str(first) if first == last else f"{first}-{last}" for first, last in merged] + unread


def chips(params: SearchParams) -> list[Chip]:
    """One removable chip per selected filter value, one per range of years (its button removes it through the
    state form)."""
    return [
        Chip(chip_label(name, value), remove_value(name, value))
        for name in params.filters
        for value in (year_spans(params.values(name)) if name == "year" else params.values(name))
    ]


@dataclass
class YearRange:
    """The from–to inputs of the year facet: the years to choose from, and the range selected (if one is)."""

    years: list[int]
    first: int | None = None
    last: int | None = None


def year_range(response: SearchResponse, params: SearchParams) -> YearRange:
    years = sorted(int(value.value) for value in response.facets.get("year", []))
    spans = year_spans(params.values("year"))
    if len(spans) == 1:
        try:
            first, last = parse_year(spans[0])
        except QueryError:
            return YearRange(years)
        return YearRange(years, first, last)
    return YearRange(years)
