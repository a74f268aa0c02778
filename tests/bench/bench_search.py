"""nianbao against SQLite FTS5 (trigram) on the same generated corpus and the same query mix.

    .venv/bin/python tests/bench/bench_search.py --reports 10000 --workdir /tmp/nianbao-bench [--keep-corpus]

Generates the corpus (or reuses the one cached in the workdir for this size
and seed), then measures both engines: cold build, no-change rebuild, index
size against text size, serve RSS, and p50/p95/p99 of the full search (counts,
three facets, a page of hits with snippets) in-process and over HTTP, by query
class. Ours runs through the real `nianbao index` / `nianbao serve` and
`search.SearchIndex`; the peer through `peer_sqlite`. Every query's totals and
facet counts are cross-checked between the two. Figures are printed, never
asserted. `--peer-only` measures the peer alone (while ours is not there yet).
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import corpus_gen
import ours
import peer_sqlite
from crosscheck import disagreements
from measure import Latencies, machine_lines, percentiles, run_passes
from queries import BenchQuery, describe, query_mix

MB = 1_000_000


@dataclass
class PeerFigures:
    build: peer_sqlite.BuildStats
    latencies: Latencies


@dataclass
class OurFigures:
    cold: ours.CliBuild
    rebuild: ours.CliBuild
    index_bytes: int
    in_process: Latencies
    http: Latencies | None
    serve_start_seconds: float | None
    rss_bytes: int | None


def ensure_corpus(workdir: Path, reports: int, seed: int) -> tuple[Path, dict[str, object], float | None]:
    """The corpus for (reports, seed) in `workdir`, generated unless this generator's finished one is cached."""
    corpus = workdir / f"corpus-{reports}-seed{seed}"
    marker = corpus_gen.read_marker(corpus)
    wanted = {"reports": reports, "seed": seed, "generator": corpus_gen.generator_fingerprint()}
    if marker and all(marker.get(key) == value for key, value in wanted.items()):
        return corpus, marker, None
    shutil.rmtree(corpus, ignore_errors=True)
    started = time.perf_counter()
    summary = corpus_gen.generate_corpus(reports, corpus, seed)
    return corpus, summary, time.perf_counter() - started


def measure_peer(corpus: Path, workdir: Path, mix: list[BenchQuery], args: argparse.Namespace) -> PeerFigures:
    db_path = workdir / "peer.sqlite"
    print("peer: building SQLite FTS5 (trigram) ...", flush=True)
    stats = peer_sqlite.build(corpus, db_path, args.processes)
    user_dictionary = args.user_dict or peer_sqlite.nianbao_user_dictionary()
    print(f"peer: built in {stats.seconds_total:.1f} s; segmenting queries with jieba + "
          f"{user_dictionary or 'no user dictionary (nianbao ships none yet)'}; searching ...", flush=True)
    index = peer_sqlite.PeerIndex(db_path, peer_sqlite.jieba_segmenter(user_dictionary))
    try:
        latencies = run_passes(index.search, mix, args.passes, args.warmup)
    finally:
        index.close()
    return PeerFigures(stats, latencies)


def measure_ours(corpus: Path, workdir: Path, mix: list[BenchQuery], args: argparse.Namespace) -> OurFigures:
    index_dir = workdir / "ours-index"
    shutil.rmtree(index_dir, ignore_errors=True)
    print("ours: nianbao index (cold) ...", flush=True)
    cold = ours.cli_index(corpus, index_dir)
    print(f"ours: cold build {cold.seconds:.1f} s, exit {cold.exit_code}; no-change rebuild ...", flush=True)
    rebuild = ours.cli_index(corpus, index_dir)
    index_bytes = ours.directory_bytes(index_dir)
    print("ours: searching in-process ...", flush=True)
    in_process = run_passes(ours.in_process_searcher(index_dir), mix, args.passes, args.warmup)
    if args.no_http:
        return OurFigures(cold, rebuild, index_bytes, in_process, None, None, None)
    print("ours: nianbao serve, searching over HTTP ...", flush=True)
    with ours.Server(index_dir, corpus, workdir / "serve.log") as server:
        start_seconds = server.wait_ready(args.serve_timeout)
        http = run_passes(server.search, mix, args.passes, args.warmup)
        rss = server.rss_bytes()
    return OurFigures(cold, rebuild, index_bytes, in_process, http, start_seconds, rss)


def _number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def _ratio(ours_value: float | None, peer_value: float | None) -> str:
    if ours_value is None or peer_value is None or peer_value == 0:
        return ""
    return f"{ours_value / peer_value:.2f}"


