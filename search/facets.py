"""Facet selections and facet counts, as boolean masks over the metadata columns.

Values within one facet OR together, facets AND. Each facet is counted over
the matches with the other facets' selections applied but not its own, so a
user sees what widening a selection would add. Counts are of distinct reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from indexer.matching import matching_form
from indexer.report import SECTION_TYPES
from search.api import FACETS, FacetValue
from search.columns import Columns


@dataclass
class Selection:
    """The sections each facet's selection admits (None: nothing selected), and the values selected."""

    masks: dict[str, np.ndarray | None]
    selected: dict[str, list[str]]

    def apply(self, base: np.ndarray, skip: str | None = None) -> np.ndarray:
        """`base` narrowed by every facet's selection except `skip`'s."""
        narrowed = base.copy()
        for name, mask in self.masks.items():
            if name != skip and mask is not None:
                narrowed &= mask
        return narrowed


class Facets:
    """Selecting and counting agency, year and section values of one index generation."""

    def __init__(self, columns: Columns) -> None:
        self.columns = columns
        self._agency_index = {agency: index for index, agency in enumerate(columns.agencies)}
        self._folded_agencies = [matching_form(agency) for agency in columns.agencies]
        self._years = [str(year) for year in np.unique(columns.report_year[columns.report_year > 0]).tolist()]

    def _agency_ids(self, names: list[str]) -> np.ndarray:
        """Agencies named exactly, or else every agency whose name contains the given text."""
        ids: set[int] = set()
        for name in names:
            if name in self._agency_index:
                ids.add(self._agency_index[name])
            else:
                folded = matching_form(name)
                ids.update(i for i, agency in enumerate(self._folded_agencies) if folded and folded in agency)
        return np.array(sorted(ids), dtype=np.int32)

    def select(self, agencies: list[str], years: list[tuple[int, int]], sections: list[str]) -> Selection:
        """The selection of these agencies (names or parts of names), year ranges and section types."""
        columns = self.columns
        masks: dict[str, np.ndarray | None] = dict.fromkeys(FACETS)
        if agencies:
            masks["agency"] = np.isin(columns.report_agency, self._agency_ids(agencies))[columns.report] & columns.live
        if years:
            wanted = np.zeros(len(columns.report_year), dtype=bool)
            for first, last in years:
                wanted |= (columns.report_year >= first) & (columns.report_year <= last)
            masks["year"] = wanted[columns.report] & columns.live
        if sections:
            masks["section"] = np.isin(columns.section, [SECTION_TYPES.index(name) for name in sections]) & columns.live
        selected = {
            "agency": agencies,
            "year": [str(year) for first, last in years for year in range(first, last + 1)],
            "section": sections,
        }
        return Selection(masks, selected)

    def reports_in(self, mask: np.ndarray) -> np.ndarray:
        """Bool per report: does any section of it lie in `mask`."""
        matched = np.zeros(len(self.columns.report_ids), dtype=bool)
        matched[self.columns.report[mask]] = True
        return matched

    def count(self, base: np.ndarray, selection: Selection) -> dict[str, list[FacetValue]]:
        """Each facet's values with their distinct matching reports, for the sections in `base`."""
        columns = self.columns
        reports = self.reports_in(selection.apply(base, skip="agency"))
        agency_counts = np.bincount(columns.report_agency[reports & (columns.report_agency >= 0)], minlength=len(columns.agencies))
        agency = dict(zip(columns.agencies, agency_counts.tolist()))

        reports = self.reports_in(selection.apply(base, skip="year"))
        years, year_counts = np.unique(columns.report_year[reports & (columns.report_year > 0)], return_counts=True)
        year = dict.fromkeys(self._years, 0)
        year.update(zip(map(str, years.tolist()), year_counts.tolist()))

        mask = selection.apply(base, skip="section")
        report_has_type = np.zeros((len(columns.report_ids), len(SECTION_TYPES)), dtype=bool)
        report_has_type[columns.report[mask], columns.section[mask]] = True
        section = dict(zip(SECTION_TYPES, report_has_type.sum(axis=0).tolist()))

        return {
            "agency": sorted(_values(agency, selection.selected["agency"]), key=lambda v: (-v.count, v.value)),
            "year": sorted(_values(year, selection.selected["year"]), key=lambda v: v.value, reverse=True),
            "section": sorted(_values(section, selection.selected["section"]), key=lambda v: SECTION_TYPES.index(v.value)),
        }


def _values(counts: dict[str, int], selected: list[str]) -> list[FacetValue]:
    """Values with matches, plus selected values of the index without any (so they can be unselected)."""
    return [FacetValue(value, count) for value, count in counts.items() if count or value in selected]
