"""What every request and response passes through: id validation, request checks, security headers.

Report ids are 16 lowercase hex digits, enforced by the URL converter, so no
request text ever reaches a file path. Query strings must be UTF-8 and bodies
small (every route is a GET). A request the WSGI server refused (see
`web.server`) becomes its error status here, so it is rendered like any other
error. Every response gets a strict Content-Security-Policy (scripts and
styles only from our static files) unless the view set a stricter one of its own.
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from flask import Flask, Response, abort, request
from werkzeug.routing import BaseConverter

from search import QueryError, shown
from web.context import current_settings

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


SERVER_ERROR_KEY = "nianbao.server_error"
"""Environ key of a request the WSGI server refused: (status, detail); see `web.server`."""


class ReportIdConverter(BaseConverter):
    """A report id: exactly 16 lowercase hex digits (anything else is a 404)."""

    regex = "[0-9a-f]{16}"


def undecodable_parameter(query_string: bytes) -> str | None:
    """The name of the first query-string parameter whose name or value is not UTF-8, else None."""
    for pair in query_string.split(b"&"):
        name, _, value = pair.partition(b"=")
        for part in (name, value):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode("utf-8")
            except UnicodeDecodeError:
                return unquote_to_bytes(name).decode("utf-8", "replace")
    return None


def _server_error_message(status: int, detail: str) -> str:
    """What to tell the client about a request the WSGI server refused before the app saw it."""
    if status == 413:
        limit = request.max_content_length
        over = "超过了服务器的上限" if limit is None else f"超过了 {limit} 字节"
        return f"请求正文{over}；这里的页面和接口都只接受不带正文的 GET 请求"
    if status == 431:
        return (f"请求行和请求头超过了 {current_settings().max_request_header_bytes} 字节；"
                "请用更短的网址（更少或更短的筛选值）")
    if status == 501:
        return "服务器不支持这种 Transfer-Encoding；这里的页面和接口都只接受不带正文的 GET 请求"
    if status == 400:
        return "服务器无法读取这个请求：请求行或请求头的格式不对"
    return "服务器内部出错"


def _check_request() -> None:
    server_error = request.environ.get(SERVER_ERROR_KEY)
    if server_error is not None:
        abort(server_error[0], description=_server_error_message(*server_error))
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        abort(413, description=_server_error_message(413, ""))
    param = undecodable_parameter(request.query_string)
    if param is not None:
        raise QueryError(f"参数 {shown(param)} 的值不是有效的 UTF-8 编码；请用 UTF-8 编码网址", param)


def _add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def register(app: Flask) -> None:
    app.url_map.converters["report_id"] = ReportIdConverter
    app.before_request(_check_request)
    app.after_request(_add_security_headers)
