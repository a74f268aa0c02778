"""The worst per-file time and peak memory on a campaign-sized corpus of hostile files.

A script, not a test: it writes every kind of `tests/hostile_corpus.py` at each
size asked for, then reads each file in a fresh process the way a build worker
does (parse, then jieba analysis) with no time limit, measuring CPU seconds and
peak RSS, and finally runs `nianbao index` on the whole corpus with the
default settings, sampling the RSS of its process tree. It prints the files
worst first, and the build's outcome.

    .venv/bin/python tests/bench/bench_hostile.py [--sizes 1,4,16] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_build import run_build
from measure import machine_lines

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from hostile_corpus import write_hostile_corpus  # noqa: E402

_RATED_MB = 0.5  # smaller files are timed but not rated per MB: start-up dominates them
_READ_ONE = """
import json, resource, sys, time
from pathlib import Path
from indexer import ReportError, load_report
from indexer.config import DEFAULTS
from search.analysis import warm_up
from search.documents import analyse_report
warm_up()
path, settings = Path(sys.argv[1]), DEFAULTS.replace(max_file_seconds=100_000)
started = time.process_time()
try:
    report = load_report(path, settings)
    outcome = f"{len(analyse_report(report, str(path), '', '0' * 16).documents)} sections"
except ReportError as error:
    outcome = "failed: " + error.reason
seconds = time.process_time() - started
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "outcome": outcome}))
"""


def read_one(path: Path) -> dict:
    """CPU seconds, peak RSS and outcome of parsing and analysing one file in a fresh process."""
    run = subprocess.run([sys.executable, "-c", _READ_ONE, str(path)], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "outcome": f"crashed: {run.stderr.strip()[-200:]}"}
    return json.loads(run.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4,16", help="file sizes in MB, comma-separated")
    parser.add_argument("--workdir", type=Path, help="where to write the corpus and index (default: a temporary directory, removed after)")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="nianbao-hostile-"))
    for line in machine_lines():
        print(line)
    try:
        rows = []
        corpus = workdir / "corpus"
        for size_mb in [float(size) for size in args.sizes.split(",")]:
            expected = write_hostile_corpus(corpus / f"{size_mb:g}MB", int(size_mb * 1024 * 1024), seed=int(size_mb * 10))
            for path in sorted(path for path in expected if path.is_file() and not path.is_symlink() and path.stat().st_size < 17_000_000):
                measured = read_one(path)
                rows.append((path.relative_to(corpus), path.stat().st_size / 1024 / 1024, measured))
                print(f"  read {path.relative_to(corpus)}: {measured['seconds']:.2f} s", file=sys.stderr, flush=True)
        print(f"\n{'file':50} {'MB':>6} {'CPU s':>7} {'s/MB':>6} {'peak MB':>8}  outcome")
        for name, megabytes, measured in sorted(rows, key=lambda row: -row[2]["seconds"]):
            per_mb = f"{measured['seconds'] / megabytes:6.2f}" if megabytes >= _RATED_MB else "     -"
            print(f"{str(name):50} {megabytes:6.2f} {measured['seconds']:7.2f} {per_mb} {measured['peak_mb']:8.0f}  {measured['outcome'][:70]}")
        big = [row for row in rows if row[1] >= _RATED_MB]
        worst_rate = max(big, key=lambda row: row[2]["seconds"] / row[1]) if big else None
        worst_memory = max(rows, key=lambda row: row[2]["peak_mb"])
        if worst_rate:
            print(f"\nworst time per MB (files of {_RATED_MB} MB or more): {worst_rate[2]['seconds'] / worst_rate[1]:.2f} s/MB ({worst_rate[0]})")
        print(f"worst time for one file: {max(row[2]['seconds'] for row in rows):.1f} s; worst peak RSS: {worst_memory[2]['peak_mb']:.0f} MB ({worst_memory[0]})")
        code, seconds, summary, peaks = run_build([corpus], workdir / "index", [], interval=0.5)
        print(f"\nnianbao index on the whole corpus (default settings): exit {code} in {seconds:.1f} s: {summary}")
        print(f"peak RSS of its process tree {peaks.tree_rss_kb / 1024:,.0f} MB (largest process {max(peaks.process_rss_kb.values()) / 1024:,.0f} MB)")
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
