"""Filling Whoosh segments from report files, in this process or in supervised worker processes.

Parsing, jieba and Whoosh's own segment writing are all CPU-bound Python, and
jieba holds the GIL: a build uses processes. Each worker (forked, so jieba's
dictionary is loaded once and shared) takes batches of files through a pipe of
its own, parses and analyses them, adds their sections to a Whoosh segment of
its own, spools their matching texts (see `search.texts`) and, at the end,
finishes its segment in parallel with the others. The parent collects the
per-file results and lists the finished segments in the index's table of
contents, as Whoosh's own multi-process writer does.

The parent supervises: a file that takes more than `max_file_seconds` of CPU
time fails within its worker (`indexer.time_limit`); a worker that stops
answering for much longer than that (stuck in one C call) is killed, and so is
its file. A worker that dies (killed, out of memory, a crash of the parser)
loses only work not yet in a finished segment: its files go to a new worker,
and the file it was reading when it died is tried once more, then failed with
the reason. Nothing is lost and no file is reported twice.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, Callable, Iterator

from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.writing import SegmentWriter

from indexer import ReportError, load_report
from indexer.config import Settings
from indexer.files import resolve_inside
from indexer.time_limit import file_time_limit, time_limit_reason
from search.analysis import warm_up
from search.codec import FastWriteCodec
from search.documents import analyse_report, report_id_for
from search.postings import TermPostingsPool
from search.texts import SpooledTexts, TextSpool

_BATCH_FILES = 16
_BATCHES_AHEAD = 2  # batches a worker holds at once: enough to never wait, few to redo if it dies
_POLL_SECONDS = 1.0
_STUCK_FACTOR = 3  # a worker silent on one file this many times max_file_seconds (wall clock) is stuck
_STUCK_GRACE_SECONDS = 30
_TRIES_PER_FILE = 2  # a file whose worker died is tried once more before it is failed
_DEATHS_WITHOUT_A_FILE = 3  # deaths outside any file (writing a segment) before the build gives up
_PR_SET_PDEATHSIG = 1

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class SourceFile:
    """A report file to index: where it is, its key in the manifest, its content hash, its corpus root."""

    path: Path  # as found by the walk
    key: str  # the absolute path as found
    content_hash: str
    root: str  # the absolute corpus root it was found under: it is read only while it resolves inside


@dataclass
class FileResult:
    """What indexing one file did: where its sections' matching texts went, or why it failed."""

    source: SourceFile
    report_id: str = ""
    source_path: str = ""
    texts: SpooledTexts | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def open_writer(index: FileIndex, pool_bytes: int, lock: bool = True) -> SegmentWriter:
    """A segment writer with nianbao's codec and a posting pool of `pool_bytes`; workers write without the
    lock the parent holds."""
    writer = SegmentWriter(index, _lk=lock, codec=FastWriteCodec())
    writer.pool = TermPostingsPool(writer._tempstorage.folder, pool_bytes)
    return writer


class SegmentFiller:
    """Adds report files to one segment writer, spooling their matching texts."""

    def __init__(self, writer: SegmentWriter, settings: Settings, spool: TextSpool) -> None:
        self.writer = writer
        self.settings = settings
        self.spool = spool

    def add(self, source: SourceFile) -> FileResult:
        """Parse, analyse and add one file's sections; failures come back, never raise."""
        if resolve_inside(source.path, Path(source.root)) is None:  # replaced by a link since the scan
            return FileResult(source, error=f"symbolic link to a path outside the corpus {source.root}; not followed")
        try:
            with file_time_limit(source.path, self.settings.max_file_seconds):
                report = load_report(source.path, self.settings)
                analysed = analyse_report(report, source.key, source.content_hash, report_id_for(source.key))
        except ReportError as error:
            return FileResult(source, error=error.reason)
        except Exception as error:  # one bad file must never stop a build
            return FileResult(source, error=f"internal error while indexing: {type(error).__name__}: {error}")
        for document in analysed.documents:
            self.writer.add_document(**document.fields)
        texts = self.spool.add([document.matching_text for document in analysed.documents])
        return FileResult(source, analysed.report_id, analysed.source_path, texts, analysed.warnings)


def finish_segment(writer: SegmentWriter) -> Any:
    """Write out a writer's segment and return it, or None when nothing was added."""
    if writer._added:
        return writer._finalize_segment()
    writer._close_segment()
    return None


def commit_with_segments(writer: SegmentWriter, segments: list[Any]) -> None:
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


def _worker(index_dir: str, settings: Settings, pool_bytes: int, tasks: Connection, results: Connection) -> None:
    """Index the batches of (number, file) the parent sends until it sends None, then finish the segment.

    Tells the parent ("start", number) before each file and ("file", number,
    result) after it, then ("segment", segment); ("crash", traceback) when
    something other than a file fails.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what a Ctrl-C stops
    _die_with_parent()
    try:
        generation = Path(index_dir)
        spool = TextSpool(generation)
        writer = open_writer(FileStorage(index_dir, supports_mmap=False).open_index(), pool_bytes, lock=False)
        filler = SegmentFiller(writer, settings, spool)
        while (batch := tasks.recv()) is not None:
            for number, source in batch:
                results.send(("start", number))
                results.send(("file", number, filler.add(source)))
        spool.close()
        results.send(("segment", finish_segment(writer)))
    except BaseException:
        results.send(("crash", traceback.format_exc()))


@dataclass
class _Worker:
    """The parent's view of one worker process: what it was given, what it did, what it is reading."""

    process: Any
    tasks: Connection
    results: Connection
    outstanding: deque[int] = field(default_factory=deque)  # numbers sent and not yet done
    done: list[tuple[int, FileResult]] = field(default_factory=list)  # in its unfinished segment: lost if it dies
    current: int | None = None
    started: float = 0.0
    told_to_finish: bool = False


