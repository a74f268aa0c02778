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
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from whoosh import index as whoosh_index

from indexer import ReportError, iter_report_files, load_report
from indexer.config import DEFAULTS, Settings
from search import grams
from search.analysis import warm_up
from search.columns import Columns, column_values
from search.documents import AnalysedReport, analyse_report, report_id_for
from search.schema import INDEX_FORMAT, build_schema
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
_INLINE_LIMIT = 4  # this few files are analysed in-process: a pool would cost more than it saves
_WRITER_MEMORY_MB = 256


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


@dataclass(frozen=True)
class _SourceFile:
    path: Path
    key: str
    content_hash: str


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _scan(paths: Iterable[Path], summary: BuildSummary) -> list[_SourceFile]:
    """Every readable report file under `paths` with its hash; problems go to `summary.failed`."""
    found: dict[str, _SourceFile] = {}
    for path, problem in iter_report_files(paths):
        if problem is not None:
            summary.failed.append((str(path), problem))
            continue
        try:
            key = str(path.resolve())
            found.setdefault(key, _SourceFile(path, key, _hash_file(path)))
        except OSError as error:
            summary.failed.append((str(path), f"cannot read the file: {error.strerror or error}"))
    return list(found.values())


def _analyse(source: _SourceFile) -> AnalysedReport | tuple[str, str]:
    """Parse and analyse one file; a failure comes back as (path, reason), never raised."""
    try:
        report = load_report(source.path)
        return analyse_report(report, source.key, source.content_hash, report_id_for(source.key))
    except ReportError as error:
        return (str(source.path), error.reason)
    except Exception as error:  # one bad file must never stop a build
        return (str(source.path), f"internal error while parsing: {type(error).__name__}: {error}")


def _analyse_all(sources: list[_SourceFile], processes: int) -> Iterator[AnalysedReport | tuple[str, str]]:
    if processes <= 1 or len(sources) <= _INLINE_LIMIT:
        yield from map(_analyse, sources)
        return
    warm_up()  # loaded once here, shared by the forked workers
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
        try:
            yield from pool.map(_analyse, sources, chunksize=max(1, min(32, len(sources) // (processes * 8))))
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _matching_texts(reader, fresh: dict[str, str], previous: Path | None) -> list[str]:
    """The matching form of every document of the new index, by docnum."""
    old_texts: dict[str, str] = {}
    if previous is not None:
        old_index = whoosh_index.open_dir(str(previous))
        old_grams = grams.GramIndex(previous)
        with old_index.reader() as old_reader:
            keys = column_values(old_reader, "section_key", "")
            for docnum in old_reader.all_doc_ids():
                old_texts[keys[docnum]] = old_grams.text(docnum)
    keys = column_values(reader, "section_key", "")
    texts = [""] * reader.doc_count_all()
    for docnum in reader.all_doc_ids():
        key = keys[docnum]
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
    todo: list[_SourceFile],
    gone: list[str],
    settings: Settings,
    summary: BuildSummary,
    progress: ProgressCallback | None,
) -> None:
    files = {key: entry for key, entry in known.items() if key not in gone}
    if previous is None:
        index = whoosh_index.create_in(str(generation), build_schema())
    else:
        index = whoosh_index.open_dir(str(generation))
    writer = index.writer(limitmb=_WRITER_MEMORY_MB)
    fresh_texts: dict[str, str] = {}
    try:
        for key in gone:
            writer.delete_by_term("report_id", known[key]["report_id"])
        summary.removed = len(gone)
        for done, result in enumerate(_analyse_all(todo, settings.build_processes), start=1):
            if progress:
                progress(done, len(todo))
            if isinstance(result, tuple):
                summary.failed.append(result)
                continue
            summary.warnings.extend((result.source_path, warning) for warning in result.warnings)
            if result.source_key in files:
                writer.delete_by_term("report_id", files[result.source_key]["report_id"])
                summary.updated += 1
            else:
                summary.added += 1
            for document in result.documents:
                writer.add_document(**document.fields)
                fresh_texts[document.key] = document.matching_text
            files[result.source_key] = {
                "hash": result.content_hash,
                "report_id": result.report_id,
                "source_path": result.source_path,
            }
    except BaseException:
        writer.cancel()
        raise
    writer.commit()

    with index.reader() as reader:
        columns = Columns.from_reader(reader)
        texts = _matching_texts(reader, fresh_texts, previous)
    columns.save(generation)
    grams.build(generation, texts)
    write_manifest(generation, {"format": INDEX_FORMAT, "files": files})
    summary.reports, summary.sections = len(columns.report_ids), int(columns.live.sum())
