"""Search-page controls that change one thing, submitted with the page's state form.

A chip's × and a bar of the year chart would each need a link carrying the
whole search (every filter value) but one change, so a page with many
selections would repeat its request once per control. Instead the page holds
its state once, as the hidden fields of one GET form (`state-form`), and each
of these controls is a submit button of that form that adds one field:

    remove=agency:天水市民政局    drop this value of that filter (a place: and the places under it)
    year_only=2019               replace the year filters with this year

`/` answers such a request with a redirect to the plain URL of the edited
search (back on page 1), so addresses stay shareable. The edit works on the
fields as sent, without validating them, so a chip also removes a value
that made the search a 400.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from werkzeug.datastructures import MultiDict

from search import FACET_NAMES, QueryError, facet, shown
from web.params import SearchParams

REMOVE = "remove"
YEAR_ONLY = "year_only"


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


def edited_url(args: MultiDict[str, str], base: str) -> str | None:
    """The URL of the search a state-form control asks for, or None when `args` is a plain search.

    Raises QueryError for a `remove` that names no filter.
    """
    if REMOVE not in args and YEAR_ONLY not in args:
        return None
    fields = [(name, value) for name, value in args.items(multi=True) if name not in (REMOVE, YEAR_ONLY, "page")]
    for name, value in map(_filter_value, args.getlist(REMOVE)):
        fields = [field for field in fields if field[0] != name or not facet(name).within(field[1].strip(), value)]
    if YEAR_ONLY in args:
        fields = [field for field in fields if field[0] != "year"] + [("year", args[YEAR_ONLY])]
    return f"{base}?{urlencode(fields, quote_via=quote)}" if fields else base
