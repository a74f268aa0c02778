"""A report's original file, read back safely for `/reports/<id>/source`.

The path comes only from the index manifest, never from a request; it must
still be a regular file (not a symlink, device or directory) within the
indexer's size limit. The text is decoded by the indexer's own
`decode_report_file` (BOM, UTF-8, declared or detected GB18030/Big5, …), so the page can be served
as UTF-8 text whatever the file's own encoding.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from indexer import ReportError
from indexer.config import Settings
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


def read_source(path: Path | None, settings: Settings) -> SourceFile:
    """The file at `path` (from the manifest) with its decoded text; raises SourceUnavailable."""
    if path is None:
        raise SourceUnavailable("索引没有记录这份报告的原始文件。")
    try:
        mode = path.lstat().st_mode
    except OSError:
        raise SourceUnavailable("原始文件已不在服务器上。") from None
    if not stat.S_ISREG(mode):
        raise SourceUnavailable("原始文件已不是普通文件。")
    try:
        data = read_report_bytes(path, settings)
    except ReportError:
        raise SourceUnavailable("原始文件无法读取（可能已被改动或过大）。") from None
    try:
        decoded = decode_report_file(path, data)
    except ReportError:
        raise SourceUnavailable("原始文件无法解码为文本。") from None
    return SourceFile(path.name, data, decoded.text, decoded.encoding)
