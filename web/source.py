"""A report's original file, read back safely for `/reports/<id>/source`.

The path comes only from the index manifest, never from a request; it must
still be a regular file (not a symlink, device or directory) within the
indexer's size limit. Its text comes from the indexer's own loaders
(`indexer.formats.source_text`): a text or HTML file decoded (BOM, UTF-8,
declared or detected GB18030/Big5, …), so it can be served as UTF-8 whatever
its own encoding; a Word or PDF file as the text extracted from it. The exact
bytes are served for download whatever the format.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from indexer import ReportError
from indexer.config import Settings
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


def display_name(path: Path) -> str:
    """A file's name as text, also when the name's bytes are GBK (not UTF-8) on disk."""
    raw = os.fsencode(path.name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def read_source(path: Path | None, settings: Settings) -> SourceFile:
    """The file at `path` (from the manifest) with its bytes; raises SourceUnavailable."""
    if path is None:
        raise SourceUnavailable("索引没有记录这份报告的原始文件。")
    try:
        mode = path.lstat().st_mode
    except OSError:
        raise SourceUnavailable("原始文件已不在服务器上。") from None
    if not stat.S_ISREG(mode):
        raise SourceUnavailable("原始文件已不是普通文件。")
    try:
        return SourceFile(path, display_name(path), read_report_bytes(path, settings))
    except ReportError:
        raise SourceUnavailable("原始文件无法读取（可能已被改动或过大）。") from None


def source_as_text(original: SourceFile, settings: Settings) -> SourceText:
    """The file's text: decoded, or extracted from a Word or PDF file; raises SourceUnavailable."""
    try:
        return source_text(original.path, original.data, settings)
    except ReportError:
        raise SourceUnavailable("原始文件无法解码或提取为文本。") from None
