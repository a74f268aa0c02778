"""HTML page to lines of text: find the report's content, drop the page around it.

The content container is looked up by the selectors of the CMSs government sites
run on (TRS, Hanweb/UCAP, Kaipu, …) and, when none matches, by text density.
Tables keep their rows, one per line, cells joined by " | " (row and column spans
resolved), so that the document view and the section parser see them as tables;
each data table is also returned as a grid of cells with its spans.
The page's own metadata (title, canonical URL, meta tags) and the text outside
the container (where metadata tables often sit) are returned alongside.
"""

from __future__ import annotations

import re
from typing import TypeAlias

import lxml.etree

from indexer.chinese import HAN
from indexer.config import DEFAULTS, Settings
from indexer.metadata import is_web_address
from indexer.page import Page
from indexer.tables.model import TableLines
from indexer.tables.spans import SpannedCell, spanned_table

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
_TITLE_NAME = re.compile(r"title|biaoti", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_PARSER = lxml.etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
Element: TypeAlias = lxml.etree._Element
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_HAN_LINE_BREAK = re.compile(rf"(?<=[{HAN}，。、；：）》”])[ \t\r\f\xa0]*\n\s*(?=[{HAN}（《“])")
_SPACES = re.compile(r"[ \t\r\f\v\xa0\u2002\u2003\u2009\u200b]+")
_CONTAINER_START = "\ue100nianbao-content-start\ue100"
_CONTAINER_END = "\ue100nianbao-content-end\ue100"
_DESCEND_SHARE = 0.85
_MIN_CONTAINER_CHARS = 50
_LAYOUT_CELL_CHARS = 150
_LINES_BEFORE_TITLE = 5
_MAX_SPAN = 100
_MAX_ATTRIBUTES = 100
_ATTRIBUTE_PATTERN = r"""\s*+(?:[A-Za-z_:.][\w:.\-]*+(?:\s*+=\s*+(?:"[^"]*+"?|'[^']*+'?|[^\s>]*+))?+|/(?!>)|[^\s>A-Za-z_:./][^\s>]*+)"""
_ATTRIBUTE = re.compile(_ATTRIBUTE_PATTERN)
_TAG_NAME = re.compile(r"<[A-Za-z][^\s/>]*+")
_START_TAG = re.compile(rf"<[A-Za-z][^\s/>]*+(?:{_ATTRIBUTE_PATTERN})*+")
_LEAD_IN_MAX = 40
_TITLE_META_NAMES = ("articletitle", "og:title", "title", "dc.title")
_DATE_META_NAMES = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "maketime")
_SOURCE_META_NAMES = ("contentsource", "source", "author")


def clean_html(html: str, settings: Settings = DEFAULTS) -> Page:
    """Turn a page's HTML into content lines plus the page's metadata.

    Raises `ValueError` when the text is not HTML that has any content at all.
    """
    html = _bound_attributes(_XML_DECLARATION.sub("", html, count=1))
    try:
        root = lxml.etree.fromstring(html, _PARSER)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as error:
        raise ValueError(f"not a readable HTML page ({error})") from error
    if root is None:
        raise ValueError("not a readable HTML page (no elements)")
    page = Page(lines=[])
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
    lines = _text_lines(body, settings.max_table_cells, page.tables)
    page.lines, page.outside_lines, before = _split_at_markers(lines)
    page.title_candidates += visible_titles + before[-_LINES_BEFORE_TITLE:][::-1]
    if page.head_title:
        page.title_candidates.append(page.head_title)
    return page


def _bound_attributes(html: str) -> str:
    """`html` with each start tag cut to its first `_MAX_ATTRIBUTES` attributes.

    libxml2 compares each attribute of a tag with every one before it: 40,000
    attributes on one tag took seconds, 200,000 minutes. Tags are scanned as
    libxml2 reads them (quoted values may hold `>`; attributes need no space
    between them), in one pass; real pages never come near the limit.
    """
    return _START_TAG.sub(_cut_attributes, html)


