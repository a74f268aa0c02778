"""The query language: how query strings become clauses, items and filters."""

from __future__ import annotations

import pytest

from search import QueryError
from search import facet
from search.facet_kinds import parse_year
from search.query import parse_query, split_filters


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


@pytest.mark.parametrize("query", ['""', " ", "“”", "()"])
def test_empty_phrases_and_groups_are_ignored(query: str) -> None:
    assert parse_query(f"低保 {query}").clauses == [parse_query("低保").clauses[0]]


@pytest.mark.parametrize(("query", "told"), [
    ("OR", "「OR」前面缺少词语"), ("OR 低保", "「OR」前面缺少词语"), ("低保 OR", "「OR」后面缺少词语"),
    ("低保 或", "「或」后面缺少词语"), ("低保 | ", "「|」后面缺少词语"), ("NOT", "「NOT」后面缺少词语"),
    ("低保 -", "「-」后面缺少词语"), ("低保 非", "「非」后面缺少词语"), ("AND 低保", "「AND」前面缺少词语"),
    ("低保 与", "「与」后面缺少词语"), ("- -", "「-」后面缺少词语"), ("低保 OR OR 救助", "「OR」后面缺少词语"),
    ("(低保 救助", "括号没有闭合"), ("低保) 救助", "多了一个右括号"), ("（低保", "括号没有闭合"),
])
def test_dangling_operators_and_parentheses_are_reported_in_chinese(query: str, told: str) -> None:
    with pytest.raises(QueryError, match=told) as error:
        parse_query(query)
    assert error.value.param == "q"


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


@pytest.mark.parametrize(("query", "param_message"), [("year:abc", "年度"), ("section:nonsense", "部分"),
                                                       ("level:galaxy", "层级"), ("region:3301001", "地区")])
def test_bad_inline_filter_values_are_clear_errors_of_the_query(query: str, param_message: str) -> None:
    with pytest.raises(QueryError, match=param_message) as error:
        parse_query(f"低保 {query}")
    assert error.value.param == "q"


@pytest.mark.parametrize("query", ["http://example.gov.cn", "https://x.gov.cn/a:b", "10:30", "《条例》:第二十条"])
def test_addresses_times_and_punctuated_words_with_colons_stay_terms(query: str) -> None:
    assert [item.text for clause in parse_query(query).clauses for item in clause] == [query]


@pytest.mark.parametrize(("value", "expected"), [
    ("2019", (2019, 2019)), ("2018-2020", (2018, 2020)), ("2020-2018", (2018, 2020)), ("2018至2020", (2018, 2020)),
    ("2019年", (2019, 2019)), ("2019年度", (2019, 2019)), ("2019年至2021年", (2019, 2021)), ("2019－2021", (2019, 2021)),
    ("2019—2021年", (2019, 2021)), ("2019 到 2021", (2019, 2021)), ("2019～2021", (2019, 2021)),
])
def test_years_and_ranges(value: str, expected: tuple[int, int]) -> None:
    assert parse_year(value) == expected


@pytest.mark.parametrize("value", ["abc", "19", "2019-", "1800", "2019-3000", ""])
def test_bad_years_are_clear_errors(value: str) -> None:
    with pytest.raises(QueryError, match="年度"):
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
    with pytest.raises(QueryError, match="超过 64 个"):
        parse_query(" ".join(f"词{i}" for i in range(100)))


def test_highlight_needles_cover_whole_terms_and_their_words() -> None:
    needles = parse_query('信息公开工作 -收费 "行政诉讼"').highlight_needles()
    assert needles[0] == "信息公开工作"
    assert "行政诉讼" in needles
    assert "收费" not in needles


# -- what a Chinese keyboard types (issue 14) --------------------------------------------


def test_full_width_colon_makes_a_filter_not_a_word() -> None:
    parsed = parse_query("agency：民政局 year：2019")
    assert parsed.filters == {"agency": ["民政局"], "year": ["2019"]}
    assert parsed.clauses == []


def test_full_width_minus_excludes() -> None:
    assert _shape("依申请公开 －收费") == [[("依申请公开", False, False)], [("收费", False, True)]]


def test_full_width_plus_and_parentheses_group() -> None:
    assert _shape("（行政复议 或 行政诉讼） ＋低保") == [
        [("行政复议", False, False), ("行政诉讼", False, False)], [("低保", False, False)]]


