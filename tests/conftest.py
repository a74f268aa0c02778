"""Shared fixtures: the bundled corpus and real indexes built from it on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.config import DEFAULTS, Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT / "corpus"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Default settings, with builds in-process so tests stay quick and deterministic."""
    return DEFAULTS.replace(build_processes=1)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    """An index of the five real seed reports, built once per test session."""
    from search.build import build_index

    index_dir = tmp_path_factory.mktemp("seed-index")
    summary = build_index([CORPUS_DIR], index_dir, settings)
    assert not summary.failed, summary.failed
    return index_dir
