"""Filling Whoosh segments from report files, in this process or in worker processes.

Parsing, jieba and Whoosh's own segment writing are all CPU-bound Python, and
jieba holds the GIL: a build uses processes. Each worker (forked, so jieba's
dictionary is loaded once and shared) takes batches of files from a queue,
parses and analyses them, adds their sections to a Whoosh segment of its own
and, at the end, finishes that segment in parallel with the others. The
parent only collects the per-file results and lists the finished segments in
the index's table of contents, as Whoosh's own multi-process writer does.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import queue
import signal
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from whoosh import index as whoosh_index
from whoosh.index import FileIndex
from whoosh.writing import SegmentWriter

from indexer import ReportError, load_report
from indexer.config import Settings
from indexer.files import resolve_inside
from search.analysis import warm_up
from search.codec import FastWriteCodec
from search.documents import analyse_report, report_id_for
from search.postings import TermPostingsPool

_BATCH_FILES = 16
_POLL_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class SourceFile:
    """A report file to index: where it is, its key in the manifest, its content hash, its corpus root."""

    path: Path  # as found by the walk
    key: str  # the absolute path as found
    content_hash: str
    root: str  # the absolute corpus root it was found under: it is read only while it resolves inside


@dataclass
class FileResult:
    """What indexing one file did: its sections' matching forms, or why it failed."""

    source: SourceFile
    report_id: str = ""
    source_path: str = ""
    matching_texts: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def open_writer(index: FileIndex, memory_mb: int, lock: bool = True) -> SegmentWriter:
    """A segment writer with nianbao's codec and posting pool; workers write without the lock the parent holds."""
    writer = SegmentWriter(index, _lk=lock, codec=FastWriteCodec())
    writer.pool = TermPostingsPool(writer._tempstorage.folder, memory_mb * 1024 * 1024)
    return writer


class SegmentFiller:
    """Adds report files to one segment writer, counting in how many sections each word occurs."""

    def __init__(self, writer: SegmentWriter, settings: Settings) -> None:
        self.writer = writer
        self.settings = settings
        self.word_sections: Counter[str] = Counter()

    def add(self, source: SourceFile) -> FileResult:
        """Parse, analyse and add one file's sections; failures come back, never raise."""
        if resolve_inside(source.path, Path(source.root)) is None:  # replaced by a link since the scan
            return FileResult(source, error=f"symbolic link to a path outside the corpus {source.root}; not followed")
        try:
            report = load_report(source.path, self.settings)
            analysed = analyse_report(report, source.key, source.content_hash, report_id_for(source.key))
        except ReportError as error:
            return FileResult(source, error=error.reason)
        except Exception as error:  # one bad file must never stop a build
            return FileResult(source, error=f"internal error while parsing: {type(error).__name__}: {error}")
        for document in analysed.documents:
            self.writer.add_document(**document.fields)
            self.word_sections.update(document.fields["words"].keys())
        return FileResult(
            source,
            analysed.report_id,
            analysed.source_path,
            {document.key: document.matching_text for document in analysed.documents},
            analysed.warnings,
        )


def finish_segment(writer: SegmentWriter) -> Any:
    """Write out a writer's segment and return it, or None when nothing was added."""
    if writer._added:
        return writer._finalize_segment()
    writer._close_segment()
    return None


def commit_with_segments(writer: SegmentWriter, segments: Iterable[Any]) -> None:
    """Commit `writer` (its deletions, merges and documents) plus segments finished elsewhere."""
    final = writer._merge_segments(None, None, None)
    final.extend(segment for segment in segments if segment is not None)
    own = finish_segment(writer)
    if own is not None:
        final.append(own)
    writer._commit_toc(final)
    writer._finish()


def _die_with_parent() -> None:
    """Ask Linux to kill this worker if the parent dies (kill -9 included), so none is left running."""
    libc = ctypes.CDLL(None, use_errno=True)
    if hasattr(libc, "prctl"):
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _worker(index_dir: str, settings: Settings, tasks: Any, results: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what a Ctrl-C stops
    _die_with_parent()
    try:
        writer = open_writer(whoosh_index.open_dir(index_dir), settings.build_memory_mb, lock=False)
        filler = SegmentFiller(writer, settings)
        while (batch := tasks.get()) is not None:
            for source in batch:
                results.put(("file", filler.add(source)))
        results.put(("segment", (finish_segment(filler.writer), filler.word_sections)))
    except BaseException:
        results.put(("crash", traceback.format_exc()))


class WorkerPool:
    """Worker processes that each fill one segment of the index at `index_dir`.

    Start it before the parent opens its own writer, so no half-written file
    of the parent's is inherited by a fork.
    """

    def __init__(self, index_dir: Path, processes: int, settings: Settings) -> None:
        warm_up()
        context = multiprocessing.get_context("fork")
        self._tasks = context.Queue()
        self._results = context.Queue()
        self._processes = [
            context.Process(target=_worker, args=(str(index_dir), settings, self._tasks, self._results), daemon=True)
            for _ in range(processes)
        ]
        for process in self._processes:
            process.start()
        self.segments: list[Any] = []
        self.word_sections: Counter[str] = Counter()

    def run(self, sources: list[SourceFile]) -> Iterator[FileResult]:
        """Index `sources`, yielding each file's result as it comes; `segments` and
        `word_sections` are filled at the end."""
        for start in range(0, len(sources), _BATCH_FILES):
            self._tasks.put(sources[start : start + _BATCH_FILES])
        for _ in self._processes:
            self._tasks.put(None)
        finished = 0
        while finished < len(self._processes):
            try:
                kind, payload = self._results.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                dead = [process.exitcode for process in self._processes if process.exitcode not in (None, 0)]
                if dead:
                    raise RuntimeError(f"an indexing worker process died (exit code {dead[0]})") from None
                continue
            if kind == "file":
                yield payload
            elif kind == "segment":
                segment, word_sections = payload
                self.segments.append(segment)
                self.word_sections.update(word_sections)
                finished += 1
            else:
                raise RuntimeError(f"an indexing worker process failed:\n{payload}")

    def close(self) -> None:
        """Stop every worker (at once, if they are still running)."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
        for process in self._processes:
            process.join()
