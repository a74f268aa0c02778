"""Facet selections and facet counts, as boolean masks over the sections, for every facet of the catalog.

Values within one facet OR together, facets AND. Each facet is counted over
the matches with the other facets' selections applied but not its own, so a
user sees what widening a selection would add. Counts are of distinct reports.
What a facet's values are, how typed values resolve and how values are
listed is the facet's own business (`search.facet_kinds`); this module only
turns value ids into masks and masks into counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from search.api import FacetValue, FilterMatches, FilterValue
from search.catalog import FACETS
from search.columns import Columns
from search.facet_kinds import Facet, FacetColumn


@dataclass
class Selection:
    """Per facet with a selection: the sections it admits and the value ids selected; what each request value named."""

    masks: dict[str, np.ndarray] = field(default_factory=dict)
    selected: dict[str, set[int]] = field(default_factory=dict)
    filters: dict[str, list[FilterValue]] = field(default_factory=dict)
    matches: list[FilterMatches] = field(default_factory=list)

    def apply(self, base: np.ndarray, skip: str | None = None) -> np.ndarray:
        """`base` narrowed by every facet's selection except `skip`'s."""
        narrowed = base.copy()
        for name, mask in self.masks.items():
            if name != skip:
                narrowed &= mask
        return narrowed


class Facets:
    """Selecting and counting the catalog's facets over one index generation."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns

    def _rows_with(self, column: FacetColumn, ids: set[int]) -> np.ndarray:
        """Bool per row (report or section): does it hold any of the value ids."""
        wanted = np.zeros(len(column.names) + 1, dtype=bool)  # the extra last slot answers the -1 padding
        wanted[list(ids)] = True
        return wanted[column.ids].any(axis=1)

    def _mask(self, facet: Facet, rows: np.ndarray) -> np.ndarray:
        columns = self.columns
        return (rows if facet.scope == "section" else rows[columns.report]) & columns.live

    def select(self, typed: dict[str, list[tuple[str, str]]]) -> Selection:
        """The selection of typed values per facet name, each as (value, the parameter it came from).

        Values from the query string itself come with parameter "q" and are not
        reported in `Selection.filters` (they stay in the query box).
        """
        selection = Selection()
        for facet in FACETS:
            values = typed.get(facet.name, [])
            if not values:
                continue
            column = self.columns.facets[facet.name]
            chosen = []
            filters = []
            for value, param in values:
                resolved = facet.resolve(facet.check(value, param), column)
                chosen.append(resolved.ids)
                if facet.tells_matches and len(resolved.ids) > 1:
                    selection.matches.append(FilterMatches(facet.name, value, tuple(column.names[index] for index in resolved.ids)))
                if param != "q":
                    filters.append(FilterValue(value, resolved.exact))
            selection.selected[facet.name] = {index for ids in chosen for index in ids}
            selection.filters[facet.name] = filters
            selection.masks[facet.name] = self._mask(facet, self._rows_with(column, facet.narrowed(chosen, column)))
        return selection

    def reports_in(self, mask: np.ndarray) -> np.ndarray:
        """Bool per report: does any section of it lie in `mask`."""
        matched = np.zeros(len(self.columns.report_ids), dtype=bool)
        matched[self.columns.report[mask]] = True
        return matched

    def _counts(self, facet: Facet, column: FacetColumn, mask: np.ndarray, reports: np.ndarray) -> np.ndarray:
        """Distinct matching reports per value id."""
        if facet.scope == "section":
            has_value = np.zeros((len(self.columns.report_ids), len(column.names) + 1), dtype=bool)
            for slot in column.ids[mask].T:
                has_value[self.columns.report[mask], slot] = True
            return has_value[:, :-1].sum(axis=0)
        ids = column.ids[reports]
        return np.bincount(ids[ids >= 0], minlength=len(column.names))

    def count(self, base: np.ndarray, selection: Selection) -> dict[str, list[FacetValue]]:
        """Each facet's listed values with their distinct matching reports, for the sections in `base`."""
        everything = selection.apply(base)
        everything_reports = self.reports_in(everything)
        listings = {}
        for facet in FACETS:
            own = facet.name in selection.masks
            mask = selection.apply(base, skip=facet.name) if own else everything
            reports = self.reports_in(mask) if own else everything_reports
            column = self.columns.facets[facet.name]
            counts = self._counts(facet, column, mask, reports)
            listings[facet.name] = facet.listing(counts, column, selection.selected.get(facet.name, set()))
        return listings