class WorkerPool:
    """Worker processes that each fill one segment of the index at `index_dir`, supervised (see the module).

    Start it before the parent opens its own writer, so no half-written file
    of the parent's is inherited by a fork.
    """

    def __init__(self, index_dir: Path, processes: int, settings: Settings, pool_bytes: int) -> None:
        warm_up()
        self._context = multiprocessing.get_context("fork")
        self._index_dir = index_dir
        self._settings = settings
        self._pool_bytes = pool_bytes
        self._stuck_seconds = _STUCK_FACTOR * settings.max_file_seconds + _STUCK_GRACE_SECONDS
        self._workers = [self._start() for _ in range(processes)]
        self.segments: list[Any] = []

    def _start(self) -> _Worker:
        task_reader, task_writer = self._context.Pipe(duplex=False)
        result_reader, result_writer = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_worker, args=(str(self._index_dir), self._settings, self._pool_bytes, task_reader, result_writer), daemon=True
        )
        process.start()
        task_reader.close()
        result_writer.close()  # so that a worker's death reads as the end of its pipe
        return _Worker(process, task_writer, result_reader)

    def run(self, sources: list[SourceFile], progress: ProgressCallback | None = None) -> Iterator[FileResult]:
        """Index `sources`, yielding each file's result once it is safe in a finished segment (or failed for good).

        `progress(done, total)` is called as files are done; `segments` is filled as workers finish.
        """
        self._sources = sources
        self._waiting: deque[int] = deque(range(len(sources)))
        self._tries = [0] * len(sources)
        self._deaths_without_a_file = 0
        self._done = 0
        self._progress = progress
        for worker in self._workers:
            self._feed(worker)
        while self._workers:
            ready = wait([worker.results for worker in self._workers], timeout=_POLL_SECONDS)
            for worker in [worker for worker in self._workers if worker.results in ready]:
                yield from self._receive(worker)
            for worker in list(self._workers):
                if worker.current is not None and time.monotonic() - worker.started > self._stuck_seconds:
                    worker.process.kill()
                    worker.process.join()
                    yield from self._lost(worker, stuck=True)

    def _feed(self, worker: _Worker) -> None:
        """Keep a worker `_BATCHES_AHEAD` batches ahead; tell it to finish when nothing is left."""
        if worker.told_to_finish:
            return
        while self._waiting and len(worker.outstanding) < _BATCHES_AHEAD * _BATCH_FILES:
            batch = [self._waiting.popleft() for _ in range(min(_BATCH_FILES, len(self._waiting)))]
            worker.tasks.send([(number, self._sources[number]) for number in batch])
            worker.outstanding.extend(batch)
        if not self._waiting and not worker.outstanding:
            worker.tasks.send(None)
            worker.told_to_finish = True

    def _receive(self, worker: _Worker) -> Iterator[FileResult]:
        try:
            message = worker.results.recv()
        except (EOFError, OSError):
            worker.process.join()
            yield from self._lost(worker, stuck=False)
            return
        kind = message[0]
        if kind == "start":
            worker.current, worker.started = message[1], time.monotonic()
        elif kind == "file":
            _, number, result = message
            worker.current = None
            worker.outstanding.remove(number)
            worker.done.append((number, result))
            self._advance()
            self._feed(worker)
        elif kind == "segment":
            self.segments.append(message[1])
            self._retire(worker)
            yield from (result for _, result in worker.done)
        else:
            raise RuntimeError(f"an indexing worker process failed:\n{message[1]}")

    def _advance(self, by: int = 1) -> None:
        self._done += by
        if self._progress:
            self._progress(self._done, len(self._sources))

    def _lost(self, worker: _Worker, stuck: bool) -> Iterator[FileResult]:
        """A worker died or was killed: give its files to a new one, except the one to blame, then carry on."""
        self._retire(worker)
        self._advance(-len(worker.done))
        redo = [number for number, _ in worker.done] + [number for number in worker.outstanding if number != worker.current]
        culprit = worker.current
        if culprit is None:
            self._deaths_without_a_file += 1
            if self._deaths_without_a_file > _DEATHS_WITHOUT_A_FILE:
                raise RuntimeError(f"indexing worker processes keep dying (last exit code {worker.process.exitcode})")
        else:
            self._tries[culprit] += 1
            if stuck or self._tries[culprit] >= _TRIES_PER_FILE:
                self._advance()
                yield FileResult(self._sources[culprit], error=self._blame(worker, stuck))
            else:
                redo.append(culprit)
        self._waiting.extendleft(sorted(redo, reverse=True))
        replacement = self._start()
        self._workers.append(replacement)
        for other in self._workers:
            self._feed(other)

    def _blame(self, worker: _Worker, stuck: bool) -> str:
        if stuck:
            return time_limit_reason(self._settings.max_file_seconds) + " (the process reading it stopped answering and was killed)"
        code = worker.process.exitcode
        how = f"killed by {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        return f"the indexing process died while reading this file, twice ({how}); skipped"

    def _retire(self, worker: _Worker) -> None:
        """Forget a worker that finished or died (it exits on its own after its segment)."""
        self._workers.remove(worker)
        worker.tasks.close()
        worker.results.close()
        worker.process.join(_POLL_SECONDS * 10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()

    def close(self) -> None:
        """Stop every worker still running (at once: a build that got here is over)."""
        for worker in self._workers:
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join()
            worker.tasks.close()
            worker.results.close()
        self._workers = []
