"""Finding report files: walk the paths a user named, in a stable order, never out of them.

Directories are walked recursively (hidden entries, `NAME.json` sidecars and
attachments that a page beside them reads its report from skipped, sorted by
name); a path that is missing or not a report file is
reported with a reason instead of being silently dropped, so that `nianbao
parse` and `nianbao index` can say so.

Symbolic links: a path the user names is followed (they chose it; it is the
*corpus root* of what is found under it). Below it, a link is followed only
when its target resolves inside that root: a crawl mirror or a git-annex
checkout links within itself, but a link out of the corpus (to /etc/passwd,
/proc/self/environ, another user's files) is reported and never read. Each
directory and each file is visited once however many links lead to it, so
link loops end and nothing is found twice. Paths are kept as found (the link's
own path, never the resolved one), so that a later check sees the link itself.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from indexer.attachments import report_attachment
from indexer.config import DEFAULTS, Settings
from indexer.formats import ATTACHMENT_SUFFIXES, REPORT_SUFFIXES, supported_suffixes

SIDECAR_SUFFIX = ".json"


@dataclass(frozen=True)
class FoundFile:
    """A path met while walking: a report file (`problem` None) or what is wrong with it."""

    path: Path  # as found: the named path joined with the names walked, links unresolved
    root: Path  # the named path it was found under: nothing outside it is read
    problem: str | None = None


def is_report_file(path: Path) -> bool:
    """True when `path` has a report extension (case-insensitive)."""
    return path.suffix.lower() in REPORT_SUFFIXES


def sidecar_path(path: Path) -> Path:
    """The metadata sidecar of a report file: `NAME.json` beside `NAME.html`."""
    return path.with_suffix(SIDECAR_SUFFIX)


def display_path(path: Path | str) -> str:
    """`path` as printable text: a file name stored as GBK bytes (old crawls) decoded as GBK, other bytes
    that are not UTF-8 as U+FFFD, never undecodable escapes that no UTF-8 output can carry."""
    raw = os.fsencode(path)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def report_parts(path: Path, settings: Settings = DEFAULTS) -> list[Path]:
    """The files a report is read from: the file itself, the attachment a page links its report in, the sidecar."""
    parts = [path]
    attachment = report_attachment(path, settings)
    if attachment is not None:
        parts.append(attachment)
    sidecar = sidecar_path(path)
    if sidecar.is_file() and not sidecar.is_symlink():  # a sidecar is never read through a link
        parts.append(sidecar)
    return parts


def resolve_inside(path: Path, root: Path) -> Path | None:
    """The real path of `path` (every link resolved) when it is `root`'s real path or lies under it, else None."""
    real = os.path.realpath(path)
    base = os.path.realpath(root)
    return Path(real) if real == base or real.startswith(base.rstrip(os.sep) + os.sep) else None


def _unsupported(path: Path) -> str:
    suffix = path.suffix.lower() or "(none)"
    return f"unsupported file type {display_path(suffix)}; nianbao reads {supported_suffixes()}"


def _claimed_attachments(directory: Path, names: list[str], settings: Settings) -> set[str]:
    """The names of the attachments that pages of this directory read their reports from."""
    if not any(Path(name).suffix.lower() in ATTACHMENT_SUFFIXES for name in names):
        return set()
    pages = [directory / name for name in names if is_report_file(Path(name)) and not name.startswith(".")]
    return {attachment.name for page in pages if (attachment := report_attachment(page, settings)) is not None}


def _first_visit(info: os.stat_result, seen: set[tuple[int, int]]) -> bool:
    """True the first time a file or directory (by device and inode) is met in one walk."""
    identity = (info.st_dev, info.st_ino)
    if identity in seen:
        return False
    seen.add(identity)
    return True


def _link_target(path: Path, root: Path) -> tuple[os.stat_result | None, str | None]:
    """What a link below `root` points to, or why it is not followed."""
    if resolve_inside(path, root) is None:
        if not os.path.exists(path):
            return None, "broken symbolic link (its target does not exist)"
        return None, f"symbolic link to a path outside the corpus {display_path(root)}; not followed"
    try:
        return os.stat(path), None
    except OSError as error:
        return None, f"broken symbolic link ({error.strerror or error})"


def _listing(directory: Path, root: Path, settings: Settings) -> Iterator[tuple[Path, os.stat_result | None, str | None]]:
    """The visible entries of one directory in name order, each with its (link-followed) status or a problem.

    Sidecars (a `NAME.json` beside a report `NAME.*`, known from this one
    listing) and attachments a page beside them reads its report from are left out.
    """
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        yield directory, None, f"cannot list the directory: {error.strerror or error}"
        return
    report_stems = {Path(entry.name).stem for entry in entries if is_report_file(Path(entry.name))}
    claimed = _claimed_attachments(directory, [entry.name for entry in entries], settings)
    for entry in entries:
        path = directory / entry.name
        if entry.name.startswith(".") or entry.name in claimed:
            continue
        if path.suffix.lower() == SIDECAR_SUFFIX and path.stem in report_stems:
            continue
        if entry.is_symlink():
            yield (path, *_link_target(path, root))
            continue
        try:
            yield path, entry.stat(follow_symlinks=False), None
        except OSError as error:
            yield path, None, f"cannot read: {error.strerror or error}"


def _walk(
    start: tuple[Path, os.stat_result | None, str | None], root: Path, seen: set[tuple[int, int]], settings: Settings
) -> Iterator[FoundFile]:
    """What `start` (a path with its status or a problem) holds, in name order, depth first, without
    recursion (nesting may be deep)."""
    pending: list[Iterator[tuple[Path, os.stat_result | None, str | None]]] = [iter([start])]
    while pending:
        entry = next(pending[-1], None)
        if entry is None:
            pending.pop()
            continue
        path, info, problem = entry
        if info is None:
            yield FoundFile(path, root, problem)
        elif stat.S_ISDIR(info.st_mode):
            if _first_visit(info, seen):
                pending.append(_listing(path, root, settings))
        elif not stat.S_ISREG(info.st_mode):
            yield FoundFile(path, root, "not a regular file (a device, pipe or socket); not read")
        elif not is_report_file(path):
            yield FoundFile(path, root, _unsupported(path))
        elif _first_visit(info, seen):
            yield FoundFile(path, root)


def _named(path: Path) -> tuple[Path, os.stat_result | None, str | None]:
    """A path the user named, its link followed, with its status or what is wrong with it."""
    try:
        return path, path.stat(), None
    except FileNotFoundError:
        return path, None, "broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file or directory"
    except OSError as error:
        return path, None, f"cannot read: {error.strerror or error}"


def find_report_files(paths: Iterable[Path], settings: Settings = DEFAULTS) -> Iterator[FoundFile]:
    """Every report file under `paths`, and every problem met on the way, each once.

    Named files come in the order given, directory contents in sorted order;
    see the module docstring for hidden entries, sidecars and links.
    """
    seen: set[tuple[int, int]] = set()
    for path in paths:
        yield from _walk(_named(Path(path)), Path(path), seen, settings)


def iter_report_files(paths: Iterable[Path], settings: Settings = DEFAULTS) -> Iterator[tuple[Path, str | None]]:
    """Yield `(path, None)` for each report file under `paths`, `(path, reason)` for each problem.

    The same walk as `find_report_files`, without the roots.
    """
    for found in find_report_files(paths, settings):
        yield found.path, found.problem