def _cut_attributes(tag: re.Match[str]) -> str:
    text = tag.group()
    if len(text) <= _MAX_ATTRIBUTES * 2:  # an attribute takes at least two characters
        return text
    position = _TAG_NAME.match(text).end()  # type: ignore[union-attr]
    for _ in range(_MAX_ATTRIBUTES):
        attribute = _ATTRIBUTE.match(text, position)
        if attribute is None or attribute.end() == position:
            return text
        position = attribute.end()
    return text[:position]


def _read_head(root: Element, page: Page) -> None:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = _collapse(meta.get("content") or "")
        if not content:
            continue
        if name in _TITLE_META_NAMES:
            page.title_candidates.append(content)
        elif name == "og:url" and page.source_url is None and is_web_address(content):
            page.source_url = content
        elif name in _DATE_META_NAMES and page.published is None:
            page.published = content
        elif name in _SOURCE_META_NAMES and page.source is None:
            page.source = content
    title = root.find(".//title")
    if title is not None and _all_text(title).strip():
        page.head_title = _collapse(_all_text(title))
    for link in root.iter("link"):
        href = (link.get("href") or "").strip()
        if "canonical" in (link.get("rel") or "").lower() and is_web_address(href):
            page.source_url = href
            break


def _drop_junk(body: Element) -> None:
    for element in list(body.iter(*_DROPPED_TAGS, lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _remove_keeping_tail(element)
    for element in _STYLED(body):
        if _HIDDEN_STYLE.search(element.get("style")):
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


def _find_container(body: Element) -> tuple[Element, str]:
    """The content element: the first CMS selector (in priority order) that holds text, else by density."""
    found: dict[str, list[Element]] = {}
    for element in _NAMED(body):
        for selector in _selectors_of(element):
            found.setdefault(selector, []).append(element)
    for selector in CONTENT_SELECTORS:
        sized = [(_text_size(element), element) for element in found.get(selector, [])]
        matches = [(size, element) for size, element in sized if size >= _MIN_CONTAINER_CHARS]
        if matches:
            return max(matches, key=lambda match: match[0])[1], selector
    return _densest(body), "density"


def _selectors_of(element: Element) -> list[str]:
    """The content selectors (`.TRS_Editor`, `#zoom` …) that an element matches."""
    names = {f".{name}" for name in (element.get("class") or "").split()}
    names.add(f"#{element.get('id')}")
    return [selector for selector in CONTENT_SELECTORS if selector in names]


# Elements with a class or an id; filtering them in Python is far faster than XPath string tests.
_NAMED = lxml.etree.XPath(".//*[@class or @id]")
_HEADLINES = lxml.etree.XPath(".//h1 | .//h2 | .//h3")
_STYLED = lxml.etree.XPath(".//*[@style]")


def _all_text(element: Element) -> str:
    return "".join(element.itertext())


def _text_size(element: Element) -> int:
    return sum(len(text.strip()) for text in element.itertext())


def _link_text_size(element: Element) -> int:
    return sum(_text_size(link) for link in element.iter("a"))


def _densest(body: Element) -> Element:
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


def _drop_chrome_widgets(container: Element) -> None:
    for element in _NAMED(container):
        if element.getparent() is not None and _CHROME_NAME.search(_names(element)):
            _remove_keeping_tail(element)


def _names(element: Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}"


def _visible_titles(body: Element, container: Element) -> list[str]:
    """Headline-like elements (h1–h3, elements named *title*) outside the content container."""
    candidates = _HEADLINES(body) + [element for element in _NAMED(body) if _TITLE_NAME.search(_names(element))]
    found = []
    for element in candidates:
        if element is container:
            continue
        text = _collapse(_all_text(element))
        if 4 <= len(text) <= 120:
            found.append(text)
    return found


def _mark_container(container: Element) -> None:
    start = lxml.etree.Element("p")
    start.text = _CONTAINER_START
    start.tail, container.text = container.text, None
    end = lxml.etree.Element("p")
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


def _text_lines(element: Element, max_cells: int, tables: list[TableLines] | None = None) -> list[str]:
    """The element's text as lines; its data tables are also appended to `tables` when given."""
    parts: list[str] = []
    _render(element, parts, max_cells, tables)
    return [line for line in (_collapse(raw) for raw in "".join(parts).split("\n")) if line]


def _render(element: Element, parts: list[str], max_cells: int, tables: list[TableLines] | None) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "br":
        parts.append("\n")
        return
    if tag == "table":
        found = data_table(element, max_cells)
        if found is not None:
            parts.append("\n")
            parts.extend(f"{line}\n" for line in found.lines)
            if tables is not None:
                tables.append(TableLines(found.table, [_collapse(line) for line in found.lines]))
            return
    if tag == "pre":
        parts.append("\n" + "".join(element.itertext()) + "\n")
        return
    block = tag in _BLOCK_TAGS or tag in ("td", "th")
    if block:
        parts.append("\n")
    if element.text:
        parts.append(_inline(element.text))
    line_start = block and not (element.text or "").strip()
    for child in element:
        _render(child, parts, max_cells, tables)
        if line_start and _is_bold_lead_in(child):
            parts.append("\n")
        line_start = child.tag == "br" and not (child.tail or "").strip()
        if child.tail:
            parts.append(_inline(child.tail))
    if block:
        parts.append("\n")


def _is_bold_lead_in(element: Element) -> bool:
    """A short bold run opening a line that goes on after it: `<p><b>一、总体情况</b>2019年…</p>`.

    The bold run is a heading set into its paragraph; it gets a line of its own.
    """
    return (
        element.tag in ("b", "strong")
        and bool((element.tail or "").strip())
        and 0 < len("".join(element.itertext()).strip()) <= _LEAD_IN_MAX
    )


def _inline(text: str) -> str:
    """Text of an HTML text node: its line breaks are spaces (none between Han characters)."""
    if "\n" not in text and "\r" not in text:
        return text
    return _HAN_LINE_BREAK.sub("", text).replace("\r", " ").replace("\n", " ")


def _rows(table: Element) -> list[Element]:
    """The table's own rows, not those of tables nested in its cells."""
    return [row for row in table.iter("tr") if _owning_table(row) is table]


def _owning_table(element: Element) -> Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _cells(row: Element) -> list[Element]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _span(cell: Element, name: str) -> int:
    value = cell.get(name)
    if value is None:
        return 1
    try:
        return max(1, min(int(value), _MAX_SPAN))
    except ValueError:
        return 1


def data_table(table: Element, max_cells: int) -> TableLines | None:
    """A data table as a grid and as lines (see `spanned_table`); None for a page-layout table.

    A layout table has one column, nested tables or long cells.
    """
    rows = [_cells(row) for row in _rows(table)]
    if not rows or max(len(cells) for cells in rows) < 2 or table.find(".//table") is not None:
        return None
    texts = [[_cell_text(cell, max_cells) for cell in cells] for cells in rows]
    sizes = [len(text) for row in texts for text in row]
    if max(sizes) > 4 * _LAYOUT_CELL_CHARS or sum(sizes) / len(sizes) > _LAYOUT_CELL_CHARS:
        return None
    spanned = [
        [SpannedCell(text, _span(cell, "rowspan"), _span(cell, "colspan")) for text, cell in zip(row_texts, cells)]
        for row_texts, cells in zip(texts, rows)
    ]
    return spanned_table(spanned, "html", max_cells)


def _cell_text(cell: Element, max_cells: int) -> str:
    if len(cell) == 0:
        return _collapse(cell.text or "").replace("|", "｜")
    return _collapse("\n".join(_text_lines(cell, max_cells))).replace("|", "｜")


def _collapse(text: str) -> str:
    """Whitespace as a browser shows it; a line break between Han characters is no space."""
    if "\n" in text:
        text = _HAN_LINE_BREAK.sub("", text)
    return " ".join(text.split())
