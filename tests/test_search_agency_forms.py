"""`agency:` takes the short forms people type (人社局, 甘南州卫健委) and says when a value matched several bodies:
in the engine, the query language, the API, the page and the CLI, on a real index on disk."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.config import Settings
from report_files import write_text_report
from search import SearchIndex, SearchRequest, build_index
from web import create_app

NIANBAO = str(Path(sys.executable).parent / "nianbao")
BODIES = [
    "甘南藏族自治州人力资源和社会保障局",
    "天水市人力资源和社会保障局",
    "天水市卫生健康委员会",
    "天水市民政局",
    "武定县民政局",
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    corpus = tmp_path_factory.mktemp("agency-corpus")
    for number, agency in enumerate(BODIES):
        write_text_report(corpus / f"r{number}.txt", agency, 2020, [("总体情况", f"{agency}推进政务公开，主动公开信息。")])
    index_dir = tmp_path_factory.mktemp("agency-index")
    assert not build_index([corpus], index_dir, settings).failed
    return index_dir


@pytest.fixture(scope="module")
def engine(index_dir: Path, settings: Settings) -> SearchIndex:
    return SearchIndex.open(index_dir, settings)


def _agencies(engine: SearchIndex, query: str = "", **filters: tuple[str, ...]) -> list[str]:
    response = engine.search(SearchRequest(query, filters, limit=100))
    return sorted(hit.agency for hit in response.hits)


def test_an_organ_short_form_selects_every_body_written_in_full(engine: SearchIndex) -> None:
    assert _agencies(engine, agency=("人社局",)) == sorted(BODIES[:2])
    assert _agencies(engine, agency=("卫健委",)) == ["天水市卫生健康委员会"]


def test_a_place_and_organ_short_form_names_one_body_and_ticks_its_box(engine: SearchIndex) -> None:
    response = engine.search(SearchRequest("", {"agency": ("甘南州人社局",)}))
    assert [hit.agency for hit in response.hits] == ["甘南藏族自治州人力资源和社会保障局"]
    assert response.filters["agency"][0].exact == ("甘南藏族自治州人力资源和社会保障局",)
    assert response.filter_matches == []


def test_a_value_matching_several_bodies_says_which(engine: SearchIndex) -> None:
    response = engine.search(SearchRequest("", {"agency": ("人社局",)}))
    (matches,) = response.filter_matches
    assert (matches.facet, matches.typed) == ("agency", "人社局")
    assert sorted(matches.values) == sorted(BODIES[:2])
    by_query = engine.search(SearchRequest("机构:民政局"))
    assert [(found.typed, sorted(found.values)) for found in by_query.filter_matches] == [("民政局", ["天水市民政局", "武定县民政局"])]
    assert engine.search(SearchRequest("", {"agency": ("天水市民政局",)})).filter_matches == []


def test_plain_parts_of_names_still_select_every_name_containing_them(engine: SearchIndex) -> None:
    assert _agencies(engine, agency=("天水",)) == ["天水市人力资源和社会保障局", "天水市卫生健康委员会", "天水市民政局"]
    assert _agencies(engine, agency=("公安局",)) == []


def test_the_api_and_the_page_say_which_bodies_matched(index_dir: Path) -> None:
    client = create_app({"index_dir": index_dir, "TESTING": True}).test_client()
    answer = client.get("/api/search", query_string={"agency": "人社局"}).json
    assert answer["total_reports"] == 2
    assert [(found["facet"], found["typed"], sorted(found["values"])) for found in answer["filter_matches"]] == [
        ("agency", "人社局", sorted(BODIES[:2]))]
    page = client.get("/", query_string={"q": "机构:人社局 公开"}, follow_redirects=True).get_data(as_text=True)
    assert "机构「人社局」对应 2 个机构" in page
    assert "甘南藏族自治州人力资源和社会保障局" in page


def test_the_cli_says_which_bodies_matched(index_dir: Path) -> None:
    run = subprocess.run([NIANBAO, "search", "公开", "--agency", "人社局", "--index", str(index_dir)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "机构「人社局」matched 2: " in run.stdout
    as_json = subprocess.run([NIANBAO, "search", "公开", "--agency", "人社局", "--json", "--index", str(index_dir)],
                             capture_output=True, text=True, timeout=120)
    assert json.loads(as_json.stdout)["filter_matches"][0]["typed"] == "人社局"
