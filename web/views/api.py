"""The HTTP API: search as JSON (exactly `nianbao search --json`) and CSV, whole reports as JSON.

Errors are JSON in one shape (see `web.errors`); parameters are the search
page's (see `web.params`), so any page of results has its twins here.
"""

from __future__ import annotations


import datetime
from urllib.parse import urlencode

from flask import Blueprint, Response, jsonify, request, url_for

from search import Hit
from web.context import current_settings, search_index
from web.export import content_disposition, csv_chunks, csv_file_name
from web.openapi import openapi_document
from web.params import SearchParams
from web.views.reports import find_report

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search() -> Response:
    settings = current_settings()
    params = SearchParams.from_args(request.args, settings)
    return jsonify(search_index().search(params.search_request(settings)).to_json())


@bp.get("/search.csv")
def search_csv() -> Response:
    """All matching reports (or sections) up to `csv_max_rows`, streamed; headers say how many match and whether
    rows were cut."""
    settings = current_settings()
    params = SearchParams.from_args(request.args, settings).replace(page=1, limit=None)
    export = search_index().export(params.search_request(settings), settings.csv_max_rows)
    rows = min(export.total_rows, settings.csv_max_rows)
    reports = url_for("reports.report", report_id="0" * 16, _external=True)[:-16]
    marks = "?" + urlencode([("q", params.query)] + [("section", value) for value in params.values("section")]) if params.query else ""

    def report_url(hit: Hit) -> str:
        return f"{reports}{hit.report_id}{marks}#s{hit.ordinal + 1}"

    headers = {
        "Content-Disposition": content_disposition(csv_file_name(params, datetime.date.today())),
        "X-Nianbao-Total-Sections": str(export.total_sections),
        "X-Nianbao-Total-Reports": str(export.total_reports),
        "X-Nianbao-Rows": str(rows),
        "X-Nianbao-Truncated": "true" if export.total_rows > rows else "false",
    }
    return Response(csv_chunks(export.hits, report_url), mimetype="text/csv", headers=headers)


@bp.get("/reports/<report_id:report_id>")
def report(report_id: str) -> Response:
    return jsonify(find_report(report_id).to_json())


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(current_settings()))
