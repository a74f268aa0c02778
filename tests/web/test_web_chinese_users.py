"""Issue 14 through the Flask test client: what a Chinese keyboard types, results by report, 您是不是要找,
template sentences, report-view marks, Chinese messages, no server paths, headings and skip links."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypinyin import Style, lazy_pinyin

from indexer.config import Settings
from search import build_index
from web import create_app
from web_support import CORPUS_DIR, press, url_state


def get(client, query_string: dict | str = "", path: str = "/"):
    return client.get(path, query_string=query_string)


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.data, "lxml")


def api(client, query_string: dict | str = "") -> dict:
    response = client.get("/api/search", query_string=query_string)
    assert response.status_code == 200, response.data
    return response.json


def chip_labels(soup: BeautifulSoup) -> list[str]:
    return [chip.text.split("×")[0].strip() for chip in soup.select("button.chip")]


def checked(soup: BeautifulSoup, name: str) -> list[str]:
    return [box["value"] for box in soup.select(f'input[type=checkbox][name="{name}"]') if box.has_attr("checked")]


# -- queries typed with a Chinese IME --------------------------------------------------------------


@pytest.mark.parametrize(("typed", "plain"), [
    ("agency：天水市民政局", {"agency": "天水市民政局"}),
    ("year：2019", {"year": "2019"}),
    ("年度：2019年", {"year": "2019"}),
    ("机构：民政局 年度：2018至2020", {"agency": "民政局", "year": "2018-2020"}),
])
def test_full_width_and_chinese_filters_find_what_the_parameters_find(client, typed, plain):
    answer = api(client, {"q": typed})
    assert answer["total_sections"] == api(client, plain)["total_sections"] > 0


def test_full_width_minus_excludes_instead_of_requiring(client):
    excluded = api(client, {"q": "依申请公开 －收费"})
    assert excluded == {**api(client, {"q": "依申请公开 -收费"}), "query": "依申请公开 －收费"}
    with_fees = api(client, {"q": "依申请公开 收费"})["total_sections"]
    assert excluded["total_sections"] + with_fees == api(client, {"q": "依申请公开"})["total_sections"]


def test_a_typed_filter_is_moved_into_the_facets_a_chip_and_a_ticked_box(client):
    response = get(client, {"q": "低保 机构：天水市民政局 年度：2019年"})
    assert response.status_code == 303
    assert url_state(response.headers["Location"]) == {"q": ["低保"], "agency": ["天水市民政局"], "year": ["2019年"]}
    soup = soup_of(client.get(response.headers["Location"]))
    assert soup.select_one("#q")["value"] == "低保"
    assert chip_labels(soup) == ["机构：天水市民政局", "年度：2019"]
    assert checked(soup, "agency") == ["天水市民政局"] and checked(soup, "year") == ["2019"]


def test_typed_and_ticked_values_of_one_facet_combine_the_same_way(client):
    typed = get(client, {"q": "机构：天水市民政局", "agency": "武定县民政局"})
    ticked = {"agency": ["武定县民政局", "天水市民政局"]}
    assert sorted(url_state(typed.headers["Location"])["agency"]) == sorted(ticked["agency"])
    both = soup_of(client.get(typed.headers["Location"]))
    assert sorted(checked(both, "agency")) == sorted(ticked["agency"])
    assert both.select_one("#total-reports").text == str(api(client, ticked)["total_reports"]) == "2"


def test_a_typed_filter_that_finds_nothing_gets_the_same_advice_as_a_ticked_one(client):
    response = get(client, {"q": "量子纠缠 机构：天水市民政局"})
    soup = soup_of(client.get(response.headers["Location"]))
    assert [a.text for a in soup.select(".suggestions a")] == ["去掉机构筛选"] or "检查有没有错别字" in soup.text
    ticked = soup_of(get(client, {"q": "量子纠缠", "agency": "天水市民政局"}))
    assert soup.select_one(".no-results").text == ticked.select_one(".no-results").text


@pytest.mark.parametrize(("query", "told"), [
    ("低保 OR", "「OR」后面缺少词语"), ("依申请公开 非", "「非」后面缺少词语"), ("foo:bar", "没有名为「foo」的筛选字段"),
    ("作者：张三", "没有名为「作者」的筛选字段"), ("year:2019年代", "不是年份"), ("(低保", "括号没有闭合"),
    ("机构：", "后面缺少要筛选的值"),
])
def test_query_mistakes_are_explained_in_chinese_next_to_the_box(client, query, told):
    response = client.get("/", query_string={"q": query}, follow_redirects=True)  # a typed filter moves to its facet first
    assert response.status_code == 400
    soup = soup_of(response)
    assert told in soup.select_one("#query-error").text
    assert soup.select_one("#q")["aria-describedby"] == "query-error"
    api_error = client.get("/api/search", query_string={"q": query}).json["error"]
    assert api_error["param"] == "q" and told in api_error["message"]


# -- results grouped by report ---------------------------------------------------------------------


def test_results_are_one_row_per_report_with_its_other_sections_named(client):
    answer = api(client, {"q": "信息公开", "limit": 100, "agency": "民政局"})
    assert answer["group"] == "report" and len(answer["hits"]) == answer["total_reports"] < answer["total_sections"]
    assert len({hit["report_id"] for hit in answer["hits"]}) == len(answer["hits"])
    assert sum(hit["matching_sections"] for hit in answer["hits"]) == answer["total_sections"]
    sections = api(client, {"q": "信息公开", "limit": 100, "agency": "民政局", "group": "section"})
    assert len(sections["hits"]) == sections["total_sections"] and "other_sections" not in sections["hits"][0]
    best = {hit["report_id"]: hit for hit in sections["hits"][::-1]}  # each report's first section in result order
    assert [(hit["section"], hit["score"]) for hit in answer["hits"]] == [
        (best[hit["report_id"]]["section"], best[hit["report_id"]]["score"]) for hit in answer["hits"]]

    soup = soup_of(get(client, {"q": "信息公开", "agency": "民政局"}))
    cards = soup.select("li.hit-card")
    assert len(cards) == min(20, answer["total_reports"])
    grouped = [card for card in cards if card.select_one(".more-sections")]
    assert grouped, "some report matches in several sections"
    for card, hit in zip(cards, answer["hits"]):
        more = card.select_one(".more-sections")
        if more:
            assert more.summary.text == f"另有 {hit['matching_sections'] - 1} 处匹配"
            assert [a["href"].rsplit("#", 1)[1] for a in more.select("a")] == [f"s{other['ordinal'] + 1}" for other in hit["other_sections"]]


def test_paging_counts_reports_when_grouped(client):
    first = soup_of(get(client, {"q": "信息公开", "limit": 5}))
    total = api(client, {"q": "信息公开"})["total_reports"]
    assert first.select(".paging a")[-2].text == str(-(-total // 5))
    assert "第 1–5 份报告" in first.select_one(".totals").text


def test_the_cli_groups_the_same_way(client, runner, web_index_dir):
    from web.cli import main
    import json

    result = runner.invoke(main, ["search", "信息公开", "--index", str(web_index_dir), "--json", "--limit", "7"])
    assert json.loads(result.output) == api(client, {"q": "信息公开", "limit": 7})
    text = runner.invoke(main, ["search", "信息公开", "--index", str(web_index_dir), "--limit", "7"]).output
    assert "另有 " in text


# -- template sentences of preambles ---------------------------------------------------------------

TEMPLATE = ("本报告根据《中华人民共和国政府信息公开条例》要求编制。全文包括总体情况、主动公开政府信息情况、"
            "收到和处理政府信息公开申请情况、存在的主要问题及改进情况。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")


def write_report_with_preamble(path: Path, agency: str, year: int, preamble: str) -> None:
    path.write_text(
        f"{agency}{year}年政府信息公开工作年度报告\n{preamble}\n一、总体情况\n{year}年，{agency}持续推进政务公开。\n"
        f"二、存在的主要问题及改进情况\n政策解读还不够。\n", encoding="utf-8")


@pytest.fixture(scope="module")
def template_client(tmp_path_factory: pytest.TempPathFactory, settings: Settings):
    files = tmp_path_factory.mktemp("template-reports")
    for number, place in enumerate(["甲县", "乙县", "丙县", "丁县", "戊县"]):
        own = "本年度重点推进了主动公开工作规范化。" if number == 0 else ""
        write_report_with_preamble(files / f"r{number}.txt", f"{place}民政局", 2019 + number % 3,
                                   TEMPLATE.format(year=2019 + number % 3) + own)
    index_dir = tmp_path_factory.mktemp("template-index") / "index"
    assert not build_index([files], index_dir, settings).failed
    return create_app({"index_dir": index_dir, "TESTING": True}).test_client()


def test_template_sentences_are_measured_and_left_out_on_request(template_client):
    keep = api(template_client, {"q": "主动公开", "section": "preamble"})
    omit = api(template_client, {"q": "主动公开", "section": "preamble", "template": "omit"})
    assert keep["total_sections"] == 5 and keep["template_sections"] == 0
    assert omit["total_sections"] == 1 and omit["template_sections"] == 4
    assert omit["hits"][0]["agency"] == "甲县民政局"
    assert "全文包括" not in omit["hits"][0]["snippet"] and "主动公开" in omit["hits"][0]["snippet"]
    soup = soup_of(get(template_client, {"q": "主动公开", "section": "preamble", "template": "omit"}))
    assert "已略去 4 个只在前言模板句中匹配的部分" in soup.select_one("#template-note").text
    assert soup_of(get(template_client, {"q": "主动公开"})).select_one("#template-omit")["href"].endswith("template=omit")


def test_a_sentence_of_one_report_is_never_a_template_sentence(template_client):
    answer = api(template_client, {"q": "规范化", "template": "omit"})
    assert answer["total_sections"] == 1 and answer["template_sections"] == 0


# -- 您是不是要找, and what the report view marks -----------------------------------------------------


def test_a_typo_gets_a_correction_from_the_index_vocabulary_with_its_count(client):
    typo = api(client, {"q": "行政复意"})
    soup = soup_of(get(client, {"q": "行政复意"}))
    correction = soup.select_one("#did-you-mean a")
    assert correction.text == "行政复议"
    fixed = api(client, {"q": "行政复议"})
    assert f"（{fixed['total_reports']} 份报告）" in soup.select_one("#did-you-mean").text
    assert fixed["total_reports"] > typo["total_reports"]
    assert url_state(correction["href"]) == {"q": ["行政复议"]}


def test_a_word_that_finds_plenty_gets_no_correction(client):
    assert soup_of(get(client, {"q": "行政复议"})).select_one("#did-you-mean") is None


def test_the_report_view_marks_only_the_sections_the_search_matched(client):
    hit = api(client, {"q": "申请", "section": "problems"})["hits"][0]
    soup = soup_of(get(client, {"q": "申请", "section": "problems"}, f"/reports/{hit['report_id']}"))
    marked = {section["id"] for section in soup.select("section.report-section") if section.select("a.hit")}
    problems = {section["id"] for section in soup.select("section.report-section") if section.select_one("h2 .tag").text == "问题与改进"}
    assert marked and marked <= problems
    everywhere = soup_of(get(client, {"q": "申请"}, f"/reports/{hit['report_id']}"))
    assert len(everywhere.select("a.hit")) > len(soup.select("a.hit"))


# -- Chinese messages, no server paths -------------------------------------------------------------


@pytest.mark.parametrize("path", ["/no/such/page", "/reports/0123456789abcdef", "/api/nothing", "/api/reports/0123456789abcdef"])
def test_not_found_is_said_in_chinese(client, path):
    response = client.get(path)
    assert response.status_code == 404
    text = response.json["error"]["message"] if path.startswith("/api/") else soup_of(response).select_one(".message").text
    assert "not found" not in text.lower() and "URL" not in text and any("\u4e00" <= char <= "\u9fff" for char in text)


def test_a_missing_index_names_no_directory(tmp_path):
    client = create_app({"index_dir": tmp_path / "nowhere", "TESTING": True}).test_client()
    page, answer = client.get("/"), client.get("/api/search")
    assert page.status_code == answer.status_code == 503
    assert str(tmp_path) not in page.get_data(as_text=True) and str(tmp_path) not in answer.get_data(as_text=True)
    assert answer.json["error"]["message"] == "服务器上还没有可用的索引。"


def test_pages_show_no_server_paths(client, report_ids):
    text = client.get(f"/reports/{report_ids['000_9f09e102a19e83ee.txt']}").get_data(as_text=True)
    assert str(CORPUS_DIR) not in text and "000_9f09e102a19e83ee.txt" not in text
    assert str(CORPUS_DIR) not in get(client, {"q": "信息公开"}).get_data(as_text=True)


def test_facet_values_are_listed_by_count_then_pinyin(client):
    for name in ("agency", "kind"):
        values = [(value["count"], value["value"]) for value in api(client)["facets"][name]]
        key = [(-count, " ".join(lazy_pinyin(value, style=Style.TONE3))) for count, value in values]
        assert key == sorted(key), name


# -- years as a range ------------------------------------------------------------------------------


def test_from_to_inputs_make_one_range_and_one_chip(client):
    soup = soup_of(get(client, {"q": "政府信息公开", "year": "2015"}))
    assert soup.select_one("#year-from")["form"] == soup.select_one("#year-to")["form"] == "state-form"
    fields = [(field["name"], field["value"]) for field in soup.select("#state-form input[type=hidden]")]
    response = client.get("/", query_string=fields + [("year_from", "2016"), ("year_to", "2019"), ("year_range", "1")])
    assert response.status_code == 303 and url_state(response.headers["Location"]) == {"q": ["政府信息公开"], "year": ["2016-2019"]}
    ranged = soup_of(client.get(response.headers["Location"]))
    assert chip_labels(ranged) == ["年度：2016–2019"]
    assert sorted(checked(ranged, "year")) == ["2016", "2017", "2018", "2019"]
    assert (ranged.select_one("#year-from")["value"], ranged.select_one("#year-to")["value"]) == ("2016", "2019")


def test_years_ticked_one_by_one_are_one_chip_and_one_removal(client):
    soup = soup_of(get(client, [("q", "政府信息公开"), ("year", "2016"), ("year", "2017"), ("year", "2018-2019"), ("year", "2022")]))
    assert chip_labels(soup) == ["年度：2016–2019", "年度：2022"]
    assert press(client, soup, soup.select("button.chip")[0]) == {"q": ["政府信息公开"], "year": ["2022"]}


def test_a_shift_click_range_from_the_chart_is_one_year_selection(client):
    soup = soup_of(get(client, {"q": "政府信息公开", "year": "2016"}))
    bar = soup.select_one('button.year-bar[value="2019"]')
    fields = [(field["name"], field["value"]) for field in soup.select("#state-form input[type=hidden]")]
    response = client.get("/", query_string=fields + [(bar["name"], "2016-2019")])
    assert url_state(response.headers["Location"]) == {"q": ["政府信息公开"], "year": ["2016-2019"]}


# -- headings and skip links -----------------------------------------------------------------------


@pytest.mark.parametrize("query", [{"q": "信息公开"}, {"q": "量子纠缠"}, {}, {"q": "低保 OR"}])
def test_every_search_page_has_one_h1_and_working_skip_links(client, query):
    soup = soup_of(get(client, query))
    assert len(soup.select("h1")) == 1
    for link in soup.select("a.skip-link"):
        assert soup.select_one(link["href"]) is not None


def test_report_and_error_pages_have_one_h1(client, report_ids):
    for path in (f"/reports/{report_ids['000_9f09e102a19e83ee.txt']}?q=信息公开", "/no/such/page"):
        assert len(soup_of(client.get(path)).select("h1")) == 1
