"""Chrome of text pages (issue 10): metadata rows, widgets, menus, notices; clean titles; the year covered."""

from __future__ import annotations

import pytest

from indexer import load_report
from indexer.metadata import clean_title, extract_metadata_block, metadata_pairs, year_from_period
from indexer.text_clean import is_chrome_line


@pytest.mark.parametrize(
    "line",
    [
        "选择搜索类型",
        "选择特殊符号",
        "请输入搜索关键词",
        "登录 | 注册",
        "登录| 注册",
        "相关解读",
        "相关文件",
        "点击收听本文",
        "01.jpg",
        "附件：2019年政府信息公开统计表.xlsx",
        "|---|---|---|---|",
        "新闻 要闻 动态 专题 访谈",
        "简体中文  繁体中文  English ",
        "中国政府网|中华人民共和国民政部|湖南省政府门户网站无障碍浏览|",
        "- 设为首页",
        "- 无障碍阅读",
        "开启无障碍",
        "关怀版 无障碍 无障碍",
        "返回首页",
        "合集下载",
        "1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑、内容补充、找答案等附加服务。",
        "3、如文档侵犯您的权益,请联系客服反馈,我们会尽快为您处理(人工客服工作时间:9:00-18:30)。",
        "基本介紹",
        "  • 中文名:福州市水利局2011年度政府信息公開年度報告",
        "簡介,一、 概述,二、主動公開政府信息的情況,三、依申請公開政府信息辦理情況,",
        "瑶海区人力资源和社会保障局-信息公开",
        "日期:2020-01-10",
        "日期:2019-12-20 09:59    来源:东华门街道",
        "    时间:2011-03-21 11:27",
        "- 编辑:某某省民政厅管理员",
        "作者:本站原创 | 来源:本站原创 | 时间:2019-01-18 点击数:- 分享到:",
    ],
)
def test_page_furniture_is_chrome(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "如对本报告有任何疑问,请与国家税务总局政府信息公开办公室联系(地址:北京市海淀区羊坊店西路5号,邮编:电话:传真:",
        "泉大厦3楼;邮编:250200;电话:0531-83212967;电",
        "附件：应急管理部2020年政府信息公开工作报告",
        "一、总体情况",
        "规章 | 0 | 0 | 0",
        "|||",
        "以公开为常态 不公开为例外",
        "2019年，我局主动公开政府信息1564条。",
        "下载《政府信息公开指南》后按要求填写申请表。",
    ],
)
def test_report_lines_stay(line):
    assert not is_chrome_line(line)


@pytest.mark.parametrize(
    ("line", "pairs"),
    [
        ("    • 备注/文号:永审[2015]1号", [("备注/文号", "永审[2015]1号")]),
        ("  • 发文日期: 2015-03-30 00:00", [("发文日期", "2015-03-30 00:00")]),
        ("名 称: 某某县档案馆2022年政府信息公开工作年度报告", [("名称", "某某县档案馆2022年政府信息公开工作年度报告")]),
        ("文 号: 文件分类: 所属机构:", [("文号", ""), ("文件分类", ""), ("所属机构", "")]),
        ("索引号 016181272/2021-00008 分类 信息公开年报 报告", [("索引号", "016181272/2021-00008"), ("分类", "信息公开年报 报告")]),
        ("发布机构 市应急管理局 公开日期 2021-01-13", [("发布机构", "市应急管理局"), ("公开日期", "2021-01-13")]),
        ("信息索引: 360A01-99-2018-0004-1 生成日期: 2018-03-30 发文机构: 教育部办公厅",
         [("信息索引", "360A01-99-2018-0004-1"), ("生成日期", "2018-03-30"), ("发文机构", "教育部办公厅")]),
        ("公开时限 | 长期公开 | 统一登记号 |", [("公开时限", "长期公开"), ("统一登记号", "")]),
        ("发布时间:2014-01-29 信息来源: 瑶海区人力资源和社会保障局 编辑:瑶海区人力资源和社会保障局",
         [("发布时间", "2014-01-29"), ("信息来源", "瑶海区人力资源和社会保障局"), ("编辑", "瑶海区人力资源和社会保障局")]),
        ("一、总体情况", []),
        ("我局 全年 公开信息", []),
    ],
)
def test_metadata_rows_of_every_shape(line, pairs):
    assert metadata_pairs(line) == pairs


def test_metadata_rows_feed_the_metadata_and_leave_the_text():
    lines = ["• 索 引 号:QZ10121-2500-2015-00001", "    • 发布机构:审计局", "2026", "01/21", "13:11", "QA4425051-2018-001",
             "2018.01.25", "核心提示:本年度报告由某某局编制。", "永春县审计局2014年政府信息公开工作年度报告",
             "根据《中华人民共和国政府信息公开条例》有关规定，现将我局2014年政府信息公开工作报告如下。"]
    metadata, rest = extract_metadata_block(lines)
    assert (metadata.index_no, metadata.publishers) == ("QZ10121-2500-2015-00001", ["审计局"])
    assert rest == lines[-2:]


