"""T4, 政府信息公开行政复议、行政诉讼情况: fifteen figures read, or refused.

The template lays it out as header rows (行政复议 | 行政诉讼, then 结果维持 …
总计 under each group) over one row of fifteen figures; some reports turn it
around, one row per group (行政复议, 未经复议直接起诉, 复议后起诉) of five figures.
Both are read; the figures row must follow the header within a few rows.
"""

from __future__ import annotations

from indexer.tables.cells import CellError, CellValue, is_blank, read_cell
from indexer.tables.grid import Refused, TableRow, place
from indexer.tables.template import T4_COLUMNS, T4_GROUP_KEYWORDS, T4_GROUPS

_HEADER = ("结果维持", "尚未审结")
_ROWS_AFTER_HEADER = 4


def _group(forms: list[str]) -> str | None:
    if not forms:
        return None
    for group, keywords in T4_GROUP_KEYWORDS.items():
        if any(all(word in forms[-1] for word in entry) for entry in keywords):
            return group
    return None


def find_t4_rows(rows: list[TableRow]) -> list[TableRow] | None:
    """The header row of the first T4 in `rows` and the rows after it, or None when there is none."""
    for position, row in enumerate(rows):
        if all(word in row.form_text for word in _HEADER):
            return rows[position : position + 1 + _ROWS_AFTER_HEADER]
    return None


def read_t4(rows: list[TableRow]) -> dict[str, dict[str, CellValue]]:
    """T4's figures by group and column; raises `Refused` when they cannot be placed or read."""
    by_group: dict[str, TableRow] = {}
    for row in rows[1:]:
        group = _group(row.forms)
        figures = any(not is_blank(value) for value in row.values)
        if group and figures:
            by_group[group] = row
        elif figures or (row.values and not row.labels):
            if by_group:
                break
            texts = place(row, len(T4_GROUPS) * len(T4_COLUMNS))
            return {
                group: _read_group(texts[index * len(T4_COLUMNS) : (index + 1) * len(T4_COLUMNS)], group)
                for index, group in enumerate(T4_GROUPS)
            }
        elif by_group:
            break
    if not by_group:
        raise Refused("no row of figures under the header")
    missing = [group for group in T4_GROUPS if group not in by_group]
    if missing:
        raise Refused(f"rows {', '.join(missing)} not found")
    return {group: _read_group(place(by_group[group], len(T4_COLUMNS)), group) for group in T4_GROUPS}


def _read_group(texts: list[str], group: str) -> dict[str, CellValue]:
    values = {}
    for text, column in zip(texts, T4_COLUMNS):
        try:
            values[column] = read_cell(text)
        except CellError as error:
            raise Refused(f"t4.{group}.{column}: {error}") from None
    return values
