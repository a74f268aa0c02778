"""A report's original file, read back safely for `/reports/<id>/source`.

The path comes only from the index manifest, never from a request; it must
still be a regular file (not a symlink, device or directory) within the
indexer's size limit. The text is decoded exactly as the indexer decoded it
(BOM, UTF-8, declared or detected GB18030/Big5, …), so the page can be served
as UTF-8 text whatever the file's own encoding.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from indexer import ReportError
from indexer.config import Settings
from indexer.loading import declared_charset, decode_report_bytes, read_report_bytes, strip_nul_bytes
from indexer.pipeline import HTML_SUFFIXES


class SourceUnavailable(Exception):
    """The original file cannot be served; `reason` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class SourceFile:
    name: str
    data: bytes
    text: str
    encoding: str


def read_source(path: Path | None, settings: Settings) -> SourceFile:
    """The file at `path` (from the manifest) with its decoded text; raises SourceUnavailable."""
    if path is None:
        raise SourceUnavailable("the index does not record this report's original file")
    try:
        mode = path.lstat().st_mode
    except OSError:
        raise SourceUnavailable("the original file is no longer on the server") from None
    if not stat.S_ISREG(mode):
        raise SourceUnavailable("the original file is no longer a regular file")
    try:
        data = read_report_bytes(path, settings)
    except ReportError as error:
        raise SourceUnavailable(f"the original file cannot be read: {error.reason}") from None
    declared = declared_charset(data) if path.suffix.lower() in HTML_SUFFIXES else None
    try:
        decoded = decode_report_bytes(strip_nul_bytes(data), declared)
    except ValueError as error:
        raise SourceUnavailable(f"the original file cannot be decoded: {error}") from None
    return SourceFile(path.name, data, decoded.text, decoded.encoding)
