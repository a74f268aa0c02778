"""Generate a deterministic, realistic corpus of N disclosure reports for the benchmark.

    .venv/bin/python tests/bench/corpus_gen.py --reports 10000 --out /tmp/corpus [--seed 1]

Agencies are real places × levels × kinds; each reports for a run of years in
2008–2025 (template format from 2019, free-form before). Every block of 20
consecutive reports holds the same mix of file formats (HTML in UTF-8 and GBK,
declared and undeclared; text in UTF-8, UTF-8 with BOM and GB18030), one
traditional-character report and five metadata sidecars (with the body's
region, level and kind, as a crawler knows them). Text files write their
tables in one of `tables.TEXT_TABLE_FORMS`; the template tables' numbers are
known (`RenderedReport.content.tables`), with an inconsistency planted in
some. Each report is drawn
from its own random stream seeded by (seed, index), so the same seed gives a
byte-identical corpus and the first N reports of a larger corpus are the
corpus of N. Generation runs on every core.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pages
from filler import lexicon
from pages import FileFormat, PageStyle
from places import Agency, random_agency
from report_content import ReportContent, compose_report
from tables import TEXT_TABLE_FORMS, UNREADABLE_FORMS

FIRST_YEAR, LAST_YEAR = 2008, 2025
MARKER_NAME = ".nianbao-bench-corpus.json"
"""Written last into a finished corpus (hidden, so report walkers skip it): what was generated."""

FORMAT_BLOCK: tuple[FileFormat, ...] = (
    *(FileFormat(".html", "utf-8", "utf-8"),) * 8,
    FileFormat(".html", "utf-8", None),
    FileFormat(".html", "gbk", "gbk"),
    FileFormat(".html", "gbk", "gb2312"),
    FileFormat(".html", "gbk", "GB18030"),
    *(FileFormat(".html", "gbk", None),) * 2,
    *(FileFormat(".txt", "utf-8"),) * 4,
    FileFormat(".txt", "utf-8-sig"),
    FileFormat(".txt", "gb18030"),
)
TRADITIONAL_PER_BLOCK = 1
SIDECARS_PER_BLOCK = 5
GENERATOR_MODULES = ("corpus_gen", "places", "filler", "phrasebank", "report_content", "tables", "pages")


def generator_fingerprint() -> str:
    """A digest of the generator's own source: a cached corpus is reused only if made by this very code."""
    digest = hashlib.sha1()
    for module in GENERATOR_MODULES:
        digest.update((Path(__file__).with_name(f"{module}.py")).read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class PlannedReport:
    """Which agency reports for which year, and how its file is stored."""

    index: int
    agency: Agency
    year: int
    file_format: FileFormat
    traditional: bool
    sidecar: bool
    relative_path: str


def _report_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"nianbao-bench:{seed}:report:{index}")


def _years_reported(rng: random.Random, agency: Agency) -> list[int]:
    first_possible = max(FIRST_YEAR, agency.first_year)
    span = rng.choices(range(1, 19), weights=[2, 3, 4, 5, 6, 7, 7, 7, 6, 5, 4, 3, 3, 2, 2, 1, 1, 1])[0]
    last = rng.randint(min(LAST_YEAR, first_possible + span - 1), LAST_YEAR)
    first = max(first_possible, last - span + 1)
    years = [year for year in range(first, last + 1) if rng.random() > 0.1]
    return years or [last]


def _agency_years(count: int, seed: int) -> list[tuple[Agency, int]]:
    rng = random.Random(f"nianbao-bench:{seed}:agencies")
    seen: set[str] = set()
    reports: list[tuple[Agency, int]] = []
    while len(reports) < count:
        agency = random_agency(rng)
        key = agency.name(LAST_YEAR)
        if key in seen:
            continue
        seen.add(key)
        reports.extend((agency, year) for year in _years_reported(rng, agency))
    return reports[:count]


def _file_name(seed: int, index: int, suffix: str) -> str:
    digest = hashlib.sha1(f"{seed}:{index}".encode()).hexdigest()[:16]
    return f"{index // 1000:03d}/{index:06d}_{digest}{suffix}"


def plan_corpus(count: int, seed: int) -> list[PlannedReport]:
    """The corpus of `count` reports: agency, year and storage of each, in file order."""
    rng = random.Random(f"nianbao-bench:{seed}:formats")
    agency_years = _agency_years(count, seed)
    plan: list[PlannedReport] = []
    for block_start in range(0, count, len(FORMAT_BLOCK)):
        formats = list(FORMAT_BLOCK)
        rng.shuffle(formats)
        positions = range(len(FORMAT_BLOCK))
        traditional = set(rng.sample(positions, TRADITIONAL_PER_BLOCK))
        sidecars = set(rng.sample(positions, SIDECARS_PER_BLOCK))
        for offset, file_format in enumerate(formats[: count - block_start]):
            index = block_start + offset
            agency, year = agency_years[index]
            plan.append(PlannedReport(index, agency, year, file_format, offset in traditional, offset in sidecars,
                                      _file_name(seed, index, file_format.suffix)))
    return plan


