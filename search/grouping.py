"""Results grouped by report: each report's best section, reports in result order, the other sections named.

Everything is numpy over the matching sections, linear in their number:
a report's best section is its highest-scoring one (then the earliest in
the newest report, as in section order), reports are ranked by their best
section exactly as sections are ranked (`search.ordering`), and only the
reports of the page have their other sections gathered and sorted.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from search.ordering import first_by_position, first_by_score


@dataclass
class ReportGroups:
    """For the first reports in result order: the index of each one's best section and of its other sections.

    Indices point into the arrays given to `group_by_report` (the matching sections).
    """

    best: np.ndarray
    others: list[np.ndarray]


def best_sections(reports: np.ndarray, scores: np.ndarray, position: np.ndarray, report_count: int) -> np.ndarray:
    """Index of each distinct report's best section: highest score, then highest position."""
    top_score = np.full(report_count, -np.inf)
    np.maximum.at(top_score, reports, scores)
    on_top = scores == top_score[reports]
    lowest = np.iinfo(np.int64).min
    top_position = np.full(report_count, lowest, dtype=np.int64)
    np.maximum.at(top_position, reports, np.where(on_top, position, lowest))
    return np.flatnonzero(on_top & (position == top_position[reports]))


def group_by_report(
    reports: np.ndarray, scores: np.ndarray, position: np.ndarray, report_count: int, count: int, by_score: bool
) -> ReportGroups:
    """The first `count` reports in result order (by their best section's score, or by position alone)."""
    best = best_sections(reports, scores, position, report_count)
    chosen = first_by_score(scores[best], position[best], count) if by_score else first_by_position(position[best], count)
    best = best[chosen]
    rank = np.full(report_count, -1, dtype=np.int64)
    rank[reports[best]] = np.arange(len(best))
    members = np.flatnonzero(rank[reports] >= 0)
    members = members[np.lexsort((-position[members], -scores[members], rank[reports[members]]))]
    bounds = np.searchsorted(rank[reports[members]], np.arange(len(best) + 1))
    others = [members[start + 1 : end] for start, end in zip(bounds[:-1], bounds[1:])]
    return ReportGroups(best, others)
