"""Text formats: HTML pages and plain text files, decoded by the bytes (see `indexer.loading`)."""

from __future__ import annotations

from pathlib import Path

from indexer.config import Settings
from indexer.errors import ReportError
from indexer.html_clean import clean_html
from indexer.loading import decode_report_file
from indexer.page import Page
from indexer.text_clean import normalize_characters

_HTML_MARKS = (b"<html", b"<!doctype html", b"<body", b"<head", b"<meta", b"<table", b"<div", b"<p>", b"<p ")


def read_html(path: Path, data: bytes, settings: Settings) -> Page:
    """An HTML page's content lines, tables and page metadata (title, URL, date, 发布机构)."""
    decoded = decode_report_file(path, data, html=True)
    try:
        page = clean_html(normalize_characters(decoded.text), settings)
    except ValueError as error:
        raise ReportError(path, str(error)) from error
    page.warnings[:0] = decoded.warnings
    return page


def read_text(path: Path, data: bytes, settings: Settings) -> Page:
    """A text file's lines as written; its tables are found later, from the text."""
    decoded = decode_report_file(path, data)
    return Page(lines=normalize_characters(decoded.text).split("\n"), warnings=list(decoded.warnings))


def looks_like_html(data: bytes) -> bool:
    """True for bytes that are an HTML page (a Word "web page" saved as .doc, a page saved as .pdf by mistake)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(mark in head for mark in _HTML_MARKS)
