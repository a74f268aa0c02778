"""One report file to a `Report`: load, clean, read metadata, split into sections.

`load_report` is the indexer's one entry point for a file. It raises only
`ReportError` (with a reason a user can act on) and records best-effort repairs
in `report.warnings`.
"""

from __future__ import annotations

import re
from pathlib import Path

from indexer.agency import Evidence
from indexer.attachments import load_report_page
from indexer.chinese import SIGNATURE_LINES, YEAR
from indexer.config import DEFAULTS, Settings
from indexer.errors import ReportError
from indexer.files import display_path
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
    year_from_period,
    year_from_title,
    year_named_most,
)
from indexer.matching import plain_form
from indexer.page import Page
from indexer.report import Report, Section
from indexer.reporting_body import reporting_body, title_without_lead
from indexer.sections import split_sections
from indexer.sidecar import read_sidecar
from indexer.tables import KnownTables, build_blocks, read_report_tables
from indexer.text_clean import is_chrome_line, normalize_tables, repair_mojibake, split_chrome, tidy_words
from indexer.time_limit import file_time_limit

_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|—|-\s)\s*")
_YEAR = re.compile(YEAR)
_HEAD_LINES = 8
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
    page = load_report_page(path, settings)
    warnings = list(page.warnings)
    lines = tidy_words("\n".join(repair_mojibake(page.lines))).split("\n")
    metadata, lines = extract_metadata_block(lines)
    metadata = _with_page_metadata(metadata, [tidy_words(line) for line in page.outside_lines], first=page.attachment is not None)
    lines, chrome = split_chrome(lines)
    normalized = normalize_tables(lines)
    lines = normalized.lines
    title, lines = extract_title(lines, metadata.title or None)
    if title is None:
        title = _page_title(page)
    sections = split_sections(lines)
    if not sections:
        raise ReportError(path, "no report text found in the file")
    body = "\n".join(section.text for section in sections)
    site_lines = chrome + page.outside_lines + page.title_candidates
    report = _report(path, title, metadata, page, sections, body, lines, site_lines, warnings, settings)
    _read_tables(report, KnownTables(page.tables + normalized.tables))
    return report


def _with_page_metadata(metadata: PageMetadata, outside_lines: list[str], first: bool) -> PageMetadata:
    """The report's metadata with the fields of the lines around it (an HTML page's metadata table) added;
    with `first` (a page that links its report) the page's values win over the attachment's own."""
    if not first:
        read_metadata_lines(outside_lines, metadata)
        return metadata
    merged = PageMetadata()
    read_metadata_lines(outside_lines, merged)
    for name in ("index_no", "title", "published", "written", "source_url"):
        if getattr(merged, name) is None:
            setattr(merged, name, getattr(metadata, name))
    merged.publishers += metadata.publishers
    return merged


def _read_tables(report: Report, known: KnownTables) -> None:
    """Cut each section into blocks and read the template tables from them."""
    for section in report.sections:
        section.blocks = build_blocks(section.text, known)
    report.tables = read_report_tables([block for section in report.sections for block in section.blocks], report.year)


def _page_title(page: Page) -> str | None:
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
    page: Page,
    sections: list[Section],
    body: str,
    lines: list[str],
    site_lines: list[str],
    warnings: list[str],
    settings: Settings,
) -> Report:
    """The report with its metadata: sidecar values first, then what the page and text say."""
    sidecar, sidecar_warnings = read_sidecar(path, settings)
    title = sidecar.get("title") or title_without_lead(report_title(title, body))
    published = sidecar.get("published") or _published(metadata, page, lines)
    publishers = metadata.publishers + ([page.source] if page.source else [])
    if not body.strip():
        warnings.append("no body text found")
    plain_title, plain_body = (plain_form(title) if title else None), plain_form(body)
    year = sidecar.get("year") or _year_covered(plain_title, plain_body, published)
    evidence = _evidence(plain_title, publishers, plain_body, lines, site_lines)
    evidence.declared = sidecar.get("agency")
    body_facts = reporting_body(evidence, year)
    return Report(
        source_path=display_path(path),
        title=title,
        agency=body_facts.agency,
        year=year,
        published=published,
        source_url=sidecar.get("source_url") or page.source_url or metadata.source_url,
        index_no=metadata.index_no,
        region=sidecar.get("region") or body_facts.region,
        level=sidecar.get("level") or body_facts.level,
        agency_kind=sidecar.get("agency_kind") or body_facts.kind,
        agency_series=sidecar.get("agency_series") or body_facts.series,
        sections=sections,
        warnings=warnings + sidecar_warnings,
        attachment=display_path(page.attachment) if page.attachment else None,
    )


def _year_covered(title: str | None, body: str, published: str | None) -> int | None:
    """The year covered: the title's and the statistics period's when they agree or one is missing;
    when they differ (a page header of the next year above the report), the one the body names more."""
    titled, period = year_from_title(title), year_from_period(body)
    if titled and period and titled != period:
        return year_named_most(body, [titled, period])
    return titled or period or year_from_body(body, published)


def _evidence(title: str | None, publishers: list[str], body: str, lines: list[str], site_lines: list[str]) -> Evidence:
    """What the report and its page say about its author, in simplified characters."""
    return Evidence(
        title=title,
        publishers=[plain_form(name) for name in publishers],
        body=body,
        head=[plain_form(line.strip()) for line in lines[:_HEAD_LINES] if 0 < len(line.strip()) <= _SIGNATURE_MAX],
        signature=[plain_form(line.strip()) for line in lines[-SIGNATURE_LINES:] if 0 < len(line.strip()) <= _SIGNATURE_MAX],
        context=plain_form("\n".join(site_lines)).split("\n"),
    )


def _published(metadata: PageMetadata, page: Page, lines: list[str]) -> str | None:
    return (
        parse_date(metadata.published)
        or parse_date(page.published)
        or signature_date(lines)
        or parse_date(metadata.written)
    )
