"""A report's original file, read back safely for `/reports/<id>/source`.

The path comes only from the index manifest, never from a request, and is the
path as the build found it (a link is not resolved there). It is served only
when, followed now, it is a regular file (not a device, pipe or directory)
inside the corpus root it was found under, within the indexer's size limit:
a file replaced by a link out of the corpus since the build is refused. Its
text comes from the indexer's own loaders (`indexer.formats.source_text`): a
text or HTML file decoded (BOM, UTF-8, declared or detected GB18030/Big5, …),
so it can be served as UTF-8 whatever its own encoding; a Word or PDF file as
the text extracted from it. The exact bytes are served for download whatever
the format.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from indexer import ReportError
from indexer.config import Settings
from indexer.files import display_path, resolve_inside
from indexer.formats import SourceText, source_text
from indexer.loading import read_report_bytes


class SourceUnavailable(Exception):
    """The original file cannot be served; `reason` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class SourceFile:
    """An original file: its path, its name as a reader sees it, and its exact bytes."""

    path: Path
    name: str
    data: bytes


def _served_path(path: Path, root: Path | None) -> Path:
    """The file to read for `path`: its target inside `root`, or `path` itself when it is a regular file
    and no root is known; raises SourceUnavailable otherwise."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        raise SourceUnavailable("原始文件已不在服务器上。") from None
    if not (stat.S_ISREG(mode) or (stat.S_ISLNK(mode) and root is not None)):
        raise SourceUnavailable("原始文件已不是普通文件。")
    if root is None:
        return path
    target = resolve_inside(path, root)
    if target is None:
        raise SourceUnavailable("原始文件现在指向语料目录之外，不再提供。")
    return target


def read_source(path: Path | None, settings: Settings, root: Path | None = None) -> SourceFile:
    """The file at `path` (from the manifest, found under `root`) with its bytes; raises SourceUnavailable."""
    if path is None:
        raise SourceUnavailable("索引没有记录这份报告的原始文件。")
    served = _served_path(path, root)
    try:
        return SourceFile(served, display_path(path.name), read_report_bytes(served, settings, follow_links=False))
    except ReportError:
        raise SourceUnavailable("原始文件无法读取（可能已被改动或过大）。") from None


def source_as_text(original: SourceFile, settings: Settings) -> SourceText:
    """The file's text: decoded, or extracted from a Word or PDF file; raises SourceUnavailable."""
    try:
        return source_text(original.path, original.data, settings)
    except ReportError:
        raise SourceUnavailable("原始文件无法解码或提取为文本。") from None
