"""Finding report files: walk the paths a user named, in a stable order.

Directories are walked recursively (hidden entries and `NAME.json` sidecars
skipped); a path that is missing or not a report file is reported with a reason
instead of being silently dropped, so that `nianbao parse` can say so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

REPORT_SUFFIXES: frozenset[str] = frozenset({".html", ".htm", ".txt"})
SIDECAR_SUFFIX = ".json"


def is_report_file(path: Path) -> bool:
    """True when `path` has a report extension (case-insensitive)."""
    return path.suffix.lower() in REPORT_SUFFIXES


def sidecar_path(path: Path) -> Path:
    """The metadata sidecar of a report file: `NAME.json` beside `NAME.html`."""
    return path.with_suffix(SIDECAR_SUFFIX)


def _unsupported(path: Path) -> str:
    suffix = path.suffix.lower() or "(none)"
    return f"unsupported file type {suffix}; nianbao reads .html, .htm and .txt"


def _walk(directory: Path) -> Iterator[tuple[Path, str | None]]:
    """Report files under `directory` with None, other files with the reason they are not read.

    Hidden entries and sidecars (a `NAME.json` beside a report `NAME.*`, known
    from one listing of each directory) are skipped.
    """
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError:
        return
    report_stems = {entry.stem for entry in entries if is_report_file(entry)}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif not entry.is_file():
            continue
        elif is_report_file(entry):
            yield entry, None
        elif not (entry.suffix.lower() == SIDECAR_SUFFIX and entry.stem in report_stems):
            yield entry, _unsupported(entry)


def iter_report_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Yield `(path, None)` for each report file under `paths`, `(path, reason)` for each problem.

    Named files are yielded in the order given; directory contents in sorted
    order. In a directory walk, hidden entries and sidecars are skipped and other
    files are reported as unsupported.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from _walk(path)
        elif not path.exists():
            yield path, "no such file or directory"
        elif not path.is_file():
            yield path, "not a regular file"
        elif is_report_file(path):
            yield path, None
        else:
            yield path, _unsupported(path)
