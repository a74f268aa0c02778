"""Build time and peak memory of `nianbao index` on a corpus, sampled over its whole process tree.

A script, not a test: it runs the real CLI on a corpus (generate one with
`tests/bench/corpus_gen.py --reports N --out DIR`), samples every process of
the build once a second (RSS, and PSS, which counts pages shared between the
forked workers once) and prints the build's own summary line, its wall time,
the peak of the tree's total and of each process.

    .venv/bin/python tests/bench/bench_build.py CORPUS... [--index DIR] [--setting NAME VALUE]...
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from measure import machine_lines

NIANBAO = Path(sys.executable).with_name("nianbao")


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _tree(pid: int) -> list[int]:
    pids, pending = [], [pid]
    while pending:
        current = pending.pop()
        pids.append(current)
        pending.extend(_children(current))
    return pids


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; zeros when it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


@dataclass
class MemoryPeaks:
    """Peaks over the samples: the tree's summed RSS and PSS, and each process's RSS."""

    tree_rss_kb: int = 0
    tree_pss_kb: int = 0
    process_rss_kb: dict[int, int] = field(default_factory=dict)
    samples: int = 0

    def sample(self, root: int) -> None:
        total_rss = total_pss = 0
        for pid in _tree(root):
            rss, pss = _memory_kb(pid)
            total_rss += rss
            total_pss += pss
            self.process_rss_kb[pid] = max(self.process_rss_kb.get(pid, 0), rss)
        self.tree_rss_kb = max(self.tree_rss_kb, total_rss)
        self.tree_pss_kb = max(self.tree_pss_kb, total_pss)
        self.samples += 1


def run_build(corpora: list[Path], index_dir: Path, settings: list[tuple[str, str]], interval: float) -> tuple[int, float, str, MemoryPeaks]:
    """Run `nianbao index` once; its exit code, wall seconds, last output line and memory peaks."""
    options = [part for name, value in settings for part in ("--setting", name, value)]
    command = [str(NIANBAO), *options, "index", *map(str, corpora), "--index", str(index_dir)]
    peaks = MemoryPeaks()
    started = time.monotonic()
    with tempfile.TemporaryFile(mode="w+") as output:
        build = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True)
        while build.poll() is None:
            peaks.sample(build.pid)
            time.sleep(interval)
        seconds = time.monotonic() - started
        output.seek(0)
        lines = output.read().strip().splitlines()
    return build.returncode, seconds, (lines[-1] if lines else ""), peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="+")
    parser.add_argument("--index", type=Path, help="index directory (default: a temporary one, removed after)")
    parser.add_argument("--setting", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"))
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between memory samples")
    args = parser.parse_args()
    index_dir = args.index or Path(tempfile.mkdtemp(prefix="nianbao-bench-build-")) / "index"
    for line in machine_lines():
        print(line)
    print(f"command: nianbao index {' '.join(map(str, args.corpus))} --index {index_dir} {' '.join(' '.join(pair) for pair in args.setting)}")
    try:
        code, seconds, summary, peaks = run_build(args.corpus, index_dir, args.setting, args.interval)
    finally:
        if args.index is None:
            shutil.rmtree(index_dir.parent, ignore_errors=True)
    print(f"exit {code}: {summary}")
    print(f"wall time: {seconds:.1f} s")
    print(f"peak memory of the process tree: RSS {peaks.tree_rss_kb / 1024:,.0f} MB, PSS {peaks.tree_pss_kb / 1024:,.0f} MB "
          f"({peaks.samples} samples)")
    per_process = sorted(peaks.process_rss_kb.values(), reverse=True)
    print("peak RSS per process: " + ", ".join(f"{kb / 1024:,.0f} MB" for kb in per_process))
    sys.exit(code)


if __name__ == "__main__":
    main()
