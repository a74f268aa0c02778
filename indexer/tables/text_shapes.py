"""Tables written as text: ` | ` rows, and columns aligned by spaces.

Aligned text is what `pdftotext -layout` writes: a row per line, cells apart by
two or more spaces (or a tab, or an ideographic space), each column at the same
character offset in every line. The columns are found from the figures of the
data rows (a figure overlaps its column in every row, whether the column is
left-, right- or centre-aligned), plus header words standing over a column no
row has a figure in; each sub-table (a header line after rows of figures)
has columns of its own. When a line's figures cannot each be given one column
(they overlap two, or two fall into one), the lines are not taken as a table:
nothing is placed by guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.chinese import CLAUSE_ENDS, COUNTING_NUMERALS
from indexer.tables.cells import is_value_text
from indexer.tables.model import Table

_TOKEN = re.compile(r"[^\s]+(?:[ \xa0][^\s]+)*")
_GAP_INSIDE = re.compile(r"\S(?: {2,}|\t|\u3000)\s*\S")
_SENTENCE = re.compile(rf"[{CLAUSE_ENDS}]")
_PART_HEADING = re.compile(
    rf"^(?:[{COUNTING_NUMERALS}]+\s*、.*|.*(?:总体|主动公开|收到和处理|复议|存在的|存在问题|其他需要报告).*)(?:情况|事项)$"
)
_COLUMN_SLACK = 1
_MIN_LINES = 3
_FRAGMENT_MAX = 60


def is_pipe_row(line: str) -> bool:
    """A ` | ` row: at least two cells (`a | b`, `a | ||||`, `| a | b`)."""
    return "|" in line and (" | " in line or line.rstrip().endswith("|") or line.lstrip().startswith("|")) and len(pipe_cells(line)) >= 2


def pipe_cells(line: str) -> list[str]:
    """The cells of a ` | ` row; a `|` closing the line ends the last cell rather than opening another."""
    cells = [cell.strip() for cell in line.split("|")]
    if len(cells) > 1 and not cells[-1] and line.rstrip().endswith("|"):
        cells.pop()
    return cells


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    is_value: bool


def _tokens(line: str) -> list[_Token]:
    expanded = line.expandtabs(8)
    return [_Token(match.start(), match.end(), match.group(), is_value_text(match.group())) for match in _TOKEN.finditer(expanded)]


def is_aligned_line(line: str) -> bool:
    """A line with a gap of two or more spaces (or a tab, or an ideographic space) between words."""
    text = line.strip()
    return ("  " in text or "\t" in text or "\u3000" in text) and _GAP_INSIDE.search(text) is not None


def aligned_run_end(lines: list[str], start: int) -> int:
    """Where a run of aligned lines starting at `start` ends (exclusive).

    The run goes on over aligned lines, and over blank lines and short single
    fragments (labels standing alone, a header wrapped onto its own line) that
    an aligned line follows, and takes the fragments right after its last
    aligned line (a table's last rows, left blank); a part's heading ends it.
    """
    index = start
    while index < len(lines):
        if is_aligned_line(lines[index]):
            index += 1
            continue
        ahead = index
        while ahead < len(lines) and _is_fragment(lines[ahead]):
            ahead += 1
        if ahead < len(lines) and ahead > index and is_aligned_line(lines[ahead]):
            index = ahead
            continue
        while index < len(lines) and lines[index].strip() and _is_fragment(lines[index]):
            index += 1
        break
    return index


def _is_fragment(line: str) -> bool:
    """A blank line or a short one that may sit inside a table; a part's heading (`四、…情况`) ends it."""
    text = line.strip()
    return not is_aligned_line(line) and len(text) <= _FRAGMENT_MAX and not _SENTENCE.search(text) and not _PART_HEADING.match(text)


def aligned_table(lines: list[str]) -> Table | None:
    """The lines (one row each) as a table with its columns placed, or None when they are not a clean table.

    A table has three lines or more and a figure somewhere.
    """
    rows = [_tokens(line) for line in lines]
    if not any(token.is_value for tokens in rows for token in tokens) or len(rows) < _MIN_LINES:
        return None
    placed = [_place_segment(rows, segment) for segment in _segments(rows)]
    if any(cells is None for cells in placed):
        return None
    return Table([row for segment in placed for row in segment or []], "aligned")


def _segments(rows: list[list[_Token]]) -> list[list[int]]:
    """Rows split into sub-tables, each with its own columns: a line without figures that has words
    where the figures of the rows above stand (a header) starts the next one."""
    segments: list[list[int]] = [[]]
    figures_start: int | None = None
    for index, tokens in enumerate(rows):
        values = _value_tokens(tokens)[1]
        if values:
            figures_start = min(values[0].start, figures_start if figures_start is not None else values[0].start)
        elif figures_start is not None and any(token.start >= figures_start for token in tokens):
            segments.append([])
            figures_start = None
        segments[-1].append(index)
    return segments


def _value_tokens(tokens: list[_Token]) -> tuple[list[_Token], list[_Token]]:
    """A row's label tokens (before its first figure) and the tokens from its first figure on."""
    first = next((position for position, token in enumerate(tokens) if token.is_value), len(tokens))
    return tokens[:first], tokens[first:]


def _place_segment(rows: list[list[_Token]], segment: list[int]) -> list[list[str | None]] | None:
    data = [index for index in segment if any(token.is_value for token in rows[index])]
    columns = _merge([(token.start, token.end) for index in data for token in _value_tokens(rows[index])[1]])
    label_end = max((token.end for index in data for token in _value_tokens(rows[index])[0]), default=0)
    headers = [
        (token.start, token.end)
        for index in segment
        if index not in data
        for token in rows[index]
        if token.start > label_end and not any(_overlaps((token.start, token.end), column) for column in columns)
    ]
    columns = sorted(columns + _merge(headers))
    placed: list[list[str | None]] = []
    for index in segment:
        if index not in data:
            placed.append([token.text for token in rows[index]])
            continue
        labels, values = _value_tokens(rows[index])
        cells: list[str | None] = [""] * len(columns)
        for token in values:
            hits = [position for position, column in enumerate(columns) if _overlaps((token.start, token.end), column)]
            if len(hits) != 1 or cells[hits[0]]:
                return None
            cells[hits[0]] = token.text
        placed.append([*(token.text for token in labels), *cells])
    return placed


def _overlaps(span: tuple[int, int], column: tuple[int, int]) -> bool:
    return span[0] < column[1] + _COLUMN_SLACK and column[0] < span[1] + _COLUMN_SLACK


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans (within the slack) merged into columns, left to right."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1] + _COLUMN_SLACK:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
