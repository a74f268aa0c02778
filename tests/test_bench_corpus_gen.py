"""The benchmark's corpus generator (tests/bench/corpus_gen.py) stays deterministic, varied and parseable."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "bench"))  # the bench scripts import each other as top-level modules

import corpus_gen
import tables

from indexer import load_report

REPORTS = 20
SEED = 7
TEMPLATE_TYPES = ["overview", "proactive", "requests", "review_litigation", "problems", "other_matters"]


def _tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus_gen.generate_corpus(REPORTS, out, SEED, processes=1)
    return out


def test_same_seed_gives_byte_identical_corpus(corpus: Path, tmp_path: Path) -> None:
    corpus_gen.generate_corpus(REPORTS, tmp_path / "again", SEED, processes=1)
    assert _tree(tmp_path / "again") == _tree(corpus)


def test_another_seed_gives_another_corpus(corpus: Path, tmp_path: Path) -> None:
    corpus_gen.generate_corpus(REPORTS, tmp_path / "other", SEED + 1, processes=1)
    assert _tree(tmp_path / "other") != _tree(corpus)


def test_formats_encodings_sidecars_and_traditional_are_all_present(corpus: Path) -> None:
    plan = corpus_gen.plan_corpus(REPORTS, SEED)
    labels = {planned.file_format.label for planned in plan}
    assert {"html/utf-8/declared utf-8", "html/gbk/undeclared", "html/gbk/declared gbk", "txt/utf-8"} <= labels
    assert any(planned.traditional for planned in plan)
    gbk_pages = [corpus / planned.relative_path for planned in plan if planned.file_format.encoding == "gbk"]
    with pytest.raises(UnicodeDecodeError):
        gbk_pages[0].read_bytes().decode("utf-8")
    sidecars = [path for path in corpus.rglob("*.json") if not path.name.startswith(".")]
    assert len(sidecars) == sum(planned.sidecar for planned in plan) > 0


def test_every_report_parses_with_its_year_and_template_sections(corpus: Path) -> None:
    for planned in corpus_gen.plan_corpus(REPORTS, SEED):
        report = load_report(corpus / planned.relative_path)
        assert report.year == planned.year, planned.relative_path
        assert report.sections, planned.relative_path
        if planned.sidecar:
            assert report.agency == planned.agency.name(planned.year)
        if planned.year >= 2019:
            found = [section.type for section in report.sections if section.type != "preamble"]
            assert found == TEMPLATE_TYPES, planned.relative_path


def test_request_matrix_satisfies_the_templates_own_check() -> None:
    rng = random.Random(1)
    for year in (2019, 2020, 2021, 2025):
        for busy in (0.0, 2.0, 25.0):
            figures = tables.request_figures(rng, year, busy)
            assert figures.balances()
            leaves = [values for key, values in figures.rows.items() if key not in ("new", "carried_in", "total", "carried_out")]
            assert len(leaves) == (21 if year >= 2021 else 19)
            assert figures.rows["total"] == tuple(sum(column) for column in zip(*leaves))
            assert all(values[-1] == sum(values[:-1]) for values in figures.rows.values())
