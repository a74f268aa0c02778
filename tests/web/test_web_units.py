"""The web package's pure parts: document rendering, URL state, paging, chart layout, CSV cells, URL checks."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

from indexer.config import DEFAULTS
from search import MARK_END, MARK_START, FacetValue, Hit, OtherSection, QueryError
from web.chart import year_chart
from web.document import MatchNumbering, inline_html, shown_spans, text_html
from web.export import BOM, CSV_COLUMNS, csv_chunks, csv_file_name
from web.facets import chips
from web.guards import undecodable_parameter
from web.paging import paginate
from web.params import SearchParams
from web.state_form import edited_url
from web.rendering import marked_snippet, marked_spans, web_url


def html(markup) -> BeautifulSoup:
    return BeautifulSoup(str(markup), "lxml")


def test_lines_become_paragraphs_and_pipe_rows_one_table():
    text = "第一段\n\n项目 | 数量\n申请 | 3\n第二段"
    soup = html(text_html(text, [], MatchNumbering(0)))
    assert [p.text for p in soup.select("p")] == ["第一段", "第二段"]
    assert [[td.text for td in tr.select("td")] for tr in soup.select("table tr")] == [["项目", "数量"], ["申请", "3"]]


def test_filler_columns_are_dropped_and_short_rows_padded():
    text = "标题 | ||||\n甲 | 1 | |\n乙 | 2 | 3 |\n丙 |"
    table = html(text_html(text, [], MatchNumbering(0)))
    rows = [[(td.text, td.get("colspan")) for td in tr.select("td")] for tr in table.select("tr")]
    blank = ("", None)
    assert rows == [[("标题", None), blank, blank], [("甲", None), ("1", None), blank], [("乙", None), ("2", None), ("3", None)],
                    [("丙", None), blank, ("", "1")]]


def test_matches_are_numbered_and_each_links_to_the_next():
    text = "低保 and 低保\n低保"
    spans = [(0, 2), (7, 9), (10, 12)]
    soup = html(text_html(text, spans, MatchNumbering(3)))
    assert [(a["id"], a["href"], a.text) for a in soup.select("a.hit")] == [
        ("m1", "#m2", "低保"), ("m2", "#m3", "低保"), ("m3", "#m1", "低保")
    ]


def test_numbering_continues_from_heading_to_body():
    numbering = MatchNumbering(2)
    heading = html(inline_html("一、低保", [(2, 4)], numbering))
    body = html(text_html("低保金", [(0, 2)], numbering))
    assert heading.select_one("a.hit")["id"] == "m1" and body.select_one("a.hit")["id"] == "m2"


def test_a_match_across_cells_or_lines_is_marked_in_each_piece_and_anchored_once():
    text = "信息 | 公开\n政府信\n息公开"
    spans = [(0, 7), (10, 15)]
    soup = html(text_html(text, spans, MatchNumbering(2)))
    assert [a["id"] for a in soup.select("a.hit")] == ["m1", "m2"]
    assert [mark.text for mark in soup.select("mark")] == ["信息", "公开", "信", "息公开"]


def test_spans_of_only_separators_and_spaces_are_not_counted():
    assert shown_spans("a | b", [(1, 4), (0, 1)]) == [(0, 1)]


def test_rendered_text_is_escaped():
    text = "<script>alert(1)</script> | <img src=x onerror=alert(2)>\n&amp; \"quoted\""
    rendered = str(text_html(text, [(1, 7)], MatchNumbering(1)))
    soup = html(rendered)
    assert not soup.select("script, img")
    assert "&lt;/script&gt;" in rendered and "&lt;img src=x" in rendered and "&amp;amp;" in rendered
    assert soup.select_one("mark").text == "script"


def test_snippets_escape_text_and_mark_only_matches():
    snippet = f"<b>前</b>{MARK_START}低<保>{MARK_END}后&"
    assert str(marked_snippet(snippet)) == "&lt;b&gt;前&lt;/b&gt;<mark>低&lt;保&gt;</mark>后&amp;"
    assert str(marked_spans("a<b>c", [(1, 4)])) == "a<mark>&lt;b&gt;</mark>c"


def test_params_round_trip_through_the_url():
    args = MultiDict([("q", "低保 \"信息公开\""), ("agency", "甲"), ("agency", "乙"), ("year", "2018-2020"),
                      ("section", "problems"), ("sort", "date"), ("page", "3"), ("limit", "50"), ("agency", " ")])
    params = SearchParams.from_args(args, DEFAULTS)
    assert params.values("agency") == ("甲", "乙") and params.page == 3 and params.limit == 50
    url = params.url("/")
    assert url.startswith("/?q=%E4%BD%8E%E4%BF%9D%20%22")
    again = SearchParams.from_args(MultiDict(parse_qsl(url[2:])), DEFAULTS)
    assert again == params


def test_defaults_are_left_out_of_urls():
    assert SearchParams().url("/") == "/"
    assert SearchParams(query="x", page=1, sort="relevance").query_args() == [("q", "x")]


def test_removing_a_filter_value_keeps_the_rest_and_goes_to_page_one():
    params = SearchParams(query="x", filters={"agency": ("甲", "乙"), "year": ("2019",)}, page=4)
    assert params.without_filter("agency", "甲") == SearchParams(query="x", filters={"agency": ("乙",), "year": ("2019",)}, page=1)
    assert params.without_filter("agency") == SearchParams(query="x", filters={"year": ("2019",)}, page=1)
    assert params.without_filters() == SearchParams(query="x", page=1)


def test_removing_a_place_chip_removes_the_places_under_it():
    params = SearchParams(filters={"region": ("浙江省", "浙江省/杭州市", "浙江省/杭州市/西湖区", "江苏省")})
    state = MultiDict(params.query_args())
    labels_and_states = [
        (chip.label, parse_qs(urlsplit(edited_url(MultiDict([*state.items(multi=True), ("remove", chip.remove)]), "/") or "").query).get("region"))
        for chip in chips(params)
    ]
    assert labels_and_states == [
        ("地区：浙江省", ["江苏省"]),
        ("地区：浙江省 › 杭州市", ["浙江省", "江苏省"]),
        ("地区：浙江省 › 杭州市 › 西湖区", ["浙江省", "浙江省/杭州市", "江苏省"]),
        ("地区：江苏省", ["浙江省", "浙江省/杭州市", "浙江省/杭州市/西湖区"]),
    ]


@pytest.mark.parametrize(("name", "value"), [("page", "abc"), ("page", "1.5"), ("limit", "ten"), ("page", "9" * 100)])
def test_unreadable_numbers_name_their_parameter(name, value):
    with pytest.raises(QueryError) as error:
        SearchParams.from_args(MultiDict([(name, value)]), DEFAULTS)
    assert error.value.param == name
    assert len(error.value.message) < 120


def test_too_many_filter_values_are_refused():
    args = MultiDict([("year", str(2000 + n % 20) + "-" + str(n)) for n in range(DEFAULTS.max_filter_values + 1)])
    with pytest.raises(QueryError, match="一次最多选"):
        SearchParams.from_args(args, DEFAULTS)


def test_paging_window_with_gaps():
    pagination = paginate(page=7, total=200, per_page=10, shown=10)
    assert pagination.pages == [1, None, 5, 6, 7, 8, 9, None, 20]
    assert (pagination.first_shown, pagination.last_shown) == (61, 70)
    assert pagination.has_previous and pagination.has_next
    assert paginate(page=1, total=0, per_page=10, shown=0).pages == [1]
    past = paginate(page=10**12, total=15, per_page=10, shown=0)
    assert past.last == 2 and not past.has_next and not past.has_previous


def test_chart_spans_first_to_last_year_with_gaps_and_scales_to_the_tallest():
    values = [FacetValue("2024", 2), FacetValue("2020", 4), FacetValue("2019", 0), FacetValue("2018", 1)]
    chart = year_chart(values, {2020})
    assert [(bar.year, bar.count) for bar in chart.bars] == [(2018, 1), (2019, 0), (2020, 4), (2021, 0), (2022, 0), (2023, 0), (2024, 2)]
    tallest = chart.bars[2]
    assert tallest.selected and tallest.percent == 100
    assert chart.bars[0].percent == 25 and chart.bars[1].percent == 0 and not chart.bars[0].selected
    assert year_chart([FacetValue("2019", 0)], set()) is None


def _link(hit: Hit) -> str:
    return f"http://nb/reports/{hit.report_id}"


def test_csv_chunks_start_with_bom_and_chinese_header_and_defuse_formulas():
    hit = Hit("0123456789abcdef", "a.txt", None, "=HYPERLINK(\"http://x\")", "-局", 2019, "problems", "@标题", f"{MARK_START}低保{MARK_END}+1", 1.0)
    text = "".join(csv_chunks([hit] * 450, _link))
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == CSV_COLUMNS and rows[0][:4] == ["报告编号", "机构", "年度", "发布日期"] and len(rows) == 451
    assert rows[1] == ["0123456789abcdef", "'-局", "2019", "", "", "", "", "", "", "", "", "",
                       "'=HYPERLINK(\"http://x\")", "问题与改进", "'@标题", "【低保】+1", "1", "", "http://nb/reports/0123456789abcdef", ""]
    placed = dataclasses.replace(hit, region={"province": "北京市", "city": None, "county": "朝阳区", "township": None, "code": "110105"},
                                 level="county", agency_kind="民政", agency_series="=s", published="2020-03-01",
                                 source_url="http://gov.cn/a", other_sections=(OtherSection("overview", 1, 0.5), OtherSection("fees", 5, 0.1)))
    row = next(csv.DictReader(io.StringIO("".join(csv_chunks([placed], _link))[1:])))
    assert [row[name] for name in ("省", "市", "县", "乡镇", "行政区划代码", "层级", "机构类别", "机构系列", "发布日期", "匹配部分数", "其他匹配部分", "原文网址")] == [
        "北京市", "", "朝阳区", "", "110105", "县级", "民政", "'=s", "2020-03-01", "3", "总体情况、收费减免", "http://gov.cn/a"]


@pytest.mark.parametrize(("query", "years", "name"), [
    ("行政复议", ("2019-2024",), "年报检索_行政复议_2019-2024_20261201.csv"),
    ("", (), "年报检索_全部_20261201.csv"),
    ('“信息 公开” -收费/a:b', ("2019", "2020", "2022"), "年报检索_信息_公开_-收费_a_b_2019-2020_2022_20261201.csv"),
])
def test_csv_file_names_say_what_was_searched_and_when(query, years, name):
    assert csv_file_name(SearchParams(query, {"year": years}), datetime.date(2026, 12, 1)) == name


@pytest.mark.parametrize(
    ("query_string", "param"),
    [(b"q=%E4%BD%8E", None), (b"q=%ff", "q"), (b"a=1&agency=%c3%28", "agency"), (b"%ff=1", "\ufffd"), (b"q=%", None), (b"", None)],
)
def test_undecodable_parameters_are_found(query_string, param):
    assert undecodable_parameter(query_string) == param


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.gov.cn/a.html", "https://www.gov.cn/a.html"),
        (" http://x.gov.cn/ ", "http://x.gov.cn/"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.example/", None),
        ("http:///nohost", None),
        ("http://[x", None),
        ("http://www.gov.cn／a.html", None),
        (None, None),
        ("", None),
    ],
)
def test_only_absolute_http_urls_are_followed(url, expected):
    assert web_url(url) == expected
