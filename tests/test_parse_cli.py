"""`nianbao parse` on good and bad files: one JSON line each, errors on stderr, exit 1, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import ReportError, load_report
from web.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "corpus").glob("000_*.txt"))
NIANBAO = Path(sys.executable).parent / "nianbao"
GOOD_HTML = "<html><head><meta charset='utf-8'><title>某某县民政局2019年政府信息公开工作年度报告</title></head><body><div id='zoom'><p>一、总体情况</p><p>2019年，我局全面推进政务公开工作。</p><p>二、主动公开政府信息情况</p><p>全年公开信息58条。</p></div></body></html>"


@pytest.fixture
def bad_files(tmp_path):
    files = {
        "empty.txt": b"",
        "binary.html": b"%PDF-1.7\n" + bytes(range(256)) * 20,
        "undecodable.txt": bytes(range(0x80, 0x100)) * 40,
        "nul.txt": SEED.read_bytes()[:3000].rsplit(b"\n", 1)[0] + b"\x00\x00\n\x00",
        "truncated.html": GOOD_HTML.encode()[:-60],
        "good.html": GOOD_HTML.encode(),
        "notes.docx": b"PK\x03\x04",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return tmp_path


def test_parse_prints_one_json_line_per_seed():
    result = CliRunner().invoke(main, ["parse", str(ROOT / "corpus")])
    assert result.exit_code == 0, result.output
    reports = [json.loads(line) for line in result.output.splitlines()]
    assert [Path(report["source_path"]).name[:3] for report in reports] == ["000", "001", "002", "003", "004"]
    assert list(reports[0]) == ["source_path", "title", "agency", "year", "published", "source_url", "region", "level", "agency_kind", "agency_series", "sections", "tables", "index_no"]
    assert list(reports[1]) == ["source_path", "title", "agency", "year", "published", "source_url", "region", "level", "agency_kind", "agency_series", "sections", "tables"]
    assert all(set(section) == {"type", "heading", "text", "blocks"} for report in reports for section in report["sections"])
    assert [report["tables"] is not None for report in reports] == [True, False, True, True, False]


def test_bad_files_fail_alone_with_a_reason_and_exit_1(bad_files):
    run = subprocess.run([str(NIANBAO), "parse", str(bad_files), str(bad_files / "missing.txt")], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    results = {Path(line["source_path"]).name: line for line in map(json.loads, run.stdout.splitlines())}
    errors = {name: result.get("error") for name, result in results.items()}
    assert errors["empty.txt"] == "empty file"
    assert errors["binary.html"].startswith("not a readable PDF")  # the bytes say what a file is, not its name
    assert "undecodable" in errors["undecodable.txt"]
    assert "too large" in errors["huge.txt"]
    assert errors["notes.docx"].startswith("not a readable Word document (.docx)")
    assert errors["missing.txt"] == "no such file or directory"
    assert errors["good.html"] is None and results["good.html"]["agency"] == "某某县民政局"
    assert errors["truncated.html"] is None and results["truncated.html"]["sections"]
    assert errors["nul.txt"] is None and "\x00" not in json.dumps(results["nul.txt"])
    assert "nul.txt: warning: removed 3 NUL byte(s)" in run.stderr
    assert "empty.txt: empty file" in run.stderr
    assert "6 file(s) could not be parsed" in run.stderr


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html"]))
def test_load_report_raises_only_report_errors(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        report = load_report(path)
    except ReportError as error:
        assert error.reason and not error.reason.startswith("internal error"), error.reason  # a bug, not a bad file
    else:
        assert all("\ue000" not in section.text and "\ue001" not in section.text for section in report.sections)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("一二三、（）()1.|\t\n 总体情况主动公开依申请存在问题我局县民政年2019：。\ue000\x00")), max_size=400))
def test_report_like_noise_never_crashes(tmp_path, text):
    path = tmp_path / "noise.txt"
    path.write_text(text, encoding="utf-8")
    try:
        load_report(path)
    except ReportError as error:
        assert not error.reason.startswith("internal error"), error.reason  # a bug, not a bad file


def test_the_indexer_loads_neither_the_segmenter_nor_the_search_engine():
    code = (
        "import sys; from pathlib import Path; from indexer import load_report; "
        f"load_report(Path({str(SEED)!r})); "
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('jieba', 'whoosh', 'search')))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
