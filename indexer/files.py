"""Finding report files: walk the paths a user named, in a stable order.

Directories are walked recursively (hidden entries and `NAME.json` sidecars
skipped, and attachments that a page beside them reads its report from); a path
that is missing or not a report file is reported with a reason instead of being
silently dropped, so that `nianbao parse` can say so.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from indexer.attachments import report_attachment
from indexer.config import DEFAULTS, Settings
from indexer.formats import ATTACHMENT_SUFFIXES, REPORT_SUFFIXES, supported_suffixes

SIDECAR_SUFFIX = ".json"


def is_report_file(path: Path) -> bool:
    """True when `path` has a report extension (case-insensitive)."""
    return path.suffix.lower() in REPORT_SUFFIXES


def sidecar_path(path: Path) -> Path:
    """The metadata sidecar of a report file: `NAME.json` beside `NAME.html`."""
    return path.with_suffix(SIDECAR_SUFFIX)


def readable_path(path: Path) -> str:
    """A path as text a reader can use: file names stored as GBK bytes (old crawls) decoded as GBK, not left as
    undecodable escapes that no UTF-8 output can carry."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("gb18030", errors="replace")


def report_parts(path: Path, settings: Settings = DEFAULTS) -> list[Path]:
    """The files a report is read from: the file itself, the attachment a page links its report in, the sidecar."""
    parts = [path]
    attachment = report_attachment(path, settings)
    if attachment is not None:
        parts.append(attachment)
    sidecar = sidecar_path(path)
    if sidecar.is_file():
        parts.append(sidecar)
    return parts


def _unsupported(path: Path) -> str:
    suffix = path.suffix.lower() or "(none)"
    return f"unsupported file type {suffix}; nianbao reads {supported_suffixes()}"


def _claimed_attachments(reports: list[Path], settings: Settings) -> set[Path]:
    """The attachments that pages of this directory read their reports from (only looked for beside attachments)."""
    if not any(entry.suffix.lower() in ATTACHMENT_SUFFIXES for entry in reports):
        return set()
    return {attachment for entry in reports if (attachment := report_attachment(entry, settings)) is not None}


def _walk(directory: Path, settings: Settings) -> Iterator[tuple[Path, str | None]]:
    """Report files under `directory` with None, other files with the reason they are not read.

    Hidden entries, sidecars (a `NAME.json` beside a report `NAME.*`, known
    from one listing of each directory) and attachments read by a page beside
    them are skipped.
    """
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError:
        return
    reports = [entry for entry in entries if is_report_file(entry) and not entry.name.startswith(".")]
    report_stems = {entry.stem for entry in reports}
    claimed = _claimed_attachments(reports, settings)
    for entry in entries:
        if entry.name.startswith(".") or entry in claimed:
            continue
        if entry.is_dir():
            yield from _walk(entry, settings)
        elif not entry.is_file():
            continue
        elif is_report_file(entry):
            yield entry, None
        elif not (entry.suffix.lower() == SIDECAR_SUFFIX and entry.stem in report_stems):
            yield entry, _unsupported(entry)


def iter_report_files(paths: Iterable[Path], settings: Settings = DEFAULTS) -> Iterator[tuple[Path, str | None]]:
    """Yield `(path, None)` for each report file under `paths`, `(path, reason)` for each problem.

    Named files are yielded in the order given; directory contents in sorted
    order. In a directory walk, hidden entries, sidecars and attachments that a
    page beside them reads its report from are skipped, and other files are
    reported as unsupported.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk(path, settings)
        elif not path.exists():
            yield path, "no such file or directory"
        elif not path.is_file():
            yield path, "not a regular file"
        elif is_report_file(path):
            yield path, None
        else:
            yield path, _unsupported(path)
