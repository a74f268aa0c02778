"""The index directory: immutable generations, an atomic pointer, one build lock.

    INDEX_DIR/
      CURRENT        name of the generation searchers use (replaced atomically)
      build.lock     flock()ed by the one running build; says who holds it
      gen-000007/    Whoosh files + gram index + columns + manifest.json

A build writes a new generation beside the current one (hard-linking the
Whoosh segment files it keeps, which Whoosh never modifies in place) and only
then replaces CURRENT. Whatever stops a build (Ctrl-C, kill -9, a full disk)
leaves CURRENT and the generation it names untouched; the next build removes
the half-written directory.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import re
import shutil
import socket
from pathlib import Path
from typing import IO, Any

from search.api import IndexLocked

CURRENT_FILE = "CURRENT"
LOCK_FILE = "build.lock"
MANIFEST_FILE = "manifest.json"
_GENERATION = re.compile(r"^gen-(\d{6,})$")
_WHOOSH_FILE = re.compile(r"^(_MAIN_\d+\.toc|MAIN_\w+\.seg)$")


def current_generation(index_dir: Path) -> Path | None:
    """The generation CURRENT names, or None when there is no complete index."""
    try:
        name = (index_dir / CURRENT_FILE).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    generation = index_dir / name
    return generation if _GENERATION.match(name) and generation.is_dir() else None


def _number(generation: Path) -> int:
    match = _GENERATION.match(generation.name)
    return int(match.group(1)) if match else 0


def _generations(index_dir: Path) -> list[Path]:
    found = [path for path in index_dir.iterdir() if _GENERATION.match(path.name) and path.is_dir()]
    return sorted(found, key=_number)


class BuildLock:
    """Exclusive right to write an index directory, released even if the holder is killed."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._file: IO[str] | None = None

    def __enter__(self) -> "BuildLock":
        self.index_dir.mkdir(parents=True, exist_ok=True)
        lock_file = open(self.index_dir / LOCK_FILE, "a+", encoding="utf-8")
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.seek(0)
            holder = lock_file.read().strip() or "another process"
            lock_file.close()
            raise IndexLocked(str(self.index_dir), holder) from None
        started = datetime.datetime.now().isoformat(timespec="seconds")
        lock_file.seek(0)
        lock_file.truncate()
        lock_file.write(f"nianbao index (pid {os.getpid()} on {socket.gethostname()}, started {started})\n")
        lock_file.flush()
        self._file = lock_file
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._file is not None
        self._file.seek(0)
        self._file.truncate()
        fcntl.flock(self._file, fcntl.LOCK_UN)
        self._file.close()
        self._file = None


def new_generation(index_dir: Path, previous: Path | None) -> Path:
    """Create the next generation directory, hard-linking the previous one's Whoosh files."""
    existing = _generations(index_dir)
    number = _number(existing[-1]) + 1 if existing else 1
    generation = index_dir / f"gen-{number:06d}"
    generation.mkdir()
    if previous is not None:
        for path in previous.iterdir():
            if _WHOOSH_FILE.match(path.name) and path.is_file():
                os.link(path, generation / path.name)
    return generation


def publish(index_dir: Path, generation: Path) -> None:
    """Make `generation` the one searchers use, atomically, then drop generations older than the previous one."""
    pointer = index_dir / f"{CURRENT_FILE}.tmp"
    with open(pointer, "w", encoding="utf-8") as out:
        out.write(generation.name + "\n")
        out.flush()
        os.fsync(out.fileno())
    os.replace(pointer, index_dir / CURRENT_FILE)
    discard_stale(index_dir)


def discard_stale(index_dir: Path) -> None:
    """Remove every generation but CURRENT and the one before it (kept for searches still running on it).

    That takes away the leftovers of a build that was stopped (newer than
    CURRENT) and old generations a stopped clean-up left half deleted, so a
    build with nothing to change cleans up too.
    """
    current = current_generation(index_dir)
    current_number = _number(current) if current else 0
    older = [generation for generation in _generations(index_dir) if _number(generation) < current_number]
    keep = {current.name if current else "", older[-1].name if older else ""}
    for generation in _generations(index_dir):
        if generation.name not in keep:
            shutil.rmtree(generation, ignore_errors=True)


def discard_unpublished(generation: Path) -> None:
    """Remove a generation a build wrote but did not publish."""
    shutil.rmtree(generation, ignore_errors=True)


def read_manifest(generation: Path | None) -> dict[str, Any]:
    """The manifest of a generation: its format and, per source file, hash and report id."""
    if generation is None:
        return {}
    try:
        return json.loads((generation / MANIFEST_FILE).read_text(encoding="utf-8", errors="surrogateescape"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def write_manifest(generation: Path, manifest: dict[str, Any]) -> None:
    """Write a generation's manifest; paths that are not UTF-8 keep their own bytes."""
    (generation / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8", errors="surrogateescape")
