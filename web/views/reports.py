"""Report pages: the document view (`/reports/<id>`) and the original file (`/reports/<id>/source`).

The document view shows the cleaned report with a table of contents (a
menu on narrow screens), its tables as tables and, coming from a search
(`?q=…`, and `section=` when the search had a section filter), that query's
matches in the sections the search matched, numbered `#m1…#mN` for
next/previous navigation. The original file is served as plain text in a
sandbox (a Word or PDF file as the text extracted from it), never run as HTML
on our origin, or as its exact bytes for download.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, render_template, request, send_file, url_for
from markupsafe import Markup

from indexer.attachments import report_attachment
from indexer.formats import ATTACHMENT_SUFFIXES
from search import FACETS, IndexedReport, QueryError, SearchIndex, facet
from web.context import current_settings, search_index
from web.document import MatchNumbering, Span, inline_html, shown_spans, text_html
from web.rendering import section_label
from web.source import SourceUnavailable, read_source, source_as_text

bp = Blueprint("reports", __name__, url_prefix="/reports")

SOURCE_POLICY = "sandbox; default-src 'none'"


@dataclass
class FacetLinks:
    """One metadata row of the report: a facet's title and its values as links to the reports sharing them."""

    title: str
    links: list[tuple[str, str]]


def _search_url(name: str, value: str) -> str:
    """The search page filtered to one value of facet `name`."""
    arguments: dict[str, Any] = {name: value}  # Any: Flask types url_for's **values like its _external
    return url_for("search.index", **arguments)


def _facet_links(indexed: IndexedReport) -> list[FacetLinks]:
    metadata = indexed.report.to_json()
    return [
        FacetLinks(facet.title, [(facet.option_label(value), _search_url(facet.name, value)) for value in facet.read(metadata)])
        for facet in FACETS
        if facet.scope == "report"
    ]


@dataclass
class SectionView:
    anchor: str
    type_anchor: str | None
    label: str
    heading: str
    heading_html: Markup
    body_html: Markup
    matches: int


def find_report(report_id: str) -> IndexedReport:
    """The report with this id, or a 404."""
    indexed = search_index().report(report_id)
    if indexed is None:
        abort(404, description=f"没有编号为 {report_id} 的报告；它可能已从索引中移除。")
    return indexed


def _spans(index: SearchIndex, query: str, text: str) -> list[Span]:
    return shown_spans(text, index.highlight(query, text)) if query else []


@dataclass
class Highlighting:
    """How many matches a report's matching sections have, how many of them the page numbers and marks, and in
    how many sections."""

    total: int
    marked: int
    sections: int = 0

    @property
    def capped(self) -> bool:
        return self.marked < self.total


def _section_views(
    indexed: IndexedReport, query: str, sections: tuple[str, ...], limit: int
) -> tuple[list[SectionView], Highlighting]:
    """Each section's HTML with the query's first `limit` matches, in the sections the search matched, numbered
    through the whole report."""
    index = search_index()
    matched = index.matching_ordinals(indexed.report_id, query, sections) if query else set()
    found = [
        (_spans(index, query, s.heading), _spans(index, query, s.text)) if ordinal in matched else ([], [])
        for ordinal, s in enumerate(indexed.report.sections)
    ]
    total = sum(len(heading) + len(body) for heading, body in found)
    numbering = MatchNumbering(min(total, limit))
    views = []
    seen_types: set[str] = set()
    budget = limit
    for ordinal, (section, (heading_spans, body_spans)) in enumerate(zip(indexed.report.sections, found, strict=True)):
        marked_heading, budget = heading_spans[:budget], max(0, budget - len(heading_spans))
        marked_body, budget = body_spans[:budget], max(0, budget - len(body_spans))
        views.append(
            SectionView(
                anchor=f"s{ordinal + 1}",
                type_anchor=None if section.type in seen_types else f"sec-{section.type}",
                label=section_label(section.type),
                heading=section.heading,
                heading_html=inline_html(section.heading, marked_heading, numbering),
                body_html=text_html(section.text, marked_body, numbering),
                matches=len(heading_spans) + len(body_spans),
            )
        )
        seen_types.add(section.type)
    return views, Highlighting(total, numbering.total, len(matched))


@bp.get("/<report_id:report_id>")
def report(report_id: str) -> str:
    """The cleaned report; `?q=` highlights that query's matches."""
    indexed = find_report(report_id)
    query = request.args.get("q", "").strip()
    section_filter = tuple(value for value in request.args.getlist("section") if value.strip())
    limit = current_settings().max_highlighted_matches
    highlight_error = None
    try:
        sections, highlighting = _section_views(indexed, query, section_filter, limit)
    except QueryError as error:
        highlight_error = error.message
        sections, highlighting = _section_views(indexed, "", (), limit)
    return render_template(
        "report.html",
        indexed=indexed,
        report=indexed.report,
        facet_rows=_facet_links(indexed),
        query=query,
        sections=sections,
        highlighting=highlighting,
        highlight_error=highlight_error,
        sections_filter="" if highlight_error else "、".join(facet("section").label(value) for value in section_filter),
        back_url=url_for("search.index", q=query or None, section=list(section_filter) or None),
        api_url=url_for("api.report", report_id=report_id),
        source_path_url=url_for("reports.source", report_id=report_id) if indexed.source_file else None,
        source_is_document=Path(indexed.report.source_path).suffix.lower() in ATTACHMENT_SUFFIXES,
        attachment_name=Path(indexed.report.attachment).name if indexed.report.attachment else None,
    )


@bp.get("/<report_id:report_id>/source")
def source(report_id: str) -> Response:
    """The original file as text (UTF-8, sandboxed; for Word and PDF the text extracted from it),
    or with `?download=1` its exact bytes as an attachment; `?part=attachment` serves, the same two ways,
    the attachment a page that only links its report was read from."""
    indexed = find_report(report_id)
    settings = current_settings()
    path = indexed.source_file
    if request.args.get("part") == "attachment":  # the attachment a linking page read its report from
        path = report_attachment(path, settings) if path is not None else None
        if path is None:
            abort(404, description="这份报告不是从页面所附的附件读取的。")
    try:
        original = read_source(path, settings, indexed.source_root)
        text = None if request.args.get("download") == "1" else source_as_text(original, settings)
    except SourceUnavailable as error:
        abort(404, description=error.reason)
    if text is None:
        response = send_file(
            io.BytesIO(original.data), mimetype="application/octet-stream", as_attachment=True, download_name=original.name
        )
    else:
        name = f"{original.name}.txt" if text.extracted_from else original.name
        response = send_file(io.BytesIO(text.text.encode("utf-8")), mimetype="text/plain", download_name=name)
        response.headers["X-Nianbao-Source-Encoding"] = text.encoding
        if text.extracted_from:
            response.headers["X-Nianbao-Source-Extracted-From"] = text.extracted_from
    response.headers["Content-Security-Policy"] = SOURCE_POLICY
    return response
