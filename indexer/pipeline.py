"""One report file to a `Report`: load, clean, read metadata, split into sections.

`load_report` is the indexer's one entry point for a file. It raises only
`ReportError` (with a reason a user can act on) and records best-effort repairs
in `report.warnings`.
"""

from __future__ import annotations

import re
from pathlib import Path

from indexer.agency import infer_agency
from indexer.config import DEFAULTS, Settings
from indexer.errors import ReportError
from indexer.files import display_path
from indexer.html_clean import HtmlPage, clean_html
from indexer.loading import HTML_SUFFIXES, decode_report_file, read_report_bytes
from indexer.metadata import (
    PageMetadata,
    extract_metadata_block,
    extract_title,
    is_title_like,
    parse_date,
    read_metadata_lines,
    report_title,
    signature_date,
    year_from_body,
    year_from_title,
)
from indexer.matching import plain_form
from indexer.report import Report, Section
from indexer.sections import split_sections
from indexer.sidecar import read_sidecar
from indexer.time_limit import file_time_limit
from indexer.text_clean import is_chrome_line, normalize_characters, normalize_tables, repair_mojibake, strip_chrome, tidy_words

_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|-\s)\s*")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_SIGNATURE_LINES = 6
_SIGNATURE_MAX = 30


def load_report(path: Path, settings: Settings = DEFAULTS) -> Report:
    """Parse one report file; raise `ReportError` for anything that cannot be read as a report,
    including a file that takes more than `max_file_seconds` of CPU time (see `indexer.time_limit`)."""
    path = Path(path)
    try:
        with file_time_limit(path, settings.max_file_seconds):
            return _load(path, settings)
    except ReportError:
        raise
    except RecursionError as error:
        raise ReportError(path, "page too deeply nested to read") from error
    except Exception as error:  # a bug must surface as this file's error, never as a crash
        raise ReportError(path, f"internal error while parsing: {type(error).__name__}: {error}") from error


def _load(path: Path, settings: Settings) -> Report:
    decoded = decode_report_file(path, read_report_bytes(path, settings))
    warnings = list(decoded.warnings)
    text = normalize_characters(decoded.text)
    page = _clean_page(path, text, settings) if path.suffix.lower() in HTML_SUFFIXES else None
    lines = page.lines if page else text.split("\n")
    if page:
        warnings += page.warnings
    lines = tidy_words("\n".join(repair_mojibake(lines))).split("\n")
    metadata, lines = extract_metadata_block(lines)
    if page:
        read_metadata_lines([tidy_words(line) for line in page.outside_lines], metadata)
    lines = normalize_tables(strip_chrome(lines))
    title, lines = extract_title(lines, metadata.title or None)
    if title is None and page:
        title = _page_title(page)
    sections = split_sections(lines)
    if not sections:
        raise ReportError(path, "no report text found in the file")
    body = "\n".join(section.text for section in sections)
    return _report(path, title, metadata, page, sections, body, lines, warnings, settings)


def _clean_page(path: Path, text: str, settings: Settings) -> HtmlPage:
    try:
        return clean_html(text, settings)
    except ValueError as error:
        raise ReportError(path, str(error)) from error


def _page_title(page: HtmlPage) -> str | None:
    """A report title from the page's meta tags, headline or <title>, without the site name.

    Titles that name a year are preferred: a bare `政府信息公开年报` is usually a column name.
    """
    parts = [
        part.strip()
        for candidate in page.title_candidates
        if not is_chrome_line(candidate)
        for part in _TITLE_SEPARATORS.split(candidate)
        if is_title_like(part.strip())
    ]
    return next((part for part in parts if _YEAR.search(part)), parts[0] if parts else None)


def _report(
    path: Path,
    title: str | None,
    metadata: PageMetadata,
    page: HtmlPage | None,
    sections: list[Section],
    body: str,
    lines: list[str],
    warnings: list[str],
    settings: Settings,
) -> Report:
    """The report with its metadata: sidecar values first, then what the page and text say."""
    sidecar, sidecar_warnings = read_sidecar(path, settings)
    title = sidecar.get("title") or report_title(title, body)
    published = sidecar.get("published") or _published(metadata, page, lines)
    signature = [plain_form(line.strip()) for line in lines[-_SIGNATURE_LINES:] if 0 < len(line.strip()) <= _SIGNATURE_MAX]
    plain_title, plain_body = (plain_form(title) if title else None), plain_form(body)
    publishers = metadata.publishers + ([page.source] if page and page.source else [])
    if not body.strip():
        warnings.append("no body text found")
    return Report(
        source_path=display_path(path),
        title=title,
        agency=sidecar.get("agency") or infer_agency(plain_title, [plain_form(name) for name in publishers], plain_body, signature),
        year=sidecar.get("year") or year_from_title(plain_title) or year_from_body(plain_body, published),
        published=published,
        source_url=sidecar.get("source_url") or (page.source_url if page else None) or metadata.source_url,
        index_no=metadata.index_no,
        sections=sections,
        warnings=warnings + sidecar_warnings,
    )


def _published(metadata: PageMetadata, page: HtmlPage | None, lines: list[str]) -> str | None:
    return (
        parse_date(metadata.published)
        or (parse_date(page.published) if page else None)
        or signature_date(lines)
        or parse_date(metadata.written)
    )
