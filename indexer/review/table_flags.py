"""Flags read from a report's template tables: `missing_table` and `table_check`.

They read `Report.tables` in its JSON form (issue 11):

    {"template": "v2019" | "v2021", "t2": ... | null, "t3": {"rows": {KEY: [7 cells]}, ...} | null,
     "t4": ... | null, "checks": [{id, key, status, cells, expected, found, ...}], "refused": [{table, reason}]}

`Report.tables` is None when a report has no template tables at all.
"""

from __future__ import annotations

from typing import Any

from indexer.report import Report
from indexer.review.flag import Flag

FIRST_TEMPLATE_YEAR = 2019
TABLE_NAMES: dict[str, str] = {"t2": "表二（主动公开政府信息情况）", "t3": "表三（收到和处理政府信息公开申请情况）",
                               "t4": "表四（政府信息公开行政复议、行政诉讼情况）"}
FAILED = "fail"


def tables_json(report: Report) -> dict[str, Any] | None:
    """The report's tables as JSON data, None when it has none."""
    return report.tables.to_json() if report.tables else None


def missing_table_flag(report: Report) -> Flag | None:
    """T2, T3 or T4 absent from a report for 2019 on (a table found but unreadable is not absent)."""
    tables = tables_json(report)
    if report.year is None or report.year < FIRST_TEMPLATE_YEAR:
        return None
    tables = tables or {}
    refused = {entry.get("table") for entry in tables.get("refused", [])}
    missing = [name for name in TABLE_NAMES if tables.get(name) is None and name not in refused]
    if not missing:
        return None
    return Flag("missing_table", f"未找到{'、'.join(TABLE_NAMES[name] for name in missing)}",
                evidence={"missing": missing, "template": tables.get("template"),
                          "refused": tables.get("refused", [])})


def table_check_flag(report: Report) -> Flag | None:
    """A check of the tables that fails (an uncertain check, with blank cells, raises nothing)."""
    tables = tables_json(report)
    if not tables:
        return None
    failed = [check for check in tables.get("checks", []) if check.get("status") == FAILED]
    if not failed:
        return None
    shown = "；".join(f"{check.get('id')} {check.get('key', '')}：应为{check.get('expected')}，表中为{check.get('found')}"
                     for check in failed[:3])
    more = f"等{len(failed)}项" if len(failed) > 3 else ""
    return Flag("table_check", f"{shown}{more}未通过", evidence={"failed": failed, "template": tables.get("template")})


def t3_total(tables: Any, row: str) -> float | None:
    """The 总计 cell of a T3 row, when the tables have it as a number."""
    if not tables or not tables.get("t3"):
        return None
    cells = tables["t3"].get("rows", {}).get(row)
    value = cells[-1] if cells else None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
