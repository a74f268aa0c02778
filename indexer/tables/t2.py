"""T2, 主动公开政府信息情况: the 第二十条 sub-tables read into numbers, row by row.

Each sub-table has a header row starting 信息内容 (or its 第二十条第（X）项 cell) whose cells name its columns
(matched to the template's, in order, a label cut short such as `本年新` being
taken as the start of its own); each data row is found by its label. Its rows
are separate facts, so a row that cannot be read is left out with its reason
while the others are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.tables.cells import CellError, CellValue, read_cell
from indexer.tables.grid import Refused, TableRow, place
from indexer.tables.template import (
    T2_HEADER_WORDS,
    T2_ITEM_MARK,
    T2Column,
    T2Row,
    header_matches,
    header_unit,
    label_form,
    match_t2_row,
    t2_version_votes,
)

_T3_START = ("申请人情况", "本列数据", "新收")


@dataclass
class T2Reading:
    """T2's figures by row and column key; rows that could not be read are in `refused` with the reason."""

    version: str
    rows: dict[str, dict[str, CellValue]] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)


def _is_header(form: str) -> bool:
    return any(all(word in form for word in entry) for entry in T2_HEADER_WORDS)


def find_t2_rows(rows: list[TableRow]) -> list[TableRow] | None:
    """The rows from the first 第二十条 or 信息内容 row up to where T3 starts, or None when there is none."""
    start = next((
        position for position, row in enumerate(rows) if row.forms and (T2_ITEM_MARK in row.forms[0] or _is_header(row.forms[0]))
    ), None)
    if start is None:
        return None
    found = []
    for row in rows[start:]:
        if any(word in row.form_text for word in _T3_START):
            break
        found.append(row)
    return found


def t2_version(rows: list[TableRow]) -> str | None:
    """The version whose own words T2's headers and labels use most, or None when they say nothing."""
    totals: dict[str, int] = {}
    for row in rows:
        for form in row.forms:
            for version, votes in t2_version_votes(form).items():
                totals[version] = totals.get(version, 0) + votes
    best = max(totals.values(), default=0)
    leaders = [version for version, votes in totals.items() if votes == best]
    return leaders[0] if best and len(leaders) == 1 else None


def read_t2(rows: list[TableRow], version: str) -> T2Reading:
    """Read every data row of T2 under the header above it, as the `version` template lays it out."""
    reading = T2Reading(version)
    header: list[str] | None = None
    seen: set[str] = set()
    for row in rows:
        forms = row.forms
        if not forms:
            continue
        if T2_ITEM_MARK in forms[0]:
            header = row.labels[1:] or None
        elif _is_header(forms[0]):
            header = row.labels[1:]
        elif (spec := next((found for form in forms if (found := match_t2_row(form, version))), None)) is not None:
            if spec.key in seen:
                reading.refused.append(f"row {row.name!r} appears twice")
                reading.rows.pop(spec.key, None)
                continue
            seen.add(spec.key)
            try:
                reading.rows[spec.key] = _read_row(row, spec, header)
            except Refused as error:
                reading.refused.append(str(error))
    return reading


def _read_row(row: TableRow, spec: T2Row, header: list[str] | None) -> dict[str, CellValue]:
    columns = _columns(row, spec, header)
    texts = place(row, len(columns))
    values = {}
    for text, (column, unit) in zip(texts, columns):
        try:
            values[column.key] = read_cell(text, column.kind, unit)
        except CellError as error:
            raise Refused(f"t2.{spec.key}.{column.key}: {error}") from None
    return values


def _columns(row: TableRow, spec: T2Row, header: list[str] | None) -> list[tuple[T2Column, str | None]]:
    """The row's columns with their money unit, as its header names them."""
    if header is None:
        raise Refused(f"row {row.name!r}: no 信息内容 header row above it names its columns")
    forms = [label_form(text) for text in header]
    if len(forms) != len(spec.columns) or not all(header_matches(form, column) for form, column in zip(forms, spec.columns)):
        expected = " | ".join(column.label for column in spec.columns)
        raise Refused(f"row {row.name!r}: header {' | '.join(header)!r} does not name the columns {expected!r}")
    return [(column, header_unit(text) or column.unit) for text, column in zip(header, spec.columns)]
