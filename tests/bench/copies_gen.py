"""A generated corpus with copied reports planted in it, for measuring copy detection.

    .venv/bin/python tests/bench/copies_gen.py --reports 10000 --out /tmp/copies [--seed 1] [--share 0.03]

The independent reports are `corpus_gen`'s (real places and kinds of body,
the national template from 2019 with its tables and preamble, stock phrases, tables
in every text form, GBK and traditional pages). Then a share of them is replaced by
copies of other reports, each made the way copied reports are made:

- `next_year`: a body's report for Y+1 is its report for Y with the years moved on;
- `other_body`: another body of the same kind and level copies a report of the same year;
- `reused`: like `other_body`, with a quarter of the sentences rewritten (REVIEW-SPEC §7.4 measured 10–30%).

Every copy has the copier's name and places, its own tables, title, dates and
signature, every number changed, the sentences of each paragraph reordered and a
paragraph of its own added. `copies.json` lists the planted pairs by file path.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import corpus_gen
from corpus_gen import PlannedReport
from report_content import ReportContent, Section
from tables import Table

NEXT_YEAR, OTHER_BODY, REUSED = "next_year", "other_body", "reused"
KIND_SHARES: dict[str, float] = {NEXT_YEAR: 0.4, OTHER_BODY: 0.4, REUSED: 0.2}
REWRITTEN_SHARE = 0.25
COPIES_FILE = "copies.json"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBER = re.compile(r"\d+")
_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")


@dataclass(frozen=True)
class PlantedCopy:
    """A copy that replaces the planned report `target`, made from the planned report `source`."""

    kind: str
    source: int
    target: int
    source_path: str
    target_path: str


def plan_copies(plan: list[PlannedReport], share: float, seed: int) -> list[PlantedCopy]:
    """Choose sources and the reports their copies replace; no report is both, none is replaced twice."""
    rng = random.Random(f"nianbao-bench:{seed}:copies")
    wanted = {kind: round(share * len(plan) * kind_share) for kind, kind_share in KIND_SHARES.items()}
    by_agency_year = {(planned.agency, planned.year): planned for planned in plan}
    by_kind_year: dict[tuple[str, str, int], list[PlannedReport]] = {}
    for planned in plan:
        by_kind_year.setdefault((planned.agency.kind_key, planned.agency.level, planned.year), []).append(planned)
    used: set[int] = set()
    copies: list[PlantedCopy] = []
    order = list(plan)
    rng.shuffle(order)
    for kind, count in wanted.items():
        for source in order:
            if count == 0:
                break
            if source.index in used or source.year == 2018:
                continue
            if kind == NEXT_YEAR:
                target = by_agency_year.get((source.agency, source.year + 1))
            else:
                peers = [peer for peer in by_kind_year[(source.agency.kind_key, source.agency.level, source.year)]
                         if peer.agency != source.agency and peer.index not in used]
                target = rng.choice(peers) if peers else None
            if target is None or target.index in used:
                continue
            used.update((source.index, target.index))
            copies.append(PlantedCopy(kind, source.index, target.index, source.relative_path, target.relative_path))
            count -= 1
    return copies


def _names(content: ReportContent, planned: PlannedReport) -> list[str]:
    agency = planned.agency
    return [content.agency, agency.site_owner, agency.parent or agency.place, agency.self_reference(planned.year)]


def _renamer(source: tuple[ReportContent, PlannedReport], target: tuple[ReportContent, PlannedReport],
             rng: random.Random):
    """A function that rewrites a source text as the copier writes it: names, years and numbers changed."""
    pairs = [(old, new) for old, new in zip(_names(*source), _names(*target)) if old and old != new]
    pairs.sort(key=lambda pair: len(pair[0]), reverse=True)
    shift = target[1].year - source[1].year

    def number(match: re.Match[str]) -> str:
        text = match.group(0)
        if _YEAR.fullmatch(text):
            return str(int(text) + shift)
        low = 10 ** (len(text) - 1) if len(text) > 1 else 0
        return str(rng.randint(low, 10 ** len(text) - 1))

    def rename(text: str) -> str:
        for old, new in pairs:
            text = text.replace(old, new)
        return _NUMBER.sub(number, text)

    return rename


def _sentences(paragraph: str) -> list[str]:
    return _SENTENCE.findall(paragraph)


def _own_paragraphs(content: ReportContent) -> list[str]:
    return [block for section in content.sections if section.type not in ("preamble",)
            for block in section.blocks if isinstance(block, str) and len(block) > 40]


def copy_content(kind: str, source: tuple[ReportContent, PlannedReport], target: tuple[ReportContent, PlannedReport],
                 rng: random.Random) -> ReportContent:
    """The copier's report: the source's text rewritten, with the target's tables, title, dates and signature."""
    rename = _renamer(source, target, rng)
    own = _own_paragraphs(target[0])
    own_sentences = [sentence for paragraph in own for sentence in _sentences(paragraph)]
    target_tables = {section.type: [block for block in section.blocks if isinstance(block, Table)]
                     for section in target[0].sections}
    sections: list[Section] = []
    for section in source[0].sections:
        blocks: list[str | Table] = []
        for block in section.blocks:
            if isinstance(block, Table):
                continue
            sentences = _sentences(rename(block))
            rng.shuffle(sentences)
            if kind == REUSED and own_sentences:
                sentences = [rng.choice(own_sentences) if rng.random() < REWRITTEN_SHARE else sentence
                             for sentence in sentences]
            blocks.append("".join(sentences))
        blocks.extend(target_tables.get(section.type, []))
        sections.append(Section(section.type, section.heading, blocks, list(section.subheadings)))
    narrative = [section for section in sections if section.type in ("overview", "problems", "other_matters", "other")]
    if own and narrative:
        rng.choice(narrative).blocks.append(rng.choice(own))
    return replace(target[0], sections=sections)


