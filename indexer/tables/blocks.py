"""A section's text cut into blocks: tables where its lines are table rows, paragraphs elsewhere.

The search text keeps tables as ` | ` lines; the cells behind them come from
what saw the table before it became lines (the HTML grid with its spans, the
one-cell-per-line export, the aligned columns), looked up by the lines
themselves, or else from the ` | ` rows of the text.
"""

from __future__ import annotations

from indexer.tables.model import Block, Paragraph, Table, TableLines
from indexer.tables.text_shapes import is_pipe_row, pipe_cells


def _key(line: str) -> str:
    """A line as looked up: without whitespace (cleaning may still have joined words spaced apart)."""
    return "".join(line.split())


class KnownTables:
    """Tables whose cells are known, found again by the lines of text they became."""

    def __init__(self, tables: list[TableLines]) -> None:
        self._tables = [(found.table, [_key(line) for line in found.lines]) for found in tables]
        self._rows: dict[str, list[tuple[int, int]]] = {}
        self._exact: dict[str, str] = {}
        for number, (found, (_, lines)) in enumerate(zip(tables, self._tables)):
            for row, (line, key) in enumerate(zip(found.lines, lines)):
                self._rows.setdefault(key, []).append((number, row))
                self._exact[line.strip()] = key

    def _lookup(self, line: str) -> str | None:
        """The key of a line that some known table has (most lines are looked up as they are)."""
        stripped = line.strip()
        key = self._exact.get(stripped)
        if key is None and (" " in stripped or "\t" in stripped or "\u3000" in stripped):
            key = _key(stripped)
        return key if key in self._rows else None

    def match(self, lines: list[str], start: int) -> tuple[Table, int] | None:
        """The longest run of a known table's rows starting at `lines[start]`, and where the run ends."""
        key = self._lookup(lines[start]) if self._rows else None
        if key is None:
            return None
        best: tuple[Table, int, int, int] | None = None
        for number, row in self._rows[key]:
            table, table_lines = self._tables[number]
            length = 1
            while start + length < len(lines) and row + length < len(table_lines) and _key(lines[start + length]) == table_lines[row + length]:
                length += 1
            if best is None or length > best[3]:
                best = (table, row, start, length)
        if best is None:
            return None
        table, row, _, length = best
        whole = row == 0 and length == len(table.rows)
        return (table if whole else table.slice(row, row + length)), start + length


def build_blocks(text: str, known: KnownTables) -> list[Block]:
    """The blocks of a section's text: known tables, runs of ` | ` rows, and paragraphs (one per line).

    A run starts at a row of two cells or more and takes in the lines with a `|`
    after it (`0 |`, a last row cut short).
    """
    lines = text.split("\n") if text else []
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        found = known.match(lines, index)
        if found:
            blocks.append(found[0])
            index = found[1]
        elif is_pipe_row(lines[index]):
            end = index + 1
            while end < len(lines) and "|" in lines[end] and known.match(lines, end) is None:
                end += 1
            blocks.append(Table.of_texts((pipe_cells(line) for line in lines[index:end]), "pipes"))
            index = end
        else:
            blocks.append(Paragraph(lines[index]))
            index += 1
    return blocks
