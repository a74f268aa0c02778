"""The seeds as Word and PDF files parse to what the text seeds parse to, through the real `nianbao parse`.

The .docx and .pdf are written here from each seed (tables as real tables, a page header and
page numbers on every page, paragraphs wrapped by the PDF); the .doc files are committed
(tests/fixtures/formats/README.md says how they were made) and read through antiword.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from format_fixtures import report_blocks, write_docx, write_pdf

ROOT = Path(__file__).resolve().parents[1]
NIANBAO = Path(sys.executable).parent / "nianbao"
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
DOC_FIXTURES = sorted((ROOT / "tests" / "fixtures" / "formats").glob("*.doc"))
requires_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None and os.environ.get("NIANBAO_REQUIRE_ANTIWORD") != "1",
    reason="antiword is not installed (apt-get install antiword)",
)


def _parse(paths: list[Path]) -> dict[str, dict]:
    run = subprocess.run([str(NIANBAO), "parse", *map(str, paths)], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in run.stderr, run.stderr
    return {Path(report["source_path"]).stem: report for report in map(json.loads, run.stdout.splitlines())}


def _essentials(report: dict) -> dict:
    tables = report.get("tables") or {}
    return {
        "error": report.get("error"),
        "agency": report.get("agency"),
        "year": report.get("year"),
        "title": report.get("title"),
        "published": report.get("published"),
        "region": report.get("region"),
        "sections": [(section["type"], section["heading"]) for section in report.get("sections", [])],
        "tables": {key: tables.get(key) for key in ("template", "t2", "t3", "t4")},
        "checks": sorted((check["key"], check["status"]) for check in tables.get("checks", [])),
    }


@pytest.fixture(scope="module")
def text_seeds() -> dict[str, dict]:
    return _parse(SEEDS)


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, dict]:
    directory = tmp_path_factory.mktemp("seed-formats")
    paths = []
    for seed in SEEDS:
        blocks = report_blocks(seed.read_text(encoding="utf-8"))
        paths += [write_docx(blocks, directory / f"{seed.stem}.docx"), write_pdf(blocks, directory / f"{seed.stem}.pdf")]
    run = subprocess.run([str(NIANBAO), "parse", str(directory)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return {Path(report["source_path"]).name: report for report in map(json.loads, run.stdout.splitlines())}


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
@pytest.mark.parametrize("seed", [seed.stem for seed in SEEDS])
def test_seed_as_word_and_pdf_parses_like_the_text(text_seeds, converted, seed, suffix):
    assert _essentials(converted[seed + suffix]) == _essentials(text_seeds[seed])


def test_pdf_furniture_is_gone_and_paragraphs_are_whole(text_seeds, converted):
    """No page header or page number in any section, and every paragraph of the text seed is one line of the PDF's text."""
    for seed in SEEDS:
        text = "\n".join(section["text"] for section in converted[seed.stem + ".pdf"]["sections"])
        assert "某某市人民政府信息公开专栏" not in text and "— 2 —" not in text
        lines = set(text.split("\n"))
        kept = "\n".join(section["text"] for section in text_seeds[seed.stem]["sections"]).split("\n")
        paragraphs = [line for line in kept if len(line) > 60 and "|" not in line]
        joined = [paragraph for paragraph in paragraphs if "".join(paragraph.split()) in {"".join(line.split()) for line in lines}]
        assert joined == paragraphs, (seed.name, set(paragraphs) - set(joined))


@requires_antiword
def test_committed_doc_files_parse_like_the_seeds(text_seeds):
    found = _parse(DOC_FIXTURES)
    assert len(found) == 2
    for stem, report in found.items():
        expected = _essentials(text_seeds[stem])
        got = _essentials(report)
        for key in ("error", "agency", "year", "title", "region", "sections"):
            assert got[key] == expected[key], (stem, key)
    # antiword keeps simple tables (T2 of seed 003) but writes merged-cell ones (T3, T4) as one line: never guessed
    assert found["003_75039589f41b6f5c"]["tables"]["t2"] == text_seeds["003_75039589f41b6f5c"]["tables"]["t2"]
    assert found["003_75039589f41b6f5c"]["tables"]["t3"] is None
