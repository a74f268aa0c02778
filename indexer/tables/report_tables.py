"""A report's template tables as numbers: T2, T3 and T4 read from its blocks, refusals and checks.

The JSON form (`nianbao parse` and `/api/reports/<id>`, key `tables`):

    {"template": "v2019" | "v2021",
     "t2": {ROW: {COLUMN: value}} | null,
     "t3": {"columns": [7 keys], "rows": {ROW: [7 values]}, "missing_rows": [ROW, ...],
            "missing_columns": [COLUMN, ...]} | null,
     "t4": {GROUP: {COLUMN: value}} | null,
     "checks": [{id, key, status, cells, expected, found, relation, lenient}, ...],
     "refused": [{"table": "t2" | "t3" | "t4", "reason": ...}, ...]}

A value is a number, None for a blank cell or "NA" for one marked not
applicable. A table is null when the report has none or it was refused; a T2
row that could not be read is left out of `t2` and listed under `refused`. The
template is the version T3's rows follow, else T2's, else the report year's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from indexer.tables.cells import CellValue
from indexer.tables.checks import CheckResult, t2_checks, t3_checks, t4_checks
from indexer.tables.flattened import flattened_t2, flattened_t3, flattened_t4
from indexer.tables.grid import Refused, table_rows
from indexer.tables.model import Block, Paragraph, Table
from indexer.tables.t2 import find_t2_rows, read_t2, t2_version
from indexer.tables.t3 import find_t3_rows, read_t3
from indexer.tables.t4 import find_t4_rows, read_t4
from indexer.tables.template import T3_COLUMNS, V2019, V2021

_FIRST_V2021_YEAR = 2021


@dataclass
class ReportTables:
    """The template tables of one report, as read (see the module docstring for the JSON form)."""

    template: str
    t2: dict[str, dict[str, CellValue]] | None = None
    t3: dict[str, list[CellValue]] | None = None
    t3_missing_rows: list[str] = field(default_factory=list)
    t3_missing_columns: list[str] = field(default_factory=list)
    t4: dict[str, dict[str, CellValue]] | None = None
    refused: list[dict[str, str]] = field(default_factory=list)

    def cell(self, key: str) -> CellValue:
        """The value of a cell key such as `t3.withheld.state_secret.total`, `t4.review.upheld`, `t2.fees.amount`."""
        table, rest = key.split(".", 1)
        row, column = rest.rsplit(".", 1)
        if table == "t3" and self.t3 is not None:
            return self.t3[row][T3_COLUMNS.index(column)]
        source = self.t2 if table == "t2" else self.t4 if table == "t4" else None
        if source is None or row not in source:
            raise KeyError(key)
        return source[row][column]

    def checks(self) -> list[CheckResult]:
        """The within-report checks of every table read: T3-I1 … T3-I5, T4-I1, T2-I1."""
        definitions: list[Any] = []
        if self.t3 is not None:
            definitions += t3_checks(self.template, self.t3)
        if self.t4 is not None:
            definitions += t4_checks()
        if self.t2 is not None:
            definitions += t2_checks(self.t2)
        return [definition.evaluate(self.cell) for definition in definitions]

    def to_json(self, with_checks: bool = True) -> dict[str, Any]:
        """The JSON form; without checks for storage (they are recomputed from the values)."""
        data: dict[str, Any] = {
            "template": self.template,
            "t2": self.t2,
            "t3": None if self.t3 is None else {
                "columns": list(T3_COLUMNS), "rows": self.t3,
                "missing_rows": self.t3_missing_rows, "missing_columns": self.t3_missing_columns,
            },
            "t4": self.t4,
            "refused": self.refused,
        }
        if with_checks:
            data["checks"] = [check.to_json() for check in self.checks()]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ReportTables":
        t3 = data.get("t3")
        return cls(data["template"], data.get("t2"), t3["rows"] if t3 else None, list(t3["missing_rows"]) if t3 else [],
                   list(t3.get("missing_columns", [])) if t3 else [], data.get("t4"), list(data.get("refused", [])))


def read_report_tables(blocks: list[Block], year: int | None) -> ReportTables | None:
    """The template tables found in a report's blocks, or None when it has none (reports before 2019, free-form ones)."""
    rows = table_rows([block for block in blocks if isinstance(block, Table)])
    paragraphs = [block.text for block in blocks if isinstance(block, Paragraph)]
    t2_rows, t3_rows, t4_rows = find_t2_rows(rows), find_t3_rows(rows), find_t4_rows(rows)
    t2_template = t2_version(t2_rows) if t2_rows else None
    fallback = t2_template or (V2021 if year is not None and year >= _FIRST_V2021_YEAR else V2019)
    tables = ReportTables(fallback)
    if t3_rows:
        try:
            reading = read_t3(t3_rows, fallback)
            tables.template, tables.t3 = reading.version, reading.rows
            tables.t3_missing_rows, tables.t3_missing_columns = reading.missing, reading.missing_columns
        except Refused as error:
            tables.refused.append({"table": "t3", "reason": str(error)})
    elif reason := flattened_t3(paragraphs):
        tables.refused.append({"table": "t3", "reason": reason})
    if t2_rows:
        t2 = read_t2(t2_rows, t2_template or tables.template)
        tables.t2 = t2.rows or None
        tables.refused += [{"table": "t2", "reason": reason} for reason in t2.refused]
    elif reason := flattened_t2(paragraphs):
        tables.refused.append({"table": "t2", "reason": reason})
    if t4_rows:
        try:
            tables.t4 = read_t4(t4_rows)
        except Refused as error:
            tables.refused.append({"table": "t4", "reason": str(error)})
    elif reason := flattened_t4(paragraphs):
        tables.refused.append({"table": "t4", "reason": reason})
    if tables.t2 is None and tables.t3 is None and tables.t4 is None and not tables.refused:
        return None
    return tables
