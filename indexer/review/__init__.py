"""Review flags of one report: what a reviewing office looks for, each with its evidence.

`report_flags(report)` is a pure function of a parsed `Report` (no index needed):
`late`, `missing_section`, `missing_table`, `old_template`, `year_mismatch`,
`fee_not_reported`, `empty_problems`, `table_check`. The cross-report flags
`copied` and `reused` come from `search.similarity`, which uses `narrative` here
to know what a report says in its own words.
"""

from __future__ import annotations

from typing import Callable

from indexer.report import Report
from indexer.review.body_kind import BODY_KINDS, BodyKind, body_kind
from indexer.review.flag import FLAG_STATUSES, FLAG_TYPES, RAISED, UNCERTAIN, Flag, FlagType
from indexer.review.old_template import old_template_flag
from indexer.review.section_flags import empty_problems_flag, fee_not_reported_flag, missing_section_flag
from indexer.review.table_flags import missing_table_flag, table_check_flag
from indexer.review.timeliness import Deadline, deadline, late_flag, publication_date
from indexer.review.year_mismatch import year_mismatch_flag

FLAG_CHECKS: tuple[Callable[[Report], Flag | None], ...] = (
    late_flag,
    missing_section_flag,
    missing_table_flag,
    old_template_flag,
    year_mismatch_flag,
    fee_not_reported_flag,
    empty_problems_flag,
    table_check_flag,
)


def report_flags(report: Report) -> list[Flag]:
    """Every flag `report` raises on its own, in the order of `FLAG_TYPES`."""
    return [flag for check in FLAG_CHECKS if (flag := check(report)) is not None]


__all__ = [
    "BODY_KINDS",
    "FLAG_STATUSES",
    "FLAG_TYPES",
    "RAISED",
    "UNCERTAIN",
    "BodyKind",
    "Deadline",
    "Flag",
    "FlagType",
    "body_kind",
    "deadline",
    "publication_date",
    "report_flags",
]
