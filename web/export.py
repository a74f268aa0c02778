"""Search results as CSV for people with a spreadsheet: Chinese headers and labels, written as it streams.

UTF-8 with a BOM (so Excel reads the Chinese). One row per report (its best
section; how many sections match and which others) or, with
`group=section`, per section. Matches in the snippet are marked 【…】; each
row links to the report on this server (its matches marked) and to the
original page. A cell that starts like a spreadsheet formula (= + - @, tab,
CR) gets a leading apostrophe: report text comes from the open web and must
not run as a formula when the file is opened. The file is named after the
search and the day: 年报检索_行政复议_2019-2024_20261201.csv.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from typing import Callable, Iterable, Iterator
from urllib.parse import quote

from search import MARK_END, MARK_START, Hit, facet
from web.facets import year_spans
from web.params import SearchParams

CSV_COLUMNS: tuple[str, ...] = (
    "报告编号", "机构", "年度", "发布日期", "省", "市", "县", "乡镇", "行政区划代码", "层级", "机构类别", "机构系列", "标题",
    "部分", "小标题", "匹配片段", "匹配部分数", "其他匹配部分", "报告链接", "原文网址",
)
_REGION_CELLS: tuple[str, ...] = ("province", "city", "county", "township", "code")
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ROWS_PER_CHUNK = 200
_NAME_PREFIX = "年报检索"
_UNSAFE_IN_NAMES = re.compile(r'[\\/:*?"<>|\s\u201c\u201d\u300c\u300d\uff02\x00-\x1f]+')
_NAME_QUERY_CHARS = 40


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _row(hit: Hit, report_url: str) -> list[str]:
    region = [(hit.region or {}).get(key) for key in _REGION_CELLS]
    section_label, level_label = facet("section").label, facet("level").label
    values = (
        hit.report_id, hit.agency, hit.year, hit.published, *region, level_label(hit.level) if hit.level else None,
        hit.agency_kind, hit.agency_series, hit.title, section_label(hit.section), hit.heading,
        hit.snippet.replace(MARK_START, "【").replace(MARK_END, "】"), hit.matching_sections,
        "、".join(section_label(other.section) for other in hit.other_sections or ()), report_url, hit.source_url,
    )
    return [_cell(value) for value in values]


def csv_chunks(hits: Iterable[Hit], report_url: Callable[[Hit], str]) -> Iterator[str]:
    """The BOM and header, then the rows of `hits` in chunks of text; `report_url` gives each hit's link."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(CSV_COLUMNS)
    for count, hit in enumerate(hits, start=1):
        writer.writerow(_row(hit, report_url(hit)))
        if count % _ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_file_name(params: SearchParams, today: datetime.date) -> str:
    """年报检索_<the query's words>_<the years>_<YYYYMMDD>.csv, without characters file systems refuse."""
    words = _UNSAFE_IN_NAMES.sub("_", params.query).strip("_")[:_NAME_QUERY_CHARS]
    parts = [_NAME_PREFIX, words or "全部", *year_spans(params.values("year"))[:3], today.strftime("%Y%m%d")]
    return "_".join(_UNSAFE_IN_NAMES.sub("_", part) for part in parts if part) + ".csv"


def content_disposition(name: str) -> str:
    """An attachment header with the UTF-8 name (RFC 6266) and an ASCII one for clients without it."""
    return f"attachment; filename=\"nianbao-search.csv\"; filename*=UTF-8''{quote(name, safe='')}"
