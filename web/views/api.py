"""The HTTP API: search as JSON (exactly `nianbao search --json`) and CSV, whole reports as JSON.

Errors are JSON in one shape (see `web.errors`); parameters are the search
page's (see `web.params`), so any page of results has its twins here.
"""

from __future__ import annotations


from flask import Blueprint, Response, jsonify, request

from web.context import current_settings, search_index
from web.export import csv_chunks
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
    """All matching sections up to `csv_max_rows`, streamed; headers say how many match and whether rows were cut."""
    settings = current_settings()
    search_request = SearchParams.from_args(request.args, settings).replace(page=1, limit=None).search_request(settings)
    export = search_index().export(search_request, settings.csv_max_rows)
    rows = min(export.total_sections, settings.csv_max_rows)
    headers = {
        "Content-Disposition": 'attachment; filename="nianbao-search.csv"',
        "X-Nianbao-Total-Sections": str(export.total_sections),
        "X-Nianbao-Rows": str(rows),
        "X-Nianbao-Truncated": "true" if export.total_sections > rows else "false",
    }
    return Response(csv_chunks(export.hits), mimetype="text/csv", headers=headers)


@bp.get("/reports/<report_id:report_id>")
def report(report_id: str) -> Response:
    return jsonify(find_report(report_id).to_json())


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(current_settings()))
