"""Copy detection on a corpus with planted copies: recall, false pairs, build and update times.

    .venv/bin/python tests/bench/bench_copies.py [--reports 10000] [--corpus DIR] [--share 0.03]

Generates the corpus with `copies_gen` (or reuses `--corpus` if it holds one),
parses every report and computes its fingerprint on all cores, then times:

- the similarity index over all reports but one: adding the fingerprints, scoring
  every candidate pair, saving it as a generation;
- adding the last report (a planted copy) incrementally: loading that generation,
  adding, scoring what changed, saving the next generation.

With `--index-build` it also times `nianbao index`'s cold build of the same
corpus, to set the similarity index's cost against it.

Then it prints, with the settings' thresholds, how many planted copies are found
(`copied` for `next_year` and `other_body` copies, `copied` or `reused` for the
rewritten `reused` ones), every pair of independently written reports flagged,
the similarity of the planted pairs and of the most alike independent pairs, and
what other thresholds would give. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import copies_gen
from copies_gen import PlantedCopy

from indexer import iter_report_files, load_report
from indexer.config import DEFAULTS, Settings
from search import build_index
from search.similarity import COPIED, REUSED, CopyIndex, Fingerprint, fingerprint

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8, 0.9)


def _fingerprint_file(job: tuple[Path, Path]) -> tuple[str, Fingerprint | None, float]:
    root, path = job
    report = load_report(path)
    started = time.process_time()
    print_ = fingerprint(report)
    return path.relative_to(root).as_posix(), print_, time.process_time() - started


def fingerprints(root: Path, processes: int) -> tuple[dict[str, Fingerprint], float, float]:
    """Every report's fingerprint by relative path, the wall time, and the CPU time spent on fingerprints alone."""
    files = [(root, path) for path, problem in iter_report_files([root]) if problem is None]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(_fingerprint_file, files, chunksize=25)
    return ({path: print_ for path, print_, _ in results if print_ is not None}, time.perf_counter() - started,
            sum(seconds for _, _, seconds in results))


def timed(action) -> tuple[object, float]:
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def build_and_update(prints: dict[str, Fingerprint], held_out: str, settings: Settings, work: Path) -> CopyIndex:
    """Time the full build without `held_out`, then the incremental addition of it; return the final index."""
    index = CopyIndex(settings)
    _, adding = timed(lambda: [index.add(report_id, print_) for report_id, print_ in prints.items() if report_id != held_out])
    _, scoring = timed(index.all_matches)
    _, saving = timed(lambda: index.save(work / "gen-1"))
    pairs = len(index.scoring.pairs) if index.scoring else 0
    size = sum(path.stat().st_size for path in (work / "gen-1").rglob("*") if path.is_file())
    print(f"build, {len(index)} reports: add {adding:.2f} s, score {pairs} candidate pairs {scoring:.2f} s, "
          f"save {saving:.2f} s; total {adding + scoring + saving:.2f} s; {size / 1e6:.1f} MB on disk")
    loaded, loading = timed(lambda: CopyIndex.load(work / "gen-1", settings))
    assert isinstance(loaded, CopyIndex)
    _, adding = timed(lambda: loaded.add(held_out, prints[held_out]))
    _, scoring = timed(loaded.all_matches)
    _, saving = timed(lambda: loaded.save(work / "gen-2"))
    print(f"incremental, one report: load {loading:.2f} s, add {adding * 1000:.1f} ms, score {scoring:.2f} s, "
          f"save {saving:.2f} s; total {loading + adding + scoring + saving:.2f} s")
    return loaded


