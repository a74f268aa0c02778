"""Building indexes: incremental updates, bad files, locking, and builds that are stopped."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from indexer.config import Settings
from report_files import write_sidecar, write_text_report
from search import IndexLocked, SearchRequest
from search import build as build_module
from search.build import build_index
from search.engine import SearchIndex
from search.live import LiveIndex
from search.store import BuildLock, current_generation

NIANBAO = str(Path(sys.executable).parent / "nianbao")


def _report(root: Path, name: str, body: str, agency: str = "天水市民政局", year: int = 2019) -> Path:
    return write_text_report(root / name, agency, year, [("总体情况", body), ("存在的主要问题及改进情况", "工作仍有差距。")])


def _count(index_dir: Path, query: str, settings: Settings) -> int:
    return SearchIndex.open(index_dir, settings).search(SearchRequest(query=query)).total_sections


def _generations(index_dir: Path) -> list[str]:
    return sorted(path.name for path in index_dir.glob("gen-*"))


def test_incremental_update_adds_changes_and_removes(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _report(corpus, "a.txt", "甲乙丙丁。")
    _report(corpus, "b.txt", "戊己庚辛。")
    _report(corpus, "c.txt", "壬癸子丑。")
    first = build_index([corpus], index_dir, settings)
    assert (first.added, first.updated, first.unchanged, first.removed) == (3, 0, 0, 0)
    assert (first.reports, first.sections) == (3, 6)

    again = build_index([corpus], index_dir, settings)
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 3, 0)
    assert again.generation == first.generation

    _report(corpus, "b.txt", "寅卯辰巳。")
    (corpus / "c.txt").unlink()
    _report(corpus, "d.txt", "午未申酉。")
    update = build_index([corpus], index_dir, settings)
    assert (update.added, update.updated, update.unchanged, update.removed) == (1, 1, 1, 0 + 1)
    assert (update.reports, update.sections) == (3, 6)
    assert [_count(index_dir, f'"{text}"', settings) for text in ("甲乙", "戊己", "寅卯", "壬癸", "午未")] == [1, 0, 1, 0, 1]



def test_a_changed_sidecar_updates_its_report(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    report = _report(corpus, "a.txt", "甲乙丙丁。")
    write_sidecar(report, agency_kind="民政")
    build_index([corpus], index_dir, settings)
    write_sidecar(report, agency_kind="公安")
    update = build_index([corpus], index_dir, settings)
    assert (update.added, update.updated, update.unchanged) == (0, 1, 0)
    kinds = SearchIndex.open(index_dir, settings).search(SearchRequest()).facets["kind"]
    assert [(value.value, value.count) for value in kinds] == [("公安", 1)]

def test_a_bad_file_is_reported_and_never_stops_the_build(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _report(corpus, "good.txt", "甲乙丙丁。")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.html").write_bytes(bytes(range(256)) * 64)
    (corpus / "notes.docx").write_bytes(b"PK\x03\x04")
    summary = build_index([corpus], index_dir, settings)
    assert summary.added == 1
    assert sorted(Path(path).name for path, _ in summary.failed) == ["binary.html", "empty.txt", "notes.docx"]
    assert all(reason for _, reason in summary.failed)
    assert _count(index_dir, '"甲乙"', settings) == 1


def test_a_file_that_breaks_keeps_its_previous_version(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    report = _report(corpus, "a.txt", "甲乙丙丁。")
    build_index([corpus], index_dir, settings)
    report.write_bytes(b"\x00" * 100)
    summary = build_index([corpus], index_dir, settings)
    assert [Path(path).name for path, _ in summary.failed] == ["a.txt"]
    assert _count(index_dir, '"甲乙"', settings) == 1


def test_old_generations_are_cleaned_up(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    for round_number in range(4):
        _report(corpus, "a.txt", f"第{round_number}轮。")
        build_index([corpus], index_dir, settings)
    assert _generations(index_dir) == ["gen-000003", "gen-000004"]


def test_generations_a_kill_left_half_deleted_go_with_the_next_build_even_with_no_change(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    for round_number in range(3):
        _report(corpus, "a.txt", f"第{round_number}轮。")
        build_index([corpus], index_dir, settings)
    half_deleted = index_dir / "gen-000001"  # as a kill during the last publish's clean-up leaves it
    half_deleted.mkdir()
    (half_deleted / "gram_docs.npy").write_bytes(b"\x93NUMPY")
    unpublished = index_dir / "gen-000009"
    unpublished.mkdir()
    summary = build_index([corpus], index_dir, settings)
    assert summary.unchanged == 1 and summary.generation == "gen-000003"
    assert _generations(index_dir) == ["gen-000002", "gen-000003"]
    assert _count(index_dir, '"第2轮"', settings) == 1


def test_a_searcher_survives_rebuilds_and_live_index_follows_them(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _report(corpus, "a.txt", "甲乙丙丁。")
    build_index([corpus], index_dir, settings)
    live = LiveIndex(index_dir, settings)
    old = live.current()
    for body in ("戊己庚辛。", "壬癸子丑。", "寅卯辰巳。"):
        _report(corpus, "a.txt", body)
        build_index([corpus], index_dir, settings)
    assert not old.generation.exists()
    assert old.search(SearchRequest(query='"甲乙"')).hits[0].snippet
    assert live.current().search(SearchRequest(query='"寅卯"')).total_sections == 1


def _open_files_in(directory: Path) -> list[str]:
    """Files of `directory` this process holds open or mapped (deleted ones included)."""
    paths = [os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd") if os.path.islink(f"/proc/self/fd/{fd}")]
    paths += [line.split(maxsplit=5)[-1].strip() for line in Path("/proc/self/maps").read_text().splitlines() if len(line.split()) > 5]
    return sorted({path for path in paths if path.startswith(str(directory))})


def test_live_index_closes_the_generation_it_replaces_once_no_request_holds_it(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _report(corpus, "a.txt", "甲乙丙丁。")
    build_index([corpus], index_dir, settings)
    live = LiveIndex(index_dir, settings)
    request = live.current()  # a request running on the first generation
    searcher = request._searcher
    _report(corpus, "a.txt", "戊己庚辛。")
    build_index([corpus], index_dir, settings)
    assert live.current().search(SearchRequest(query='"戊己"')).total_sections == 1
    assert request.search(SearchRequest(query='"甲乙"')).total_sections == 1  # still open for the request holding it
    assert _open_files_in(index_dir / "gen-000001")
    del request  # the request ends
    live.current()
    assert searcher.is_closed
    assert not _open_files_in(index_dir / "gen-000001")


def test_a_second_build_is_told_who_holds_the_index(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _report(corpus, "a.txt", "甲乙丙丁。")
    with BuildLock(index_dir):
        with pytest.raises(IndexLocked, match=f"pid {os.getpid()}"):
            build_index([corpus], index_dir, settings)
        result = subprocess.run([NIANBAO, "index", str(corpus), "--index", str(index_dir)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"pid {os.getpid()}" in result.stderr and "Traceback" not in result.stderr
    assert build_index([corpus], index_dir, settings).added == 1


def test_a_failing_write_leaves_the_previous_index(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _report(corpus, "a.txt", "甲乙丙丁。")
    build_index([corpus], index_dir, settings)
    _report(corpus, "a.txt", "戊己庚辛。")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build_module.grams, "build", disk_full)
    with pytest.raises(OSError):
        build_index([corpus], index_dir, settings)
    assert _generations(index_dir) == ["gen-000001"]
    assert _count(index_dir, '"甲乙"', settings) == 1
    monkeypatch.undo()
    assert build_index([corpus], index_dir, settings).updated == 1


def _many_reports(corpus: Path, count: int) -> None:
    body = "。".join(f"第{i}项政府信息公开工作稳步推进，主动公开信息{i * 7}条" for i in range(60))
    for number in range(count):
        _report(corpus, f"r{number:04d}.txt", f"{body}。编号{number}。")


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT])
def test_a_stopped_build_leaves_the_previous_index_searchable(tmp_path: Path, settings: Settings, stop: signal.Signals) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _report(corpus, "first.txt", "甲乙丙丁。")
    build_index([corpus], index_dir, settings)
    _many_reports(corpus, 400)
    build = subprocess.Popen([NIANBAO, "index", str(corpus), "--index", str(index_dir)], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(_generations(index_dir)) < 2 and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert build.poll() is None, "the build finished before it could be stopped"
    time.sleep(0.3)
    build.send_signal(stop)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode != 0
    assert "Traceback" not in stderr
    if stop == signal.SIGINT:
        assert build.returncode == 130 and "unchanged" in stderr
    assert current_generation(index_dir).name == "gen-000001"  # type: ignore[union-attr]
    assert _count(index_dir, '"甲乙"', settings) == 1
    assert _count(index_dir, '"编号1"', settings) == 0
    finished = build_index([corpus], index_dir, settings)
    assert finished.added == 400
    assert _generations(index_dir) == ["gen-000001", "gen-000002"]


def test_ranked_search_after_an_update_that_deleted_documents(tmp_path: Path, settings: Settings) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    _report(corpus, "a.txt", "政府信息公开工作。")
    _report(corpus, "b.txt", "政府信息公开工作稳步推进。")
    build_index([corpus], index_dir, settings)
    _report(corpus, "a.txt", "政府信息公开工作有新进展。")
    build_index([corpus], index_dir, settings)
    response = SearchIndex.open(index_dir, settings).search(SearchRequest(query="信息公开 工作"))
    assert response.total_sections == 2
    assert all(hit.score > 0 for hit in response.hits)