def source_url(content: ReportContent, index: int) -> str:
    """A stable, portal-like address for the page (TRS-style path with the publication date)."""
    host = hashlib.md5(content.site_owner.encode()).hexdigest()[:8]
    compact = content.published.replace("-", "")
    return f"http://www.{host}.gov.cn/zwgk/xxgk/nb/{compact[:6]}/t{compact}_{index + 100000}.html"


def report_content(planned: PlannedReport, seed: int) -> tuple[ReportContent, random.Random]:
    """Compose the planned report; the returned stream continues into its page layout."""
    rng = _report_rng(seed, planned.index)
    return compose_report(rng, lexicon(), planned.agency, planned.year), rng


@dataclass(frozen=True)
class RenderedReport:
    """A report's files (relative path → bytes: the page, and its sidecar when planned), with what they hold."""

    files: dict[str, bytes]
    content: ReportContent
    style: PageStyle

    @property
    def tables_readable(self) -> bool:
        """False when the template tables were written in a form no reader can split (flattened text)."""
        is_text = any(path.endswith(".txt") for path in self.files)
        return not (is_text and self.style.table_form in UNREADABLE_FORMS)


def rendered_report(planned: PlannedReport, seed: int) -> RenderedReport:
    """Compose and lay out the planned report."""
    content, rng = report_content(planned, seed)
    return render_content(planned, content, rng)


def render_content(planned: PlannedReport, content: ReportContent, rng: random.Random) -> RenderedReport:
    """The files of `content` stored as `planned` says, laid out with `rng` (see `render_report`)."""
    url = source_url(content, planned.index)
    style = PageStyle(table_form=rng.choice(TEXT_TABLE_FORMS), half_width_punctuation=rng.random() < 0.3,
                      traditional=planned.traditional)
    if planned.file_format.suffix == ".html":
        text = pages.render_html(content, rng, style, planned.file_format.declared, url)
    else:
        text = pages.render_text(content, rng, style)
    files = {planned.relative_path: pages.encode_page(text, planned.file_format)}
    if planned.sidecar:
        files[str(Path(planned.relative_path).with_suffix(".json"))] = pages.sidecar_json(content, url, planned.agency.crawl_facts())
    return RenderedReport(files, content, style)


def render_report(planned: PlannedReport, seed: int) -> dict[str, bytes]:
    """The files of one report: relative path → bytes (the page, and its sidecar when planned)."""
    return rendered_report(planned, seed).files


def _write_chunk(job: tuple[Path, int, list[PlannedReport]]) -> int:
    out, seed, chunk = job
    written = 0
    for planned in chunk:
        for relative, data in render_report(planned, seed).items():
            path = out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written += len(data)
    return written


def run_jobs(write_chunk: Callable[[Any], int], jobs: list[Any], processes: int | None) -> int:
    """Run `write_chunk` on every job, on `processes` processes (all cores by default); the bytes written."""
    processes = processes or multiprocessing.cpu_count()
    if processes > 1 and len(jobs) > 1:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            return sum(pool.imap_unordered(write_chunk, jobs))
    return sum(map(write_chunk, jobs))


def generate_corpus(count: int, out: Path, seed: int = 1, processes: int | None = None) -> dict[str, object]:
    """Write the corpus of `count` reports into `out` (which must be empty or absent); return a summary."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; give an empty or new directory")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    plan = plan_corpus(count, seed)
    lexicon()
    chunk_size = 50
    jobs = [(out, seed, plan[start:start + chunk_size]) for start in range(0, len(plan), chunk_size)]
    total_bytes = run_jobs(_write_chunk, jobs, processes)
    summary = {
        "reports": count,
        "seed": seed,
        "generator": generator_fingerprint(),
        "agencies": len({planned.agency.name(LAST_YEAR) for planned in plan}),
        "bytes": total_bytes,
        "formats": dict(sorted(Counter(planned.file_format.label for planned in plan).items())),
        "traditional": sum(planned.traditional for planned in plan),
        "sidecars": sum(planned.sidecar for planned in plan),
        "template_reports": sum(planned.year >= 2019 for planned in plan),
    }
    (out / MARKER_NAME).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {**summary, "seconds": round(time.perf_counter() - started, 2)}


def read_marker(out: Path) -> dict[str, object] | None:
    """The summary of a finished corpus in `out`, or None when there is none (absent or unfinished)."""
    try:
        return json.loads((out / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, required=True, help="number of reports to generate")
    parser.add_argument("--out", type=Path, required=True, help="empty or new directory to write into")
    parser.add_argument("--seed", type=int, default=1, help="seed; the same seed gives a byte-identical corpus")
    parser.add_argument("--processes", type=int, default=None, help="worker processes (default: all cores)")
    args = parser.parse_args(argv)
    if args.reports < 1:
        parser.error("--reports must be at least 1")
    try:
        summary = generate_corpus(args.reports, args.out, args.seed, args.processes)
    except FileExistsError as error:
        print(f"corpus_gen: {error}", file=sys.stderr)
        return 2
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
