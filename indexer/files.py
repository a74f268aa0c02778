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


def _is_sidecar(path: Path) -> bool:
    if path.suffix.lower() != SIDECAR_SUFFIX:
        return False
    return any(path.with_suffix(suffix).exists() for suffix in _suffix_spellings(path))


def _suffix_spellings(path: Path) -> list[str]:
    """The report suffixes a sidecar's report may have, in the case they appear in the folder."""
    stem = path.stem
    return [sibling.suffix for sibling in path.parent.glob(f"{_glob_escape(stem)}.*") if is_report_file(sibling)]


def _glob_escape(text: str) -> str:
    return "".join(f"[{char}]" if char in "*?[" else char for char in text)


def _unsupported(path: Path) -> str:
    suffix = path.suffix.lower() or "(none)"
    return f"unsupported file type {suffix}; nianbao reads .html, .htm and .txt"


def _walk(directory: Path) -> Iterator[Path]:
    try:
        entries = sorted(directory.iterdir(), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(entry)
        elif entry.is_file():
            yield entry


def iter_report_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    """Yield `(path, None)` for each report file under `paths`, `(path, reason)` for each problem.

    Named files are yielded in the order given; directory contents in sorted
    order. In a directory walk, hidden entries and sidecars are skipped and other
    files are reported as unsupported.
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for entry in _walk(path):
                if is_report_file(entry):
                    yield entry, None
                elif not _is_sidecar(entry):
                    yield entry, _unsupported(entry)
        elif not path.exists():
            yield path, "no such file or directory"
        elif not path.is_file():
            yield path, "not a regular file"
        elif is_report_file(path):
            yield path, None
        else:
            yield path, _unsupported(path)
