"""`nianbao serve` end to end: build a missing index (or rebuild an outdated one), serve over real HTTP with
waitress, stop cleanly; and what reaches the server as raw HTTP: requests waitress refuses itself,
`Expect: 100-continue`, OPTIONS."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from old_index import build_old_index
from web import create_app
from web.cli import main
from web.guards import SECURITY_HEADERS
from web.server import create_server

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


SMALL_BODY_LIMIT = 1000
SMALL_HEADER_LIMIT = 4096


@pytest.fixture(scope="module")
def served(web_index_dir) -> Iterator[int]:
    """The app with small request limits, served by `web.server.create_server` on a free port; yields the port."""
    app = create_app({"index_dir": web_index_dir, "port": 0, "server_threads": 2, "max_request_bytes": SMALL_BODY_LIMIT,
                      "max_request_header_bytes": SMALL_HEADER_LIMIT})
    server = create_server(app)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server.effective_port
    server.close()
    thread.join(timeout=5)


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]
    body: bytes
    interim: list[int]


def exchange(port: int, request: bytes, *, timeout: float = 10) -> RawResponse:
    """Send raw bytes, read until the server closes, and parse the final response (and any 1xx before it)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    interim = []
    while True:
        head, _, received = received.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        if status >= 200:
            break
        interim.append(status)
    headers = dict(line.split(": ", 1) for line in header_lines)
    return RawResponse(status, headers, received, interim)


def assert_security_headers(response: RawResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (name, response.headers)


def request_bytes(target: str, *headers: str) -> bytes:
    return "\r\n".join([f"GET {target} HTTP/1.1", "Host: localhost", *headers, "", ""]).encode("latin-1")


REFUSED = {
    "body over the limit": (request_bytes("{path}", f"Content-Length: {SMALL_BODY_LIMIT + 1}"), 413, "超过了 1000 字节"),
    "headers over the limit": (request_bytes("{path}?q=" + "a" * SMALL_HEADER_LIMIT), 431, f"超过了 {SMALL_HEADER_LIMIT} 字节"),
    "unreadable length": (request_bytes("{path}", "Content-Length: twelve"), 400, "服务器无法读取这个请求"),
    "unknown transfer coding": (request_bytes("{path}", "Transfer-Encoding: gzip"), 501, "Transfer-Encoding"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_requests_waitress_refuses_are_answered_by_the_app_with_its_headers_and_error_shape(served, case):
    raw, status, message = REFUSED[case]
    api, page = (exchange(served, raw.replace(b"{path}", path)) for path in (b"/api/search", b"/"))
    for response in (api, page):
        assert response.status == status and response.headers["Connection"] == "close"
        assert_security_headers(response)
    assert api.headers["Content-Type"] == "application/json"
    body = json.loads(api.body)
    assert list(body) == ["error"] and list(body["error"]) == ["status", "param", "message"]
    assert body["error"]["status"] == status and body["error"]["param"] is None and message in body["error"]["message"]
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "年报检索" in page.body.decode("utf-8") and "generated by" not in page.body.decode("utf-8")


def test_a_body_at_the_limit_is_still_read(served):
    response = exchange(served, request_bytes("/api/search", f"Content-Length: {SMALL_BODY_LIMIT}", "Connection: close") + b"x" * SMALL_BODY_LIMIT)
    assert response.status == 200 and json.loads(response.body)["total_reports"] > 0


def test_expect_100_continue_without_a_body_gets_its_answer_at_once(served):
    response = exchange(served, request_bytes("/api/search?q=%E4%BD%8E%E4%BF%9D", "Expect: 100-continue", "Connection: close"))
    assert response.status == 200 and response.interim == []
    assert json.loads(response.body)["query"] == "低保"


def test_expect_100_continue_with_a_body_is_told_to_continue(served):
    response = exchange(served, request_bytes("/api/search", "Expect: 100-continue", "Content-Length: 3", "Connection: close") + b"abc")
    assert response.interim == [100] and response.status == 200


def test_expect_100_continue_with_a_body_over_the_limit_is_refused_without_continuing(served):
    response = exchange(served, request_bytes("/api/search", "Expect: 100-continue", f"Content-Length: {SMALL_BODY_LIMIT * 10}"))
    assert response.interim == [] and response.status == 413
    assert json.loads(response.body)["error"]["status"] == 413


@pytest.mark.parametrize("path", ["/", "/api/search", "/static/style.css", "/reports/0000000000000000"])
def test_options_is_405_over_http(served, path):
    response = exchange(served, f"OPTIONS {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
    assert response.status == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD"}
    assert_security_headers(response)
