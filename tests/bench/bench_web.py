"""What the web app adds on top of the search: page-render overhead, p50/p95 (target: p95 under 20 ms).

    .venv/bin/python tests/bench/bench_web.py [--index DIR | --corpus DIR] [--passes N]

Opens the index at --index, or builds one from --corpus (default: the bundled
corpus) in a temporary directory. For every query of a mix derived from the
index itself (its agencies and years, phrases, OR, NOT, filters, date sort,
a deeper page, browsing, no-result queries) it times, back to back,
`SearchIndex.search` alone, the full `/` page and `/api/search` through the
Flask test client, and prints the distribution of page - search and
api - search. The document view is timed as a whole, and once more on a
generated report of --large-report-mb MB (default 2) highlighting 公开, which
occurs about every 25 characters. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy

from indexer.config import DEFAULTS
from search import SearchRequest
from search import SearchIndex, build_index
from web import create_app
from web.params import SearchParams

ROOT = Path(__file__).resolve().parents[2]
WORDS = ["信息公开", "行政诉讼", "依申请公开", "低保", "政务公开", "行政复议", "政府信息"]


def query_mix(index: SearchIndex) -> list[SearchRequest]:
    """Queries that fit any index: built from its own most frequent agencies and its years."""
    everything = index.search(SearchRequest(limit=1))
    agencies = [value.value for value in everything.facets["agency"][:3]]
    years = sorted(int(value.value) for value in everything.facets["year"])
    span = f"{years[0]}-{years[len(years) // 2]}" if years else "2019"
    mix = [SearchRequest(word) for word in WORDS]
    mix += [SearchRequest(f'"{word}"') for word in WORDS[:4]]
    mix += [
        SearchRequest("行政复议 OR 行政诉讼"),
        SearchRequest("依申请公开 -收费"),
        SearchRequest('"信息公开" 低保', sort="date"),
        SearchRequest("信息公开", page=2),
        SearchRequest("信息公开", limit=50),
        SearchRequest("", {"year": (span,)}),
        SearchRequest(""),
        SearchRequest("section:问题与改进 信息公开"),
        SearchRequest("政务公开", {"agency": tuple(agencies[:2]), "year": (span,)}),
        SearchRequest("信息公开", {"section": ("problems", "requests")}),
        SearchRequest("量子纠缠"),
        SearchRequest('"不存在的短语组合"', {"agency": tuple(agencies[:1])}),
    ]
    return mix


def query_string(request: SearchRequest) -> list[tuple[str, str]]:
    params = SearchParams(request.query, request.filters, request.sort, request.page, request.limit)
    return params.query_args()


def timed(call, *args, **kwargs) -> float:
    """Milliseconds one call takes."""
    started = time.perf_counter()
    call(*args, **kwargs)
    return (time.perf_counter() - started) * 1000


def percentiles(values: list[float]) -> str:
    p50, p95 = numpy.percentile(values, [50, 95])
    return f"p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   (n={len(values)})"


def bench(index_dir: Path, passes: int) -> None:
    app = create_app({"index_dir": index_dir})
    client = app.test_client()
    engine = SearchIndex.open(index_dir, DEFAULTS)
    mix = query_mix(engine)
    searches, pages, apis, page_overhead, api_overhead = [], [], [], [], []
    for number in range(passes + 1):
        for request in mix:
            args = query_string(request)
            search_ms = timed(engine.search, request)
            page_ms = timed(client.get, "/", query_string=args)
            api_ms = timed(client.get, "/api/search", query_string=args)
            if number == 0:
                continue
            searches.append(search_ms)
            pages.append(page_ms)
            apis.append(api_ms)
            page_overhead.append(page_ms - search_ms)
            api_overhead.append(api_ms - search_ms)

    hits = engine.search(dataclasses.replace(mix[0], limit=5)).hits
    documents = [timed(client.get, f"/reports/{hit.report_id}", query_string={"q": mix[0].query}) for hit in hits * passes]

    print(f"index: {index_dir} ({engine.report_count} reports, {engine.section_count} sections)")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    print(f"{len(mix)} queries x {passes} passes (after one warm-up pass)")
    print(f"  search alone          {percentiles(searches)}")
    print(f"  / page (full)         {percentiles(pages)}")
    print(f"  /api/search (full)    {percentiles(apis)}")
    print(f"  page overhead         {percentiles(page_overhead)}   target p95 < 20 ms")
    print(f"  api overhead          {percentiles(api_overhead)}")
    print(f"  document view (full)  {percentiles(documents)}")


LARGE_REPORT_LINES = ("本机关依法主动公开政府信息，推进政务公开工作。", "行政许可 | 5 | 公开 | 17", "依申请公开情况说明。")


def bench_large_report(megabytes: float) -> None:
    """Time the document view of one generated report of about `megabytes` MB, without and with `?q=公开`."""
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-large-") as workdir:
        files = Path(workdir) / "files"
        files.mkdir()
        line_bytes = sum(len(line.encode("utf-8")) + 1 for line in LARGE_REPORT_LINES) / len(LARGE_REPORT_LINES)
        lines = int(megabytes * 1024 * 1024 / line_bytes / 2)
        body = "\n".join(LARGE_REPORT_LINES[number % len(LARGE_REPORT_LINES)] for number in range(lines))
        path = files / "large.txt"
        path.write_text(f"天水市民政局2019年政府信息公开工作年度报告\n一、总体情况\n{body}\n二、主动公开政府信息情况\n{body}\n", encoding="utf-8")
        started = time.perf_counter()
        build_index([files], Path(workdir) / "index", DEFAULTS)
        size_mb = path.stat().st_size / 1024 / 1024
        print(f"large report: {size_mb:.1f} MB, indexed in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        client = create_app({"index_dir": Path(workdir) / "index"}).test_client()
        report_id = client.get("/api/search").json["hits"][0]["report_id"]
        for query in (None, "公开"):
            started = time.perf_counter()
            response = client.get(f"/reports/{report_id}", query_string={"q": query} if query else None)
            seconds = time.perf_counter() - started
            label = f"?q={query}" if query else "no query"
            marked = response.data.count(b'<a class="hit"')
            print(f"  large report view     {size_mb:.1f} MB, {label:8} {seconds:6.2f} s ({seconds / size_mb:.2f} s/MB), "
                  f"{len(response.data) / 1024 / 1024:.1f} MB of HTML, {marked} matches marked")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--index", type=Path, help="an existing index directory")
    source.add_argument("--corpus", type=Path, default=ROOT / "corpus", help="report files to index first (default: the bundled corpus)")
    parser.add_argument("--passes", type=int, default=20, help="measured passes over the query mix")
    parser.add_argument("--large-report-mb", type=float, default=2.0, help="size of the generated report whose view is timed (0: skip)")
    options = parser.parse_args(argv)
    if options.large_report_mb > 0:
        bench_large_report(options.large_report_mb)
    if options.index:
        bench(options.index, options.passes)
        return 0
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-web-") as workdir:
        index_dir = Path(workdir) / "index"
        summary = build_index([options.corpus], index_dir, DEFAULTS)
        print(f"built {summary.reports} reports from {options.corpus} in {summary.seconds:.1f} s", file=sys.stderr)
        bench(index_dir, options.passes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
