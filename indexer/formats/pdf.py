"""PDF reports: text in reading order, page furniture removed, wrapped lines joined, ruled tables as cells.

Read with pdfplumber (pdfminer.six). Per page, the tables drawn with ruling
lines become grids (a cell ruled over several grid lines spans them); the text
outside them becomes lines, top to bottom. Across pages, lines in the top and
bottom margins that repeat (page headers and footers, with their numbers) and
page numbers (`— 3 —`, `第3页 共8页`, `3/8`) are dropped; a line that runs to the
right margin goes on in the next one unless that one is indented or starts a
numbered heading, also across a page break; a table cut by a page break is
joined with its rest on the next page (a repeated header row dropped). A PDF
whose pages are only images is refused as a scan: there is no text to read.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

from indexer.chinese import CLAUSE_ENDS, COLONS, COUNTING_NUMERALS
from indexer.config import Settings
from indexer.errors import ReportError
from indexer.formats.base import cell_text
from indexer.page import Page
from indexer.tables.spans import SpannedCell, spanned_table
from indexer.text_clean import normalize_characters

SCANNED = "scanned PDF, no text layer"
_MARGIN_SHARE = 0.1
_REPEATED_PAGE_SHARE = 0.4
_GRID_TOLERANCE = 2.0
_FULL_LINE_CHARS = 1.5
_INDENT_CHARS = 0.8
_LATIN_CHAR_WIDTH = 0.6
_LATIN_RUN = re.compile(r"[\x21-\x7e]+")
_TITLE_SIZE_RATIO = 1.2
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－_~·•]*(?:第)?\d{1,4}(?:页)?[-—–－_~·•]*|第\d+页[,，/]?共\d+页|共\d+页[,，]?第\d+页|\d+/\d+|(?:page)?\d+(?:of\d+)?)$",
    re.IGNORECASE,
)
_HEADING_START = re.compile(rf"^\s*(?:第[{COUNTING_NUMERALS}]{{1,3}}[部分章节]|[{COUNTING_NUMERALS}]{{1,3}}\s*[、.．]|[（(][{COUNTING_NUMERALS}\d]{{1,3}}[）)]|\d{{1,2}}[、.．](?!\d))")
_SENTENCE_END = re.compile(rf"[{CLAUSE_ENDS}{COLONS}]$")
_METADATA_TITLE_NOISE = re.compile(r"^(?:microsoft\s+(?:word|powerpoint)\s*-\s*)|\.(?:docx?|wps|pdf)$", re.IGNORECASE)
_PLACEHOLDER_TITLES = frozenset({"(anonymous)", "untitled", "无标题", "title"})


def is_pdf(data: bytes) -> bool:
    """True for PDF bytes (the `%PDF` header may come after up to 1 KB of junk)."""
    return b"%PDF-" in data[:1024]


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Table:
    """A ruled table: rows of spanned cells, its column boundaries and where it sits."""

    rows: list[list[SpannedCell]]
    columns: list[float]
    top: float


_Item = Union[_Line, _Table]


@dataclass
class _PageItems:
    number: int
    height: float
    items: list[_Item] = field(default_factory=list)


def _merged_positions(values: list[float]) -> list[float]:
    """Sorted positions with those closer than the tolerance taken as one."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > _GRID_TOLERANCE:
            merged.append(value)
    return merged


def _position_index(positions: list[float], value: float) -> int:
    return min(range(len(positions)), key=lambda index: abs(positions[index] - value))


def _ruled_table(table: Any) -> _Table | None:
    """A pdfplumber table as rows of cells with their spans; None for a frame around text (one row or column)."""
    texts = table.extract()
    boxes = [(box, text) for row, row_texts in zip(table.rows, texts) for box, text in zip(row.cells, row_texts) if box is not None]
    xs = _merged_positions([value for box, _ in boxes for value in (box[0], box[2])])
    ys = _merged_positions([value for box, _ in boxes for value in (box[1], box[3])])
    if len(xs) < 3 or len(ys) < 3:
        return None
    starts: dict[tuple[int, int], SpannedCell] = {}
    for (x0, top, x1, bottom), text in boxes:
        row, column = _position_index(ys, top), _position_index(xs, x0)
        starts[row, column] = SpannedCell(
            cell_text(normalize_characters(text or "")), max(1, _position_index(ys, bottom) - row), max(1, _position_index(xs, x1) - column)
        )
    rows: list[list[SpannedCell]] = []
    covered: set[tuple[int, int]] = set()
    for row in range(len(ys) - 1):
        cells = []
        for column in range(len(xs) - 1):
            if (row, column) in covered:
                continue
            cell = starts.get((row, column), SpannedCell(""))
            covered.update((row + down, column + right) for down in range(cell.rows) for right in range(cell.columns))
            cells.append(cell)
        rows.append(cells)
    return _Table(rows, xs, table.bbox[1])


