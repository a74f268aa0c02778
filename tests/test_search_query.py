"""The query language: how query strings become clauses, items and filters."""

from __future__ import annotations

import pytest

from search import QueryError
from search import facet
from search.facet_kinds import parse_year
from search.query import parse_query


def _shape(query: str) -> list[list[tuple[str, bool, bool]]]:
    """Clauses as lists of (whole, phrase, negated)."""
    return [[(item.whole, item.phrase, item.negated) for item in clause] for clause in parse_query(query).clauses]


def test_terms_and_together_and_phrases_stay_whole() -> None:
    assert _shape('低保 "信息公开"') == [[("低保", False, False)], [("信息公开", True, False)]]


def test_unquoted_term_is_segmented_into_words_that_must_all_occur() -> None:
    (item,) = parse_query("政府信息公开工作").clauses[0]
    assert item.whole == "政府信息公开工作"
    assert "".join(item.needles) == "政府信息公开工作"
    assert len(item.needles) >= 2


def test_or_joins_neighbours_into_one_clause() -> None:
    assert _shape("低保 行政复议 OR 行政诉讼") == [
        [("低保", False, False)],
        [("行政复议", False, False), ("行政诉讼", False, False)],
    ]


@pytest.mark.parametrize("query", ["-收费 低保", "NOT 收费 低保"])
def test_minus_and_not_exclude(query: str) -> None:
    assert _shape(query) == [[("收费", False, True)], [("低保", False, False)]]


def test_negated_phrase() -> None:
    assert _shape('-"行政诉讼"') == [[("行政诉讼", True, True)]]


def test_phrase_is_folded_to_the_matching_form() -> None:
    assert _shape('"政府信息公開 ＡＢ１"') == [[("政府信息公开ab1", True, False)]]


@pytest.mark.parametrize("query", ["“信息公开”", "「信息公开」", "＂信息公开＂"])
def test_chinese_quotation_marks_quote_phrases(query: str) -> None:
    assert _shape(query) == [[("信息公开", True, False)]]


def test_unbalanced_quote_runs_to_the_end() -> None:
    assert _shape('低保 "信息 公开') == [[("低保", False, False)], [("信息公开", True, False)]]


@pytest.mark.parametrize("query", ["OR", "OR 低保", "低保 OR", "NOT", "-", '""', "AND", " ", "- -"])
def test_lone_operators_and_empty_phrases_are_ignored(query: str) -> None:
    assert all(item.whole == "低保" for clause in parse_query(query).clauses for item in clause)


def test_control_characters_are_spaces() -> None:
    assert _shape("低保\x00\x1b[31m公开\u200b") == [[("低保", False, False)], [("[31m公开", False, False)]]


def test_filters_are_taken_out_of_the_query() -> None:
    parsed = parse_query('agency:天水市民政局 year:2018-2020 year:2022 section:问题与改进 低保 agency:"榕江县 民政局" '
                         "region:330000 Region:浙江省/杭州市 kind:民政 level:县级")
    assert parsed.filters == {
        "agency": ["天水市民政局", "榕江县 民政局"],
        "year": ["2018-2020", "2022"],
        "section": ["problems"],
        "region": ["330000", "浙江省/杭州市"],
        "kind": ["民政"],
        "level": ["county"],
    }
    assert _shape("低保 section:problems") == [[("低保", False, False)]]


@pytest.mark.parametrize(("query", "param_message"), [("year:abc", "year"), ("section:nonsense", "section"),
                                                       ("level:galaxy", "level"), ("region:3301001", "region")])
def test_bad_inline_filter_values_are_clear_errors_of_the_query(query: str, param_message: str) -> None:
    with pytest.raises(QueryError, match=param_message) as error:
        parse_query(f"低保 {query}")
    assert error.value.param == "q"


def test_unknown_prefix_is_an_ordinary_term() -> None:
    assert _shape("http://example.gov.cn") == [[("http://example.gov.cn", False, False)]]


@pytest.mark.parametrize(("value", "expected"), [("2019", (2019, 2019)), ("2018-2020", (2018, 2020)), ("2020-2018", (2018, 2020)), ("2018至2020", (2018, 2020))])
def test_years_and_ranges(value: str, expected: tuple[int, int]) -> None:
    assert parse_year(value) == expected


@pytest.mark.parametrize("value", ["abc", "19", "2019-", "1800", "2019-3000", ""])
def test_bad_years_are_clear_errors(value: str) -> None:
    with pytest.raises(QueryError, match="year"):
        parse_year(value)


@pytest.mark.parametrize(("value", "expected"), [("problems", "problems"), ("问题与改进", "problems"), ("总体情况", "overview"), ("依申请公开", "requests"), ("复议诉讼", "review_litigation"), ("OVERVIEW", "overview")])
def test_section_names(value: str, expected: str) -> None:
    assert facet("section").check(value, "section") == expected


@pytest.mark.parametrize(("value", "expected"), [("county", "county"), ("县级", "county"), ("乡镇", "township"), ("NATIONAL", "national")])
def test_level_names(value: str, expected: str) -> None:
    assert facet("level").check(value, "level") == expected


def test_unknown_section_lists_the_choices() -> None:
    with pytest.raises(QueryError, match="problems") as error:
        facet("section").check("nonsense", "section")
    assert error.value.param == "section"


def test_over_long_query_is_refused_with_the_limit() -> None:
    with pytest.raises(QueryError, match="1000"):
        parse_query("低" * 10_000)


def test_too_many_terms_is_refused() -> None:
    with pytest.raises(QueryError, match="terms"):
        parse_query(" ".join(f"词{i}" for i in range(100)))


def test_highlight_needles_cover_whole_terms_and_their_words() -> None:
    needles = parse_query('信息公开工作 -收费 "行政诉讼"').highlight_needles()
    assert needles[0] == "信息公开工作"
    assert "行政诉讼" in needles
    assert "收费" not in needles
