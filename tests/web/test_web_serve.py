"""`nianbao serve` end to end: build a missing index (or rebuild an outdated one), serve over real HTTP with
waitress, stop cleanly."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from old_index import build_old_index
from web.cli import main

from web_support import CORPUS_DIR, NIANBAO, REPO_ROOT

STARTUP_SECONDS = 60


def wait_for_url(process: subprocess.Popen, lines: list[str]) -> str:
    """Read the server's stdout until it prints where it listens."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"at (http://\S+/)", line)
        if found:
            return found.group(1)
    raise AssertionError(f"no URL printed; output so far: {lines!r}")


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


@contextmanager
def serving(index_dir: Path, corpus: Path, lines: list[str]) -> Iterator[str]:
    """`nianbao serve` on a free port until the block ends (then Ctrl-C): its base URL; its stdout lines go to `lines`."""
    process = subprocess.Popen(
        [str(NIANBAO), "serve", "--index", str(index_dir), "--corpus", str(corpus), "--port", "0"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield wait_for_url(process, lines)
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        lines.append(out)
    assert process.returncode == 0, err
    assert "Traceback" not in err


def test_serve_builds_a_missing_index_then_serves_it(tmp_path):
    index_dir = tmp_path / "fresh" / "index"
    lines: list[str] = []
    with serving(index_dir, CORPUS_DIR, lines) as base:
        assert any(f"no usable index at {index_dir}" in line for line in lines)
        assert any(line.startswith("added 5, updated 0") for line in lines)
        assert "serving 5 reports" in lines[-1]

        status, headers, body = get(base)
        assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Server"] == "nianbao"
        assert "年报检索" in body.decode("utf-8")

        status, headers, body = get(base + "api/search?q=%E8%A1%8C%E6%94%BF%E8%AF%89%E8%AE%BC")
        data = json.loads(body)
        assert status == 200 and data["query"] == "行政诉讼" and data["total_reports"] > 0
        status, _, _ = get(base + f"reports/{data['hits'][0]['report_id']}?q=%E8%A1%8C%E6%94%BF%E8%AF%89%E8%AE%BC")
        assert status == 200
    assert "nianbao: stopped" in lines[-1]


def test_serve_says_clearly_when_the_port_is_taken(runner, web_index_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--index", str(web_index_dir), "--port", str(port)])
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output and "--port" in result.output
    assert "Traceback" not in result.output


def test_serve_without_reports_to_index_says_what_to_pass(runner, tmp_path: Path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["serve", "--index", str(tmp_path / "index"), "--corpus", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "no reports could be indexed" in result.output and "--corpus" in result.output


def test_serve_rebuilds_an_index_of_the_previous_format_from_its_own_files(tmp_path):
    index_dir = build_old_index(CORPUS_DIR, tmp_path / "index", tmp_path)
    elsewhere = tmp_path / "empty-corpus"
    elsewhere.mkdir()
    lines: list[str] = []
    with serving(index_dir, elsewhere, lines) as base:
        assert any("built by another version of nianbao; rebuilding it from its 5 report files" in line for line in lines)
        assert any(line.startswith("added 5, updated 0, unchanged 0") for line in lines)
        assert "serving 5 reports" in lines[-1]
        _, _, body = get(base + "api/search?section=problems")
        assert json.loads(body)["total_reports"] == 4
