"""Search results as CSV: UTF-8 with a BOM (so Excel reads the Chinese), written as it streams.

A cell that starts like a spreadsheet formula (= + - @, tab, CR) gets a
leading apostrophe: report text comes from the open web and must not run as
a formula when the file is opened.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator

from search import Hit, strip_marks

CSV_COLUMNS: tuple[str, ...] = (
    "report_id", "agency", "year", "province", "city", "county", "township", "region_code", "level", "agency_kind",
    "agency_series", "title", "section", "heading", "source_url", "snippet",
)
_REGION_CELLS: tuple[str, ...] = ("province", "city", "county", "township", "code")
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_ROWS_PER_CHUNK = 200


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _row(hit: Hit) -> list[str]:
    region = [(hit.region or {}).get(key) for key in _REGION_CELLS]
    values = (
        hit.report_id, hit.agency, hit.year, *region, hit.level, hit.agency_kind, hit.agency_series,
        hit.title, hit.section, hit.heading, hit.source_url, strip_marks(hit.snippet),
    )
    return [_cell(value) for value in values]


def csv_chunks(hits: Iterable[Hit]) -> Iterator[str]:
    """The BOM and header, then the rows of `hits` in chunks of text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(CSV_COLUMNS)
    for count, hit in enumerate(hits, start=1):
        writer.writerow(_row(hit))
        if count % _ROWS_PER_CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
