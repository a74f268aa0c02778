"""The private parts of Whoosh and jieba that search/ relies on, exercised one by one.

search/ reaches past the public API of both libraries for speed (reading
posting blocks whole, writing segments in parallel, a posting pool and a
lengths cache of its own, segmenting a line block by block). pyproject.toml
pins the versions these were written against; an upgrade that changes any of
them fails here, by name, instead of at a user's.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version
from pathlib import Path

import jieba
import pytest
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage
from whoosh.matching import FilterMatcher
from whoosh.writing import SegmentWriter

from search.analysis import _segmenter
from search.codec import CachedLengthsPerDocReader, FastWriteCodec
from search.schema import build_schema
from search.segments import commit_with_segments, finish_segment, open_writer

PINNED = {"whoosh-reloaded": "2.7.5", "jieba": "0.42.1"}
WRITER_METHODS = {
    "_finalize_segment": ["self"],
    "_close_segment": ["self"],
    "_merge_segments": ["self", "mergetype", "optimize", "merge"],
    "_commit_toc": ["self", "segments"],
    "_finish": ["self"],
    "cancel": ["self"],
}


def test_the_installed_versions_are_the_pinned_ones() -> None:
    assert {name: version(name) for name in PINNED} == PINNED
    requirements = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    for name, pinned in PINNED.items():
        assert f'"{name}=={pinned}"' in requirements


@pytest.mark.parametrize("name", sorted(WRITER_METHODS))
def test_segment_writer_methods_keep_their_signatures(name: str) -> None:
    assert list(inspect.signature(getattr(SegmentWriter, name)).parameters) == WRITER_METHODS[name]


def _documents(count: int) -> list[dict]:
    return [
        {"report_id": f"r{number}", "ordinal": 0, "section": "overview", "stored": b"x", "words": {"信息公开": 1 + number % 3, f"词{number}": 1}, "word_count": 2}
        for number in range(count)
    ]


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    """An index written the way a build writes one: a worker's segment finished apart, committed by the parent."""
    storage = FileStorage(str(tmp_path), supports_mmap=False)
    index = storage.create_index(build_schema())
    worker = open_writer(index, 1 << 20, lock=False)
    assert worker._tempstorage.folder and not worker._added
    for document in _documents(300):
        worker.add_document(**document)
    assert worker._added
    segment = finish_segment(worker)  # _finalize_segment
    parent = open_writer(index, 1 << 20)
    parent.add_document(**_documents(1)[0] | {"report_id": "parent"})
    commit_with_segments(parent, [segment])  # _merge_segments, _close_segment, _commit_toc, _finish
    return tmp_path


def test_posting_blocks_are_read_whole_as_search_reads_them(index_dir: Path) -> None:
    reader = FileStorage(str(index_dir), supports_mmap=False).open_index().reader()
    blocks = 0
    for leaf, _ in reader.leaf_readers():
        matcher = leaf.postings("words", "信息公开")
        expected = list(leaf.postings("words", "信息公开").items_as("weight"))
        if isinstance(matcher, FilterMatcher):
            matcher = matcher.child
            matcher.reset()
        found = []
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            found += list(zip(matcher._ids, matcher._weights))
            matcher._next_block()
            blocks += 1
        assert found == expected
    assert blocks > 2  # the worker's 300 postings span blocks


def test_the_lengths_cache_reads_what_whoosh_reads(index_dir: Path) -> None:
    assert whoosh3._lenfield("words") and whoosh3.LENGTHS_COLUMN
    storage = FileStorage(str(index_dir), supports_mmap=False)
    for segment in storage.open_index()._segments():
        assert isinstance(segment.codec(), FastWriteCodec)
        ours = CachedLengthsPerDocReader(segment.open_compound_file(storage) if segment.is_compound() else storage, segment)
        theirs = whoosh3.W3PerDocReader(segment.open_compound_file(storage) if segment.is_compound() else storage, segment)
        assert ours._doccount == theirs.doc_count_all()
        assert [ours.doc_field_length(docnum, "words") for docnum in range(ours._doccount)] == [
            theirs.doc_field_length(docnum, "words") for docnum in range(theirs.doc_count_all())
        ]


def test_the_posting_pool_is_only_asked_for_what_ours_gives(tmp_path: Path) -> None:
    asked: set[str] = set()

    class Spy:
        def __init__(self, pool: object) -> None:
            self._pool = pool

        def __getattr__(self, name: str) -> object:
            asked.add(name)
            return getattr(self._pool, name)

    index = FileStorage(str(tmp_path), supports_mmap=False).create_index(build_schema())
    writer = open_writer(index, 1 << 20)
    writer.pool = Spy(writer.pool)
    for document in _documents(50):
        writer.add_document(**document)
    writer.commit()
    assert asked <= {"add", "iter_postings", "cleanup"}


@pytest.mark.parametrize("line", ["2019年，某某县民政局主动公开政府信息1,234条（其中低保信息56条）。", "信 息 公 开abc-12.5%#C++ 行政复议/诉讼", ""])
def test_jieba_cuts_a_line_block_by_block_at_re_han_default(line: str) -> None:
    segmenter = _segmenter()
    blocks = [token for block in jieba.re_han_default.split(line) if block for token in segmenter.cut(block)]
    assert blocks == list(segmenter.cut(line))
