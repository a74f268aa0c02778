"""The search page: results, facets, chips, chart, paging, and its empty, no-result and error states."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from bs4 import BeautifulSoup

from indexer.matching import matching_form
from indexer.report import SECTION_LABELS
from web_support import press, url_state

PHRASE = '"信息公开"'


def page(client, query_string: dict | str = "") -> tuple[int, BeautifulSoup]:
    response = client.get("/", query_string=query_string)
    assert response.content_type == "text/html; charset=utf-8"
    return response.status_code, BeautifulSoup(response.data, "lxml")


def api(client, query_string: dict | str = "") -> dict:
    response = client.get("/api/search", query_string=query_string)
    assert response.status_code == 200, response.data
    return response.json


def checked(soup: BeautifulSoup, name: str) -> list[str]:
    return [box["value"] for box in soup.select(f'input[type=checkbox][name="{name}"]') if box.has_attr("checked")]


def test_empty_state_browses_everything_newest_first_with_all_facets(client):
    status, soup = page(client)
    everything = api(client)
    assert status == 200
    assert "共收录" in soup.select_one(".intro").text
    assert soup.select_one("#total-reports").text == str(everything["total_reports"])
    assert len(soup.select(".facet-option")) == sum(len(values) for values in everything["facets"].values())
    assert len(soup.select("li.hit-card")) == len(everything["hits"]) == 20
    assert soup.select_one("input#q")["value"] == ""


def test_results_show_totals_hits_and_highlighted_snippets(client):
    status, soup = page(client, {"q": PHRASE})
    expected = api(client, {"q": PHRASE})
    assert status == 200
    assert soup.select_one("#total-sections").text == str(expected["total_sections"])
    assert soup.select_one("#total-reports").text == str(expected["total_reports"])
    cards = soup.select("li.hit-card")
    assert len(cards) == len(expected["hits"]) == 20
    for card, hit in zip(cards, expected["hits"], strict=True):
        marks = card.select(".snippet mark, .hit-heading mark")
        assert marks and all(matching_form(mark.text) == "信息公开" for mark in marks)
        link = card.select_one(".hit-title a")["href"]
        assert re.fullmatch(rf"/reports/{hit['report_id']}\?q=%22%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%22#s\d+", link)
        path, anchor = link.split("#")
        section = BeautifulSoup(client.get(path).data, "lxml").select_one(f"#{anchor}")
        assert section.select_one(".tag").text.strip() == SECTION_LABELS[hit["section"]]
        assert section.select_one("h2").text.strip().endswith(hit["heading"])
        assert card.select_one(".tag").text.strip()


def test_only_http_source_urls_become_links(client):
    _, soup = page(client, {"q": "网站曾被注入 OR 行政许可"})
    hrefs = [a["href"] for a in soup.select("a.external")]
    assert "https://zjj.example.gov.cn/xxgk/ndbg/2023/t20230131_1.html" in hrefs
    assert not soup.select('a[href^="javascript:"]')
    assert all(a["rel"] == ["noopener", "noreferrer"] for a in soup.select("a.external"))


def test_facet_selections_are_checked_and_shown_as_removable_chips(client):
    agencies = ["天水市民政局", "东城区民政局"]
    query = {"q": "政府信息公开", "agency": agencies, "sort": "date"}
    status, soup = page(client, query)
    expected = api(client, query)
    assert status == 200
    assert sorted(checked(soup, "agency")) == sorted(agencies)
    assert soup.select_one("#total-sections").text == str(expected["total_sections"])
    chips = soup.select("button.chip")
    assert [chip.text.split("×")[0].strip() for chip in chips] == [f"机构：{name}" for name in agencies]
    for chip, removed in zip(chips, agencies, strict=True):
        assert press(client, soup, chip) == {"q": ["政府信息公开"], "agency": [name for name in agencies if name != removed], "sort": ["date"]}
    assert url_state(soup.select_one("a.clear-all")["href"]) == {"q": ["政府信息公开"], "sort": ["date"]}


def facet_counts(soup: BeautifulSoup, name: str) -> dict[str, int]:
    """Each option of a facet on the page (folded ones included) with its count."""
    return {
        option.select_one("input")["value"]: int(option.select_one(".facet-count").text)
        for option in soup.select(f"#facet-{name} .facet-option")
    }


def test_facet_counts_of_other_facets_follow_a_selection(client):
    _, before = page(client, {"q": "政府信息公开"})
    _, after = page(client, {"q": "政府信息公开", "year": "2019"})
    sections = facet_counts(after, "section")
    reports_of_2019 = {name: api(client, {"q": "政府信息公开", "year": "2019", "section": name})["total_reports"] for name in sections}
    assert sections == reports_of_2019 and sections != facet_counts(before, "section")
    assert facet_counts(after, "year") == facet_counts(before, "year"), "a facet's own selection does not narrow its counts"
    assert checked(after, "year") == ["2019"]


def test_a_year_range_checks_each_year_and_is_one_chip(client):
    _, soup = page(client, {"q": "政府信息公开", "year": "2015-2017"})
    assert sorted(checked(soup, "year")) == ["2015", "2016", "2017"]
    assert [chip.text.split("×")[0].strip() for chip in soup.select("button.chip")] == ["年度：2015–2017"]
    assert press(client, soup, soup.select_one("button.chip")) == {"q": ["政府信息公开"]}
    assert sorted(bar["value"] for bar in soup.select("button.year-bar.selected")) == ["2015", "2016", "2017"]
    assert [bar["aria-pressed"] for bar in soup.select("button.year-bar")].count("true") == 3
    assert not soup.select('input[type=hidden][name="year"][form="search-form"]')


def test_a_section_label_selects_its_type(client):
    _, soup = page(client, {"section": "问题与改进"})
    assert checked(soup, "section") == ["problems"]
    assert soup.select_one("button.chip").text.startswith("部分：问题与改进")
    assert {tag.text for tag in soup.select("li.hit-card .tag")} == {"问题与改进"}


def test_a_partial_agency_travels_in_a_hidden_field(client):
    _, soup = page(client, {"agency": "民政局"})
    hidden = soup.select('input[type=hidden][name="agency"][form="search-form"]')
    assert [field["value"] for field in hidden] == ["民政局"]
    assert all("民政局" in card.select_one(".hit-agency").text for card in soup.select("li.hit-card"))


def test_long_agency_facet_is_folded_with_a_filter_box(client, app):
    _, soup = page(client)
    facet = soup.select_one("#facet-agency")
    shown = app.config["NIANBAO_SETTINGS"].facet_values_shown
    assert len(facet.select(":scope > ul .facet-option")) == shown
    assert len(facet.select("details.facet-more .facet-option")) > 20
    assert facet.select_one("input.facet-filter").has_attr("hidden")


def test_a_selected_folded_value_is_shown_and_checked(client):
    _, everything = page(client)
    folded = everything.select("#facet-agency details .facet-option input")[-1]["value"]
    _, soup = page(client, {"agency": folded})
    assert checked(soup, "agency") == [folded]
    assert folded in [box["value"] for box in soup.select("#facet-agency > ul input")]


def test_year_chart_bars_narrow_to_their_year(client):
    query = {"q": "政府信息公开", "agency": "民政局", "year": "2019", "page": "2", "limit": "5"}
    _, soup = page(client, query)
    years = {value["value"]: value["count"] for value in api(client, query)["facets"]["year"] if value["count"]}
    buttons = soup.select("button.year-bar")
    counts = [int(button.select_one(".bar-count").contents[0]) for button in buttons]
    assert [button["value"] for button in buttons] == sorted(years) and counts == [years[year] for year in sorted(years)]
    assert len(soup.select("ol.year-bars > li")) == int(max(years)) - int(min(years)) + 1, "one slot per year, gaps included"
    for button in buttons:
        assert button.get_text(" ", strip=True) == f"{years[button['value']]} 份报告， {button['value']}"
        assert press(client, soup, button) == {"q": ["政府信息公开"], "agency": ["民政局"], "limit": ["5"], "year": [button["value"]]}


def test_sort_and_paging_links_carry_the_whole_state(client):
    query = {"q": "政府信息公开", "section": "overview", "limit": "5", "page": "2"}
    _, soup = page(client, query)
    expected = api(client, query)
    assert [a["href"].split("#")[0] for a in soup.select(".hit-title a")] == [
        f"/reports/{hit['report_id']}?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80&section=overview" for hit in expected["hits"]
    ]
    assert soup.select_one("ol.hits")["start"] == "6"
    following = url_state(soup.select_one('.paging a[rel="next"]')["href"])
    assert following == {"q": ["政府信息公开"], "section": ["overview"], "page": ["3"], "limit": ["5"]}
    by_date = url_state(soup.select_one(".tools a")["href"])
    assert by_date == {"q": ["政府信息公开"], "section": ["overview"], "sort": ["date"], "limit": ["5"]}
    assert url_state(soup.select_one('.tools a[href^="/api/search?"]')["href"]) == {key: [value] for key, value in query.items()}
    assert url_state(soup.select_one('.tools a[href^="/api/search.csv"]')["href"]) == {"q": ["政府信息公开"], "section": ["overview"]}


def test_a_page_past_the_end_is_empty_and_says_how_to_get_back(client):
    status, soup = page(client, {"q": PHRASE, "page": str(10**12)})
    assert status == 200
    assert not soup.select("li.hit-card")
    notice = soup.select_one(".notice")
    assert "没有结果" in notice.text
    assert url_state(notice.select("a")[0]["href"]) == {"q": [PHRASE]}


def test_no_results_suggest_what_to_drop_with_real_counts(client):
    query = {"q": PHRASE, "agency": "天水市民政局", "year": "2015"}
    status, soup = page(client, query)
    assert status == 200
    assert "没有找到" in soup.select_one(".no-results h2").text
    suggestions = soup.select(".suggestions li")
    labels = [item.select_one("a").text for item in suggestions]
    assert labels == ["去掉机构筛选", "去掉年度筛选", "去掉全部筛选"]
    for item in suggestions:
        expected = api(client, url_state(item.select_one("a")["href"]))
        assert f"{expected['total_reports']} 份报告中的 {expected['total_sections']} 个部分" in item.text


def test_no_results_for_a_phrase_suggest_its_words(client):
    _, soup = page(client, {"q": '"民政信息公开政府"'})
    suggestion = soup.select_one(".suggestions li a")
    assert suggestion.text == "不用引号：民政信息公开政府"
    assert api(client, url_state(suggestion["href"]))["total_sections"] > 0


def test_no_results_without_filters_gives_tips(client):
    status, soup = page(client, {"q": "不存在的词语组合甲乙丙"})
    assert status == 200
    assert "换一个说法" in soup.select_one(".no-results").text


@pytest.mark.parametrize(
    ("query", "param", "label"),
    [
        ({"q": "低保", "year": "abc"}, "year", "年度筛选有误"),
        ({"q": "低保", "section": "bogus"}, "section", "部分筛选有误"),
        ({"q": "低保 " * 3000}, "q", "查询有误"),
        ({"q": "低保", "page": "0"}, "page", "页码有误"),
        ({"q": "低保", "page": "-1"}, "page", "页码有误"),
        ({"q": "低保", "page": "二"}, "page", "页码有误"),
        ({"q": "低保", "limit": "1000"}, "limit", "每页条数有误"),
        ({"q": "低保", "sort": "random"}, "sort", "排序方式有误"),
    ],
)
def test_errors_are_400_with_the_message_next_to_the_box(client, query, param, label):
    status, soup = page(client, query)
    assert status == 400
    error = soup.select_one("#query-error")
    assert error["role"] == "alert" and label in error.text
    assert soup.select_one("input#q")["aria-invalid"] == "true"
    assert soup.select_one("input#q")["value"].startswith("低保")
    assert soup.select_one("details.help").has_attr("open")


def test_an_over_long_query_error_names_the_limit(client, app):
    limit = app.config["NIANBAO_SETTINGS"].max_query_chars
    _, soup = page(client, {"q": "政" * 10_000})
    assert str(limit) in soup.select_one("#query-error").text


def test_a_bad_filter_keeps_the_others_and_can_be_removed_by_its_chip(client):
    status, soup = page(client, {"q": "低保", "year": "abc", "agency": "天水市民政局"})
    assert status == 400
    hidden = {(field["name"], field["value"]) for field in soup.select("#search-form input[type=hidden]")}
    assert hidden == {("year", "abc"), ("agency", "天水市民政局")}
    year_chip = next(chip for chip in soup.select("button.chip") if "abc" in chip.text)
    assert press(client, soup, year_chip) == {"q": ["低保"], "agency": ["天水市民政局"]}


def request_size(query: list[tuple[str, str]]) -> int:
    return len("/?" + urlencode(query, quote_via=quote))


@pytest.mark.parametrize(
    "values",
    [
        pytest.param([f"{number:03d}" + "a" * 997 for number in range(200)], id="200 agencies of 1,000 characters"),
        pytest.param(["民" + " " * number + "政局" for number in range(1, 201)], id="200 agencies that all match"),
        pytest.param(["民政局"] + ["<b>&" * 250 for _ in range(1)] + [f"机构{number}" for number in range(198)], id="markup"),
    ],
)
def test_a_page_is_a_small_multiple_of_its_request_plus_the_results(client, values):
    query = [("q", "政府信息公开")] + [("agency", value) for value in values] + [("year", "2015-2023"), ("limit", "5")]
    response = client.get("/?" + urlencode(query, quote_via=quote))
    unfiltered = client.get("/", query_string={"q": "政府信息公开", "limit": "5"})
    assert response.status_code == 200
    # Each byte of the request shows up a bounded number of times (state form, chips, facets, sort, export and
    # paging links), each value adds its markup once: before, every chip repeated the whole request (40 MB here).
    assert len(response.data) <= 10 * request_size(query) + 1024 * len(values) + len(unfiltered.data)
    soup = BeautifulSoup(response.data, "lxml")
    assert len(soup.select("button.chip")) == len(values) + 1
    assert [field["value"] for field in soup.select('#state-form input[name="agency"]')] == [value.strip() for value in values]


def test_an_error_page_is_a_small_multiple_of_its_request_too(client):
    query = [("q", "低保")] + [("agency", f"{number:03d}" + "局" * 1000) for number in range(200)]
    response = client.get("/?" + urlencode(query, quote_via=quote))
    assert response.status_code == 400
    assert len(response.data) <= 10 * request_size(query) + 1024 * 200
    assert "长 1003 个字符" in BeautifulSoup(response.data, "lxml").select_one("#query-error").text


def test_removing_a_value_keeps_other_fields_and_goes_to_page_one(client):
    fields = [("q", "低保"), ("agency", "甲"), ("agency", " 乙 "), ("year", "2019"), ("page", "3"), ("limit", "5")]
    response = client.get("/", query_string=fields + [("remove", "agency:乙")])
    assert response.status_code == 303
    assert response.headers["Location"] == "/?q=%E4%BD%8E%E4%BF%9D&agency=%E7%94%B2&year=2019&limit=5"
    assert client.get("/", query_string=[("agency", "甲"), ("remove", "agency:甲")]).headers["Location"] == "/"


@pytest.mark.parametrize("removal", ["agency", "nothing:甲", ":甲", "q:低保"])
def test_a_removal_that_names_no_filter_is_a_clear_400(client, removal):
    status, soup = page(client, [("q", "低保"), ("remove", removal)])
    assert status == 400
    assert "要去掉的筛选应写成" in soup.select_one("#query-error").text


def test_query_text_is_escaped_everywhere(client):
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    for query in ({"q": hostile}, {"q": "低保", "agency": hostile}, {"q": "低保", "year": hostile}):
        response = client.get("/", query_string=query)
        soup = BeautifulSoup(response.data, "lxml")
        assert b"<script>alert" not in response.data
        assert b"<img src=x" not in response.data
        assert [script["src"] for script in soup.select("script")] == ["/static/search.js"]
        assert not soup.select("[onerror]")
