"""Line cleaning: characters, chrome lines, metadata lines, tables in text, dates."""

from __future__ import annotations

import pytest

from indexer.matching import plain_form
from indexer.metadata import extract_metadata_block, extract_title, metadata_pairs, parse_date, year_from_body, year_from_title
from indexer.text_clean import is_chrome_line, normalize_characters, normalize_tables, repair_mojibake, strip_chrome, tidy_words


@pytest.mark.parametrize(
    "line",
    [
        "首页 > 政务公开 > 政府信息公开年报",
        "当前位置：首页 > 信息公开",
        "来源: 县民政局 发布时间: 2020-03-31 11:45",
        "发布时间：2019-03-29 访问量：356",
        "【字体：大 中 小】",
        "字体:[大 中 小]",
        "【打印本页】 【关闭窗口】",
        "打印 关闭",
        "分享到：微信 微博 QQ空间",
        "微博",
        "版权所有:榕江县人民政府 黔ICP备16003252号 网站标识码:5226320001 贵公网安备 52263202522634号",
        "甘公网安备 62050202000103号",
        "主办：镕川县人民政府办公室　承办：镕川县信息中心",
        "承办:榕江县人民政府办公室 技术支持:贵州博虹科技有限公司",
        "推荐使用1920*1080分辨率,谷歌、火狐、360极速、IE9+以上浏览器访问本站",
        "建议使用1366*768分辨率　IE9以上浏览器浏览本站",
        "[bookmark: _GoBack]",
        "— 3 —",
        "- 12 -",
        "上一篇：关于2018年的报告",
        "版權所有：某某縣人民政府",
        "扫一扫在手机打开当前页",
        "[ 返回列表 ] [ 返回顶部 ]",
        "网站地图 | 联系我们 | 法律声明 | 隐私保护",
        "网站主办：某某市人民政府办公室",
        "责任编辑：张三 审核：李四",
        "地址：某某路1号 邮编：550000 电话：0851-1234567",
        "您是第12345位访客",
        "版权所有：某某市人民政府 建议使用IE9以上浏览器访问本站。",
    ],
)
def test_chrome_lines(line):
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "建议提案办理公开情况:2024年主办市人大代表建议提案回复4件,政协委员提案回复4件。",
        "2019年,我局未收到政府信息公开申请。",
        "一、总体情况",
        "0",
        "|||",
        "榕江县民政局",
        "2020年3月31日",
        "（二）加强平台建设。对县政府门户网站信息公开专栏进行了改版，新增政策解读、回应关切等栏目。",
        "规章 | 0 | 0 | 0 | |",
        "无。",
        "受理机构：县政府办公室，地址：某某路1号，电话：0851-1234567。",
        "打印机、复印机等设备采购情况",
        "大中小学校信息公开工作",
    ],
)
def test_body_lines_are_not_chrome(line):
    assert not is_chrome_line(line)


def test_a_footer_block_near_the_end_is_dropped_with_its_short_lines():
    lines = ["正文第一段。" * 10, "正文第二段。" * 10, "版权所有：某某市人民政府", "地址：某某路1号", "电话：0000-1234567"]
    assert strip_chrome(lines) == lines[:2]


def test_a_footer_marker_followed_by_body_only_drops_its_own_line():
    lines = ["正文。" * 30, "版权所有：某某市人民政府", "正文还在继续，这一段很长。" * 10]
    assert strip_chrome(lines) == [lines[0], lines[2]]


def test_invisible_and_private_use_characters_are_removed():
    assert normalize_characters("政\x00府\ue000信\ue001息\u200b公\ufeff开\r\n\x07第二行\r第三页\x0c第四页") == "政府信息公开\n第二行\n第三页\n第四页"


def test_pinyin_glosses_and_stray_spaces_inside_words():
    assert tidy_words("年度報(bào)告和報（bao4）告") == "年度報告和報告"
    assert tidy_words("推进信 息 公 开工作") == "推进信息公开工作"
    assert tidy_words("一 概 述") == "一 概述"
    assert tidy_words("商业 企业 | 科研 机构") == "商业 企业 | 科研 机构"
    assert tidy_words("see (a) note") == "see (a) note"
    assert tidy_words("一 概 述\n推进信 息 公 开") == "一 概述\n推进信息公开"


def test_mojibake_lines_are_repaired():
    original = "政府信息公开工作年度报告"
    gbk_mojibake = original.encode("utf-8").decode("gb18030", "replace")
    latin_mojibake = original.encode("utf-8").decode("latin-1")
    assert repair_mojibake([original, gbk_mojibake, latin_mojibake, "plain"]) == [original, original, original, "plain"]


def test_tab_indented_one_cell_per_line_tables_become_rows():
    lines = ["\t第二十条第（一）项", "", "\t信息内容", "\t本年新", "制作数量", "\t对外公开总数量", "", "\t规章", "\t\u3000\u3000", "\t\xa01", "", "", "三、下一节"]
    normalized = normalize_tables(lines)
    assert normalized.lines == ["第二十条第（一）项", "信息内容 | 本年新制作数量 | 对外公开总数量", "规章 |  | 1", "三、下一节"]
    [found] = normalized.tables
    assert found.table.rows == [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "对外公开总数量"], ["规章", "", "1"]]
    assert found.table.shape == "cell_lines" and found.lines == normalized.lines[:3]


def test_tab_indented_paragraphs_are_not_tables():
    lines = ["\t第一段很长的正文，写了很多内容。", "", "\t第二段也是正文。", "", "下一行"]
    normalized = normalize_tables(lines)
    assert normalized.lines == ["第一段很长的正文，写了很多内容。", "第二段也是正文。", "下一行"]
    assert normalized.tables == []


