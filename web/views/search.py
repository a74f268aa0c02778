"""The search page (`/`): query box, facets, chips, year chart, hits and paging, all state in the URL.

Its JSON and CSV twins (`/api/search`, `/api/search.csv`) take the same
parameters; the page links to both for what it shows. Controls that would
repeat the whole state per value (chips, chart bars) submit the page's state
form instead, so a page stays a small multiple of its request; they, and a
query typed with filters in it, are redirected to the plain URL of the
search they ask for (see `web.state_form`). Results are one row per report
(its best section, the others named under 另有 N 处) unless `group=section`.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from search import GROUPS, SORTS, TEMPLATES, QueryError, SearchResponse
from web.chart import year_chart
from web.context import current_settings, search_index
from web.errors import PARAM_LABELS
from web.facets import chips, facet_groups, options_html, ticked_values, year_range
from web.paging import paginate
from web.params import SearchParams
from web.rendering import marked_spans
from web.state_form import edited_url, state_fields
from web.suggest import corrections, suggestions

bp = Blueprint("search", __name__)

QUERY_EXAMPLES: list[tuple[str, str]] = [
    ("“信息公开”", "引号内为精确短语，一字不差地匹配"),
    ("行政复议 或 行政诉讼", "或（OR）：任一词出现即可"),
    ("依申请公开 -收费", "减号、非（NOT）：排除含该词的部分"),
    ("（行政复议 或 行政诉讼） 低保", "括号把词组合在一起"),
    ("机构：民政局 年度：2019至2024 部分：问题与改进", "在查询中直接筛选机构、年度、部分（也可写 agency: year: section:）"),
    ("地区：浙江省 类别：民政 层级：县级", "按地区（名称或行政区划代码，如 330000）、机构类别、层级筛选"),
]
SORT_LABELS: dict[str, str] = {"relevance": "相关度", "date": "日期"}
GROUP_LABELS: dict[str, str] = {"report": "按报告", "section": "按部分"}
TEMPLATE_LABELS: dict[str, str] = {"keep": "保留", "omit": "略去"}


def _switch(params: SearchParams, name: str, labels: dict[str, str], base: str) -> list[tuple[str, str, str]]:
    """(value, label, URL) of each choice of a display setting, back on page 1."""
    first_page = params.replace(page=1)
    return [(value, labels[value], first_page.replace(**{name: value}).url(base)) for value in labels]


def _marked_headings(response: SearchResponse, query: str) -> list[Markup]:
    """Each hit's heading with the query's matches marked (a match may lie in the heading alone)."""
    index = search_index()
    return [marked_spans(hit.heading, index.highlight(query, hit.heading) if query.strip() else []) for hit in response.hits]


def _document_query(params: SearchParams) -> dict[str, object]:
    """What a link to a report carries: the query and section filter, so the view marks what the search matched."""
    return {"q": params.query or None, "section": list(params.values("section")) or None}


def _page(params: SearchParams, response: SearchResponse | None, error: QueryError | None) -> str:
    settings = current_settings()
    base = url_for("search.index")
    context: dict[str, object] = {
        "params": params,
        "base": base,
        "chips": chips(params),
        "state_fields": state_fields(params),
        "clear_url": params.without_filters().url(base),
        "examples": QUERY_EXAMPLES,
        "options_html": options_html,
        "error": error,
        "error_label": PARAM_LABELS.get(error.param, "查询") if error else None,
        "response": response,
        "browsing": not params.query.strip(),
        "defaults": {"sort": SORTS[0], "group": GROUPS[0], "template": TEMPLATES[0]},
    }
    if response is not None:
        per_page = settings.default_page_size if params.limit is None else params.limit
        context.update(
            facets=facet_groups(response, params, settings.facet_values_shown),
            chart=year_chart(response.facets.get("year", []), {int(year) for year in ticked_values(response, "year")}),
            headings=_marked_headings(response, params.query),
            pagination=paginate(params.page, response.total_rows, per_page, len(response.hits)),
            sort_links=_switch(params, "sort", SORT_LABELS, base),
            group_links=_switch(params, "group", GROUP_LABELS, base),
            template_links=_switch(params, "template", TEMPLATE_LABELS, base),
            year_range=year_range(response, params),
            document_query=_document_query(params),
            api_url=params.url(url_for("api.search")),
            csv_url=params.replace(page=1, limit=None).url(url_for("api.search_csv")),
            csv_max_rows=settings.csv_max_rows,
            suggestions=[] if response.total_sections else suggestions(search_index(), params, settings, base),
            corrections=corrections(search_index(), params, settings, base, response.total_reports),
        )
    return render_template("search.html", **context)


@bp.get("/")
def index() -> tuple[str, int] | Response:
    """Search, or browse everything newest first when there is no query; a state-form control redirects."""
    settings = current_settings()
    try:
        edited = edited_url(request.args, url_for("search.index"))
        if edited is not None:
            return redirect(edited, 303)
        params = SearchParams.from_args(request.args, settings)
        response = search_index().search(params.search_request(settings))
    except QueryError as error:
        return _page(SearchParams.for_display(request.args, settings), None, error), 400
    return _page(params, response, None), 200
