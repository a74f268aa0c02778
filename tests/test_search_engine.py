"""The search engine on a real index on disk: matching, filters, facets, ranking, snippets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from whoosh import qparser

from indexer import load_report
from indexer.config import Settings
from report_files import write_text_report
from search import FACET_NAMES, MARK_END, MARK_START, QueryError, SearchRequest, strip_marks
from search.build import build_index
from search.engine import SearchIndex
from search.ordering import first_by_position, first_by_score
from search.snippets import make_snippet

LONG_FILLER = "统计数据持续更新。" * 4000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("engine-corpus")
    write_text_report(
        root / "a.txt",
        "天水市民政局",
        2019,
        [
            ("总体情况", "2019年，本局政府信息公开工作取得进展。全年公开信息607条。"),
            ("主动公开政府信息情况", "行政许可 | 5 | +2 | 17\n行政处罚 | 24 | -3 | 10"),
            ("存在的主要问题及改进情况", "一是公开内容不够全面。二是政策解读不足。信息公开工作有待加强。"),
        ],
        published="2020-03-01",
    )
    write_text_report(
        root / "b.txt",
        "榕江縣民政局",
        2020,
        [
            ("總體情況", "二〇二〇年，本局推進政府信息公開。低保資金發放。"),
            ("存在的主要問題及改進情況", "信息公开的力度不够，工作仍有差距。ＡＢＣ１２３"),
        ],
    )
    write_text_report(
        root / "c.txt",
        "通城县公安局",
        2021,
        [
            ("总体情况", "行政复议与行政诉讼情况说明。"),
            ("其他需要报告的事项", "信息处理费0元。" + LONG_FILLER + "最后提到低保。"),
        ],
    )
    return root


@pytest.fixture(scope="module")
def engine(corpus: Path, tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> SearchIndex:
    index_dir = tmp_path_factory.mktemp("engine-index")
    summary = build_index([corpus], index_dir, settings)
    assert (summary.added, summary.failed) == (3, [])
    return SearchIndex.open(index_dir, settings)


def _search(engine: SearchIndex, query: str = "", **options: object) -> object:
    """A search with options of SearchRequest or facet filters by name (agency=(...), year=(...))."""
    options.setdefault("limit", 100)
    filters = {name: options.pop(name) for name in FACET_NAMES if name in options}
    return engine.search(SearchRequest(query=query, filters=filters, **options))  # type: ignore[arg-type]


def _agencies(response: object) -> Counter[str]:
    return Counter(hit.agency for hit in response.hits)  # type: ignore[attr-defined]


def test_a_phrase_inside_a_longer_word_is_found(engine: SearchIndex) -> None:
    response = _search(engine, '"信息公开"')
    assert response.total_sections == 4
    assert response.total_reports == 2
    assert _agencies(response) == Counter({"天水市民政局": 2, "榕江县民政局": 2})


def _sections(response: object) -> set[tuple[str, int]]:
    return {(hit.report_id, hit.ordinal) for hit in response.hits}  # type: ignore[attr-defined]


def test_an_unquoted_term_matches_its_words_as_text(engine: SearchIndex) -> None:
    unquoted, phrase = _search(engine, "信息公开"), _search(engine, '"信息公开"')
    assert unquoted.total_sections == len(_sections(unquoted)) == 4
    assert _sections(unquoted) == _sections(phrase)


@pytest.mark.parametrize("query", ['"资金发放"', '"資金發放"', "資金"])
def test_traditional_and_simplified_match_each_other(engine: SearchIndex, query: str) -> None:
    response = _search(engine, query)
    assert [(hit.agency, hit.section) for hit in response.hits] == [("榕江县民政局", "overview")]


@pytest.mark.parametrize("query", ['"abc123"', '"ＡＢＣ"', '"C1"', '"ａｂｃ１２３"', '"abc 123"'])
def test_width_case_and_spaces_are_ignored(engine: SearchIndex, query: str) -> None:
    assert _search(engine, query).total_sections == 1


@pytest.mark.parametrize(("query", "sections"), [('"607"', 1), ('"〇"', 1), ('"报"', 1), ('"+2"', 1), ('"|"', 1), ('"处理费0元"', 1)])
def test_short_phrases_digits_and_symbols(engine: SearchIndex, query: str, sections: int) -> None:
    assert _search(engine, query).total_sections == sections


def test_phrase_never_matches_across_sections(engine: SearchIndex) -> None:
    assert _search(engine, '"条。二、"').total_sections == 0
    assert _search(engine, '"取得进展"').total_sections == 1


def test_phrase_across_heading_and_body(engine: SearchIndex) -> None:
    assert _search(engine, '"总体情况2019年"').total_sections == 1


def test_or_and_not(engine: SearchIndex) -> None:
    assert _search(engine, "行政复议 OR 资金").total_sections == 2
    assert _search(engine, "低保").total_reports == 2
    only_b = _search(engine, "低保 -处理费")
    assert [hit.agency for hit in only_b.hits] == ["榕江县民政局"]
    assert _search(engine, "低保 NOT 处理费").total_sections == only_b.total_sections
    assert _search(engine, "-信息").total_sections == _search(engine).total_sections - _search(engine, "\"信息\"").total_sections


def test_filters_select_and_facets_widen(engine: SearchIndex) -> None:
    response = _search(engine, "", agency=("天水市民政局",))
    assert response.total_reports == 1
    agency_facet = {value.value: value.count for value in response.facets["agency"]}
    assert agency_facet == {"天水市民政局": 1, "榕江县民政局": 1, "通城县公安局": 1}
    year_facet = {value.value: value.count for value in response.facets["year"]}
    assert year_facet == {"2019": 1}


def test_several_values_of_one_facet_or_together(engine: SearchIndex) -> None:
    response = _search(engine, "", agency=("天水市民政局", "通城县公安局"), section=("overview",))
    assert response.total_sections == 2
    section_facet = {value.value: value.count for value in response.facets["section"]}
    assert section_facet == {"overview": 2, "proactive": 1, "problems": 1, "other_matters": 1}


def test_agency_text_matches_every_agency_containing_it(engine: SearchIndex) -> None:
    assert _search(engine, "agency:民政局").total_reports == 2
    assert _search(engine, "", agency=("民政局",)).total_reports == 2


def test_years_and_ranges(engine: SearchIndex) -> None:
    assert _search(engine, "", year=("2020-2021",)).total_reports == 2
    assert _search(engine, "year:2019").total_reports == 1
    assert _search(engine, "", year=("2019", "2021")).total_reports == 2


def test_section_filter_by_type_or_label(engine: SearchIndex) -> None:
    by_type = _search(engine, "", section=("problems",))
    by_label = _search(engine, "section:问题与改进")
    assert by_type.total_sections == by_label.total_sections == 2


def test_selected_value_without_matches_stays_in_its_facet(engine: SearchIndex) -> None:
    response = _search(engine, '"资金"', agency=("通城县公安局",))
    assert response.total_sections == 0
    assert {value.value: value.count for value in response.facets["agency"]} == {"榕江县民政局": 1, "通城县公安局": 0}


def test_browse_is_newest_first(engine: SearchIndex) -> None:
    response = _search(engine, "")
    assert response.total_sections == 7
    order = [hit.agency for hit in response.hits]
    assert order == ["通城县公安局"] * 2 + ["榕江县民政局"] * 2 + ["天水市民政局"] * 3


def test_date_sort(engine: SearchIndex) -> None:
    response = _search(engine, '"信息"', sort="date")
    years = [hit.year for hit in response.hits]
    assert years == sorted(years, reverse=True)


def test_paging(engine: SearchIndex) -> None:
    everything = [(hit.report_id, hit.heading) for hit in _search(engine, "").hits]
    pages = [(hit.report_id, hit.heading) for page in (1, 2, 3) for hit in _search(engine, "", page=page, limit=3).hits]
    assert pages == everything
    past_the_end = _search(engine, "", page=10**9, limit=5)
    assert (past_the_end.hits, past_the_end.total_sections) == ([], 7)


def test_verbatim_term_ranks_above_scattered_words(engine: SearchIndex) -> None:
    response = _search(engine, "信息公开工作")
    first = response.hits[0]
    assert "信息公开工作" in strip_marks(first.snippet)
    assert all(first.score > hit.score for hit in response.hits[1:])


def test_scores_are_whooshs_own_bm25(engine: SearchIndex) -> None:
    words = ["信息", "低保", "行政"]
    searcher = engine._searcher
    query = qparser.QueryParser("words", engine._whoosh.schema, group=qparser.OrGroup).parse(" ".join(words))
    expected = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
    docnums = sorted(expected)
    scores, _ = engine._ranker.scores(words, np.array(docnums, dtype=np.int32))
    assert scores.tolist() == pytest.approx([expected[d] for d in docnums], rel=1e-5)


def test_snippet_marks_matches_in_the_original_characters(engine: SearchIndex) -> None:
    (hit,) = _search(engine, '"资金发放"').hits
    assert f"{MARK_START}資金發放{MARK_END}" in hit.snippet


def test_snippet_of_a_very_long_section_finds_a_late_match(engine: SearchIndex) -> None:
    response = _search(engine, '"最后提到低保"')
    (hit,) = response.hits
    assert f"{MARK_START}最后提到低保{MARK_END}" in hit.snippet
    assert len(strip_marks(hit.snippet)) < 200



def test_snippets_show_a_run_of_empty_table_cells_as_one_separator() -> None:
    row = "行政复议 | 行政诉讼 | |||||||||||| 结果维持 | | | | 结果纠正 | 0 | 2"
    snippet = make_snippet(["行政诉讼"], row, 160)
    assert snippet == f"行政复议 | {MARK_START}行政诉讼{MARK_END} | 结果维持 | 结果纠正 | 0 | 2"

def test_hit_fields(engine: SearchIndex, corpus: Path) -> None:
    (hit,) = _search(engine, '"607"').hits
    assert (hit.agency, hit.year, hit.section, hit.heading) == ("天水市民政局", 2019, "overview", "一、总体情况")
    assert hit.title == "天水市民政局2019年政府信息公开工作年度报告"
    assert hit.source_path == str(corpus / "a.txt")
    assert len(hit.report_id) == 16 and isinstance(hit.score, float)


def test_whole_report_by_id_matches_the_parse(engine: SearchIndex, corpus: Path) -> None:
    (hit,) = _search(engine, '"607"').hits
    indexed = engine.report(hit.report_id)
    assert indexed is not None
    assert indexed.report.to_json() == load_report(corpus / "a.txt").to_json()
    assert indexed.source_file == (corpus / "a.txt").absolute() and indexed.source_root == corpus.absolute()
    assert engine.report("0" * 16) is None


def test_highlight_spans_for_the_document_view(engine: SearchIndex) -> None:
    text = "本局推進政府信息公開，信 息 公 开。"
    assert [text[a:b] for a, b in engine.highlight('"信息公开" -本局', text)] == ["信息公開", "信 息 公 开"]


@pytest.mark.parametrize(
    ("options", "param"),
    [
        ({"sort": "random"}, "sort"),
        ({"page": 0}, "page"),
        ({"page": -3}, "page"),
        ({"limit": 0}, "limit"),
        ({"limit": 1000}, "limit"),
        ({"filters": {"year": ("20x9",)}}, "year"),
        ({"filters": {"level": ("galaxy",)}}, "level"),
        ({"filters": {"region": ("3301001",)}}, "region"),
        ({"filters": {"colour": ("red",)}}, "colour"),
        ({"filters": {"section": ("nonsense",)}}, "section"),
        ({"query": "低" * 10_000}, "q"),
        ({"query": "year:1800"}, "q"),
    ],
)
def test_invalid_requests_name_the_parameter(engine: SearchIndex, options: dict, param: str) -> None:
    with pytest.raises(QueryError) as raised:
        engine.search(SearchRequest(**options))
    assert raised.value.param == param
    assert raised.value.message


@pytest.mark.parametrize("query", ['"', '""', "\x00\x01", 'agency:"', "\ue000\ue001", "()", "“”"])
def test_queries_of_nothing_but_syntax_are_the_empty_query(engine: SearchIndex, query: str) -> None:
    """Lone quotes, empty phrases, groups and filters, and control characters are ignored: everything, newest first."""
    everything, response = _search(engine), _search(engine, query)
    assert response.total_sections == everything.total_sections == 7
    assert [(hit.report_id, hit.ordinal) for hit in response.hits] == [(hit.report_id, hit.ordinal) for hit in everything.hits]


@pytest.mark.parametrize("query", ["OR", "|", "-", "NOT", "agency:", " OR NOT - ", "(((", "((( 低保", "低保 )"])
def test_queries_of_nothing_but_operators_are_explained_not_ignored(engine: SearchIndex, query: str) -> None:
    with pytest.raises(QueryError) as raised:
        _search(engine, query)
    assert raised.value.param == "q" and ("缺少" in raised.value.message or "括号" in raised.value.message)


@pytest.mark.parametrize(("query", "sections"), [("*?", 0), ('"((("', 0), ('"+2"', 1), ('"|"', 1), ('"（一）"', 0)])
def test_punctuation_is_searched_as_text(engine: SearchIndex, query: str, sections: int) -> None:
    assert _search(engine, query).total_sections == sections


@pytest.mark.parametrize("seed", range(20))
def test_first_by_score_equals_a_full_sort(seed: int) -> None:
    rng = np.random.default_rng(seed)
    size = int(rng.integers(1, 300))
    scores = rng.integers(0, 4, size).astype(np.float64)
    position = rng.permutation(size * 3)[:size].astype(np.int64)
    reference = np.lexsort((-position, -scores))
    for count in (1, 5, size // 2 + 1, size, size + 10):
        assert first_by_score(scores, position, count).tolist() == reference[:count].tolist()
        assert first_by_position(position, count).tolist() == np.argsort(-position)[:count].tolist()
