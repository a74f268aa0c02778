"""Building and updating an index from report files, incrementally and safely.

Files are compared with the previous generation's manifest by content hash:
unchanged ones are skipped, changed and new ones parsed and analysed (in
worker processes: jieba holds the GIL), and files gone from the corpus removed.
A file that fails keeps whatever version of it the index already had, and is
reported; it never stops the build. The result becomes visible atomically
(see `search.store`).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from indexer.files import display_path, find_report_files
from indexer.loading import open_regular_file
from indexer.config import DEFAULTS, Settings
from search.columns import Columns
from search.documents import section_key
from search.schema import INDEX_FORMAT, build_schema
from search import grams, vocabulary
from search.segments import FileResult, SegmentFiller, SourceFile, WorkerPool, commit_with_segments, open_writer
from search.store import (
    BuildLock,
    current_generation,
    discard_unpublished,
    new_generation,
    publish,
    read_manifest,
    write_manifest,
)

ProgressCallback = Callable[[int, int], None]
_FILES_PER_PROCESS = 8  # fewer files per process than this are indexed in-process: workers would cost more


@dataclass
class BuildSummary:
    """What a build did, file by file, and what the index holds afterwards."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    reports: int = 0
    sections: int = 0
    seconds: float = 0.0
    generation: str | None = None


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open_regular_file(path) as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _scan(paths: Iterable[Path], summary: BuildSummary) -> list[SourceFile]:
    """Every readable report file under `paths` with its hash; problems go to `summary.failed`.

    A file's key in the manifest is its absolute path as found (links
    unresolved, see `indexer.files`), and its root the named path it was found under.
    """
    sources = []
    for found in find_report_files(paths):
        if found.problem is not None:
            summary.failed.append((display_path(found.path), found.problem))
            continue
        try:
            sources.append(SourceFile(found.path, os.path.abspath(found.path), _hash_file(found.path), os.path.abspath(found.root)))
        except OSError as error:
            summary.failed.append((display_path(found.path), f"cannot read the file: {error.strerror or error}"))
    return sources


def _section_keys(columns: Columns) -> dict[int, str]:
    """The section key of every live docnum."""
    return {
        docnum: section_key(columns.report_ids[columns.report[docnum]], int(columns.ordinal[docnum]))
        for docnum in np.flatnonzero(columns.live).tolist()
    }


def _matching_texts(columns: Columns, fresh: dict[str, str], previous: Path | None) -> list[str]:
    """The matching form of every document of the new index, by docnum: new ones from this
    build, kept ones from the previous generation's gram index."""
    old_texts: dict[str, str] = {}
    if previous is not None:
        old_grams = grams.GramIndex(previous)
        old_texts = {key: old_grams.text(docnum) for docnum, key in _section_keys(Columns.load(previous)).items()}
    texts = [""] * columns.section_count
    for docnum, key in _section_keys(columns).items():
        texts[docnum] = fresh[key] if key in fresh else old_texts[key]
    return texts


def build_index(
    paths: Iterable[Path],
    index_dir: Path,
    settings: Settings = DEFAULTS,
    progress: ProgressCallback | None = None,
) -> BuildSummary:
    """Bring the index at `index_dir` up to date with the report files under `paths`.

    Raises IndexLocked when another build holds the index; any other failure
    leaves the previous index as it was.
    """
    started = time.monotonic()
    summary = BuildSummary()
    with BuildLock(index_dir):
        discard_unpublished(index_dir)
        previous = current_generation(index_dir)
        manifest = read_manifest(previous)
        if manifest.get("format") != INDEX_FORMAT:
            previous, manifest = None, {}
        known: dict[str, dict[str, str]] = manifest.get("files", {})

        sources = _scan(paths, summary)
        seen = {source.key for source in sources}
        todo = [source for source in sources if known.get(source.key, {}).get("hash") != source.content_hash]
        summary.unchanged = len(sources) - len(todo)
        gone = [key for key in known if key not in seen]
        if previous is not None and not todo and not gone:
            summary.generation = previous.name
            columns = Columns.load(previous)
            summary.reports, summary.sections = len(columns.report_ids), int(columns.live.sum())
            summary.seconds = time.monotonic() - started
            return summary

        generation = new_generation(index_dir, previous)
        try:
            _write_generation(generation, previous, known, todo, gone, settings, summary, progress)
            publish(index_dir, generation)
        except BaseException:
            discard_unpublished(index_dir)
            raise
        summary.generation = generation.name
    summary.seconds = time.monotonic() - started
    return summary


def _write_generation(
    generation: Path,
    previous: Path | None,
    known: dict[str, dict[str, str]],
    todo: list[SourceFile],
    gone: list[str],
    settings: Settings,
    summary: BuildSummary,
    progress: ProgressCallback | None,
) -> None:
    if previous is None:
        index = whoosh_index.create_in(str(generation), build_schema())
    else:
        index = whoosh_index.open_dir(str(generation))
    processes = min(settings.build_processes, len(todo) // _FILES_PER_PROCESS)
    pool = WorkerPool(generation, processes, settings) if processes > 1 else None
    writer = open_writer(index, settings.build_memory_mb)
    filler = SegmentFiller(writer, settings)
    try:
        results = pool.run(todo) if pool else (filler.add(source) for source in todo)
        files, fresh_texts = _collect(results, writer, known, gone, summary, progress, len(todo))
        commit_with_segments(writer, pool.segments if pool else [])
    except BaseException:
        writer.cancel()
        raise
    finally:
        if pool:
            pool.close()

    with index.reader() as reader:
        columns = Columns.from_reader(reader)
    summary.reports, summary.sections = len(columns.report_ids), int(columns.live.sum())
    columns.save(generation)
    grams.build(generation, _matching_texts(columns, fresh_texts, previous))
    word_sections = pool.word_sections if pool else filler.word_sections
    vocabulary.save(generation, vocabulary.load(previous) + word_sections if previous else word_sections, summary.sections)
    write_manifest(generation, {"format": INDEX_FORMAT, "files": files})


def _collect(
    results: Iterable[FileResult],
    writer: SegmentWriter,
    known: dict[str, dict[str, str]],
    gone: list[str],
    summary: BuildSummary,
    progress: ProgressCallback | None,
    total: int,
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Tally each file's result, delete what it replaces; return the new manifest and matching texts."""
    files = {key: entry for key, entry in known.items() if key not in gone}
    for key in gone:
        writer.delete_by_term("report_id", known[key]["report_id"])
    summary.removed = len(gone)
    fresh_texts: dict[str, str] = {}
    for done, result in enumerate(results, start=1):
        if progress:
            progress(done, total)
        if result.error is not None:
            summary.failed.append((str(result.source.path), result.error))
            continue
        summary.warnings.extend((result.source_path, warning) for warning in result.warnings)
        if result.source.key in files:
            writer.delete_by_term("report_id", files[result.source.key]["report_id"])
            summary.updated += 1
        else:
            summary.added += 1
        fresh_texts.update(result.matching_texts)
        files[result.source.key] = {
            "hash": result.source.content_hash,
            "report_id": result.report_id,
            "source_path": result.source_path,
            "root": result.source.root,
        }
    return files, fresh_texts