def render_copy(planned_copy: PlantedCopy, plan: list[PlannedReport], seed: int) -> dict[str, bytes]:
    """The files of a planted copy, stored where its target would have been."""
    source_planned, target_planned = plan[planned_copy.source], plan[planned_copy.target]
    source_content, _ = corpus_gen.report_content(source_planned, seed)
    target_content, rng = corpus_gen.report_content(target_planned, seed)
    copier = random.Random(f"nianbao-bench:{seed}:copy:{planned_copy.target}")
    content = copy_content(planned_copy.kind, (source_content, source_planned), (target_content, target_planned), copier)
    return corpus_gen.render_content(target_planned, content, rng).files


def _write_chunk(job: tuple[Path, int, list[PlannedReport], dict[int, PlantedCopy], list[PlannedReport]]) -> int:
    out, seed, chunk, copies, plan = job
    written = 0
    for planned in chunk:
        files = render_copy(copies[planned.index], plan, seed) if planned.index in copies \
            else corpus_gen.render_report(planned, seed)
        for relative, data in files.items():
            path = out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written += len(data)
    return written


def generate(count: int, out: Path, seed: int = 1, share: float = 0.03, processes: int | None = None) -> dict[str, object]:
    """Write `count` reports into `out`, a `share` of them planted copies; list the copies in `copies.json`."""
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty; give an empty or new directory")
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    plan = corpus_gen.plan_corpus(count, seed)
    copies = plan_copies(plan, share, seed)
    by_target = {planted.target: planted for planted in copies}
    jobs = [(out, seed, plan[start:start + 50], by_target, plan) for start in range(0, len(plan), 50)]
    total = corpus_gen.run_jobs(_write_chunk, jobs, processes)
    (out / COPIES_FILE).write_text(json.dumps([asdict(planted) for planted in copies], ensure_ascii=False, indent=1),
                                   encoding="utf-8")
    kinds = {kind: sum(planted.kind == kind for planted in copies) for kind in KIND_SHARES}
    return {"reports": count, "seed": seed, "copies": kinds, "bytes": total,
            "seconds": round(time.perf_counter() - started, 2)}


def read_copies(out: Path) -> list[PlantedCopy]:
    """The planted copies of a corpus written by `generate`."""
    return [PlantedCopy(**entry) for entry in json.loads((out / COPIES_FILE).read_text(encoding="utf-8"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, required=True, help="number of reports, copies included")
    parser.add_argument("--out", type=Path, required=True, help="empty or new directory to write into")
    parser.add_argument("--seed", type=int, default=1, help="seed; the same seed gives the same corpus")
    parser.add_argument("--share", type=float, default=0.03, help="share of the reports replaced by copies")
    args = parser.parse_args(argv)
    try:
        print(json.dumps(generate(args.reports, args.out, args.seed, args.share), ensure_ascii=False, indent=2))
    except FileExistsError as error:
        print(f"copies_gen: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
