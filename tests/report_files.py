"""Writing small but real report files for tests: the text form the indexer reads, and lines made into HTML."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any, Callable

NUMERALS = "一二三四五六七八九十"


def write_text_report(
    path: Path,
    agency: str,
    year: int,
    sections: list[tuple[str, str]],
    published: str | None = None,
) -> Path:
    """Write a plain-text report: title, optional publication line, numbered headings and bodies."""
    lines = [f"{agency}{year}年政府信息公开工作年度报告"]
    if published:
        lines.append(f"发布时间: {published}")
    for number, (heading, body) in zip(NUMERALS, sections):
        lines.append(f"{number}、{heading}")
        lines.append(body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_sidecar(report_path: Path, **values: Any) -> Path:
    """Write the `NAME.json` sidecar of a report file: metadata a crawler knows (region, level, agency_kind, …)."""
    path = report_path.with_suffix(".json")
    path.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    return path


def region(province: str | None, city: str | None = None, county: str | None = None, code: str | None = None,
           township: str | None = None) -> dict[str, str | None]:
    """A `Report.region` object."""
    return {"province": province, "city": city, "county": county, "township": township, "code": code}


def lines_as_html(lines: list[str], row_cells: Callable[[str], list[str] | None]) -> list[str]:
    """Lines as HTML: consecutive lines that `row_cells` splits into cells become one table, the others paragraphs."""
    parts: list[str] = []
    rows: list[str] = []
    for line in lines:
        cells = row_cells(line)
        if cells is not None:
            rows.append("<tr>" + "".join(f"<td>{html.escape(cell.strip())}</td>" for cell in cells) + "</tr>")
            continue
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
            rows = []
        parts.append(f"<p>{html.escape(line)}</p>")
    if rows:
        parts.append("<table>" + "".join(rows) + "</table>")
    return parts
