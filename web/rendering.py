"""Template helpers: highlighted snippets, section labels and links that are safe to follow.

Document text is never markup: every piece is escaped, and only the match
markers of `search.split_marked` become `<mark>` elements.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask
from markupsafe import Markup, escape

from indexer.report import SECTION_LABELS
from search import facet, split_marked


def marked_snippet(snippet: str) -> Markup:
    """A hit's snippet as HTML: text escaped, matches in <mark>."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(text) if is_match else escape(text) for text, is_match in split_marked(snippet)
    )


def marked_spans(text: str, spans: list[tuple[int, int]]) -> Markup:
    """`text` as HTML with the given (start, end) spans in <mark>."""
    pieces: list[Markup] = []
    cursor = 0
    for start, end in spans:
        pieces += [escape(text[cursor:start]), Markup("<mark>{}</mark>").format(text[start:end])]
        cursor = end
    pieces.append(escape(text[cursor:]))
    return Markup("").join(pieces)


def section_label(section_type: str) -> str:
    """The Chinese label of a section type (the type itself when unknown)."""
    return SECTION_LABELS.get(section_type, section_type)


def web_url(url: str | None) -> str | None:
    """`url` when it is an absolute http(s) address a browser may follow, else None (javascript:, data:, …)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a malformed address such as `http://[x` or one with full-width `／`
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def facet_title(name: str) -> str:
    """A facet's Chinese title (机构, 地区, …)."""
    return facet(name).title


def register_template_helpers(app: Flask) -> None:
    app.add_template_global(facet_title)
    app.add_template_filter(marked_snippet)
    app.add_template_filter(section_label)
    app.add_template_global(web_url)
