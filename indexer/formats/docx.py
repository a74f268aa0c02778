"""Word 2007+ (.docx): paragraphs in order with their list numbers, tables with merged cells.

Read with python-docx. Headers, footers (and the page numbers in them),
comments and footnotes live in parts of their own and are left out; a table of
contents (`toc N` styles) is left out too, since its lines repeat the headings.
A heading's automatic number (`一、`, `（二）`) is written in front of its text,
as the reader sees it. Tables become the same grid as HTML tables (gridSpan is
a column span, vMerge a row span); a one-column or long-celled table is page
layout, and its cells' paragraphs are read as text.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any, Iterator

from indexer.config import Settings
from indexer.errors import ReportError
from indexer.formats.base import cell_text
from indexer.formats.numbering import Level, ListNumbers
from indexer.page import Page
from indexer.tables.model import TableLines
from indexer.tables.spans import SpannedCell, spanned_table
from indexer.text_clean import normalize_characters

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LAYOUT_CELL_CHARS = 150
_TITLE_STYLES = ("title", "标题")
_SKIPPED_STYLE_PREFIXES = ("toc", "目录")


def is_docx(data: bytes) -> bool:
    """True for a ZIP whose parts include `word/document.xml`."""
    return data.startswith(b"PK\x03\x04") and b"word/document.xml" in data


class _Styles:
    """The paragraph styles of a document: names and the list numbering each one brings."""

    def __init__(self, styles_element: Any) -> None:
        self._by_id = {style.get(f"{_W}styleId"): style for style in styles_element.iter(f"{_W}style")}

    def name(self, style_id: str | None) -> str:
        style = self._by_id.get(style_id)
        name = style.find(f"{_W}name") if style is not None else None
        return (name.get(f"{_W}val") or "").lower() if name is not None else ""

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        """The list (numId, level) a style numbers its paragraphs with, through the styles it is based on."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._by_id:
            seen.add(style_id)
            style = self._by_id[style_id]
            found = _numbering_properties(style.find(f"{_W}pPr"))
            if found is not None:
                return found
            based_on = style.find(f"{_W}basedOn")
            style_id = based_on.get(f"{_W}val") if based_on is not None else None
        return None


def _numbering_properties(properties: Any) -> tuple[str, int] | None:
    """(numId, level) of a `w:pPr`, None when it has no list numbering (numId 0 switches numbering off)."""
    numbering = properties.find(f"{_W}numPr") if properties is not None else None
    if numbering is None:
        return None
    list_id, level = numbering.find(f"{_W}numId"), numbering.find(f"{_W}ilvl")
    list_value = list_id.get(f"{_W}val") if list_id is not None else None
    level_value = level.get(f"{_W}val") if level is not None else "0"
    return (list_value, int(level_value or 0)) if list_value not in (None, "0") else ("0", 0)


