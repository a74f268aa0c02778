"""The per-year chart of matching reports: a list of years, each a button with its year and count as text.

The counts are the year facet's (other filters applied, the year selection
not), so the chart shows where the matches lie. Each year with reports is a
button of the page's state form (see `web.state_form`) that narrows the
search to that year; with the page's script, shift-click extends the
selection to a range. A bar (an SVG rectangle, hidden from screen readers,
who read the text) is scaled to the tallest year. Years without reports
between the first and the last are listed too, so gaps show.
"""

from __future__ import annotations

from dataclasses import dataclass

from search import FacetValue


@dataclass
class Bar:
    year: int
    count: int
    percent: float  # the bar's height, of the tallest
    selected: bool


@dataclass
class YearChart:
    bars: list[Bar]


def year_chart(values: list[FacetValue], selected: set[int]) -> YearChart | None:
    """Bars for every year from the first to the last with matching reports; None when there are none."""
    counts = {int(value.value): value.count for value in values if value.count}
    if not counts:
        return None
    tallest = max(counts.values())
    return YearChart([
        Bar(year, counts.get(year, 0), round(100 * counts.get(year, 0) / tallest, 1), year in selected)
        for year in range(min(counts), max(counts) + 1)
    ])