def evaluate(index: CopyIndex, copies: list[PlantedCopy], settings: Settings) -> None:
    """Print recall per kind of copy, the false pairs, and the similarity of planted and independent pairs."""
    levels = [match.level for matches in index.all_matches().values() for match in matches]
    assert index.scoring is not None
    scored = {key: scores for key, scores in index.scoring.pairs.items() if scores is not None}
    planted = {tuple(sorted((copy.source_path, copy.target_path))): copy for copy in copies}
    by_kind: dict[str, list[float]] = {}
    for key, copy in planted.items():
        scores = scored.get(key)  # type: ignore[arg-type]
        by_kind.setdefault(copy.kind, []).append(scores.similarity if scores else 0.0)
    print("\nplanted copies (similarity: min / median):")
    for kind, values in by_kind.items():
        wanted = settings.reused_similarity if kind == copies_gen.REUSED else settings.copied_similarity
        found = sum(value >= wanted for value in values)
        print(f"  {kind:<10} {found}/{len(values)} found at >= {wanted} ({found / len(values):.1%}); "
              f"{min(values):.3f} / {float(np.median(values)):.3f}")
    independent = sorted(((scores.similarity, scores.raw_similarity, key) for key, scores in scored.items()
                          if key not in planted), reverse=True)
    flagged = [entry for entry in independent if entry[0] >= settings.reused_similarity]
    print(f"\nindependent pairs flagged (>= {settings.reused_similarity}): {len(flagged)} of {len(independent)} scored")
    for similarity, raw, (left, right) in flagged[:10]:
        print(f"  {similarity:.3f} (raw {raw:.3f}) {left} {right}")
    top = independent[:5]
    print("most alike independent pairs: " + ", ".join(f"{similarity:.3f} (raw {raw:.3f})" for similarity, raw, _ in top))
    raw_max = max((raw for _, raw, _ in independent), default=0.0)
    print(f"most alike independent pair with stock wording kept: raw {raw_max:.3f}")
    print("\nthreshold | next_year | other_body | reused | independent pairs at or above")
    for threshold in THRESHOLDS:
        counts = [sum(value >= threshold for value in by_kind.get(kind, [])) for kind in copies_gen.KIND_SHARES]
        false = sum(similarity >= threshold for similarity, _, _ in independent)
        print(f"  {threshold:<4}     | " + " | ".join(f"{count}/{len(by_kind.get(kind, []))}" for count, kind in
                                                  zip(counts, copies_gen.KIND_SHARES)) + f" | {false}")
    print(f"\npairs flagged: copied {levels.count(COPIED) // 2}, reused {levels.count(REUSED) // 2}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10000, help="reports in the generated corpus")
    parser.add_argument("--corpus", type=Path, help="directory of a corpus from copies_gen.py (generated if empty)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--share", type=float, default=0.03, help="share of the reports replaced by planted copies")
    parser.add_argument("--processes", type=int, default=multiprocessing.cpu_count())
    parser.add_argument("--index-build", action="store_true", help="also time a cold `nianbao index` of the corpus")
    args = parser.parse_args(argv)
    settings = DEFAULTS
    with tempfile.TemporaryDirectory(prefix="bench-copies-") as temporary:
        root = args.corpus or Path(temporary) / "corpus"
        if not (root / copies_gen.COPIES_FILE).exists():
            summary, seconds = timed(lambda: copies_gen.generate(args.reports, root, args.seed, args.share, args.processes))
            print(f"generated in {seconds:.1f} s: {json.dumps(summary, ensure_ascii=False)}")
        copies = copies_gen.read_copies(root)
        prints, wall, fingerprint_cpu = fingerprints(root, args.processes)
        print(f"parsed and fingerprinted {len(prints)} reports in {wall:.1f} s on {args.processes} processes; "
              f"fingerprints alone {fingerprint_cpu:.1f} s of CPU ({fingerprint_cpu / len(prints) * 1000:.2f} ms a report)")
        work = Path(temporary) / "index"
        work.mkdir()
        if args.index_build:
            summary, seconds = timed(lambda: build_index([root], work / "search", settings.replace(build_processes=args.processes)))
            print(f"cold nianbao index build: {seconds:.1f} s ({summary.reports} reports)")
        index = build_and_update(prints, copies[-1].target_path, settings, work)
        evaluate(index, copies, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
