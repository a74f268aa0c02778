"""Pages that only point to their report: an HTML page whose content is little more than a link
to an attachment (.pdf, .doc, .docx) lying beside it on disk.

Such a report is read from the attachment, with the page's metadata (title,
date, URL, 发布机构) around it; the attachment then belongs to the page and is
not read on its own when a directory is walked. A link names its file by the
last part of its address, percent-encoded in UTF-8 or GBK, or written raw in
the page's encoding; file names on disk may be UTF-8 or GBK bytes.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote_to_bytes

from indexer.config import Settings
from indexer.errors import ReportError
from indexer.formats import ATTACHMENT_SUFFIXES, HTML, load_page, loader_for, read_page
from indexer.loading import read_report_bytes
from indexer.page import Page

_LINK = re.compile(rb"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>(.*?)</a\s*>""", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_ATTACHMENT_ADDRESS = re.compile(rb"\.(?:pdf|docx?)(?:[?#]|$)", re.IGNORECASE)
_NAME_CODECS = ("utf-8", "gb18030")


def _name_forms(raw: bytes) -> set[str]:
    """The ways a file name's bytes may read: UTF-8 or GBK, compared case-insensitively."""
    forms = set()
    for codec in _NAME_CODECS:
        try:
            forms.add(raw.decode(codec).casefold())
        except UnicodeDecodeError:
            continue
    return forms


def _attachments_beside(page_path: Path) -> dict[str, Path]:
    """Attachment files in the page's directory, by every form of their names (one listing per directory state)."""
    directory = page_path.parent
    try:
        return _attachments_in(directory, directory.stat().st_mtime_ns)
    except OSError:
        return {}


@lru_cache(maxsize=256)
def _attachments_in(directory: Path, modified: int) -> dict[str, Path]:
    try:
        names = os.listdir(os.fsencode(directory))
    except OSError:
        return {}
    found: dict[str, Path] = {}
    for raw in names:
        path = directory / os.fsdecode(raw)
        if path.suffix.lower() in ATTACHMENT_SUFFIXES and not raw.startswith(b".") and path.is_file() and not path.is_symlink():
            found.update(dict.fromkeys(_name_forms(raw), path))
    return found


def _link_names(href: bytes) -> set[str]:
    """The file names a link's address may stand for (its last part, unquoted, in UTF-8 or GBK)."""
    address = html.unescape(href.decode("latin-1")).encode("latin-1", "replace")
    address = re.split(rb"[?#]", address, maxsplit=1)[0].strip()
    last = re.split(rb"[/\\]", address)[-1]
    return _name_forms(unquote_to_bytes(last)) | _name_forms(last)


def linked_attachments(page_path: Path, data: bytes) -> list[tuple[Path, str]]:
    """The attachments beside a page that its links name, in link order, each with its link text."""
    links = [
        (href, match)
        for match in _LINK.finditer(data)
        if _ATTACHMENT_ADDRESS.search(unquote_to_bytes(href := next(group for group in match.groups()[:3] if group is not None)))
    ]
    beside = _attachments_beside(page_path) if links else {}
    if not beside:
        return []
    linked: list[tuple[Path, str]] = []
    for href, match in links:
        found = next((beside[name] for name in _link_names(href) if name in beside), None)
        if found is not None and found not in (path for path, _ in linked):
            text = _TAG.sub("", match.group(4).decode("utf-8", "replace"))
            linked.append((found, " ".join(html.unescape(text).split())))
    return linked


def _report_attachment(page: Page, linked: list[tuple[Path, str]], settings: Settings) -> Path | None:
    """The attachment a page holds its report in: the page's content is short, and one of its links names
    an attachment beside it (one whose link text the content shows first)."""
    content = "".join("".join(line.split()) for line in page.lines)
    link_texts = ["".join(text.split()) for _, text in linked]
    if len(content) - sum(len(text) for text in link_texts if text and text in content) > settings.attachment_page_max_chars:
        return None
    shown = [path for path, text in zip((path for path, _ in linked), link_texts) if text and text in content]
    return (shown or [path for path, _ in linked])[0]


@lru_cache(maxsize=4096)
def _attachment_of(page_path: Path, modified: int, size: int, settings: Settings) -> Path | None:
    data = read_report_bytes(page_path, settings)
    if loader_for(page_path, data) is not HTML:
        return None
    linked = linked_attachments(page_path, data)
    return _report_attachment(read_page(page_path, data, settings), linked, settings) if linked else None


def report_attachment(path: Path, settings: Settings) -> Path | None:
    """The attachment beside an HTML page that holds the page's report, or None (any other file, or a page with its own text)."""
    path = Path(path)
    if path.suffix.lower() not in HTML.suffixes:
        return None
    try:
        stat = path.stat()
        return _attachment_of(path, stat.st_mtime_ns, stat.st_size, settings)
    except (OSError, ReportError):
        return None


def load_report_page(path: Path, settings: Settings) -> Page:
    """The page a report is read from: the file's own, or for a page that only links its report, the
    attachment's lines and tables with the page's metadata, headline and text around them."""
    page = load_page(path, settings)
    attachment = report_attachment(path, settings)
    if attachment is None:
        return page
    try:
        report = load_page(attachment, settings)
    except ReportError as error:
        raise ReportError(path, f"its report is in the attachment {attachment.name}, which cannot be read: {error.reason}") from error
    return replace(
        page,
        lines=report.lines,
        outside_lines=page.outside_lines + page.lines,
        title_candidates=page.title_candidates + report.title_candidates,
        warnings=page.warnings + [f"{attachment.name}: {warning}" for warning in report.warnings],
        tables=report.tables,
        attachment=str(attachment),
    )
