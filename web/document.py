"""A report's sections as HTML: paragraphs, ` | ` rows as tables, the query's matches numbered.

Each match becomes `<a class="hit" id="mN" href="#mN+1"><mark>…</mark></a>`, so
that following a match jumps to the next one even without JavaScript (the last
leads back to the first). A match that runs across a line or a table cell is
marked in every piece but anchored once, at its start. All text is escaped:
the helpers build plain strings (much faster than `Markup.format` on
megabyte reports) in which every piece of document text has passed
`escape`, and only `text_html` and `inline_html` declare the result markup.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from markupsafe import Markup, escape

Span = tuple[int, int]
_CELL_SEPARATOR = "|"


@dataclass
class MatchNumbering:
    """Numbers matches across a whole document, in reading order."""

    total: int
    issued: int = 0

    def anchor(self, matched: str) -> str:
        """The next match as HTML: its numbered anchor, linking to the following one."""
        self.issued += 1
        following = self.issued % self.total + 1
        return f'<a class="hit" id="m{self.issued}" href="#m{following}"><mark>{escape(matched)}</mark></a>'


@dataclass
class _Marker:
    """Walks a text's sorted, disjoint spans while its segments are rendered left to right.

    Segments come in reading order, so a pointer into the spans replaces a scan
    of all of them per segment: rendering is linear in text plus matches.
    """

    spans: list[Span]
    numbering: MatchNumbering
    next_span: int = 0
    started: int = 0

    def render(self, text: str, start: int, end: int) -> str:
        """text[start:end] as HTML: escaped, with the spans inside it marked."""
        while self.next_span < len(self.spans) and self.spans[self.next_span][1] <= start:
            self.next_span += 1
        pieces: list[str] = []
        cursor = start
        index = self.next_span
        while index < len(self.spans) and self.spans[index][0] < end:
            piece_start, piece_end = max(self.spans[index][0], start), min(self.spans[index][1], end)
            pieces.append(escape(text[cursor:piece_start]))
            pieces.append(self._mark(index, text[piece_start:piece_end]))
            cursor = piece_end
            index += 1
        pieces.append(escape(text[cursor:end]))
        return "".join(pieces)

    def _mark(self, index: int, matched: str) -> str:
        """A span's first piece carries its numbered anchor; later pieces (past a line or cell end) are only marked."""
        if index < self.started:
            return f"<mark>{escape(matched)}</mark>"
        self.started = index + 1
        return self.numbering.anchor(matched)


def shown_spans(text: str, spans: list[Span]) -> list[Span]:
    """The spans that cover something visible (not only cell separators and spaces), so every one gets an anchor."""
    return [(start, end) for start, end in spans if text[start:end].replace(_CELL_SEPARATOR, "").strip()]


def is_table_row(line: str) -> bool:
    """Rows of tables reach the text as cells joined by ` | `."""
    return _CELL_SEPARATOR in line


def _cells(line: str, offset: int) -> list[Span]:
    """(start, end) of each cell's stripped text, as offsets into the whole text."""
    cells: list[Span] = []
    start = 0
    for end in [i for i, char in enumerate(line) if char == _CELL_SEPARATOR] + [len(line)]:
        cell = line[start:end]
        stripped_start = start + len(cell) - len(cell.lstrip())
        stripped_end = start + len(cell.rstrip())
        cells.append((offset + stripped_start, offset + max(stripped_start, stripped_end)))
        start = end + 1
    return cells


def _table(rows: list[list[Span]], text: str, marker: _Marker) -> str:
    """Rows as a table; columns empty in every row (the `|||` filler of exported tables) are left out.

    A row shorter than the table ends in one empty cell spanning the rest, so
    one very wide row never makes every other row as wide in the HTML.
    """
    used = sorted({column for cells in rows for column, (start, end) in enumerate(cells) if end > start})
    html_rows = []
    for cells in rows:
        present = used[: bisect_left(used, len(cells))]
        tds = [
            f"<td>{marker.render(text, start, end)}</td>" if end > start else '<td class="empty"></td>'
            for start, end in (cells[column] for column in present)
        ]
        if len(present) < len(used):
            tds.append(f'<td class="empty" colspan="{len(used) - len(present)}"></td>')
        html_rows.append(f"<tr>{''.join(tds)}</tr>")
    return '<div class="table-wrap"><table>' + "\n".join(html_rows) + "</table></div>"


def text_html(text: str, spans: list[Span], numbering: MatchNumbering) -> Markup:
    """A section's text as HTML: one <p> per line, consecutive table rows as one <table>."""
    marker = _Marker(spans, numbering)
    blocks: list[str] = []
    rows: list[list[Span]] = []
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if is_table_row(line):
            rows.append(_cells(line, line_start))
            continue
        if rows:
            blocks.append(_table(rows, text, marker))
            rows = []
        if line.strip():
            blocks.append(f"<p>{marker.render(text, line_start, line_start + len(line))}</p>")
    if rows:
        blocks.append(_table(rows, text, marker))
    return Markup("\n".join(blocks))


def inline_html(text: str, spans: list[Span], numbering: MatchNumbering) -> Markup:
    """A one-line text (a heading) with its matches marked."""
    return Markup(_Marker(spans, numbering).render(text, 0, len(text)))