def _triple(latencies: Latencies | None, kind: str | None = None) -> str:
    if latencies is None:
        return "n/a"
    values = latencies.by_kind[kind] if kind else latencies.all
    return " / ".join(f"{value:.1f}" for value in percentiles(values))


def _p95(latencies: Latencies | None, kind: str | None = None) -> float | None:
    if latencies is None:
        return None
    return percentiles(latencies.by_kind[kind] if kind else latencies.all)[1]


def print_figures(peer: PeerFigures, our: OurFigures | None) -> None:
    """The summary table, ours against the peer, and the ratio ours/peer."""
    text_mb = peer.build.text_bytes / MB
    reports = peer.build.reports
    peer_seconds = peer.build.seconds_total
    rows: list[tuple[str, str, str, str]] = []

    def row(label: str, ours_value: float | None, peer_value: float | None, digits: int = 1) -> None:
        rows.append((label, _number(ours_value, digits), _number(peer_value, digits), _ratio(ours_value, peer_value)))

    cold = our.cold.seconds if our else None
    row("cold build (s)", cold, peer_seconds)
    row("  text MB/s", text_mb / cold if cold else None, text_mb / peer_seconds, 2)
    row("  reports/s", reports / cold if cold else None, reports / peer_seconds, 0)
    row("  build excluding parsing (s)", None, peer.build.seconds_database)
    row("no-change rebuild (s)", our.rebuild.seconds if our else None, None)
    row("index size (MB)", our.index_bytes / MB if our else None, peer.build.db_bytes / MB)
    row("index size / text size", our.index_bytes / peer.build.text_bytes if our else None,
        peer.build.db_bytes / peer.build.text_bytes, 2)
    row("serve RSS (MB)", our.rss_bytes / MB if our and our.rss_bytes else None, None)
    row("search p95 in-process (ms)", _p95(our.in_process) if our else None, _p95(peer.latencies))
    row("search p95 over HTTP (ms)", _p95(our.http) if our and our.http else None, None)
    rows.append(("search p50/p95/p99 in-process (ms)", _triple(our.in_process if our else None),
                 _triple(peer.latencies), ""))
    rows.append(("search p50/p95/p99 over HTTP (ms)", _triple(our.http if our and our.http else None), "n/a", ""))
    width = max(len(label) for label, *_ in rows)
    print(f"\n{'figure':<{width}}  {'ours':>22}  {'peer (SQLite FTS5)':>22}  {'ours/peer':>9}")
    for label, ours_text, peer_text, ratio in rows:
        print(f"{label:<{width}}  {ours_text:>22}  {peer_text:>22}  {ratio:>9}")
    if our:
        for name, build in (("cold build", our.cold), ("no-change rebuild", our.rebuild)):
            counts = ", ".join(f"{key} {value}" for key, value in build.counts.items()) or "no counts printed"
            print(f"ours {name}: `nianbao index` exit {build.exit_code}; {counts}")
            for line in build.summary:
                print(f"    | {line}")
            if build.other_lines:
                print(f"    | ... and {len(build.other_lines)} other line(s), e.g. {build.other_lines[0]}")
        if our.serve_start_seconds is not None:
            print(f"ours serve: ready after {our.serve_start_seconds:.1f} s")
    if peer.build.failed:
        print(f"peer: {peer.build.failed} file(s) failed to parse, e.g. {peer.build.failures[:3]}")


def print_classes(mix: list[BenchQuery], peer: PeerFigures, our: OurFigures | None) -> None:
    """p50/p95/p99 per query class, in-process for both, and ours over HTTP."""
    kinds = list(dict.fromkeys(query.kind for query in mix))
    width = max(len(kind) for kind in kinds)
    print("\nper query class, ms (n = queries x passes); p50 / p95 / p99")
    print(f"{'class':<{width}}  {'n':>4}  {'ours in-process':>22}  {'peer':>22}  {'p95 ratio':>9}  {'ours HTTP':>22}")
    for kind in kinds:
        count = len(peer.latencies.by_kind[kind])
        print(f"{kind:<{width}}  {count:>4}  {_triple(our.in_process if our else None, kind):>22}  "
              f"{_triple(peer.latencies, kind):>22}  "
              f"{_ratio(_p95(our.in_process, kind) if our else None, _p95(peer.latencies, kind)):>9}  "
              f"{_triple(our.http if our and our.http else None, kind):>22}")


