"""The multi-process build end to end: the same index as an in-process one, workers that die or hang, time limits.

Workers are forked from the test process, so a file can be made to kill or
stall the worker reading it by patching the loader before the build starts.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS_DIR
from indexer import pipeline
from indexer.config import Settings
from report_files import write_text_report
from search import SearchRequest, build_index, segments
from search.engine import SearchIndex
from search.store import current_generation, read_manifest
from search.vocabulary import load as load_vocabulary
from web.cli import main

AGENCIES = ["天水市民政局", "榕江县民政局", "通城县公安局", "武定县财政局"]
QUERIES = ["", "低保", '"政府信息公开"', "行政复议 OR 行政诉讼", "信息公开 -收费", "agency:民政局 year:2018-2020", "section:problems 改进"]


def _write_corpus(root: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        agency, year = AGENCIES[number % len(AGENCIES)], 2015 + number % 8
        sections = [
            ("总体情况", f"{year}年，{agency}推进政务公开，第{number}号工作要点落实到位，低保信息按月公开。"),
            ("主动公开政府信息情况", f"主动公开政府信息{number * 3}条，行政复议{number % 3}件，行政诉讼{number % 2}件。"),
            ("存在的主要问题及改进情况", "政策解读形式不够丰富，下一步将改进。" * (1 + number % 3)),
        ]
        paths.append(write_text_report(root / f"r{number:03d}.txt", agency, year, sections))
    (root / "empty.txt").write_bytes(b"")
    return paths


def _answers(index_dir: Path, settings: Settings) -> list[dict]:
    engine = SearchIndex.open(index_dir, settings)
    return [engine.search(SearchRequest(query, limit=100)).to_json() for query in QUERIES]


def _index_state(index_dir: Path, settings: Settings) -> tuple:
    generation = current_generation(index_dir)
    assert generation is not None
    return _answers(index_dir, settings), read_manifest(generation)["files"], load_vocabulary(generation)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    _write_corpus(root, 60)
    for seed in CORPUS_DIR.iterdir():
        (root / seed.name).write_bytes(seed.read_bytes())
    return root


def test_a_multi_process_build_is_the_in_process_build(corpus: Path, tmp_path: Path, settings: Settings) -> None:
    workers = settings.replace(build_processes=3)
    alone = build_index([corpus], tmp_path / "alone", settings)
    together = build_index([corpus], tmp_path / "together", workers)
    assert (together.added, together.reports, together.sections, together.failed) == (alone.added, alone.reports, alone.sections, alone.failed)
    assert together.added == 65
    assert _index_state(tmp_path / "together", workers) == _index_state(tmp_path / "alone", settings)

    for number in range(0, 60, 7):  # an update, again both ways: deletions in old segments, merges, new segments
        write_text_report(corpus / f"r{number:03d}.txt", "天水市民政局", 2024, [("总体情况", f"第{number}份更新后的年度报告。")])
    (corpus / "r001.txt").unlink()
    _write_corpus(tmp_path / "more", 20)
    for path in (tmp_path / "more").glob("r*.txt"):
        path.rename(corpus / f"new-{path.name}")
    alone = build_index([corpus], tmp_path / "alone", settings)
    together = build_index([corpus], tmp_path / "together", workers)
    assert (together.added, together.updated, together.removed) == (alone.added, alone.updated, alone.removed) == (20, 9, 1)
    assert _index_state(tmp_path / "together", workers) == _index_state(tmp_path / "alone", settings)


def _patched_loader(monkeypatch: pytest.MonkeyPatch, marker_dir: Path) -> None:
    """Make `die-once.txt` kill its worker the first time, `die-always.txt` every time, `hang.txt` stall it."""
    load = segments.load_report

    def hostile_load(path: Path, settings: Settings):  # type: ignore[no-untyped-def]
        name = Path(path).name
        if name == "die-once.txt" and not (marker_dir / "died").exists():
            (marker_dir / "died").touch()
            os.kill(os.getpid(), signal.SIGKILL)
        if name == "die-always.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        if name == "hang.txt":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPROF})  # as stuck as a C call: no time limit fires
            time.sleep(600)
        return load(path, settings)

    monkeypatch.setattr(segments, "load_report", hostile_load)
    monkeypatch.setattr(segments, "_STUCK_GRACE_SECONDS", 0)


def test_a_worker_that_dies_or_hangs_loses_nothing(corpus: Path, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    good = build_index([corpus], tmp_path / "reference", settings)
    for name in ("die-once.txt", "die-always.txt", "hang.txt"):
        write_text_report(corpus / name, "天水市民政局", 2019, [("总体情况", f"{name}的正文。")])
    _patched_loader(monkeypatch, tmp_path)
    workers = settings.replace(build_processes=2, max_file_seconds=1)
    summary = build_index([corpus], tmp_path / "index", workers)
    failed = {Path(path).name: reason for path, reason in summary.failed}
    assert set(failed) == {"empty.txt", "die-always.txt", "hang.txt"}
    assert "died while reading this file, twice (killed by SIGKILL)" in failed["die-always.txt"]
    assert "max_file_seconds" in failed["hang.txt"] and "stopped answering" in failed["hang.txt"]
    assert summary.added == good.added + 1  # die-once.txt was read again by another worker
    monkeypatch.undo()
    engine = SearchIndex.open(tmp_path / "index", settings)
    assert engine.search(SearchRequest('"die-once"')).total_reports == 1
    reference = read_manifest(current_generation(tmp_path / "reference"))["files"]  # type: ignore[arg-type]
    assert engine.report_count == len(reference) + 1
    for entry in reference.values():  # every good report is there, whole
        indexed = engine.report(entry["report_id"])
        assert indexed is not None and indexed.report.source_path == entry["source_path"]


def _looping_unless_named(load, name: str):  # type: ignore[no-untyped-def]
    """`load`, except that it loops in Python for ever on the file called `name`."""

    def looping(path: Path, settings: Settings):  # type: ignore[no-untyped-def]
        while Path(path).name == name:
            pass
        return load(path, settings)

    return looping


@pytest.mark.parametrize("processes", [1, 2])
def test_a_file_past_the_time_limit_fails_alone(corpus: Path, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch, processes: int) -> None:
    write_text_report(corpus / "slow.txt", "天水市民政局", 2019, [("总体情况", "正文。")])
    monkeypatch.setattr(segments, "load_report", _looping_unless_named(segments.load_report, "slow.txt"))
    summary = build_index([corpus], tmp_path / "index", settings.replace(build_processes=processes, max_file_seconds=1))
    failed = dict((Path(path).name, reason) for path, reason in summary.failed)
    assert failed["slow.txt"].startswith("took more than 1 s of CPU time") and "max_file_seconds" in failed["slow.txt"]
    assert summary.added == 65


def test_parse_gives_each_file_its_time_limit(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_text_report(corpus / "slow.txt", "天水市民政局", 2019, [("总体情况", "正文。")])
    monkeypatch.setattr(pipeline, "_load", _looping_unless_named(pipeline._load, "slow.txt"))
    result = CliRunner().invoke(main, ["--setting", "max_file_seconds", "1", "parse", str(corpus)])
    assert result.exit_code == 1
    assert "slow.txt: took more than 1 s of CPU time" in result.output
    assert result.output.count('"title"') == 65

