"""An index of another layout (an older nianbao, other vocabularies, another set of facets) is never misread:
a searcher refuses it with a message, and `nianbao index` rebuilds it from scratch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS_DIR
from indexer.config import Settings
from old_index import build_old_index
from search import IndexOutdated, SearchIndex, SearchRequest, build_index
from search.store import MANIFEST_FILE, current_generation

NIANBAO = str(Path(sys.executable).parent / "nianbao")


def _nianbao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NIANBAO, *args], capture_output=True, text=True, timeout=300)


def _manifest(index_dir: Path) -> dict:
    return json.loads((current_generation(index_dir) / MANIFEST_FILE).read_text(encoding="utf-8"))


def _rewrite_manifest(index_dir: Path, **changes: object) -> None:
    path = current_generation(index_dir) / MANIFEST_FILE
    path.write_text(json.dumps({**_manifest(index_dir), **changes}, ensure_ascii=False), encoding="utf-8")


def _everything(index_dir: Path) -> dict:
    result = _nianbao("search", "", "--index", str(index_dir), "--json", "--limit", "100")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_an_index_built_by_the_previous_format_is_refused_then_rebuilt(tmp_path: Path, seed_index: Path) -> None:
    index_dir = build_old_index(CORPUS_DIR, tmp_path / "index", tmp_path)
    assert _manifest(index_dir)["format"] == 4

    refused = _nianbao("search", "section:problems", "--index", str(index_dir))
    assert refused.returncode == 1
    assert "built by another version of nianbao" in refused.stderr and "nianbao index" in refused.stderr
    assert "Traceback" not in refused.stderr

    rebuilt = _nianbao("index", str(CORPUS_DIR), "--index", str(index_dir))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "added 5, updated 0, unchanged 0, removed 0, failed 0" in rebuilt.stdout
    assert _everything(index_dir) == _everything(seed_index)
    again = _nianbao("index", str(CORPUS_DIR), "--index", str(index_dir))
    assert "added 0, updated 0, unchanged 5" in again.stdout


@pytest.mark.parametrize(
    "changes",
    [
        {"format": 4},
        {"facets": {"agency": [], "year": [], "section": ["preamble", "overview", "other"]}},
        {"facets": {"agency": [], "region": [], "kind": [], "level": ["national", "province", "city", "county"],
                    "year": [], "section": ["preamble", "overview", "proactive", "requests", "review_litigation", "fees",
                                            "problems", "other_matters", "other"]}},
    ],
    ids=["older-format", "other-section-types-and-fewer-facets", "other-levels"],
)
def test_another_layout_is_detected_and_rebuilt_from_scratch(tmp_path: Path, settings: Settings, changes: dict) -> None:
    index_dir = tmp_path / "index"
    assert build_index([CORPUS_DIR], index_dir, settings).added == 5
    _rewrite_manifest(index_dir, **changes)

    with pytest.raises(IndexOutdated, match="another version of nianbao") as refused:
        SearchIndex.open(index_dir, settings)
    assert len(refused.value.sources) == 5 and all(Path(source).is_file() for source in refused.value.sources)

    rebuilt = build_index([CORPUS_DIR], index_dir, settings)
    assert (rebuilt.added, rebuilt.unchanged) == (5, 0)
    engine = SearchIndex.open(index_dir, settings)
    assert engine.search(SearchRequest(filters={"section": ("problems",)})).total_reports == 4
