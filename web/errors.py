"""One error shape for the API, friendly pages for people; never a traceback.

Under /api/ every error is JSON, Datasette style, its message in Chinese and
its `param` the parameter's English name:

    {"error": {"status": 400, "param": "year", "message": "年度：「abc」不是年份；请写成 2019 …"}}

Elsewhere it is an HTML page in Chinese that says what to do next. Werkzeug's
own English descriptions (a 404 for an unknown route, a 405) are replaced by
Chinese ones, and no message names a file or directory of the server. An
unexpected exception is logged and answered with a 500 page that reveals
nothing about the code.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from search import FACETS, IndexNotFound, IndexOutdated, QueryError

PARAM_LABELS: dict[str, str] = {
    "q": "查询",
    **{facet.name: f"{facet.title}筛选" for facet in FACETS},
    "sort": "排序方式",
    "page": "页码",
    "limit": "每页条数",
}
_TITLES: dict[int, str] = {
    400: "请求有误",
    404: "找不到这个页面",
    405: "不支持这种请求方法",
    413: "请求过大",
    431: "请求头过大",
    500: "服务器出了问题",
    501: "不支持的请求",
    503: "索引暂不可用",
}
_MESSAGES: dict[int, str] = {
    400: "服务器无法读取这个请求。",
    404: "这个网址上没有页面。",
    405: "不支持这种请求方法。",
    413: "请求正文太大。",
    500: "服务器内部出错。",
    503: "服务器上还没有可用的索引。",
}
_HINTS: dict[int, str] = {
    400: "请检查链接或查询后重试。",
    404: "链接可能已失效，或报告已从索引中移除。可以回到首页重新搜索。",
    405: "这里的页面和接口只接受 GET 请求。",
    413: "请求的正文太大；所有页面和接口都只需要 GET 请求。",
    431: "网址或请求头太长；请减少筛选条件或缩短筛选值后重试。",
    500: "这不是您的问题。请稍后重试；如果一再发生，请把链接告诉管理员。",
    501: "这里的页面和接口只接受不带正文的 GET 请求。",
    503: "管理员可以运行 nianbao index 建立或重建索引，之后刷新本页即可。",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, message: str, param: str | None = None) -> Response:
    """The API's one error shape."""
    response = jsonify({"error": {"status": status, "param": param, "message": message}})
    response.status_code = status
    return response


def error_page(status: int, message: str, param: str | None = None) -> tuple[str, int]:
    title = _TITLES.get(status, "出错了")
    if param in PARAM_LABELS:
        title = f"{PARAM_LABELS[param]}有误"
    return render_template("error.html", status=status, title=title, message=message, hint=_HINTS.get(status, "")), status


def _respond(status: int, message: str, param: str | None = None) -> Response | tuple[str, int]:
    return json_error(status, message, param) if wants_json() else error_page(status, message, param)


def _query_error(error: QueryError) -> Response | tuple[str, int]:
    return _respond(400, error.message, error.param)


def _http_error(error: HTTPException) -> Response:
    """An HTTP error; Werkzeug's own English description gives way to a Chinese one."""
    status = error.code or 500
    description = error.description
    if not description or description == type(error).description:
        description = _MESSAGES.get(status) or _TITLES.get(status, "出错了")
    response = make_response(_respond(status, description))
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _index_missing(error: IndexNotFound) -> Response | tuple[str, int]:
    current_app.logger.error("no usable index: %s", error)
    outdated = isinstance(error, IndexOutdated)
    return _respond(503, "索引由另一个版本的 nianbao 建立，需要重建。" if outdated else _MESSAGES[503])


def _unexpected(error: Exception) -> Response | tuple[str, int]:
    current_app.logger.exception("unexpected error on %s", request.path)
    return _respond(500, _MESSAGES[500])


def register(app: Flask) -> None:
    app.register_error_handler(QueryError, _query_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(IndexNotFound, _index_missing)
    app.register_error_handler(Exception, _unexpected)
