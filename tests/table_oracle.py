"""What the within-report checks must say about known table numbers, worked out independently of the indexer.

Given the true values (tests/bench/tables.py `TemplateTruth`), each check's verdict
is recomputed here from REVIEW-SPEC §3.2–3.3 directly: `uncertain` when a cell
involved is blank, else `pass` or `fail`.
"""

from __future__ import annotations

from typing import Any

T3_COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")
T3_MAIN = ("new", "carried_in", "total", "carried_out")
T4_COLUMNS = ("upheld", "corrected", "other", "pending", "total")


def _verdict(found: list[Any], expected: list[Any], holds) -> str:  # type: ignore[no-untyped-def]
    if any(value is None for value in found + expected):
        return "uncertain"
    return "pass" if holds(sum(found), sum(expected)) else "fail"


def expected_verdicts(truth: Any) -> dict[str, str]:
    """Check key → verdict for every within-report check of the truth's three tables."""
    t3, t4, t2 = truth.t3, truth.t4, truth.t2
    verdicts: dict[str, str] = {}
    leaves = [key for key in t3 if key not in T3_MAIN]
    for position, column in enumerate(T3_COLUMNS):
        cell = {row: values[position] for row, values in t3.items()}
        verdicts[f"T3-I1.{column}"] = _verdict([cell["total"], cell["carried_out"]], [cell["new"], cell["carried_in"]],
                                               lambda a, b: a == b)
        verdicts[f"T3-I2.{column}"] = _verdict([cell["total"]], [cell[row] for row in leaves], lambda a, b: a == b)
        for bounded in ("carried_out", "total"):
            verdicts[f"T3-I5.{bounded}.{column}"] = _verdict([cell[bounded]], [cell["new"], cell["carried_in"]],
                                                             lambda a, b: a <= b)
    for row, values in t3.items():
        verdicts[f"T3-I3.{row}"] = _verdict([values[-1]], list(values[:-1]), lambda a, b: a == b)
    everything = [value for values in t3.values() for value in values]
    negative = any(value is not None and value < 0 for value in everything)
    verdicts["T3-I4"] = "fail" if negative else "uncertain" if None in everything else "pass"
    for group, values in t4.items():
        verdicts[f"T4-I1.{group}"] = _verdict([values["total"]], [values[column] for column in T4_COLUMNS[:-1]],
                                              lambda a, b: a == b)
    t2_bad = any(
        value is not None and ((column != "change" and value < 0) or (column != "amount" and value != int(value)))
        for row in t2.values() for column, value in row.items()
    )
    t2_blank = any(value is None for row in t2.values() for value in row.values())
    verdicts["T2-I1"] = "fail" if t2_bad else "uncertain" if t2_blank else "pass"
    return verdicts