@pytest.mark.parametrize(
    ("title", "clean"),
    [
        ("首页 >> 政务公开 >> 政府信息公开年报 >> 金华市农业局2017年政府信息公开工作年度报告", "金华市农业局2017年政府信息公开工作年度报告"),
        ("标 题:天水市民政局2019年政府信息公开工作年度报告", "天水市民政局2019年政府信息公开工作年度报告"),
        ("名称 宿迁市应急管理局2020年政府信息公开工作年度报告", "宿迁市应急管理局2020年政府信息公开工作年度报告"),
        ("113307000025920705/2018-04367金华市农业局2017年政府信息公开工作年度报告", "金华市农业局2017年政府信息公开工作年度报告"),
        ("2019-2020年度政府信息公开工作报告", "2019-2020年度政府信息公开工作报告"),
        (None, None),
    ],
)
def test_clean_titles(title, clean):
    assert clean_title(title) == clean


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。", 2019),
        ("本报告中所列数据的统计期限自2015-1-1起至2015-12-31止。", 2015),
        ("统计期限自20231月1日起至202312月31日止", 2023),
        ("统计时限自201511日起至20151231日止", 2015),
        ("统计期限自2008年5月1日起至2009年12月31日止", None),
        ("全年公开信息58条。", None),
    ],
)
def test_year_from_the_statistics_period(text, year):
    assert year_from_period(text) == year


def test_a_page_header_of_the_next_year_loses_to_the_period(tmp_path):
    page = tmp_path / "report.txt"
    page.write_text(
        "应急管理部2020年政府信息公开工作报告\n按照条例要求，我部编制了2019年政府信息公开工作报告，现予公布。\n"
        "报告所列数据的统计期限为2019年1月1日至2019年12月31日。\n一、总体情况\n2019年，应急管理部扩大主动公开范围。2019年全年发布信息。\n",
        encoding="utf-8",
    )
    assert load_report(page).year == 2019


def test_chrome_of_a_copied_page_leaves_the_text_and_the_title_comes_out_clean(tmp_path):
    page = tmp_path / "copied.txt"
    page.write_text(
        "\n".join([
            "选择搜索类型", "请输入搜索", "登录 | 注册", "政府信息公开", "2019年开阳县民政局政府信息公开工作年度报告",
            "• 索引号:000014349/2020-00021", "• 发布机构:开阳县人民政府", "点击收听本文", "相关解读",
            "根据《条例》规定，现公布开阳县民政局2019年政府信息公开工作年度报告。",
            "一、总体情况", "2019年，我局全年主动公开政府信息120条。", "二、主动公开政府信息情况", "规章 | 0 | 0 | 0",
            "附件1.jpg", "相关文件",
        ]),
        encoding="utf-8",
    )
    report = load_report(page)
    text = "\n".join(section.heading + "\n" + section.text for section in report.sections)
    assert report.title == "2019年开阳县民政局政府信息公开工作年度报告"
    assert (report.agency, report.level, report.agency_kind) == ("开阳县民政局", "county", "民政")
    assert report.region == {"province": "贵州省", "city": "贵阳市", "county": "开阳县", "township": None, "code": "520121"}
    for chrome in ("选择搜索类型", "请输入搜索", "登录", "索引号", "发布机构", "点击收听", "相关解读", "附件1.jpg", "相关文件"):
        assert chrome not in text
    assert "2019年，我局全年主动公开政府信息120条。" in text and "规章 | 0 | 0 | 0" in text


def test_an_html_page_with_navigation_glued_to_the_name_and_a_breadcrumb_title(tmp_path):
    page = tmp_path / "report.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>首页 >> 政务公开 >> 政府信息公开年报 >> 延安市教育局2019年政府信息公开工作年度报告</title></head>"
        "<body><div class='nav'><span>首页</span><span>政务公开</span><span>办事服务</span></div>"
        "<div class='article-content'><p>办事服务延安市教育局2019年政府信息公开工作年度报告</p>"
        "<p>根据《中华人民共和国政府信息公开条例》，现公布延安市教育局2019年政府信息公开工作年度报告。</p>"
        "<p>一、总体情况</p><p>2019年，我局全年主动公开政府信息356条，推进教育领域信息公开。</p>"
        "<p>二、主动公开政府信息情况</p><p>我局通过门户网站公开信息。</p></div></body></html>",
        encoding="utf-8",
    )
    report = load_report(page)
    assert (report.agency, report.level, report.agency_kind) == ("延安市教育局", "city", "教育")
    assert report.region["province"] == "陕西省" and report.region["city"] == "延安市"
    assert report.title == "延安市教育局2019年政府信息公开工作年度报告"


def test_a_bulleted_list_item_of_the_report_is_no_metadata():
    assert metadata_pairs("• 主动公开：全年公开信息58条，其中政策文件12条") == []
