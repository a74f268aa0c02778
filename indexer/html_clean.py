"""HTML page to lines of text: find the report's content, drop the page around it.

The content container is looked up by the selectors of the CMSs government sites
run on (TRS, Hanweb/UCAP, Kaipu, …) and, when none matches, by text density.
Tables keep their rows, one per line, cells joined by " | " (row and column spans
resolved), so that the document view and the section parser see them as tables.
The page's own metadata (title, canonical URL, meta tags) and the text outside
the container (where metadata tables often sit) are returned alongside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.etree
import lxml.html

CONTENT_SELECTORS: tuple[str, ...] = (
    ".TRS_Editor",
    ".TRS_UEDITOR",
    "#zoom",
    "#Zoom",
    ".Custom_UnionStyle",
    "#UCAP-CONTENT",
    ".article-content",
    ".article_content",
    "#fontzoom",
    ".wp_articlecontent",
    "#js_content",
    ".pages_content",
    ".news_content",
    "#content_body",
)

_DROPPED_TAGS = (
    "script", "style", "noscript", "iframe", "object", "embed", "svg", "template", "nav",
    "footer", "header", "aside", "input", "select", "button", "textarea", "option", "map",
)
_BLOCK_TAGS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article blockquote pre address center "
    "form fieldset hr figure figcaption main caption tr table tbody thead tfoot body html title".split()
)
_CHROME_NAME = re.compile(
    r"bread|crumb|position|location|weizhi|dqwz|share|bdshare|print|fontsize|font-size|zihao|"
    r"footer|copyright|banquan|topbar|sidebar|related|xgxx|xglj|pager|comment|qrcode|erweima",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HAN_LINE_BREAK = re.compile(r"(?<=[\u3400-\u9fff，。、；：）》”])[ \t\r\f\xa0]*\n\s*(?=[\u3400-\u9fff（《“])")
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u2002\u2003\u2009\u200b]+")
_CONTAINER_START = "\ue100nianbao-content-start\ue100"
_CONTAINER_END = "\ue100nianbao-content-end\ue100"
_DESCEND_SHARE = 0.85
_MIN_CONTAINER_CHARS = 50
_LAYOUT_CELL_CHARS = 150
_LINES_BEFORE_TITLE = 5
_TITLE_META_NAMES = ("articletitle", "og:title", "title", "dc.title")
_DATE_META_NAMES = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "maketime")
_SOURCE_META_NAMES = ("contentsource", "source", "author")


@dataclass
class HtmlPage:
    """What the cleaner found in a page: content lines and page-level metadata."""

    lines: list[str]
    outside_lines: list[str] = field(default_factory=list)
    title_candidates: list[str] = field(default_factory=list)
    head_title: str | None = None
    source_url: str | None = None
    published: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)


def clean_html(html: str) -> HtmlPage:
    """Turn a page's HTML into content lines plus the page's metadata.

    Raises `ValueError` when the text is not HTML that has any content at all.
    """
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as error:
        raise ValueError(f"not a readable HTML page ({error})") from error
    page = HtmlPage(lines=[])
    _read_head(root, page)
    body = root.find("body")
    if body is None:
        body = root
    _drop_junk(body)
    container, found_by = _find_container(body)
    if found_by == "density":
        page.warnings.append("no known content container; content found by text density")
    _drop_chrome_widgets(container)
    visible_titles = _visible_titles(body, container)
    _mark_container(container)
    lines = _text_lines(body)
    page.lines, page.outside_lines, before = _split_at_markers(lines)
    page.title_candidates += visible_titles + before[-_LINES_BEFORE_TITLE:][::-1]
    if page.head_title:
        page.title_candidates.append(page.head_title)
    return page


def _read_head(root: lxml.html.HtmlElement, page: HtmlPage) -> None:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = _collapse(meta.get("content") or "")
        if not content:
            continue
        if name in _TITLE_META_NAMES:
            page.title_candidates.append(content)
        elif name == "og:url" and page.source_url is None:
            page.source_url = content
        elif name in _DATE_META_NAMES and page.published is None:
            page.published = content
        elif name in _SOURCE_META_NAMES and page.source is None:
            page.source = content
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        page.head_title = _collapse(title.text_content())
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower() and link.get("href"):
            page.source_url = link.get("href").strip()
            break


def _drop_junk(body: lxml.html.HtmlElement) -> None:
    for element in list(body.iter(*_DROPPED_TAGS, lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _remove_keeping_tail(element)
    for element in list(body.iter()):
        if isinstance(element.tag, str) and _HIDDEN_STYLE.search(element.get("style") or ""):
            _remove_keeping_tail(element)


def _remove_keeping_tail(element: lxml.etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _find_container(body: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement, str]:
    for selector in CONTENT_SELECTORS:
        matches = [element for element in body.xpath(_xpath(selector)) if _text_size(element) >= _MIN_CONTAINER_CHARS]
        if matches:
            return max(matches, key=_text_size), selector
    return _densest(body), "density"


def _xpath(selector: str) -> str:
    """XPath for a `.class` or `#id` selector (lxml's cssselect needs another package)."""
    name = selector[1:]
    if selector.startswith("#"):
        return f".//*[@id='{name}']"
    return f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


def _text_size(element: lxml.html.HtmlElement) -> int:
    return len(_SPACES.sub("", element.text_content()))


def _link_text_size(element: lxml.html.HtmlElement) -> int:
    return sum(_text_size(link) for link in element.iter("a"))


def _densest(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """Descend from `body` while one child holds most of the text that is not link text."""
    current = body
    while True:
        own = _text_size(current) - _link_text_size(current)
        children = [child for child in current if isinstance(child.tag, str)]
        if own <= 0 or not children:
            return current
        best = max(children, key=lambda child: _text_size(child) - _link_text_size(child))
        if _text_size(best) - _link_text_size(best) < _DESCEND_SHARE * own:
            return current
        current = best


def _drop_chrome_widgets(container: lxml.html.HtmlElement) -> None:
    for element in list(container.iterdescendants()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _CHROME_NAME.search(names):
            _remove_keeping_tail(element)


def _visible_titles(body: lxml.html.HtmlElement, container: lxml.html.HtmlElement) -> list[str]:
    """Headline-like elements (h1–h3, elements named *title*) outside the content container."""
    found = []
    for element in body.iter():
        if not isinstance(element.tag, str) or element is container:
            continue
        names = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
        if element.tag in ("h1", "h2", "h3") or "title" in names or "biaoti" in names:
            text = _collapse(element.text_content())
            if 4 <= len(text) <= 120:
                found.append(text)
    return found


def _mark_container(container: lxml.html.HtmlElement) -> None:
    start = lxml.html.Element("p")
    start.text = _CONTAINER_START
    end = lxml.html.Element("p")
    end.text = _CONTAINER_END
    container.insert(0, start)
    container.append(end)


def _split_at_markers(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Content lines, lines outside the content, and those of the latter that precede it."""
    if _CONTAINER_START not in lines:
        return lines, [], []
    start = lines.index(_CONTAINER_START)
    end = lines.index(_CONTAINER_END) if _CONTAINER_END in lines else len(lines)
    return lines[start + 1 : end], lines[:start] + lines[end + 1 :], lines[:start]


def _text_lines(element: lxml.html.HtmlElement) -> list[str]:
    parts: list[str] = []
    _render(element, parts)
    return [line for line in (_collapse(raw) for raw in "".join(parts).split("\n")) if line]


def _render(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "br":
        parts.append("\n")
        return
    if tag == "table" and _is_data_table(element):
        parts.append("\n")
        parts.extend(f"{row}\n" for row in table_rows(element))
        return
    block = tag in _BLOCK_TAGS or tag in ("td", "th")
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _render(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The table's own rows, not those of tables nested in its cells."""
    return [row for row in table.iter("tr") if _owning_table(row) is table]


def _owning_table(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cells(row: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _is_data_table(table: lxml.html.HtmlElement) -> bool:
    """A table of data (several columns of short cells), not a page-layout table."""
    rows = _rows(table)
    if not rows or max(len(_cells(row)) for row in rows) < 2:
        return False
    if any(True for row in rows for cell in _cells(row) for _ in cell.iter("table")):
        return False
    sizes = [_text_size(cell) for row in rows for cell in _cells(row)]
    return max(sizes, default=0) <= 4 * _LAYOUT_CELL_CHARS and sum(sizes) / len(sizes) <= _LAYOUT_CELL_CHARS


def _span(cell: lxml.html.HtmlElement, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), 1000))
    except ValueError:
        return 1


def table_rows(table: lxml.html.HtmlElement) -> list[str]:
    """The table as lines, one per row, cells joined by " | ".

    A cell spanning rows repeats its text in each row it covers; one spanning
    columns leaves the covered columns empty, so columns stay aligned.
    """
    grid: dict[tuple[int, int], str] = {}
    for row_index, row in enumerate(_rows(table)):
        column = 0
        for cell in _cells(row):
            while (row_index, column) in grid:
                column += 1
            text = _cell_text(cell)
            for extra_row in range(_span(cell, "rowspan")):
                for extra_column in range(_span(cell, "colspan")):
                    grid[(row_index + extra_row, column + extra_column)] = text if extra_column == 0 else ""
            column += _span(cell, "colspan")
    lines = []
    for row_index in sorted({row for row, _ in grid}):
        width = max(column for row, column in grid if row == row_index) + 1
        cells = [grid.get((row_index, column), "") for column in range(width)]
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    return " ".join(_text_lines(cell)).replace("|", "｜")


def _collapse(text: str) -> str:
    """Whitespace as a browser shows it; a line break between Han characters is no space."""
    return _SPACES.sub(" ", _HAN_LINE_BREAK.sub("", text.replace("\u3000", " "))).strip()