def _center_inside(char: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _page_items(page: Any, number: int) -> _PageItems | None:
    """A page's text lines and ruled tables, top to bottom; None when it has no text at all."""
    if not page.chars:
        return None
    found = [(table, _ruled_table(table)) for table in page.find_tables()]
    tables = [(table.bbox, ruled) for table, ruled in found if ruled is not None]
    boxes = [bbox for bbox, _ in tables]
    text_page = page.filter(lambda obj: obj.get("object_type") != "char" or not _center_inside(obj, boxes)) if boxes else page
    items: list[_Item] = [ruled for _, ruled in tables]
    for line in text_page.extract_text_lines(return_chars=True):
        text = normalize_characters(line["text"]).strip()
        if text:
            size = max((char.get("size", 0) for char in line["chars"]), default=0)
            items.append(_Line(text, line["x0"], line["x1"], line["top"], line["bottom"], size))
    items.sort(key=lambda item: item.top)
    return _PageItems(number, page.height, items)


def _margin_lines(pages: list[_PageItems]) -> list[tuple[_PageItems, _Line]]:
    return [
        (page, item)
        for page in pages
        for item in page.items
        if isinstance(item, _Line) and (item.top < _MARGIN_SHARE * page.height or item.bottom > (1 - _MARGIN_SHARE) * page.height)
    ]


def _furniture_key(line: _Line) -> tuple[str, int]:
    """A margin line as compared across pages: without spaces, its numbers as `#`, and its size."""
    return re.sub(r"\d+", "#", "".join(line.text.split())), round(line.size)


def _without_furniture(pages: list[_PageItems]) -> None:
    """Drop page numbers, and page headers and footers repeated on several pages, from the margins."""
    margins = _margin_lines(pages)
    pages_with = Counter(key for _, key in {(page.number, _furniture_key(line)) for page, line in margins})
    least = max(2, _REPEATED_PAGE_SHARE * len(pages))
    repeated = {key for key, count in pages_with.items() if count >= least}
    dropped = {
        id(line) for _, line in margins if _furniture_key(line) in repeated or _PAGE_NUMBER.match("".join(line.text.split()))
    }
    for page in pages:
        page.items = [item for item in page.items if id(item) not in dropped]


@dataclass
class _Layout:
    """Where the body text runs: its left and right edges and its usual character size."""

    left: float
    right: float
    size: float
    indents: bool

    @classmethod
    def of(cls, lines: list[_Line]) -> "_Layout":
        size = statistics.median(line.size for line in lines) or 10.0
        left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
        right = sorted(line.x1 for line in lines)[int(0.9 * (len(lines) - 1))]
        indented = sum(1 for line in lines if line.x0 > left + _INDENT_CHARS * size)
        return cls(left, right, size, indented >= 0.05 * len(lines))

    def goes_on(self, line: _Line, following: _Line) -> bool:
        """True when `following` continues `line`'s paragraph: `line` runs to the right edge, `following`
        is not indented and starts no numbered heading (nor, without indented paragraphs, a new sentence)."""
        unbroken = _LATIN_RUN.match(following.text)  # a Latin word or number too long for the line's end moves down whole
        slack = (_FULL_LINE_CHARS + _LATIN_CHAR_WIDTH * (unbroken.end() if unbroken else 0)) * self.size
        return (
            line.x1 >= self.right - slack
            and following.x0 <= self.left + _INDENT_CHARS * self.size
            and not _HEADING_START.match(following.text)
            and (self.indents or not _SENTENCE_END.search(line.text))
        )


def _joined(line: str, following: str) -> str:
    """Two pieces of one paragraph as one line: Latin words keep a space, a hyphenated word is rejoined."""
    if line.endswith("-") and line[-2:-1].isalpha() and following[:1].islower():
        return line[:-1] + following
    if line[-1:].isascii() and line[-1:].isalnum() and following[:1].isascii() and following[:1].isalnum():
        return f"{line} {following}"
    return line + following


def _continues(table: _Table, following: _Table) -> bool:
    """True when `following` (first on its page) is the rest of `table` (last on the page before)."""
    return len(table.columns) == len(following.columns) and all(
        abs(a - b) <= 3 * _GRID_TOLERANCE for a, b in zip(table.columns, following.columns)
    )


def _flow(pages: list[_PageItems]) -> list[_Item]:
    """The items of all pages in order, paragraphs joined across lines and pages, split tables joined."""
    lines = [item for page in pages for item in page.items if isinstance(item, _Line)]
    layout = _Layout.of(lines) if lines else None
    flow: list[_Item] = []
    for page in pages:
        for position, item in enumerate(page.items):
            previous = flow[-1] if flow else None
            if isinstance(item, _Line) and isinstance(previous, _Line) and layout and layout.goes_on(previous, item):
                flow[-1] = _Line(_joined(previous.text, item.text), previous.x0, item.x1, previous.top, item.bottom, previous.size)
            elif isinstance(item, _Table) and isinstance(previous, _Table) and position == 0 and _continues(previous, item):
                rest = item.rows[1:] if item.rows[:1] == previous.rows[:1] else item.rows
                flow[-1] = _Table(previous.rows + rest, previous.columns, previous.top)
            else:
                flow.append(item)
    return flow


def _title_candidates(pages: list[_PageItems], metadata: dict[str, Any]) -> list[str]:
    """The first page's lines in the largest type (joined), then the document's Title property."""
    candidates = []
    first = [item for item in pages[0].items if isinstance(item, _Line)] if pages else []
    if first:
        body_size = statistics.median(line.size for line in first)
        largest = max(line.size for line in first)
        if largest >= _TITLE_SIZE_RATIO * body_size:
            candidates.append("".join(line.text for line in first if line.size >= largest - 0.5))
    title = metadata.get("Title")
    if isinstance(title, bytes):
        title = title.decode("utf-16" if title.startswith(b"\xfe\xff") else "utf-8", "replace")
    if isinstance(title, str) and (title := _METADATA_TITLE_NOISE.sub("", title.strip()).strip()) and title.lower() not in _PLACEHOLDER_TITLES:
        candidates.append(title)
    return candidates


def _open(path: Path, data: bytes) -> Any:
    import pdfplumber  # imported when first needed: loading pdfplumber costs about 0.1 s
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise ReportError(path, "encrypted PDF: it cannot be read without its password") from None
    except Exception as error:  # pdfminer raises many kinds of errors for damaged files
        raise ReportError(path, f"not a readable PDF: {type(error).__name__}: {error}") from error


def read_pdf(path: Path, data: bytes, settings: Settings) -> Page:
    """A PDF's text as lines and its ruled tables as cells; raises `ReportError` for a scan or a damaged file."""
    warnings: list[str] = []
    with _open(path, data) as pdf:
        total = len(pdf.pages)
        if total > settings.max_pdf_pages:
            warnings.append(f"only the first {settings.max_pdf_pages} of {total} pages read (setting max_pdf_pages)")
        pages: list[_PageItems] = []
        imaged: list[int] = []
        for number, pdf_page in enumerate(pdf.pages[: settings.max_pdf_pages], start=1):
            try:
                items = _page_items(pdf_page, number)
                if items is None and pdf_page.images:
                    imaged.append(number)
            except Exception as error:  # one damaged page must not lose the others
                warnings.append(f"page {number} could not be read: {type(error).__name__}: {error}")
                items = None
            finally:
                pdf_page.close()
            if items is not None:
                pages.append(items)
        metadata = dict(pdf.metadata or {})
    if not pages:
        raise ReportError(path, SCANNED if imaged else "the PDF holds no text")
    if imaged:
        warnings.append(f"page(s) {', '.join(map(str, imaged))} are scanned images without a text layer; their text is missing")
    _without_furniture(pages)
    page = Page(lines=[], title_candidates=_title_candidates(pages, metadata), warnings=warnings)
    for item in _flow(pages):
        if isinstance(item, _Line):
            page.lines.append(item.text)
        else:
            found = spanned_table(item.rows, "pdf", settings.max_table_cells)
            page.lines.extend(found.lines)
            page.tables.append(found)
    return page
