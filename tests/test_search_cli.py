"""`nianbao index` and `nianbao search` as a user runs them: the real command, a real index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS_DIR

NIANBAO = str(Path(sys.executable).parent / "nianbao")
HIT_KEYS = {"report_id", "source_path", "source_url", "title", "agency", "year", "region", "level", "agency_kind",
            "agency_series", "section", "heading", "snippet", "score"}


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NIANBAO, *args], capture_output=True, text=True, input=stdin, timeout=120)


def _check_contract(data: dict) -> None:
    assert list(data) == ["query", "total_sections", "total_reports", "facets", "hits", "group", "template", "template_sections", "filter_matches"]
    assert data["group"] in ("report", "section") and data["template"] in ("keep", "omit")
    assert isinstance(data["query"], str)
    assert isinstance(data["total_sections"], int) and isinstance(data["total_reports"], int)
    assert list(data["facets"]) == ["agency", "region", "kind", "level", "year", "section"]
    for name, values in data["facets"].items():
        for value in values:
            assert set(value) == ({"value", "count", "code"} if name == "region" and "code" in value else {"value", "count"})
            assert isinstance(value["value"], str) and isinstance(value["count"], int)
    for hit in data["hits"]:
        grouped = {"matching_sections", "other_sections"} if data["group"] == "report" else set()
        assert set(hit) == HIT_KEYS | grouped
        if grouped:
            assert hit["matching_sections"] == 1 + len(hit["other_sections"])
            assert all(set(other) == {"section", "ordinal", "score"} for other in hit["other_sections"])
        assert isinstance(hit["report_id"], str) and isinstance(hit["snippet"], str)
        assert isinstance(hit["score"], float)
        assert hit["year"] is None or isinstance(hit["year"], int)


def test_index_prints_its_counts_and_skips_unchanged_files(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    first = _run("index", str(CORPUS_DIR), "--index", str(index_dir))
    assert first.returncode == 0, first.stderr
    assert "added 5, updated 0, unchanged 0, removed 0, failed 0" in first.stdout
    second = _run("index", str(CORPUS_DIR), "--index", str(index_dir))
    assert "added 0, updated 0, unchanged 5, removed 0, failed 0" in second.stdout


def test_index_lists_failed_files_and_exits_1(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seed.txt").write_bytes((CORPUS_DIR / "000_9f09e102a19e83ee.txt").read_bytes())
    (corpus / "broken.txt").write_bytes(bytes(range(256)) * 64)
    result = _run("index", str(corpus), "--index", str(tmp_path / "index"))
    assert result.returncode == 1
    assert "added 1" in result.stdout and "failed 1" in result.stdout
    assert "broken.txt" in result.stderr and "Traceback" not in result.stderr


def test_search_json_follows_the_contract(seed_index: Path) -> None:
    result = _run("search", '"信息公开" 低保', "--index", str(seed_index), "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    _check_contract(data)
    assert data["query"] == '"信息公开" 低保'
    assert data["total_sections"] >= len(data["hits"]) > 0


def test_search_options_filter_sort_and_page(seed_index: Path) -> None:
    result = _run(
        "search", "", "--index", str(seed_index), "--json", "--agency", "天水市民政局", "--agency", "榕江县民政局",
        "--year", "2018-2019", "--section", "问题与改进", "--sort", "date", "--page", "1", "--limit", "5",
    )
    data = json.loads(result.stdout)
    assert data["total_reports"] == 2
    assert {hit["section"] for hit in data["hits"]} == {"problems"}
    assert [hit["agency"] for hit in data["hits"]] == ["天水市民政局", "榕江县民政局"]


def test_batch_answers_every_line_in_order(seed_index: Path) -> None:
    queries = ["低保", '"行政诉讼"', "year:abc", "", "section:problems 政务公开"]
    result = _run("search", "--batch", "-", "--index", str(seed_index), "--json", stdin="\n".join(queries) + "\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["query"] for line in lines] == queries
    assert "error" in lines[2] and "年度" in lines[2]["error"]
    for line in lines[:2] + lines[3:]:
        _check_contract(line)
    assert result.returncode == 1



def test_a_batch_file_line_that_is_not_utf8_is_that_lines_error(seed_index: Path, tmp_path: Path) -> None:
    batch = tmp_path / "queries.txt"
    batch.write_bytes("低保\n".encode() + "行政诉讼\n".encode("gb18030") + '"社会救助"\n'.encode())
    result = _run("search", "--batch", str(batch), "--index", str(seed_index), "--json")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3 and "Traceback" not in result.stderr
    assert lines[1]["error"].startswith("line 2 is not UTF-8 text")
    _check_contract(lines[0])
    _check_contract(lines[2])
    assert result.returncode == 1

def test_readable_output_shows_hits_and_marks(seed_index: Path) -> None:
    result = _run("search", "社会救助", "--index", str(seed_index), "--limit", "2")
    assert result.returncode == 0
    assert "sections in" in result.stdout
    assert "1. " in result.stdout and "【社会救助】" in result.stdout
    assert "--page 2" in result.stdout


@pytest.mark.parametrize(("args", "message"), [(["year:1800"], "年度"), (["x", "--limit", "1000"], "--limit"), (["x", "--page", "0"], "--page"), (["section:nope"], "部分")])
def test_bad_queries_get_a_clear_message(seed_index: Path, args: list[str], message: str) -> None:
    result = _run("search", *args, "--index", str(seed_index))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_search_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    result = _run("search", "低保", "--index", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "nianbao index" in result.stderr and "Traceback" not in result.stderr


def test_settings_are_changed_per_run_and_checked(seed_index: Path) -> None:
    cap = ["--setting", "max_page_size", "5", "--setting", "default_page_size", "5"]
    capped = _run(*cap, "search", "低保", "--index", str(seed_index), "--limit", "10")
    assert capped.returncode == 2 and "应在 1 到 5 之间" in capped.stderr
    inconsistent = _run("--setting", "max_page_size", "5", "search", "低保", "--index", str(seed_index))
    assert inconsistent.returncode == 2 and "default_page_size (20) must not exceed max_page_size (5)" in inconsistent.stderr
    zero = _run("--setting", "csv_max_rows", "0", "search", "x")
    assert zero.returncode == 2 and "csv_max_rows must be at least 1" in zero.stderr
    method = _run("--setting", "replace", "x", "search", "x")
    assert method.returncode == 2 and "unknown setting 'replace'" in method.stderr and "Traceback" not in method.stderr
    default_limit = _run("--setting", "default_page_size", "2", "search", "", "--index", str(seed_index), "--json")
    assert len(json.loads(default_limit.stdout)["hits"]) == 2
    unknown = _run("--setting", "no_such_thing", "1", "search", "x")
    assert unknown.returncode == 2 and "unknown setting 'no_such_thing'" in unknown.stderr
    wrong_kind = _run("--setting", "max_page_size", "many", "search", "x")
    assert wrong_kind.returncode == 2 and "wants int" in wrong_kind.stderr


def test_settings_reach_parsing_and_indexing(tmp_path: Path) -> None:
    limit = ["--setting", "max_file_bytes", "1000"]
    parsed = _run(*limit, "parse", str(CORPUS_DIR / "000_9f09e102a19e83ee.txt"))
    assert parsed.returncode == 1 and "the limit is 1,000 bytes" in parsed.stderr
    indexed = _run(*limit, "index", str(CORPUS_DIR), "--index", str(tmp_path / "index"))
    assert indexed.returncode == 1 and "failed 5" in indexed.stdout
