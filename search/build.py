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
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from whoosh.filedb.filestore import FileStorage
from whoosh.reading import IndexReader
from whoosh.writing import SegmentWriter

from indexer.config import DEFAULTS, Settings
from indexer.files import display_path, find_report_files, report_parts
from indexer.loading import open_regular_file
from search.columns import Columns
from search.schema import build_schema, index_layout, is_current
from search import boilerplate, grams, vocabulary
from search.segments import FileResult, ProgressCallback, SegmentFiller, SourceFile, WorkerPool, commit_with_segments, open_writer
from search.texts import SpooledTexts, TextSpool, remove_spools, texts_by_docnum
from search.store import (
    BuildLock,
    current_generation,
    discard_stale,
    discard_unpublished,
    new_generation,
    publish,
    read_manifest,
    write_manifest,
)

_FILES_PER_PROCESS = 8  # fewer files per process than this are indexed in-process: workers would cost more
_PROCESS_MB = 350  # an indexing process besides its posting pool: 130 MB loaded, 120 MB of jieba caches, the file it reads
_MIN_POOL_MB = 1


@dataclass(frozen=True)
class MemoryPlan:
    """How a build shares out `build_memory_mb` among its processes.

    While workers run, each holds what any indexing process needs plus a
    posting pool, and the parent only collects results; once they are done,
    the parent alone merges segments and builds the gram index, with the
    whole budget but its own share.
    """

    memory_mb: int
    workers: int  # 0 when the parent indexes in-process

    @property
    def worker_pool_bytes(self) -> int:
        spare = self.memory_mb - (self.workers + 1) * _PROCESS_MB
        return max(_MIN_POOL_MB, spare // max(1, self.workers)) << 20

    @property
    def parent_bytes(self) -> int:
        return max(_MIN_POOL_MB, self.memory_mb - _PROCESS_MB) << 20


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


def _hash_file(path: Path, settings: Settings) -> str:
    """The hash of a report file and of the files it is read with (the attachment a page links, the sidecar):
    a change in any of them changes the report too. Each is opened as a regular file, never through a link."""
    digest = hashlib.sha256()
    for part in report_parts(path, settings):
        digest.update(b"\0file\0")
        with open_regular_file(part) as source:
            for block in iter(lambda: source.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _scan(paths: Iterable[Path], summary: BuildSummary, settings: Settings) -> list[SourceFile]:
    """Every readable report file under `paths` with its hash; problems go to `summary.failed`.

    A file's key in the manifest is its absolute path as found (links
    unresolved, see `indexer.files`), and its root the named path it was found under.
    """
    sources = []
    for found in find_report_files(paths, settings):
        if found.problem is not None:
            summary.failed.append((display_path(found.path), found.problem))
            continue
        try:
            sources.append(SourceFile(found.path, os.path.abspath(found.path), _hash_file(found.path, settings), os.path.abspath(found.root)))
        except OSError as error:
            summary.failed.append((display_path(found.path), f"cannot read the file: {error.strerror or error}"))
    return sources


def _frequent_words(reader: IndexReader, sections: int) -> Counter[str]:
    """The words in at least `vocabulary.frequency_floor(sections)` sections, with their section counts,
    read from the index itself (so nothing is counted in memory while building).

    A word that frequent overall is that frequent, over the number of
    segments, in at least one of them: only those words are counted across all.
    """
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    floor = vocabulary.frequency_floor(sections)
    share = max(1, -(-floor // max(1, len(leaves))))
    candidates = {term.decode("utf-8") for leaf in leaves for term, info in leaf.iter_field("words") if info.doc_frequency() >= share}
    counts = Counter({word: sum(leaf.doc_frequency("words", word) for leaf in leaves) for word in candidates})
    return Counter({word: count for word, count in counts.items() if count >= floor})


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
        discard_stale(index_dir)
        previous = current_generation(index_dir)
        manifest = read_manifest(previous)
        if not is_current(manifest):
            previous, manifest = None, {}
        known: dict[str, dict[str, str]] = manifest.get("files", {})

        sources = _scan(paths, summary, settings)
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
            discard_unpublished(generation)
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
    storage = FileStorage(str(generation), supports_mmap=False)  # mapped segment pages would count against the budget
    index = storage.create_index(build_schema()) if previous is None else storage.open_index()
    processes = min(settings.build_processes, len(todo) // _FILES_PER_PROCESS)
    plan = MemoryPlan(settings.build_memory_mb, processes if processes > 1 else 0)
    pool = WorkerPool(generation, processes, settings, plan.worker_pool_bytes) if processes > 1 else None
    writer = open_writer(index, plan.parent_bytes)
    try:
        if pool:
            results = pool.run(todo, progress)
        else:
            results = _in_process(SegmentFiller(writer, settings, TextSpool(generation)), todo, progress)
        files, fresh = _collect(results, writer, known, gone, summary)
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
        frequent = _frequent_words(reader, summary.sections)
    columns.save(generation)
    grams.build(generation, texts_by_docnum(columns, fresh, generation, previous), columns.section_count, plan.parent_bytes)
    remove_spools(generation)
    gram_index = grams.GramIndex(generation)
    try:
        boilerplate.save(generation, columns, gram_index.text, settings.template_sentence_reports)
    finally:
        gram_index.close()
    vocabulary.save(generation, frequent, summary.sections)
    write_manifest(generation, {**index_layout(), "files": files})


def _in_process(filler: SegmentFiller, todo: list[SourceFile], progress: ProgressCallback | None) -> Iterator[FileResult]:
    """Index `todo` in this process, one file after the other."""
    for done, source in enumerate(todo, start=1):
        yield filler.add(source)
        if progress:
            progress(done, len(todo))
    filler.spool.close()


def _collect(
    results: Iterable[FileResult],
    writer: SegmentWriter,
    known: dict[str, dict[str, str]],
    gone: list[str],
    summary: BuildSummary,
) -> tuple[dict[str, dict[str, str]], dict[str, SpooledTexts]]:
    """Tally each file's result, delete what it replaces; return the new manifest and where the new texts are."""
    files = {key: entry for key, entry in known.items() if key not in gone}
    for key in gone:
        writer.delete_by_term("report_id", known[key]["report_id"])
    summary.removed = len(gone)
    fresh: dict[str, SpooledTexts] = {}
    for result in results:
        if result.error is not None:
            summary.failed.append((display_path(result.source.path), result.error))
            continue
        summary.warnings.extend((result.source_path, warning) for warning in result.warnings)
        if result.source.key in files:
            writer.delete_by_term("report_id", files[result.source.key]["report_id"])
            summary.updated += 1
        else:
            summary.added += 1
        if result.texts is not None:
            fresh[result.report_id] = result.texts
        files[result.source.key] = {
            "hash": result.source.content_hash,
            "report_id": result.report_id,
            "source_path": result.source_path,
            "root": result.source.root,
        }
    return files, fresh
