"""A table given as rows of cells with their row and column spans, laid out as a grid and as lines.

HTML `<table>`s (rowspan/colspan), Word tables (gridSpan/vMerge) and PDF tables
(cells ruled over several grid lines) all come in as rows of `SpannedCell`s and
leave as the same `TableLines`: the grid with its spans resolved, and one line
per row with cells joined by " | ", as the search text shows tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.tables.model import Table, TableLines


@dataclass(frozen=True, slots=True)
class SpannedCell:
    """One cell as the document writes it: its text and how many rows and columns it covers."""

    text: str
    rows: int = 1
    columns: int = 1


def spanned_table(rows: list[list[SpannedCell]], shape: str, max_cells: int) -> TableLines:
    """The table as a grid and as lines, one per row (empty rows dropped).

    In the lines, a cell spanning rows repeats its text in each row it covers;
    one spanning columns leaves the covered columns empty, so columns stay
    aligned. In the grid, covered positions are None and the spans are listed.
    Spans that would blow the table up past `max_cells` cells are ignored.
    """
    if sum(cell.rows * cell.columns for row in rows for cell in row) > max_cells:
        rows = [[SpannedCell(cell.text) for cell in row] for row in rows]
    grid: dict[int, dict[int, str]] = {}
    owners: dict[tuple[int, int], tuple[int, int]] = {}  # positions of spanning cells: which one shows there
    spanning: list[tuple[int, int]] = []
    for row_index, row in enumerate(rows):
        column = 0
        for cell in row:
            while column in grid.get(row_index, {}):
                column += 1
            spans_more = cell.rows > 1 or cell.columns > 1
            if spans_more:
                spanning.append((row_index, column))
            for extra_row in range(row_index, min(row_index + cell.rows, len(rows))):
                covered = grid.setdefault(extra_row, {})
                covered[column] = cell.text
                for extra_column in range(column + 1, column + cell.columns):
                    covered[extra_column] = ""
                if spans_more:
                    owners.update(((extra_row, extra_column), (row_index, column)) for extra_column in range(column, column + cell.columns))
            column += cell.columns
    kept = [row_index for row_index in sorted(grid) if any(grid[row_index].values())]
    lines = [" | ".join(grid[row_index].get(column, "") for column in range(max(grid[row_index]) + 1)) for row_index in kept]
    return TableLines(_grid_table(grid, owners, spanning, kept, shape), lines)


def _grid_table(
    grid: dict[int, dict[int, str]],
    owners: dict[tuple[int, int], tuple[int, int]],
    spanning: list[tuple[int, int]],
    kept: list[int],
    shape: str,
) -> Table:
    """The kept rows as a `Table`: None where a cell of a kept row spans over the position."""
    new_index = {row_index: position for position, row_index in enumerate(kept)}
    rows: list[list[str | None]] = []
    for row_index in kept:
        cells = grid[row_index]
        row: list[str | None] = [cells.get(column, "") for column in range(max(cells) + 1)]
        for column in range(len(row)) if owners else ():
            owner = owners.get((row_index, column))
            if owner is not None and owner != (row_index, column) and owner[0] in new_index:
                row[column] = None
        rows.append(row)
    owned: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for (row_index, column), owner in owners.items():
        if row_index in new_index:
            owned.setdefault(owner, []).append((new_index[row_index], column))
    spans = []
    for top, left in spanning:
        positions = owned.get((top, left))
        if top not in new_index or not positions:
            continue
        bottom, right = max(row for row, _ in positions), max(column for _, column in positions)
        spans.append((new_index[top], left, bottom - new_index[top] + 1, right - left + 1))
    return Table(rows, shape, spans)
