"""Consistency checks on template tables (REVIEW-SPEC §3.2–3.3), each with its evidence.

A check is defined over cell keys (`t3.new.total`, `t4.review.upheld`,
`t2.fees.amount`) and evaluated against any lookup from key to value, so the
same definitions serve one report (`report_checks`) and, with keys resolved
against two reports, the cross-report checks (X-1 carry-over: an `Identity`
of `t3.carried_in.<c>` of year N against `t3.carried_out.<c>` of year N−1).

Statuses: `pass`, `fail`, or `uncertain` when a cell involved is blank or
marked not applicable, never a pass; `lenient` is what the check would say if
those cells were 0 (REVIEW-SPEC §3.1's secondary result).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Iterable, Mapping

from indexer.tables.cells import CHANGE, COUNT, CellValue
from indexer.tables.template import T2_COLUMN_KINDS, T3_COLUMNS, T3_OUTCOME_LEAVES, T4_COLUMNS, T4_GROUPS

PASS, FAIL, UNCERTAIN = "pass", "fail", "uncertain"
Lookup = Callable[[str], CellValue]


@dataclass(frozen=True)
class CheckResult:
    """One evaluated check: `found` is what the table says, `expected` what the identity makes it."""

    id: str
    key: str
    status: str
    cells: list[str]
    expected: Any
    found: Any
    relation: str
    lenient: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "key": self.key, "status": self.status, "cells": self.cells,
            "expected": self.expected, "found": self.found, "relation": self.relation, "lenient": self.lenient,
        }


@dataclass(frozen=True)
class Identity:
    """sum(found cells) `relation` sum(expected cells), with relation `=` or `<=`."""

    id: str
    key: str
    found: tuple[str, ...]
    expected: tuple[str, ...]
    relation: str = "="

    def evaluate(self, lookup: Lookup) -> CheckResult:
        found, found_known = _sum(lookup(cell) for cell in self.found)
        expected, expected_known = _sum(lookup(cell) for cell in self.expected)
        lenient = PASS if _holds(found, expected, self.relation) else FAIL
        status = lenient if found_known and expected_known else UNCERTAIN
        return CheckResult(
            self.id, self.key, status, list(self.found + self.expected),
            _number(expected) if expected_known else None, _number(found) if found_known else None, self.relation, lenient,
        )


@dataclass(frozen=True)
class Bounds:
    """Each cell a whole number (counts, changes) and not negative (counts, amounts)."""

    id: str
    key: str
    cells: tuple[tuple[str, str], ...]

    def evaluate(self, lookup: Lookup) -> CheckResult:
        offending, blank = [], []
        for cell, kind in self.cells:
            value = lookup(cell)
            if value is None:
                blank.append(cell)
            elif isinstance(value, (int, float)) and not _within(value, kind):
                offending.append(cell)
        status = FAIL if offending else UNCERTAIN if blank else PASS
        cells = offending or blank or [cell for cell, _ in self.cells]
        found = [lookup(cell) for cell in offending] or None
        return CheckResult(self.id, self.key, status, cells, None, found, "bounds", FAIL if offending else PASS)


def _within(value: int | float, kind: str) -> bool:
    whole = float(value).is_integer()
    if kind == COUNT:
        return whole and value >= 0
    if kind == CHANGE:
        return whole
    return value >= 0


def _sum(values: Iterable[CellValue]) -> tuple[Decimal, bool]:
    """The sum with blank and not-applicable cells as 0, and whether every cell was a number."""
    total, known = Decimal(0), True
    for value in values:
        if isinstance(value, (int, float)):
            total += Decimal(str(value))
        else:
            known = False
    return total, known


def _holds(found: Decimal, expected: Decimal, relation: str) -> bool:
    return found <= expected if relation == "<=" else found == expected


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def t3_checks(version: str, row_keys: Iterable[str]) -> list[Identity | Bounds]:
    """T3-I1 … T3-I5 for every column (and T3-I3 for every row) of a T3 of `version`."""
    rows = list(row_keys)
    checks: list[Identity | Bounds] = []
    for column in T3_COLUMNS:
        checks.append(Identity("T3-I1", f"T3-I1.{column}", (f"t3.total.{column}", f"t3.carried_out.{column}"),
                               (f"t3.new.{column}", f"t3.carried_in.{column}")))
    for column in T3_COLUMNS:
        leaves = tuple(f"t3.{leaf}.{column}" for leaf in T3_OUTCOME_LEAVES[version])
        checks.append(Identity("T3-I2", f"T3-I2.{column}", (f"t3.total.{column}",), leaves))
    for row in rows:
        checks.append(Identity("T3-I3", f"T3-I3.{row}", (f"t3.{row}.total",), tuple(f"t3.{row}.{column}" for column in T3_COLUMNS[:-1])))
    checks.append(Bounds("T3-I4", "T3-I4", tuple((f"t3.{row}.{column}", COUNT) for row in rows for column in T3_COLUMNS)))
    for bounded in ("carried_out", "total"):
        for column in T3_COLUMNS:
            checks.append(Identity("T3-I5", f"T3-I5.{bounded}.{column}", (f"t3.{bounded}.{column}",),
                                   (f"t3.new.{column}", f"t3.carried_in.{column}"), "<="))
    return checks


def t4_checks() -> list[Identity]:
    """T4-I1: each group's 总计 is the sum of its four results."""
    return [Identity("T4-I1", f"T4-I1.{group}", (f"t4.{group}.total",), tuple(f"t4.{group}.{column}" for column in T4_COLUMNS[:-1]))
            for group in T4_GROUPS]


def t2_checks(t2: Mapping[str, Mapping[str, CellValue]]) -> list[Bounds]:
    """T2-I1 over the rows read: counts whole and not negative, changes (本年增/减) whole, amounts not negative."""
    cells = tuple((f"t2.{row}.{column}", T2_COLUMN_KINDS[column]) for row, columns in t2.items() for column in columns)
    return [Bounds("T2-I1", "T2-I1", cells)] if cells else []