@pytest.mark.parametrize(("query", "filters"), [
    ("机构:天水市民政局", {"agency": ["天水市民政局"]}),
    ("机构：民政局 年度：2019年", {"agency": ["民政局"], "year": ["2019年"]}),
    ("年度：2019至2021 部分：问题与改进", {"year": ["2019至2021"], "section": ["problems"]}),
    ("地区：浙江省 类型：民政 层级：县级", {"region": ["浙江省"], "kind": ["民政"], "level": ["county"]}),
    ("类别:民政 年份:2020 章节:总体情况", {"kind": ["民政"], "year": ["2020"], "section": ["overview"]}),
    ("机构： 民政局", {"agency": ["民政局"]}),
    ('机构："榕江县 民政局"', {"agency": ["榕江县 民政局"]}),
    ("YEAR:2019", {"year": ["2019"]}),
])
def test_chinese_field_names_come_from_the_facet_definitions(query: str, filters: dict[str, list[str]]) -> None:
    parsed = parse_query(query)
    assert parsed.filters == filters and parsed.clauses == []


def test_every_facet_title_is_a_field_name() -> None:
    from search import FACETS

    values = {"level": "县级", "year": "2019", "section": "问题与改进"}
    for definition in FACETS:
        assert parse_query(f"{definition.title}：{values.get(definition.name, '浙江省')}").filters.keys() == {definition.name}


@pytest.mark.parametrize(("query", "shape"), [
    ("行政复议 或 行政诉讼", [[("行政复议", False, False), ("行政诉讼", False, False)]]),
    ("行政复议 or 行政诉讼", [[("行政复议", False, False), ("行政诉讼", False, False)]]),
    ("依申请公开 非 收费", [[("依申请公开", False, False)], [("收费", False, True)]]),
    ("依申请公开 not 收费", [[("依申请公开", False, False)], [("收费", False, True)]]),
    ("低保 与 救助", [[("低保", False, False)], [("救助", False, False)]]),
    ("低保 and 救助", [[("低保", False, False)], [("救助", False, False)]]),
])
def test_chinese_and_lower_case_operators(query: str, shape: list) -> None:
    assert _shape(query) == shape


def test_or_of_groups_is_distributed_into_clauses() -> None:
    assert _shape("(低保 救助) OR 复议") == [
        [("低保", False, False), ("复议", False, False)], [("救助", False, False), ("复议", False, False)]]


def test_not_of_a_group_negates_each_word() -> None:
    assert _shape("-(低保 救助) 公开") == [[("低保", False, True), ("救助", False, True)], [("公开", False, False)]]


@pytest.mark.parametrize("query", ["foo:bar", "机关:民政局", "低保 作者：张三", "Year2:2019"])
def test_unknown_fields_are_reported_with_the_known_ones_never_searched(query: str) -> None:
    with pytest.raises(QueryError, match="没有名为") as error:
        parse_query(query)
    assert "机构（agency）" in error.value.message and "加上引号" in error.value.message


def test_a_quoted_colon_is_searched_as_written() -> None:
    assert _shape('"作者：张三"') == [[("作者:张三", True, False)]]


@pytest.mark.parametrize(("query", "told"), [
    ("机构:", "「机构:」后面缺少要筛选的值"), ("年度： OR", "「年度:」后面缺少要筛选的值"),
    ("year:2019年代", "年度"), ("年度：两千年", "不是年份"),
    ("-机构:民政局", "不能排除筛选条件"), ("机构:民政局 OR 低保", "不能用「或」与词语连接"),
    ("(机构:民政局 低保) OR 救助", "不能用「或」与词语连接"),
])
def test_filter_mistakes_are_reported_in_chinese(query: str, told: str) -> None:
    with pytest.raises(QueryError, match=told):
        parse_query(query)


def test_split_filters_leaves_the_words_as_typed() -> None:
    assert split_filters("低保  机构：民政局 “信息公开” 年度:2019年至2021年 -收费 部分：问题与改进 层级：county级") == (
        "低保 “信息公开” -收费", [("agency", "民政局"), ("year", "2019年至2021年"), ("section", "problems"), ("level", "county级")])
    assert split_filters('机构："榕江县 民政局"') == ("", [("agency", "榕江县 民政局")])
    assert split_filters("依申请公开 －收费") == ("依申请公开 －收费", [])