def test_cells_ending_in_a_pipe_with_filler_rows_become_rows():
    lines = ["信息内容|", "数量|", "|||", "规章|", "0|", "|||", "正文"]
    normalized = normalize_tables(lines)
    assert normalized.lines == ["信息内容 | 数量", "规章 | 0", "正文"]
    assert [found.table.rows for found in normalized.tables] == [[["信息内容", "数量"], ["规章", "0"]]]


def test_pipe_rows_pass_through():
    assert normalize_tables(["规章 | 0 | 0 | 0 | |"]).lines == ["规章 | 0 | 0 | 0 | |"]


@pytest.mark.parametrize(
    ("line", "pairs"),
    [
        ("- 索引号: 20230611-112657-320", [("索引号", "20230611-112657-320")]),
        ("- 成文日期:", [("成文日期", "")]),
        ("索引号：000014349/2018-00021 发布机构：某某县人民政府", [("索引号", "000014349/2018-00021"), ("发布机构", "某某县人民政府")]),
        ("索引号： | 000014349/2018-00021 | 发布机构： | 某某县人民政府", [("索引号", "000014349/2018-00021"), ("发布机构", "某某县人民政府")]),
        ("發布機構：某某縣衛生局", [("发布机构", "某某縣衛生局")]),
        ("- 原文链接: http://www.example.gov.cn/a.html", [("原文链接", "http://www.example.gov.cn/a.html")]),
        ("一、本年新收政府信息公开申请数量 | 0 |", []),
        ("索引号： | 115300/2020-01 | 分类： | 年度报告", [("索引号", "115300/2020-01"), ("分类", "年度报告")]),
        ("信息内容： | 规章 | 本年制发件数： | 0", []),
        ("来源于群众的意见很多，我们认真研究。", []),
    ],
)
def test_metadata_pairs(line, pairs):
    assert metadata_pairs(line) == pairs


def test_metadata_block_with_values_on_the_next_line():
    lines = ["首页 > 信息公开", "• 索引号", "ABC/2019-1", "• 发布机构", "某某县教育局", "• 发布日期", "2019-01-28", "标题", "正文开始了，这是一段足够长的正文内容，用来结束头部区域的判断，并且它带有标点符号。这是第二句话，也很长很长。"]
    metadata, rest = extract_metadata_block(lines)
    assert (metadata.index_no, metadata.publishers, metadata.published) == ("ABC/2019-1", ["某某县教育局"], "2019-01-28")
    assert rest == ["首页 > 信息公开", lines[-1]]



@pytest.mark.parametrize("wrapped", [0, 1], ids=["heading-first", "short-lines-only"])
def test_key_like_body_lines_of_a_hard_wrapped_report_stay_in_the_body(wrapped):
    short_body = [f"第{n}行正文较短" for n in range(70)] if wrapped else ["一、总体情况"]
    lines = ["某某县民政局2019年政府信息公开工作年度报告", *short_body, "来源", "本局", "链接：http://mzj.example.gov.cn/a.html"]
    metadata, rest = extract_metadata_block(lines)
    assert rest == lines
    assert (metadata.publishers, metadata.source_url) == ([], None)

def test_split_title_is_joined_and_removed():
    lines = ["某某县教育局2018年政府信息", "公开工作年度报告", "", "正文。"]
    assert extract_title(lines, None) == ("某某县教育局2018年政府信息公开工作年度报告", ["", "正文。"])


def test_a_sentence_announcing_the_report_is_no_title():
    lines = ["现将我局2019年政府信息公开工作年度报告公布如下：", "一、总体情况"]
    assert extract_title(lines, None) == (None, lines)


def test_known_title_repeated_over_two_lines_is_removed():
    lines = ["某某县教育局2018年政府信息", "公开工作年度报告", "正文。"]
    assert extract_title(lines, "某某县教育局2018年政府信息公开工作年度报告")[1] == ["正文。"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2020-08-14", "2020-08-14"),
        ("发布时间: 2020-03-31 11:45", "2020-03-31"),
        ("2020年3月31日", "2020-03-31"),
        ("2020年03月31日", "2020-03-31"),
        ("2019-01 28", "2019-01-28"),
        ("2020年3 31日", "2020-03-31"),
        ("2020年331日", "2020-03-31"),
        ("2020/1/5", "2020-01-05"),
        ("二〇二〇年三月三十一日", "2020-03-31"),
        ("二○一九年十二月五日", "2019-12-05"),
        ("２０２２年３月５日", "2022-03-05"),
        ("2020年13月45日", None),
        ("2019年政府信息公开", None),
        ("", None),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


def test_year_from_title_prefers_the_year_covered():
    assert year_from_title("某某县2019年度政府信息公开工作年度报告") == 2019
    assert year_from_title("关于印发某某县2019年政府信息公开工作年度报告的通知") == 2019
    assert year_from_title("政府信息公开工作年度报告") is None
    assert year_from_title("某某县二〇一九年政府信息公开工作年度报告") == 2019


def test_year_from_body_ignores_document_numbers_and_future_years():
    body = "按照某某文件（武政办发〔2018〕41号）要求，2017年我局…2017年全年…2018年工作打算。"
    assert year_from_body(body, "2018-03-01") == 2017
    assert year_from_body("没有年份", "2020-01-20") == 2019
    assert year_from_body(plain_form("２０２１年，我局……２０２１年"), "2022-03-05") == 2021
    assert year_from_body("没有年份", None) is None
