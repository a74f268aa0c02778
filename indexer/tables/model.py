"""A section's blocks: paragraphs, and tables of cells with their spans resolved.

Every way a table reaches nianbao (an HTML `<table>`, ` | ` rows, a Word
export with one cell per line, columns aligned by spaces) becomes the same
`Table`: rows of cell texts where a position covered by a cell spanning rows or
columns is None, and `spans` lists each spanning cell as (row, column, rows,
columns). Text shapes say nothing about spans, so their rows are the cells as
written and may differ in length.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Union


@dataclass
class Paragraph:
    """One line of running text."""

    text: str

    def to_json(self) -> dict[str, Any]:
        return {"type": "paragraph", "text": self.text}


@dataclass
class Table:
    """A table's grid: cell texts, None where a spanning cell covers the position.

    `shape` says where it came from: `html`, `word` or `pdf` (a document's own
    table grid, spans known: `GRID_SHAPES`), `pipes` (` | ` rows), `cell_lines`
    (tab-indented cells one per line), `bar_lines` (cells ending in `|`, `|||`
    between rows) or `aligned` (columns aligned by spaces).
    """

    rows: list[list[str | None]]
    shape: str
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    _covered: dict[tuple[int, int], tuple[int, int]] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of_texts(cls, rows: Iterable[Iterable[str]], shape: str) -> "Table":
        """A table of a text shape: every cell written, none covered by a span."""
        return cls([list(row) for row in rows], shape)

    def origin(self, row: int, column: int) -> tuple[int, int]:
        """The position of the cell that shows at (row, column): itself, or the spanning cell covering it."""
        if self.rows[row][column] is not None:
            return row, column
        if self._covered is None:
            self._covered = {}
            for top, left, height, width in self.spans:  # a cell placed later wins where spans overlap
                for covered_row in range(top, top + height):
                    for covered_column in range(left, left + width):
                        self._covered[covered_row, covered_column] = (top, left)
        return self._covered.get((row, column), (row, column))

    def width(self, row: int, column: int) -> int:
        """How many columns the cell at (row, column) spans."""
        return next((width for top, left, _, width in self.spans if (top, left) == (row, column)), 1)

    def slice(self, start: int, end: int) -> "Table":
        """Rows `start` to `end` as a table of their own; a cell spanning down into them from above shows in the first."""
        rows = [list(row) for row in self.rows[start:end]]
        spans = []
        for top, left, height, width in self.spans:
            first, last = max(top, start), min(top + height, end)
            if first >= last:
                continue
            if top < start and left < len(rows[0]):
                rows[0][left] = self.rows[top][left]
            spans.append((first - start, left, last - first, width))
        return Table(rows, self.shape, [span for span in spans if span[2] > 1 or span[3] > 1])

    def to_json(self) -> dict[str, Any]:
        return {"type": "table", "shape": self.shape, "rows": self.rows, "spans": [list(span) for span in self.spans]}


Block = Union[Paragraph, Table]

GRID_SHAPES = frozenset({"html", "word", "pdf"})
"""Shapes of tables read from a document's own grid (HTML, Word, PDF ruling lines): every cell is where the document put it."""


@dataclass
class TableLines:
    """A table and the lines of text it became, one per row (how the search text shows it)."""

    table: Table
    lines: list[str]


def block_from_json(data: dict[str, Any]) -> Block:
    """Rebuild a block from its `to_json` form."""
    if data["type"] == "table":
        return Table([list(row) for row in data["rows"]], data["shape"], [tuple(span) for span in data.get("spans", [])])
    return Paragraph(data["text"])
