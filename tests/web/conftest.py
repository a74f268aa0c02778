"""Fixtures for the web tests, flaskr style: a real index on disk, the app, its test client and CLI runner.

The index holds the bundled corpus, the hand-written reports in
tests/fixtures/web (one whose text contains <script> and onerror=, one made of
tables) and a few dozen small generated reports, so that the agency facet is
longer than the page shows at once. It is built once per session.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from indexer.config import Settings
from search import build_index
from web import create_app
from web_support import CORPUS_DIR, WEB_FIXTURES, write_generated_reports


@pytest.fixture(scope="session")
def web_index_dir(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    """A real index of the corpus, the web fixtures and generated reports."""
    generated = tmp_path_factory.mktemp("generated-reports")
    write_generated_reports(generated)
    index_dir = tmp_path_factory.mktemp("web-index") / "index"
    summary = build_index([CORPUS_DIR, WEB_FIXTURES, generated], index_dir, settings)
    assert not summary.failed, summary.failed
    return index_dir


@pytest.fixture(scope="session")
def app(web_index_dir: Path) -> Flask:
    return create_app({"index_dir": web_index_dir, "TESTING": True})


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner() -> CliRunner:
    """Runs the `nianbao` command line in-process."""
    return CliRunner()


@pytest.fixture(scope="session")
def report_ids(app: Flask) -> dict[str, str]:
    """Report ids by the file name of their source (ids depend on where the index was built)."""
    client = app.test_client()
    ids: dict[str, str] = {}
    page = 1
    while hits := json.loads(client.get(f"/api/search?limit=100&page={page}").data)["hits"]:
        ids.update((Path(hit["source_path"]).name, hit["report_id"]) for hit in hits)
        page += 1
    return ids
