"""Search-page controls that change one thing, submitted with the page's state form.

A chip's × and a bar of the year chart would each need a link carrying the
whole search (every filter value) but one change, so a page with many
selections would repeat its request once per control. Instead the page holds
its state once, as the hidden fields of one GET form (`state-form`), and each
of these controls is a submit button of that form that adds one field:

    remove=agency:天水市民政局    drop this value of that filter (a place: and the places under it;
                                 a year range: the years inside it)
    year_only=2019               replace the year filters with this year (or range: shift-click on the chart)
    year_range + year_from=2019 + year_to=2024
                                 replace the year filters with that range (the from–to inputs)

`/` answers such a request with a redirect to the plain URL of the edited
search (back on page 1), so addresses stay shareable. The edit works on the
fields as sent, without validating them, so a chip also removes a value
that made the search a 400.

A query typed with filters in it (`低保 机构：民政局 年度：2019至2021`) is
redirected the same way, its filters moved into the facets' parameters and
its words left in the box: a typed filter then is a chip and a ticked value
like any other, and combines with ticked values of its facet the same way.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from werkzeug.datastructures import MultiDict

from search import FACET_NAMES, QueryError, facet, shown, split_filters
from web.params import SearchParams

REMOVE = "remove"
YEAR_ONLY = "year_only"
YEAR_RANGE = "year_range"
YEAR_FROM, YEAR_TO = "year_from", "year_to"
_CONTROLS = (REMOVE, YEAR_ONLY, YEAR_RANGE, YEAR_FROM, YEAR_TO)


def state_fields(params: SearchParams) -> list[tuple[str, str]]:
    """The hidden fields of the state form: the search as its URL has it, without the page."""
    return params.replace(page=1).query_args()


def remove_value(name: str, value: str) -> str:
    """What a chip's button sends to remove one value of a filter."""
    return f"{name}:{value}"


def _filter_value(removal: str) -> tuple[str, str]:
    name, separator, value = removal.partition(":")
    if not separator or name not in FACET_NAMES:
        raise QueryError(f"要去掉的筛选应写成“筛选名:值”，如 agency:天水市民政局，不能是 {shown(removal)}", REMOVE)
    return name, value.strip()


def _year_range(args: MultiDict[str, str]) -> str | None:
    """The range the from–to inputs ask for (one end alone: that year), or None when both are empty."""
    first, last = args.get(YEAR_FROM, "").strip(), args.get(YEAR_TO, "").strip()
    if not first and not last:
        return None
    return f"{first or last}-{last or first}" if first != last else first


def edited_url(args: MultiDict[str, str], base: str) -> str | None:
    """The URL of the search a state-form control asks for, or that a query with inline filters stands for;
    None when `args` is a plain search.

    Raises QueryError for a `remove` that names no filter, or a query whose filters cannot be read.
    """
    rest, typed = split_filters(args.get("q", ""))
    if not typed and not any(control in args for control in _CONTROLS):
        return None
    fields = [(name, value) for name, value in args.items(multi=True) if name not in (*_CONTROLS, "page", "q")]
    fields = ([("q", rest)] if rest else []) + fields + typed
    for name, value in map(_filter_value, args.getlist(REMOVE)):
        fields = [field for field in fields if field[0] != name or not facet(name).within(field[1].strip(), value)]
    years = args.get(YEAR_ONLY) if YEAR_ONLY in args else _year_range(args) if YEAR_RANGE in args else None
    if years is not None:
        fields = [field for field in fields if field[0] != "year"] + [("year", years)]
    fields = list(dict.fromkeys(fields))
    return f"{base}?{urlencode(fields, quote_via=quote)}" if fields else base
