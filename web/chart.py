"""The per-year bar chart of matching reports, laid out here and drawn as inline SVG by the template.

The counts are the year facet's (other filters applied, the year selection
not), so the chart shows where the matches lie, and each bar's slot is a
button of the page's state form that narrows the search to its year (see
`web.state_form`). Years without reports between the first and the last get
empty slots, so gaps show.
"""

from __future__ import annotations

from dataclasses import dataclass

from search import FacetValue

CHART_WIDTH = 600
CHART_HEIGHT = 120
_PLOT_TOP = 16
_PLOT_BOTTOM = 98
_LABEL_Y = 114
_GAP = 0.2
_MAX_LABELS = 12


@dataclass
class Bar:
    year: int
    count: int
    x: float
    y: float
    width: float
    height: float
    selected: bool
    labelled: bool

    @property
    def middle(self) -> float:
        return self.x + self.width / 2


@dataclass
class YearChart:
    bars: list[Bar]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    count_y: int = _PLOT_TOP - 4
    label_y: int = _LABEL_Y
    baseline_y: int = _PLOT_BOTTOM


def year_chart(values: list[FacetValue], selected: set[int]) -> YearChart | None:
    """Bars for every year from the first to the last with matching reports; None when there are none."""
    counts = {int(value.value): value.count for value in values if value.count}
    if not counts:
        return None
    years = list(range(min(counts), max(counts) + 1))
    slot = CHART_WIDTH / len(years)
    tallest = max(counts.values())
    label_every = -(-len(years) // _MAX_LABELS)
    bars = []
    for index, year in enumerate(years):
        count = counts.get(year, 0)
        height = (_PLOT_BOTTOM - _PLOT_TOP) * count / tallest
        bars.append(
            Bar(
                year=year,
                count=count,
                x=round(index * slot + slot * _GAP / 2, 2),
                y=round(_PLOT_BOTTOM - height, 2),
                width=round(slot * (1 - _GAP), 2),
                height=round(height, 2),
                selected=year in selected,
                labelled=index % label_every == 0 or index == len(years) - 1,
            )
        )
    return YearChart(bars)
