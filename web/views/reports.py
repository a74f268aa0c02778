"""Report pages: the document view (`/reports/<id>`) and the original file (`/reports/<id>/source`).

The document view shows the cleaned report with a table of contents, its
tables as tables and, coming from a search (`?q=…`), that query's matches
numbered `#m1…#mN` for next/previous navigation. The original file is served
as plain text in a sandbox: it is never run as HTML on our origin.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from flask import Blueprint, Response, abort, render_template, request, send_file, url_for
from markupsafe import Markup

from search import IndexedReport, QueryError, SearchIndex
from web.context import current_settings, search_index
from web.document import MatchNumbering, inline_html, shown_spans, text_html
from web.rendering import section_label
from web.source import SourceUnavailable, read_source

bp = Blueprint("reports", __name__, url_prefix="/reports")

SOURCE_POLICY = "sandbox; default-src 'none'"


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
        abort(404, description=f"no report with id {report_id}")
    return indexed


def _spans(index: SearchIndex, query: str, text: str) -> list[tuple[int, int]]:
    return shown_spans(text, index.highlight(query, text)) if query else []


def _section_views(indexed: IndexedReport, query: str) -> tuple[list[SectionView], int]:
    """Each section's HTML with the query's matches numbered through the whole report."""
    index = search_index()
    spans = [(_spans(index, query, s.heading), _spans(index, query, s.text)) for s in indexed.report.sections]
    numbering = MatchNumbering(sum(len(heading) + len(body) for heading, body in spans))
    views = []
    seen_types: set[str] = set()
    for ordinal, (section, (heading_spans, body_spans)) in enumerate(zip(indexed.report.sections, spans, strict=True)):
        views.append(
            SectionView(
                anchor=f"s{ordinal + 1}",
                type_anchor=None if section.type in seen_types else f"sec-{section.type}",
                label=section_label(section.type),
                heading=section.heading,
                heading_html=inline_html(section.heading, heading_spans, numbering),
                body_html=text_html(section.text, body_spans, numbering),
                matches=len(heading_spans) + len(body_spans),
            )
        )
        seen_types.add(section.type)
    return views, numbering.total


@bp.get("/<report_id:report_id>")
def report(report_id: str) -> str:
    """The cleaned report; `?q=` highlights that query's matches."""
    indexed = find_report(report_id)
    query = request.args.get("q", "").strip()
    highlight_error = None
    try:
        sections, total = _section_views(indexed, query)
    except QueryError as error:
        highlight_error = error.message
        sections, total = _section_views(indexed, "")
    return render_template(
        "report.html",
        indexed=indexed,
        report=indexed.report,
        query=query,
        sections=sections,
        total_matches=total,
        highlight_error=highlight_error,
        back_url=url_for("search.index", q=query or None),
        api_url=url_for("api.report", report_id=report_id),
        source_path_url=url_for("reports.source", report_id=report_id) if indexed.source_file else None,
    )


@bp.get("/<report_id:report_id>/source")
def source(report_id: str) -> Response:
    """The original file as text (UTF-8, sandboxed), or with `?download=1` its exact bytes as an attachment."""
    indexed = find_report(report_id)
    try:
        original = read_source(indexed.source_file, current_settings(), indexed.source_root)
    except SourceUnavailable as error:
        abort(404, description=error.reason)
    if request.args.get("download") == "1":
        response = send_file(
            io.BytesIO(original.data), mimetype="application/octet-stream", as_attachment=True, download_name=original.name
        )
    else:
        response = send_file(
            io.BytesIO(original.text.encode("utf-8")), mimetype="text/plain", download_name=original.name
        )
    response.headers["Content-Security-Policy"] = SOURCE_POLICY
    response.headers["X-Nianbao-Source-Encoding"] = original.encoding
    return response