def print_queries(mix: list[BenchQuery], peer: PeerFigures) -> None:
    """Each query with the peer's totals: to see what the mix asks and how much it finds."""
    print("\nqueries (peer's answer): sections / reports")
    for query, response in zip(mix, peer.latencies.responses):
        print(f"  {query.kind:<24} {response.total_sections:>7} / {response.total_reports:<6} {describe(query.request)}")


def print_crosscheck(mix: list[BenchQuery], peer: PeerFigures, our: OurFigures) -> int:
    """Compare every query's totals and facets; return how many queries disagree."""
    disagreeing = 0
    for query, ours_response, peer_response in zip(mix, our.in_process.responses, peer.latencies.responses):
        problems = disagreements(ours_response, peer_response)
        if problems:
            disagreeing += 1
            print(f"!!! DISAGREEMENT [{query.kind}] {describe(query.request)}")
            for problem in problems:
                print(f"!!!     {problem}")
    verdict = "all agree" if not disagreeing else f"!!! {disagreeing} DISAGREE !!!"
    print(f"\ncross-check (total_sections, total_reports, facet counts): {len(mix)} queries, {verdict}")
    return disagreeing


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10000, help="corpus size (default 10000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/nianbao-bench"),
                        help="where the corpus is cached and the indexes are built (default /tmp/nianbao-bench)")
    parser.add_argument("--passes", type=int, default=3, help="measured passes over the query mix (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured passes first (default 1)")
    parser.add_argument("--processes", type=int, default=None, help="peer build processes (default: all cores)")
    parser.add_argument("--serve-timeout", type=float, default=300, help="seconds to wait for `nianbao serve`")
    parser.add_argument("--user-dict", type=Path, default=None,
                        help="jieba user dictionary for the peer (default: the one nianbao's engine ships)")
    parser.add_argument("--keep-corpus", action="store_true", help="keep the generated corpus for the next run")
    parser.add_argument("--keep-indexes", action="store_true", help="keep both indexes after the run")
    parser.add_argument("--peer-only", action="store_true", help="measure the SQLite peer alone")
    parser.add_argument("--no-http", action="store_true",
                        help="skip `nianbao serve` (no HTTP latency, no RSS), for a quicker run")
    parser.add_argument("--show-queries", action="store_true", help="list every query with the peer's totals")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print("nianbao search benchmark")
    print(f"command: {shlex.join([sys.executable, *sys.argv])}")
    for line in machine_lines():
        print(line)
    if not args.peer_only:
        try:
            ours.check_available(("index",) if args.no_http else ("index", "serve"))
        except ours.EngineUnavailable as error:
            print(f"\n{error}\n(run with --peer-only to measure the SQLite peer alone)", file=sys.stderr)
            return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpus, summary, generated_in = ensure_corpus(args.workdir, args.reports, args.seed)
    origin = "cached" if generated_in is None else f"generated in {generated_in:.1f} s"
    print(f"corpus:  {corpus} ({origin}): {summary['reports']:,} reports, {summary['agencies']:,} agencies, "
          f"{int(summary['bytes']) / MB:.1f} MB of files, {summary['template_reports']:,} in the 2019 template")
    mix = query_mix(args.seed)
    print(f"queries: {len(mix)} in {len({query.kind for query in mix})} classes; "
          f"{args.warmup} warm-up + {args.passes} measured passes", flush=True)
    try:
        peer = measure_peer(corpus, args.workdir, mix, args)
        print(f"text:    {peer.build.sections:,} sections, {peer.build.text_bytes / MB:.1f} MB of section text (UTF-8)")
        our = None if args.peer_only else measure_ours(corpus, args.workdir, mix, args)
    except ours.EngineUnavailable as error:
        print(f"\n{error}", file=sys.stderr)
        return 2
    finally:
        if not args.keep_indexes:
            (args.workdir / "peer.sqlite").unlink(missing_ok=True)
    print_figures(peer, our)
    print_classes(mix, peer, our)
    if args.show_queries:
        print_queries(mix, peer)
    disagreeing = print_crosscheck(mix, peer, our) if our else 0
    print(f"load:    {' '.join(machine_lines()[-1].split()[1:4])} at the end")
    if not args.keep_indexes:
        shutil.rmtree(args.workdir / "ours-index", ignore_errors=True)
    if not args.keep_corpus:
        shutil.rmtree(corpus, ignore_errors=True)
    return 1 if disagreeing else 0


if __name__ == "__main__":
    sys.exit(main())