def _list_numbers(document: Any) -> ListNumbers:
    """The document's lists from its numbering part (none when it has no such part)."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return ListNumbers()
    abstract_levels: dict[str, dict[int, Level]] = {}
    for abstract in root.iter(f"{_W}abstractNum"):
        levels = {}
        for level in abstract.iter(f"{_W}lvl"):
            start, number_format, pattern = level.find(f"{_W}start"), level.find(f"{_W}numFmt"), level.find(f"{_W}lvlText")
            levels[int(level.get(f"{_W}ilvl") or 0)] = Level(
                int(start.get(f"{_W}val")) if start is not None else 1,
                number_format.get(f"{_W}val") if number_format is not None else "decimal",
                pattern.get(f"{_W}val") if pattern is not None else "",
            )
        abstract_levels[abstract.get(f"{_W}abstractNumId")] = levels
    numbers = ListNumbers()
    for instance in root.iter(f"{_W}num"):
        list_id, abstract = instance.get(f"{_W}numId"), instance.find(f"{_W}abstractNumId")
        if list_id is None:
            continue  # a w:num without its numId: no paragraph can name it
        abstract_id = abstract.get(f"{_W}val", "") if abstract is not None else ""
        numbers.lists[list_id] = (abstract_id, abstract_levels.get(abstract_id, {}))
        for override in instance.iter(f"{_W}lvlOverride"):
            start = override.find(f"{_W}startOverride")
            if start is not None:
                numbers.restarts.setdefault(list_id, {})[int(override.get(f"{_W}ilvl") or 0)] = int(start.get(f"{_W}val"))
    return numbers


class _Reader:
    """Walks a document's body in order, writing lines and tables into a `Page`."""

    def __init__(self, document: Any, settings: Settings) -> None:
        self.styles = _Styles(document.styles.element)
        self.numbers = _list_numbers(document)
        self.settings = settings
        self.page = Page(lines=[])

    def read_body(self, container: Any) -> None:
        for element in _block_elements(container):
            if element.tag == f"{_W}p":
                self._paragraph(element)
            else:
                self._table(element)

    def _paragraph(self, paragraph: Any) -> None:
        properties = paragraph.find(f"{_W}pPr")
        style = properties.find(f"{_W}pStyle") if properties is not None else None
        style_id = style.get(f"{_W}val") if style is not None else None
        style_name = self.styles.name(style_id)
        if style_name.startswith(_SKIPPED_STYLE_PREFIXES):
            return
        text = normalize_characters(paragraph.text or "").replace("\t", " ")
        if not text.strip():
            return
        numbering = _numbering_properties(properties) or self.styles.numbering(style_id)
        label = self.numbers.next_label(*numbering) if numbering else ""
        lines = [line.strip() for line in f"{label}{text.lstrip()}".split("\n") if line.strip()]
        if style_name.startswith(_TITLE_STYLES) and style_name.split()[-1] not in "123456789":
            self.page.title_candidates.append("".join(lines))
        self.page.lines.extend(lines)

    def _table(self, table: Any) -> None:
        found = _data_table(table, self.settings.max_table_cells)
        if found is None:
            for cell in table.iter(f"{_W}tc"):
                if cell.getparent().getparent() is table:
                    self.read_body(cell)
            return
        self.page.lines.extend(found.lines)
        self.page.tables.append(found)


def _block_elements(container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body or cell in order, content controls (`w:sdt`) opened."""
    for element in container.iterchildren():
        if element.tag in (f"{_W}p", f"{_W}tbl"):
            yield element
        elif element.tag == f"{_W}sdt":
            content = element.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_elements(content)


def _cell_text(cell: Any) -> str:
    return cell_text(normalize_characters("\n".join(paragraph.text or "" for paragraph in cell.iter(f"{_W}p"))))


def _data_table(table: Any, max_cells: int) -> TableLines | None:
    """A data table's grid and lines; None for a layout table (one column, nested tables or long cells)."""
    rows = [row for row in table.iterchildren(f"{_W}tr")]
    if not rows or table.find(f".//{_W}tc/{_W}tbl") is not None:
        return None
    spanned: list[list[SpannedCell]] = []
    for row in rows:
        cells = [SpannedCell("", 1, row.grid_before)] if row.grid_before else []
        for cell in row.tc_lst:
            if cell.vMerge == "continue":  # covered by the cell above that starts the merge
                continue
            rows_spanned = cell.bottom - cell.top if cell.vMerge == "restart" else 1
            cells.append(SpannedCell(_cell_text(cell), rows_spanned, cell.grid_span))
        spanned.append(cells)
    if max(sum(cell.columns for cell in row) for row in spanned) < 2 or not any(spanned):
        return None
    sizes = [len(cell.text) for row in spanned for cell in row]
    if max(sizes) > 4 * _LAYOUT_CELL_CHARS or sum(sizes) / len(sizes) > _LAYOUT_CELL_CHARS:
        return None
    return spanned_table(spanned, "word", max_cells)


def read_docx(path: Path, data: bytes, settings: Settings) -> Page:
    """A .docx file's body as lines and tables; its core title as a title candidate."""
    import docx  # imported when first needed: loading python-docx costs about 0.07 s

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ReportError(path, f"not a readable Word document (.docx): {error}") from error
    except Exception as error:  # python-docx raises a variety of parser errors for damaged parts
        raise ReportError(path, f"not a readable Word document (.docx): {type(error).__name__}: {error}") from error
    reader = _Reader(document, settings)
    reader.read_body(document.element.body)
    title = (document.core_properties.title or "").strip()
    if title:
        reader.page.title_candidates.append(title)
    if not any(line.strip() for line in reader.page.lines):
        raise ReportError(path, "the Word document holds no text")
    return reader.page
