"""The gram index answers exactly what a scan of the texts answers, however little memory it is built in."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from search import grams
from search.grams import TEXT_ENCODING, GramIndex

ALPHABET = "政府信息公开工作年度报告民政局低保资金ab1𠀀𠀁"  # two characters outside the BMP (surrogate pairs in UTF-16)


def _texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(count)]
    texts[: count // 5] = ["信息公开" * rng.randint(0, 3) for _ in range(count // 5)]  # frequent grams: bitmaps
    rng.shuffle(texts)
    return texts


@pytest.mark.parametrize("memory_bytes", [1 << 30, 1], ids=["roomy", "tiny"])
def test_every_needle_finds_exactly_the_texts_holding_it(tmp_path: Path, memory_bytes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    if memory_bytes == 1:  # about 150 sections per run and 2,000 postings per merged range: dozens of both
        monkeypatch.setattr(grams._Budget, "__init__", _tiny_budget)
    calls = {"_chunk_postings": 0, "_bucket": 0}
    for name in calls:
        monkeypatch.setattr(grams, name, _counted(getattr(grams, name), calls, name))
    texts = _texts(3000, seed=memory_bytes)
    grams.build(tmp_path, (text.encode(TEXT_ENCODING) for text in texts), len(texts), memory_bytes)
    assert min(calls.values()) > 10 if memory_bytes == 1 else max(calls.values()) == 1
    index = GramIndex(tmp_path)
    assert [index.text(docnum) for docnum in range(len(texts))] == texts
    rng = random.Random(1)
    needles = {text[start : start + length] for text in rng.sample(texts, 300) for length in (1, 2, 3, 5) for start in range(0, max(1, len(text) - length), 7)}
    for needle in sorted(needle for needle in needles if needle) + ["信", "信息", "不在", "𠀀𠀁"]:
        expected = np.array([needle in text for text in texts])
        assert (index.containing(needle) == expected).all(), needle
    assert not list(tmp_path.glob("*.raw")) and not (tmp_path / "gram-runs.tmp").exists()


def _counted(function, calls: dict[str, int], name: str):  # type: ignore[no-untyped-def]
    def counting(*args):  # type: ignore[no-untyped-def]
        calls[name] += 1
        return function(*args)

    return counting


def _tiny_budget(budget: grams._Budget, memory_bytes: int, sections: int) -> None:
    budget.chunk_chars, budget.bucket_postings, budget.bitmap_rows, budget.copy_bytes = 3000, 2000, 3, 64


def test_an_empty_index(tmp_path: Path) -> None:
    grams.build(tmp_path, iter([b"", b""]), 2, 1 << 20)
    assert not GramIndex(tmp_path).containing("信").any()


def test_the_count_of_texts_is_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="announced"):
        grams.build(tmp_path, iter([b""]), 2, 1 << 20)


def test_more_sections_than_the_old_limit_of_4_194_303(tmp_path: Path) -> None:
    count = (1 << 22) + 1000  # docnums past 22 bits, in the second run
    texts = {5: "信息公开", count - 7: "信息公开工作", count - 1: "工作"}
    grams.build(tmp_path, (texts.get(docnum, "").encode(TEXT_ENCODING) for docnum in range(count)), count, 1 << 28)
    index = GramIndex(tmp_path)
    assert index.section_count == count
    assert np.flatnonzero(index.containing("信息公开")).tolist() == [5, count - 7]
    assert np.flatnonzero(index.containing("工作")).tolist() == [count - 7, count - 1]
