"""Latency passes over the query mix, percentiles, and a description of the machine they ran on."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy
from queries import BenchQuery

from search import SearchRequest, SearchResponse

Searcher = Callable[[SearchRequest], SearchResponse]


@dataclass
class Latencies:
    """Milliseconds per search, by query class, and the responses of the first measured pass."""

    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    responses: list[SearchResponse] = field(default_factory=list)

    @property
    def all(self) -> list[float]:
        return [value for values in self.by_kind.values() for value in values]


def run_passes(search: Searcher, mix: list[BenchQuery], passes: int, warmup: int = 1) -> Latencies:
    """Run the whole mix `warmup` times unmeasured, then `passes` times measured (wall clock per search)."""
    for _ in range(warmup):
        for query in mix:
            search(query.request)
    latencies = Latencies()
    for number in range(passes):
        for query in mix:
            started = time.perf_counter()
            response = search(query.request)
            latencies.by_kind[query.kind].append((time.perf_counter() - started) * 1000)
            if number == 0:
                latencies.responses.append(response)
    return latencies


def percentiles(values: list[float]) -> tuple[float, float, float]:
    """p50, p95 and p99 (linear interpolation)."""
    if not values:
        return (float("nan"),) * 3  # type: ignore[return-value]
    p50, p95, p99 = numpy.percentile(values, [50, 95, 99])
    return float(p50), float(p95), float(p99)


def _memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine_lines() -> list[str]:
    """Date, machine, software and load: what a figure needs beside it to mean anything."""
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return [
        f"date:    {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"machine: {os.cpu_count()} cores, {_memory_total()} memory, {platform.platform()}",
        f"python:  {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}",
        f"load:    {load} (1/5/15 min; other work on the machine slows every figure)",
    ]
