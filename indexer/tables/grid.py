"""Rows of a report's tables as label cells and value cells, and placing values into columns.

A row starts with its labels (blank cells before them are rowspan placeholders
of text exports and are skipped; in HTML, labels of cells spanning down from
above count too) and goes on with value cells. A value cell spanning columns
counts once; one spanning down from a row above cannot belong to this row alone.

`place` decides where a row's values sit among a template's columns, or
refuses. Positions are certain when the table says where its columns are (HTML,
Word or PDF with its spans, aligned text) or it is a one-cell-per-line export whose rows
differ in length (the export writes every cell, placeholders included). ` | `
rows may be padded at the end, or hold merged cells whose spans the text lost,
so there (and in exports whose rows all have one length) a row is only placed
when a figure pins it: in the last template column, or (with blank placeholders
before) in the last cell of the row.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.tables.cells import is_blank, is_value_text
from indexer.tables.model import GRID_SHAPES, Table
from indexer.tables.template import label_form

SPANNED_FROM_ABOVE = "\ue200"
"""Stands for a value cell that spans down from a row above (never in document text: private use)."""

_EXACT_SHAPES = GRID_SHAPES | {"aligned"}
_EXPORT_SHAPES = frozenset({"cell_lines", "bar_lines"})


class Refused(ValueError):
    """A template table (or T2 row) that cannot be read with certainty; the message says why."""


class Unplaceable(Refused):
    """A row whose values cannot be put under the template's columns with certainty."""


@dataclass(slots=True)
class TableRow:
    """One row of a table: its label texts (own and spanning from above), their `label_form`s
    (and all of them in one string, for matching), its value cells and the grid column of each."""

    table: Table
    index: int
    labels: list[str]
    values: list[str]
    columns: list[int]
    exact: bool
    forms: list[str]
    form_text: str

    @property
    def name(self) -> str:
        """The row as a reader would name it: its labels."""
        return " ".join(self.labels) or "(figures only)"


def table_rows(tables: list[Table]) -> list[TableRow]:
    """Every row of `tables`, in order, split into labels and values."""
    rows: list[TableRow] = []
    for table in tables:
        ragged = len({len(row) for row in table.rows}) > 1
        exact = table.shape in _EXACT_SHAPES or (table.shape in _EXPORT_SHAPES and ragged)
        rows.extend(_split_row(table, index, exact) for index in range(len(table.rows)))
    return rows


def _split_row(table: Table, index: int, exact: bool) -> TableRow:
    cells = table.rows[index]
    labels: list[str] = []
    values: list[str] = []
    columns: list[int] = []
    state = "lead"
    for column, text in enumerate(cells):
        if text is None:
            state = _covered_cell(table, index, column, state, labels, values, columns)
            if state == "values":
                _values_from(table, index, column + 1, labels, values, columns)
                break
            continue
        if not text.strip():
            if state == "lead":
                continue
        elif not is_value_text(text):
            labels.append(text)
            state = "label"
            continue
        _values_from(table, index, column, labels, values, columns)
        break
    forms = [label_form(label) for label in labels]
    return TableRow(table, index, labels, values, columns, exact, forms, "|".join(forms))


def _values_from(table: Table, index: int, start: int, labels: list[str], values: list[str], columns: list[int]) -> None:
    """The row's cells from `start` on, all value cells."""
    rest = table.rows[index][start:]
    if None not in rest:
        values.extend(rest)  # type: ignore[arg-type]
        columns.extend(range(start, start + len(rest)))
        return
    for column, text in enumerate(rest, start=start):
        if text is None:
            _covered_cell(table, index, column, "values", labels, values, columns)
        else:
            values.append(text)
            columns.append(column)


def _covered_cell(table: Table, index: int, column: int, state: str, labels: list[str], values: list[str], columns: list[int]) -> str:
    """Account for a position a spanning cell covers; returns the state after it (`label` or `values`)."""
    top, left = table.origin(index, column)
    origin = table.rows[top][left] or ""
    if state != "values" and origin.strip() and not is_value_text(origin):
        if top != index:
            labels.append(origin)
        return "label"
    if state != "values" and is_blank(origin):
        return state
    if top != index:
        values.append(SPANNED_FROM_ABOVE if not is_blank(origin) else "")
        columns.append(column)
    return "values"


def place(row: TableRow, count: int) -> list[str]:
    """The row's `count` value cells under the template's columns, in order; raises `Unplaceable`."""
    values = row.values
    if SPANNED_FROM_ABOVE in values:
        raise Unplaceable(f"row {row.name!r}: a figure spans down from the row above")
    filled = [position for position, value in enumerate(values) if not is_blank(value)]
    if not filled:
        return [""] * count
    size, first, end = len(values), filled[0], filled[-1] + 1
    if size == count and row.exact:
        return values
    if end == count and size >= count:
        return values[:count]
    if end == size > count and first >= size - count:
        return values[size - count :]
    figures = ", ".join(values[position] for position in filled)
    raise Unplaceable(
        f"row {row.name!r}: {len(filled)} figure(s) ({figures}) in {size} cells for {count} columns; the text "
        "does not say which columns they belong to (merged cells or padding of the copy)"
    )
