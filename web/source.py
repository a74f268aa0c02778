"""A report's original file, read back safely for `/reports/<id>/source`.

The path comes only from the index manifest, never from a request, and is the
path as the build found it (a link is not resolved there). It is served only
when, followed now, it is a regular file (not a device, pipe or directory)
inside the corpus root it was found under, within the indexer's size limit:
a file replaced by a link out of the corpus since the build is refused. The
text is decoded by the indexer's own `decode_report_file` (BOM, UTF-8,
declared or detected GB18030/Big5, …), so the page can be served as UTF-8 text
whatever the file's own encoding.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from indexer import ReportError
from indexer.config import Settings
from indexer.files import display_path, resolve_inside
from indexer.loading import decode_report_file, read_report_bytes


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


def _served_path(path: Path, root: Path | None) -> Path:
    """The file to read for `path`: its target inside `root`, or `path` itself when it is a regular file
    and no root is known; raises SourceUnavailable otherwise."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        raise SourceUnavailable("the original file is no longer on the server") from None
    if not (stat.S_ISREG(mode) or (stat.S_ISLNK(mode) and root is not None)):
        raise SourceUnavailable("the original file is no longer a regular file")
    if root is None:
        return path
    target = resolve_inside(path, root)
    if target is None:
        raise SourceUnavailable("the original file now leads outside the corpus it was indexed from")
    return target


def read_source(path: Path | None, settings: Settings, root: Path | None = None) -> SourceFile:
    """The file at `path` (from the manifest, found under `root`) with its decoded text; raises SourceUnavailable."""
    if path is None:
        raise SourceUnavailable("the index does not record this report's original file")
    served = _served_path(path, root)
    try:
        data = read_report_bytes(served, settings, follow_links=False)
    except ReportError as error:
        raise SourceUnavailable(f"the original file cannot be read: {error.reason}") from None
    try:
        decoded = decode_report_file(path, data)
    except ReportError as error:
        raise SourceUnavailable(f"the original file cannot be decoded: {error.reason}") from None
    return SourceFile(display_path(path.name), data, decoded.text, decoded.encoding)
