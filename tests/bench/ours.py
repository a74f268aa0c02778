"""nianbao's side of the benchmark: the real CLI, the in-process API, the server and its memory.

Everything goes through nianbao's public surfaces (`nianbao index`,
`nianbao serve`, `search.SearchIndex`, `GET /api/search`), so the figures are
what a user gets. When any of them is missing the benchmark stops with
`EngineUnavailable`, never with made-up numbers.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self
from urllib.parse import urlencode

from search import FacetValue, SearchIndex, SearchRequest, SearchResponse

NIANBAO = Path(sys.executable).with_name("nianbao")
_COUNT = re.compile(r"\b(added|updated|unchanged|removed|failed)\b\D{0,3}(\d+)", re.IGNORECASE)


class EngineUnavailable(RuntimeError):
    """nianbao's CLI (`nianbao index` or `nianbao serve`) cannot be used: not installed, or it failed to start."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"nianbao's search engine is not available: {reason}")


def _command_available(command: str) -> str | None:
    """None when `nianbao COMMAND --help` works, else why not."""
    if not NIANBAO.exists():
        return f"{NIANBAO} does not exist (install the project: pip install -e '.[test]')"
    result = subprocess.run([str(NIANBAO), command, "--help"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return f"`nianbao {command}` is missing ({(result.stderr or result.stdout).strip().splitlines()[-1:]})"
    return None


def check_available(commands: tuple[str, ...] = ("index", "serve")) -> None:
    """Raise `EngineUnavailable` unless the CLI `commands` the benchmark drives exist."""
    for command in commands:
        problem = _command_available(command)
        if problem:
            raise EngineUnavailable(problem)


@dataclass
class CliBuild:
    """One run of `nianbao index`: its time, exit code, the counts it printed, its summary and other lines."""

    seconds: float
    exit_code: int
    counts: dict[str, int] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)
    other_lines: list[str] = field(default_factory=list)


def cli_index(corpus: Path, index_dir: Path) -> CliBuild:
    """Run `nianbao index CORPUS --index DIR` as a user would and time it."""
    started = time.perf_counter()
    result = subprocess.run([str(NIANBAO), "index", str(corpus), "--index", str(index_dir)],
                            capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    lines = [line for line in (result.stdout + "\n" + result.stderr).splitlines() if line.strip()]
    summary = [line for line in lines if len(_COUNT.findall(line)) >= 2]
    counts = {name.lower(): int(number) for line in summary for name, number in _COUNT.findall(line)}
    return CliBuild(seconds, result.returncode, counts, summary, [line for line in lines if line not in summary])


def directory_bytes(path: Path) -> int:
    """Bytes of all files under `path` (what the index costs on disk)."""
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file())


def in_process_searcher(index_dir: Path) -> Callable[[SearchRequest], SearchResponse]:
    """`SearchIndex.open(index_dir).search`, opened once and reused, as a server worker would."""
    return SearchIndex.open(index_dir).search


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _descendants(pid: int) -> list[int]:
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            found.extend(_descendants(int(child)))
    return found


def tree_rss_bytes(pid: int) -> int:
    """VmRSS summed over a process and all its descendants, from /proc."""
    total = 0
    for member in _descendants(pid):
        try:
            status = Path(f"/proc/{member}/status").read_text()
        except OSError:
            continue
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        total += int(match.group(1)) * 1024 if match else 0
    return total


def _response_from_json(data: dict[str, Any]) -> SearchResponse:
    facets = {name: [FacetValue(str(value["value"]), int(value["count"])) for value in values]
              for name, values in data.get("facets", {}).items()}
    return SearchResponse(data.get("query", ""), data["total_sections"], data["total_reports"], facets, [])


def query_parameters(request: SearchRequest) -> str:
    """The `/api/search` query string of a request (one repeatable parameter per facet)."""
    pairs: list[tuple[str, str]] = [("q", request.query)]
    pairs += [(name, value) for name, values in request.filters.items() for value in values]
    pairs += [("sort", request.sort), ("page", str(request.page)), ("limit", str(request.limit))]
    return urlencode(pairs)


class Server:
    """`nianbao serve` in a subprocess on a free local port, with a keep-alive HTTP client."""

    def __init__(self, index_dir: Path, corpus: Path, log_path: Path) -> None:
        self.port = _free_port()
        self.log = log_path.open("w")
        self.process = subprocess.Popen(
            [str(NIANBAO), "serve", "--index", str(index_dir), "--corpus", str(corpus), "--port", str(self.port)],
            stdout=self.log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.connection: http.client.HTTPConnection | None = None
        self.log_path = log_path

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def wait_ready(self, timeout: float) -> float:
        """Poll `/api/search` until it answers 200; return the seconds it took to start."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            if self.process.poll() is not None:
                raise EngineUnavailable(f"`nianbao serve` exited with {self.process.returncode}; "
                                        f"see {self.log_path}")
            try:
                status, _ = self._get("/api/search?q=&limit=1")
                if status == 200:
                    return time.perf_counter() - started
            except OSError:
                time.sleep(0.2)
        raise EngineUnavailable(f"`nianbao serve` did not answer within {timeout:.0f} s; see {self.log_path}")

    def _request(self, path: str) -> tuple[int, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        return response.status, response.read()

    def _get(self, path: str) -> tuple[int, bytes]:
        try:
            return self._request(path)
        except (http.client.HTTPException, ConnectionError):
            if self.connection is not None:
                self.connection.close()
            self.connection = None
            return self._request(path)  # once more on a fresh connection: keep-alive may have been dropped

    def search(self, request: SearchRequest) -> SearchResponse:
        """One `GET /api/search` round trip, parsed (a non-200 answer is an error)."""
        status, body = self._get("/api/search?" + query_parameters(request))
        if status != 200:
            raise RuntimeError(f"/api/search answered {status}: {body[:200]!r}")
        return _response_from_json(json.loads(body))

    def rss_bytes(self) -> int:
        return tree_rss_bytes(self.process.pid)

    def stop(self) -> None:
        if self.connection is not None:
            self.connection.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
