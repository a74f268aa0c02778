"""The posting pool gives back exactly Whoosh's order, in memory, after spills and after merges."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import CORPUS_DIR
from search import SearchIndex, SearchRequest, build_index
from search import postings
from search.postings import TermPostingsPool


def _postings(count: int, seed: int) -> list[tuple[str, bytes, int, float, bytes | None]]:
    """Postings as a segment writer adds them: documents in order, each with distinct terms of a few fields."""
    rng = random.Random(seed)
    words = [f"词{n}".encode() for n in range(3000)]
    items = []
    docnum = 0
    while len(items) < count:
        for word in rng.sample(words, rng.randint(1, 60)):
            frequency = rng.randint(1, 4)
            items.append(("words", word, docnum, float(frequency), frequency.to_bytes(4, "big")))
        items.append(("report_id", f"r{docnum % 97}".encode(), docnum, 1.0, None))
        docnum += 1
    return items


@pytest.mark.parametrize("limit_bytes", [1 << 30, 20_000, 1], ids=["in-memory", "spilled", "compacted"])
def test_postings_come_back_in_whoosh_order(tmp_path: Path, limit_bytes: int) -> None:
    items = _postings(150_000, seed=limit_bytes)
    pool = TermPostingsPool(str(tmp_path), limit_bytes)
    for item in items:
        pool.add(item)
    assert list(pool.iter_postings()) == sorted(items)
    pool.cleanup()


def test_documents_added_out_of_order_by_a_merge_are_sorted(tmp_path: Path) -> None:
    items = _postings(5_000, seed=7)
    later, earlier = items[: len(items) // 2], items[len(items) // 2 :]
    pool = TermPostingsPool(str(tmp_path), 1 << 30)
    for item in earlier + later:
        pool.add(item)
    assert list(pool.iter_postings()) == sorted(items)


def test_a_build_that_spills_finds_what_an_in_memory_build_finds(tmp_path: Path, settings, monkeypatch) -> None:
    build_index([CORPUS_DIR], tmp_path / "memory", settings)
    spills = []
    spill = postings.TermPostingsPool._spill
    monkeypatch.setattr(postings, "_TERM_BYTES", 100_000)  # ten terms pass 1 MB: the seeds spill hundreds of times
    monkeypatch.setattr(postings, "_CHECK_EVERY", 1)
    monkeypatch.setattr(postings.TermPostingsPool, "_spill", lambda pool: spills.append(1) or spill(pool))
    spilling = settings.replace(build_memory_mb=1)
    build_index([CORPUS_DIR], tmp_path / "spilled", spilling)
    assert len(spills) > 40  # past _MAX_RUNS, so runs were compacted too
    in_memory, spilled = SearchIndex.open(tmp_path / "memory", settings), SearchIndex.open(tmp_path / "spilled", spilling)
    for query in ["低保", '"政府信息公开"', "行政复议 OR 行政诉讼", "社会救助 -收费", ""]:
        request = SearchRequest(query, limit=50)
        assert spilled.search(request).to_json() == in_memory.search(request).to_json()
