"""A report's sections as HTML: paragraphs, ` | ` rows as tables, the query's matches numbered.

Each match becomes `<a class="hit" id="mN" href="#mN+1"><mark>…</mark></a>`, so
that following a match jumps to the next one even without JavaScript (the last
leads back to the first). A match that runs across a line or a table cell is
marked in every piece but anchored once, at its start. All text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

Span = tuple[int, int]
_CELL_SEPARATOR = "|"


@dataclass
class MatchNumbering:
    """Numbers matches across a whole document, in reading order."""

    total: int
    issued: int = 0

    def anchor(self, text: str) -> Markup:
        self.issued += 1
        following = self.issued % self.total + 1
        return Markup('<a class="hit" id="m{}" href="#m{}"><mark>{}</mark></a>').format(self.issued, following, text)


@dataclass
class _Marker:
    """Walks a text's sorted spans while its segments are rendered left to right."""

    spans: list[Span]
    numbering: MatchNumbering
    started: set[int] = field(default_factory=set)

    def render(self, text: str, start: int, end: int) -> Markup:
        """text[start:end] escaped, with the spans inside it marked."""
        pieces: list[Markup] = []
        cursor = start
        for index, (span_start, span_end) in enumerate(self.spans):
            if span_end <= start or span_start >= end:
                continue
            piece_start, piece_end = max(span_start, start), min(span_end, end)
            pieces.append(escape(text[cursor:piece_start]))
            matched = text[piece_start:piece_end]
            if index in self.started:
                pieces.append(Markup("<mark>{}</mark>").format(matched))
            else:
                self.started.add(index)
                pieces.append(self.numbering.anchor(matched))
            cursor = piece_end
        pieces.append(escape(text[cursor:end]))
        return Markup("").join(pieces)


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


def _table(rows: list[list[Span]], text: str, marker: _Marker) -> Markup:
    """Rows as a table; columns empty in every row (the `|||` filler of exported tables) are left out."""
    width = max(len(cells) for cells in rows)
    used = [column for column in range(width) if any(column < len(cells) and cells[column][1] > cells[column][0] for cells in rows)]
    html_rows = []
    for cells in rows:
        tds = []
        for column in used:
            start, end = cells[column] if column < len(cells) else (0, 0)
            tds.append(Markup("<td>{}</td>").format(marker.render(text, start, end)) if end > start else Markup('<td class="empty"></td>'))
        html_rows.append(Markup("<tr>{}</tr>").format(Markup("").join(tds)))
    return Markup('<div class="table-wrap"><table>{}</table></div>').format(Markup("\n").join(html_rows))


def text_html(text: str, spans: list[Span], numbering: MatchNumbering) -> Markup:
    """A section's text as HTML: one <p> per line, consecutive table rows as one <table>."""
    marker = _Marker(spans, numbering)
    blocks: list[Markup] = []
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
            blocks.append(Markup("<p>{}</p>").format(marker.render(text, line_start, line_start + len(line))))
    if rows:
        blocks.append(_table(rows, text, marker))
    return Markup("\n").join(blocks)


def inline_html(text: str, spans: list[Span], numbering: MatchNumbering) -> Markup:
    """A one-line text (a heading) with its matches marked."""
    return _Marker(spans, numbering).render(text, 0, len(text))
