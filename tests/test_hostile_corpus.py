"""A corpus of hostile files through the real `nianbao parse` and `nianbao index`: no crash, no hang,
every good report indexed, every bad file named, nothing read from outside the corpus.

The files are small (128 KB each) so the test stays quick; `tests/bench/bench_hostile.py`
runs the same kinds at megabytes and prints each one's time and memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile_corpus import FAILS, GOOD, HOSTILE, write_hostile_corpus
from indexer.config import DEFAULTS
from indexer.files import display_path
from search import SearchIndex, SearchRequest
from search.store import current_generation, read_manifest

NIANBAO = str(Path(sys.executable).parent / "nianbao")
LIMIT = ["--setting", "max_file_seconds", "10"]  # each file takes well under a second; a quadratic cost would not


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, str]]:
    corpus = tmp_path_factory.mktemp("hostile") / "corpus"
    return corpus, write_hostile_corpus(corpus, size=128 * 1024)


def _named(stderr: str, path: Path) -> bool:
    """Does stderr name `path` as failed (not merely warn about it)?"""
    prefix = f"nianbao: {display_path(path)}: "
    return any(line.startswith(prefix) and not line[len(prefix) :].startswith("warning:") for line in stderr.splitlines())


def _no_bug_and_no_time_out(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    assert "max_file_seconds" not in stderr, [line for line in stderr.splitlines() if "max_file_seconds" in line]


def test_parse_reads_every_good_file_and_names_every_bad_one(hostile: tuple[Path, dict[Path, str]]) -> None:
    corpus, expected = hostile
    run = subprocess.run([NIANBAO, *LIMIT, "parse", str(corpus)], capture_output=True, text=True, timeout=900)
    assert run.returncode == 1
    _no_bug_and_no_time_out(run.stderr)
    lines = {line["source_path"]: line for line in map(json.loads, run.stdout.splitlines())}
    for path, expectation in expected.items():
        shown = display_path(path)
        if expectation == GOOD:
            assert "error" not in lines[shown], lines[shown]
        elif expectation == FAILS:
            assert shown in lines and "error" in lines[shown] and _named(run.stderr, path), shown
        else:
            assert shown in lines, shown
            assert "error" not in lines[shown] or _named(run.stderr, path)
    assert "不应被索引" not in run.stdout and "root:" not in run.stdout and "PATH=" not in run.stdout
    assert len(lines) == len(expected)  # the loops added nothing, nothing was read twice


def test_index_keeps_every_good_report_and_names_every_bad_file(hostile: tuple[Path, dict[Path, str]], tmp_path: Path) -> None:
    corpus, expected = hostile
    index_dir = tmp_path / "index"
    run = subprocess.run([NIANBAO, *LIMIT, "index", str(corpus), "--index", str(index_dir)], capture_output=True, text=True, timeout=900)
    assert run.returncode == 1
    _no_bug_and_no_time_out(run.stderr)
    for path, expectation in expected.items():
        if expectation == FAILS:
            assert _named(run.stderr, path), display_path(path)
    engine = SearchIndex.open(index_dir, DEFAULTS)
    indexed = {entry["source_path"] for entry in read_manifest(current_generation(index_dir))["files"].values()}
    assert engine.report_count == len(indexed)
    failed = {display_path(path) for path, expectation in expected.items() if _named(run.stderr, path)}
    for path, expectation in expected.items():
        shown = display_path(path)
        assert (shown in indexed) != (shown in failed), shown  # each file either indexed or named, never both or neither
        assert expectation != GOOD or shown in indexed
    assert f"added {len(indexed)}," in run.stdout
    for leaked in ("不应被索引", "root", "PATH"):
        assert engine.search(SearchRequest(f'"{leaked}"')).total_sections == 0
    assert os.path.exists(corpus / "link-passwd.txt")  # the links are still there: skipped, not removed
    assert HOSTILE  # (every hostile kind took one of the two branches above)
