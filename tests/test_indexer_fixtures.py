"""Hand-made report pages and text files, one per variant real reports come in."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import load_report
from indexer.matching import matching_form

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "indexer"

POST_2019 = ["overview", "proactive", "requests", "review_litigation", "problems", "other_matters"]
PRE_2019 = ["overview", "proactive", "requests", "fees", "review_litigation", "problems", "other_matters"]

# file: (title, agency, year, published, source_url, index_no, section types)
EXPECTED = {
    "trs_gbk_county_government.html": (
        "镕川县人民政府2017年政府信息公开工作年度报告", "镕川县人民政府", 2017, "2018-03-28",
        "http://www.rongchuan.gov.cn/xxgk/ndbg/201803/t20180328_1234.html", "000014349/2018-00021", ["preamble", *PRE_2019],
    ),
    "zoom_utf8_police_place_in_body.html": (
        "公安局2018年政府信息公开工作年度报告", "鹤山市公安局", 2018, "2019-03-29",
        "https://www.heshan.gov.cn/hsgaj/gkmlpt/content/1/1888/post_1888123.html", None,
        ["preamble", "overview", "proactive", "requests", "review_litigation", "problems"],
    ),
    "declared_utf8_really_gbk_street.html": (
        "新华街道办事处2020年政府信息公开工作年度报告", "新华街道办事处", 2020, None, None, None, ["preamble", *POST_2019],
    ),
    "undeclared_gbk_town_density.HTM": (
        "白沙镇2021年政府信息公开工作年度报告", "白沙镇人民政府", 2021, "2022-01-20", None, None, ["preamble", *POST_2019],
    ),
    "notice_wrapped_ucap.html": (
        "宜都市人民政府2019年政府信息公开工作年度报告", "宜都市人民政府", 2019, "2020-01-20",
        "http://www.yidu.gov.cn/c/ydsxxgk/gzbg/20200120_114.html", "01140227-7/2020-00003", ["preamble", *POST_2019],
    ),
    "ministry_article_content.html": (
        "交通运输部2020年政府信息公开工作年度报告", "交通运输部", 2020, "2021-01-29", None, None, ["preamble", *POST_2019],
    ),
    "gb18030_bulleted_metadata_pipe_cells.txt": (
        "元谋县教育体育局2018年政府信息公开工作年度报告", "元谋县教育体育局", 2018, "2019-01-28", None,
        "11532328MB1234567X/2019-00008", PRE_2019,
    ),
    "utf16_traditional_pinyin_spaces.txt": (
        "新竹縣衛生局2019年政府信息公開工作年度報告", "新竹县卫生局", 2019, None, None, None, ["preamble", *POST_2019],
    ),
    "unnumbered_commission_sidecar.txt": (
        "江北区卫生健康委员会2020年政府信息公开工作年度报告", "江北区卫生健康委员会", 2020, "2021-01-15",
        "http://www.cqjb.gov.cn/bm/qwsjkw/zwgk_74925/ndbg/202101/t20210115_8771234.html", None, POST_2019,
    ),
}

CHROME_WORDS = ("版权所有", "ICP备", "公网安备", "网站标识码", "分享到", "打印", "关闭", "字体", "字号", "当前位置",
                "您现在的位置", "首页", "浏览次数", "访问量", "技术支持", "主办", "分辨率", "document.write", "gtag")


@pytest.fixture(scope="module")
def reports():
    return {name: load_report(FIXTURES / name) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_metadata(reports, name):
    title, agency, year, published, source_url, index_no, _ = EXPECTED[name]
    report = reports[name]
    assert (report.title, report.agency, report.year, report.published) == (title, agency, year, published)
    assert (report.source_url, report.index_no) == (source_url, index_no)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_section_types(reports, name):
    assert [section.type for section in reports[name].sections] == EXPECTED[name][-1]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_sections_hold_no_page_chrome(reports, name):
    text = "\n".join(section.heading + "\n" + section.text for section in reports[name].sections)
    assert [word for word in CHROME_WORDS if word.lower() in text.lower()] == []


def _section(report, type_name):
    return next(section for section in report.sections if section.type == type_name)


def test_html_table_spans_are_resolved_into_aligned_rows(reports):
    rows = _section(reports["trs_gbk_county_government.html"], "proactive").text.split("\n")
    assert rows[1:] == ["类别 | 公开数量 |", "类别 | 条数 | 占比", "机构职能类 | 215 | 5.6%", "政策法规类 | 634 | 16.4%", "规划计划类 | 187 | 4.8%"]


def test_gbk_only_characters_survive_a_gb2312_declaration(reports):
    assert "县长王喆同志" in _section(reports["trs_gbk_county_government.html"], "overview").text
    assert "李玥" in _section(reports["undeclared_gbk_town_density.HTM"], "overview").text


def test_wrong_declaration_is_reported_as_a_warning(reports):
    assert any("declares charset utf-8" in warning for warning in reports["declared_utf8_really_gbk_street.html"].warnings)


def test_hidden_elements_are_not_content(reports):
    assert all("隐藏的重复正文" not in section.text for section in reports["zoom_utf8_police_place_in_body.html"].sections)


def test_heading_variants_and_run_in_headings(reports):
    police = reports["zoom_utf8_police_place_in_body.html"]
    assert [section.heading for section in police.sections[1:]] == [
        "—、概述", "二 、主动公开政府信息情况", "三、 依申请公开政府信息情况", "四、行政复议和行政诉讼情况。", "五、存在的不足和下一步工作打算",
    ]
    assert _section(police, "review_litigation").text.startswith("2018年，我局未发生")
    street = reports["declared_utf8_really_gbk_street.html"]
    assert _section(street, "overview").heading == "一、总体情况"
    assert _section(street, "overview").text.startswith("2020年，我街道")


def test_sub_headings_stay_inside_their_section(reports):
    proactive = _section(reports["zoom_utf8_police_place_in_body.html"], "proactive")
    assert "1.公开户籍、出入境、交通管理等办事指南。" in proactive.text
    problems = _section(reports["zoom_utf8_police_place_in_body.html"], "problems")
    assert "（二）下一步打算。" in problems.text


def test_table_rows_that_look_like_headings_stay_in_the_table(reports):
    requests = _section(reports["declared_utf8_really_gbk_street.html"], "requests")
    assert "四、结转下年度继续办理 | | | 0 | 0" in requests.text.split("\n")


def test_spaced_heading_and_pipe_cell_tables(reports):
    report = reports["gb18030_bulleted_metadata_pipe_cells.txt"]
    assert report.sections[0].heading == "一 概述"
    assert _section(report, "proactive").text.split("\n")[1:] == ["信息类别 | 数量", "机构职能 | 35", "教育资助 | 120", "招生考试 | 257"]
    assert all("— 2 —" not in section.text and "— 3 —" not in section.text for section in report.sections)


def test_traditional_report_keeps_its_characters_and_loses_glosses_and_stray_spaces(reports):
    report = reports["utf16_traditional_pinyin_spaces.txt"]
    assert report.sections[1].heading == "一、總體情況"
    assert "(bào)" not in report.title
    assert "政府信息公开工作要求" in report.sections[1].text


def test_notice_wrapper_keeps_the_notice_text_as_preamble(reports):
    preamble = reports["notice_wrapped_ucap.html"].sections[0]
    assert preamble.type == "preamble" and preamble.heading == ""
    assert "印发给你们" in preamble.text


def test_sidecar_values_win_and_unknown_keys_are_ignored(reports):
    report = reports["unnumbered_commission_sidecar.txt"]
    assert report.published == "2021-01-15" and report.year == 2020
    assert report.warnings == []


def test_fixture_sections_contain_no_private_use_or_control_characters(reports):
    for report in reports.values():
        for section in report.sections:
            assert not any("\ue000" <= char <= "\uf8ff" or (ord(char) < 32 and char != "\n") for char in section.text)
            assert matching_form(section.heading) or section.type == "preamble"


def test_source_url_from_the_metadata_block(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "- 索引号: 123\n- 原文链接: http://www.example.gov.cn/a.html\n- 链接: 不是网址\n某某县民政局2019年政府信息公开工作年度报告\n一、总体情况\n我局推进公开。\n二、主动公开政府信息情况\n无。\n",
        encoding="utf-8",
    )
    report = load_report(path)
    assert (report.source_url, report.index_no, report.agency) == ("http://www.example.gov.cn/a.html", "123", "某某县民政局")
