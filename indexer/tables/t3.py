"""T3, 收到和处理政府信息公开申请情况: the request matrix read into numbers, or refused.

The table starts at its header (申请人情况, 自然人 …) or its 本年新收 row and
ends at 结转下年度继续办理; its rows are found by label keywords, the outcome
category (（三）不予公开 …) carried down to the leaf rows under it, and every
row's seven figures placed by `grid.place`. A row that cannot be placed, a
figure that is no number, a row found twice or a missing main row refuses the
whole table: its identities need every row to be where the template puts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.tables.cells import CellError, CellValue, read_cell
from indexer.tables.cells import is_blank
from indexer.tables.grid import SPANNED_FROM_ABOVE, Refused, TableRow, Unplaceable, place
from indexer.tables.model import GRID_SHAPES, Table
from indexer.tables.template import (
    T3_COLUMNS,
    T3_MAIN_ROWS,
    T3_ROW_KEYS,
    T3_SUBTOTAL,
    V2019,
    V2021,
    label_form,
    match_t3_column,
    match_t3_group,
    match_t3_label,
)

_HEADER = re.compile("自然人|法人或其他组织|商业企业|申请人情况|本列数据")
_NEXT_TABLE = re.compile("结果维持|第二十条|信息内容")
_V2021_ROWS = frozenset({"other.no_correction", "other.fee_unpaid", "other.other"})


@dataclass
class T3Reading:
    """T3's figures by row key (seven cells each, in `T3_COLUMNS` order) and the version its rows follow,
    with the rows and (in an HTML table whose header leaves some out) the columns the table lacks."""

    rows: dict[str, list[CellValue]]
    version: str
    missing: list[str] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)


@dataclass
class FoundT3:
    """The header rows and the keyed rows of a T3."""

    headers: list[TableRow]
    keyed: list[tuple[str, TableRow]]


def _row_key(forms: list[str], carried_group: str | None) -> tuple[str | None, str | None]:
    """The row key of a row's labels, and the outcome category in force for the rows below."""
    groups = [group for form in forms if (group := match_t3_group(form))]
    group = groups[-1] if groups else carried_group
    for form in reversed(forms):
        key = match_t3_label(form, group)
        if key:
            return key, group if "." in key else None
    if groups and groups[-1] == "other" and match_t3_group(forms[-1]) == "other":
        return "other", None
    return None, group


def find_t3_rows(rows: list[TableRow]) -> FoundT3 | None:
    """The header and keyed rows of the first T3 in `rows` (from its first row to 结转下年度), or None when there is none."""
    keyed: list[tuple[str, TableRow]] = []
    headers: list[TableRow] = []
    group: str | None = None
    started = False
    for row in rows:
        if not row.forms:
            continue
        if _HEADER.search(row.form_text):
            started = True
            headers.append(row)
            continue
        if started and _NEXT_TABLE.search(row.form_text):
            break
        key, group = _row_key(row.forms, group)
        if key is None:
            continue
        if key == "new":
            started = True
        if not started:
            continue
        keyed.append((key, row))
        if key == "carried_out":
            break
    return FoundT3(headers, keyed) if any(key == "new" for key, _ in keyed) else None


def _column_map(headers: list[TableRow], table: Table) -> dict[int, str] | None:
    """Grid column → T3 column, as the header rows of a table with its own grid (HTML, Word, PDF) name them.

    None unless the header names 自然人 and 总计, each name over one column only, no
    column twice, and in the template's order from left to right (a copy whose
    header cells lost their spans fails this).
    """
    if table.shape not in GRID_SHAPES:
        return None
    named: dict[int, str] = {}
    for header in (row for row in headers if row.table is table):
        for column in range(len(table.rows[header.index])):
            top, left = table.origin(header.index, column)
            key = match_t3_column(label_form(table.rows[top][left] or ""))
            if key and named.setdefault(column, key) != key:
                return None
    keys = [named[column] for column in sorted(named) if named[column] != T3_SUBTOTAL]
    in_order = [T3_COLUMNS.index(key) for key in keys] == sorted(T3_COLUMNS.index(key) for key in keys)
    if len(keys) != len(set(keys)) or not in_order or not {"natural_person", "total"} <= set(keys):
        return None
    return named


def _place_by_header(row: TableRow, named: dict[int, str]) -> list[str]:
    """The row's figures under the columns its header names; blank where the table has no such column."""
    texts = dict.fromkeys(T3_COLUMNS, "")
    for text, column in zip(row.values, row.columns):
        if text == SPANNED_FROM_ABOVE:
            raise Unplaceable(f"row {row.name!r}: a figure spans down from the row above")
        keys = {named[covered] for covered in range(column, column + row.table.width(row.index, column)) if covered in named}
        if is_blank(text):
            continue
        if len(keys) != 1:
            raise Unplaceable(f"row {row.name!r}: the figure {text} stands under {len(keys)} of the header's columns")
        key = keys.pop()
        if key != T3_SUBTOTAL:
            texts[key] = text
    return [texts[key] for key in T3_COLUMNS]


def read_t3(found_t3: FoundT3, fallback_version: str) -> T3Reading:
    """Read T3's keyed rows; raises `Refused` with the reason when a cell cannot be placed or read.

    Figures go under the template's seven columns in order; in an HTML table whose
    header names its columns otherwise (some left out, a 小计 added), under the
    columns the header names. The version is the one its 其他处理 rows follow,
    else `fallback_version`.
    """
    found: dict[str, list[CellValue]] = {}
    maps: dict[int, dict[int, str] | None] = {}
    used: set[str] = set(T3_COLUMNS)
    for key, row in found_t3.keyed:
        if key in found:
            raise Refused(f"row {row.name!r} appears twice")
        try:
            texts = place(row, len(T3_COLUMNS))
        except Unplaceable as error:
            if id(row.table) not in maps:
                maps[id(row.table)] = _column_map(found_t3.headers, row.table)
            named = maps[id(row.table)]
            if named is None:
                raise Refused(str(error)) from None
            try:
                texts = _place_by_header(row, named)
            except Unplaceable as header_error:
                raise Refused(str(header_error)) from None
            used &= set(named.values())
        found[key] = [_read(text, key, column) for text, column in zip(texts, T3_COLUMNS)]
    missing_main = [key for key in T3_MAIN_ROWS if key not in found]
    if missing_main:
        raise Refused(f"rows {', '.join(missing_main)} not found")
    version = V2021 if _V2021_ROWS & found.keys() else V2019 if "other" in found else fallback_version
    keys = T3_ROW_KEYS[version]
    stray = [key for key in found if key not in keys]
    if stray:
        raise Refused(f"rows of both template versions: {', '.join(stray)} among {version} rows")
    rows = {key: found.get(key, [None] * len(T3_COLUMNS)) for key in keys}
    return T3Reading(rows, version, [key for key in keys if key not in found], [column for column in T3_COLUMNS if column not in used])


def _read(text: str, key: str, column: str) -> CellValue:
    try:
        return read_cell(text)
    except CellError as error:
        raise Refused(f"t3.{key}.{column}: {error}") from None
