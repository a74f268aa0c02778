"""Top-level headings: every variant found, table rows and sub-headings never, types right."""

from __future__ import annotations

import pytest

from indexer.sections import section_type, split_sections


def _split(text: str) -> list[tuple[str, str]]:
    return [(section.type, section.heading) for section in split_sections(text.split("\n"))]


@pytest.mark.parametrize(
    ("heading", "type_name"),
    [
        ("一、总体情况", "overview"),
        ("一、概述", "overview"),
        ("一、基本情况", "overview"),
        ("一、總體情況", "overview"),
        ("二、主动公开政府信息情况", "proactive"),
        ("二、主動公開政府信息情況", "proactive"),
        ("三、收到和处理政府信息公开申请情况", "requests"),
        ("三、依申请公开政府信息和不予公开政府信息情况", "requests"),
        ("三、政府信息依申请公开的情况", "requests"),
        ("三、依申请公开及收费减免情况", "requests"),
        ("二、规范依申请公开工作", "other"),
        ("一、强化组织领导，健全工作机制", "other"),
        ("二、进一步加强主动公开", "other"),
        ("四、政府信息公开的收费及减免情况", "fees"),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "review_litigation"),
        ("四、政府信息公开行政复议、行政诉讼情况", "review_litigation"),
        ("四、复议诉讼及申诉情况", "review_litigation"),
        ("五、存在的主要问题及改进情况", "problems"),
        ("六、政府信息公开工作存在的主要问题及改进措施", "problems"),
        ("五、存在的问题和下步打算", "problems"),
        ("五、下一步工作打算", "problems"),
        ("六、其他需要报告的事项", "other_matters"),
        ("一、以政务公开助力组织建设", "other"),
        ("三、增强政务公开实效", "other"),
    ],
)
def test_section_types(heading, type_name):
    assert section_type(heading) == type_name


def test_heading_variants_are_all_top_level():
    text = "\n".join(["前言。", "—、概述", "甲。", "二 、主动公开情况", "乙。", "三、 依申请公开情况", "丙。", "四 收费及减免情况", "丁。", "五、其他需要报告的事项", "戊。"])
    assert _split(text) == [
        ("preamble", ""), ("overview", "—、概述"), ("proactive", "二 、主动公开情况"), ("requests", "三、 依申请公开情况"),
        ("fees", "四 收费及减免情况"), ("other_matters", "五、其他需要报告的事项"),
    ]


def test_run_in_headings_are_cut_after_the_known_name():
    sections = split_sections(["一、总体情况2019年，我局全面推进政务公开。", "二、主动公开政府信息情况。全年公开信息58条。"])
    assert [(s.heading, s.text) for s in sections] == [
        ("一、总体情况", "2019年，我局全面推进政务公开。"),
        ("二、主动公开政府信息情况。", "全年公开信息58条。"),
    ]


def test_table_rows_and_sub_headings_are_never_headings():
    lines = [
        "一、总体情况", "（一）主动公开", "(二)依申请公开", "1.加强领导", "（1）健全制度", "一是加强领导。",
        "二、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量 | 2 | 0 |",
        "二、上年结转政府信息公开申请数量", "0",
        "三、本年度办理结果",
        "四、结转下年度继续办理", "0",
        "三、政府信息公开行政复议、行政诉讼情况", "无。",
    ]
    assert _split("\n".join(lines)) == [
        ("overview", "一、总体情况"), ("requests", "二、收到和处理政府信息公开申请情况"), ("review_litigation", "三、政府信息公开行政复议、行政诉讼情况"),
    ]


def test_numbering_out_of_sequence_is_not_a_heading():
    lines = ["一、总体情况", "正文。", "五、这一行编号跳得太远", "二、主动公开政府信息情况", "六、存在的主要问题及改进情况", "一、又从一开始的条目", "三、其他需要报告的事项"]
    assert [heading for _, heading in _split("\n".join(lines))] == ["一、总体情况", "二、主动公开政府信息情况", "三、其他需要报告的事项"]


def test_unnumbered_headings_when_nothing_is_numbered():
    lines = ["前言。", "总体情况", "正文。", "主动公开政府信息情况", "正文。", "总体情况良好，这是一句正文。", "其他需要报告的事项", "无。"]
    assert _split("\n".join(lines)) == [("preamble", ""), ("overview", "总体情况"), ("proactive", "主动公开政府信息情况"), ("other_matters", "其他需要报告的事项")]


def test_unnumbered_candidates_are_ignored_when_headings_are_numbered():
    lines = ["一、总体情况", "主动公开政府信息情况", "正文。", "二、存在的问题和下步打算", "存在的问题", "正文。"]
    assert [heading for _, heading in _split("\n".join(lines))] == ["一、总体情况", "二、存在的问题和下步打算"]


def test_text_without_headings_is_one_preamble_and_empty_text_no_section():
    assert _split("只有一段正文。") == [("preamble", "")]
    assert split_sections(["", "  "]) == []


def test_part_numbering_outranks_the_numbered_items_inside_parts():
    lines = ["第一部分 总体情况", "一、加强领导", "二、完善制度", "第二部分 主动公开政府信息情况", "一、公开数量", "第三部分 其他需要报告的事项", "无。"]
    assert _split("\n".join(lines)) == [
        ("overview", "第一部分 总体情况"), ("proactive", "第二部分 主动公开政府信息情况"), ("other_matters", "第三部分 其他需要报告的事项"),
    ]


def test_bracketed_parts_are_headings_only_when_nothing_else_is_and_they_name_sections():
    lines = ["现将情况报告如下。", "（一）主动公开政府信息情况", "全年公开信息58条。", "（二）依申请公开情况", "无。", "（三）加强组织领导", "（四）存在的问题和下步打算", "人手不足。"]
    assert _split("\n".join(lines)) == [
        ("preamble", ""), ("proactive", "（一）主动公开政府信息情况"), ("requests", "（二）依申请公开情况"), ("problems", "（四）存在的问题和下步打算"),
    ]


def test_themed_headings_between_paragraphs_in_a_report_with_unnumbered_headings():
    paragraph = "全年通过政府网站发布信息538条，及时回应社会关切，群众满意度进一步提高。"
    lines = ["前言。", "总体情况", paragraph, "强化组织领导，健全工作机制", paragraph, "规范依申请公开工作", paragraph,
             "主动公开政府信息情况", paragraph, "某某县民政局", "2020年1月20日"]
    assert _split("\n".join(lines)) == [
        ("preamble", ""), ("overview", "总体情况"), ("other", "强化组织领导，健全工作机制"), ("other", "规范依申请公开工作"),
        ("proactive", "主动公开政府信息情况"),
    ]


def test_a_stray_number_or_a_list_inside_a_part_does_not_break_the_sequence():
    lines = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "一、加强领导", "二、完善制度",
             "三、健全机制", "四、强化培训", "五、狠抓落实", "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
             "六、其他需要报告的事项"]
    assert [heading for _, heading in _split("\n".join(lines))] == [lines[0], lines[1], lines[2], *lines[8:]]


def test_themed_two_phrase_headings_are_numbered_headings():
    lines = ["一、强化组织领导，健全工作机制", "正文。", "二、突出公开重点，回应社会关切", "正文。", "三、2019年，我局主动公开信息58条，涉及低保。"]
    assert _split("\n".join(lines)) == [("other", "一、强化组织领导，健全工作机制"), ("other", "二、突出公开重点，回应社会关切")]


@pytest.mark.parametrize("odd_number", ["一一、问题与改进", "第一二部分 其他事项", "（九九）存在的问题"])
def test_a_number_that_is_no_numeral_is_not_a_heading_and_does_not_break_the_split(odd_number: str):
    lines = ["一、总体情况", "正文。", odd_number, "正文。", "二、主动公开政府信息情况", "正文。"]
    assert _split("\n".join(lines)) == [("overview", "一、总体情况"), ("proactive", "二、主动公开政府信息情况")]


@pytest.mark.parametrize(
    ("heading", "type_name"),
    [
        ("二、主动公开及依申请公开情况", "proactive"),
        ("三、依申请信息公开收费情况", "fees"),
        ("五、举报投诉处理情况", "other"),
        ("二、政府信息主动公开情况", "proactive"),
    ],
)
def test_types_of_headings_naming_two_parts(heading, type_name):
    assert section_type(heading) == type_name


def test_headings_of_a_page_flattened_into_one_line():
    paragraph = "本年度报告根据条例编制，全文包括概述、主动公开情况等部分，本报告中所列数据的统计期限自2009年1月1日起至2009年12月31日止。" * 2
    line = f"{paragraph} 一、概述 (一)加强组织领导。我局成立了领导小组。{paragraph} 二、政府信息主动公开情况 根据条例要求，我局公开信息。"
    assert [(s.type, s.heading) for s in split_sections([line])] == [
        ("preamble", ""), ("overview", "一、概述"), ("proactive", "二、政府信息主动公开情况"),
    ]


def test_a_list_numbered_inside_a_part_is_not_top_level():
    lines = ["一、总体情况", "一、加强组织领导。确定专人负责。", "二、确保信息公开安全性。严格审查。", "三、主动公开政府信息情况。全年公开。",
             "二、主动公开政府信息情况", "正文。", "三、收到和处理政府信息公开申请情况", "正文。"]
    assert [s.heading for s in split_sections(lines) if s.heading] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]


def test_an_introduction_before_the_numbered_headings():
    lines = ["引 言", "本报告根据条例编制。", "一、概述", "正文。", "二、主动公开政府信息情况", "正文。"]
    assert [(s.type, s.heading) for s in split_sections(lines)] == [("other", "引 言"), ("overview", "一、概述"), ("proactive", "二、主动公开政府信息情况")]
    assert split_sections(["引言本报告根据条例编制。", "一、概述", "正文。", "二、主动公开情况", "正文。"])[0].heading == "引言"
    assert [s.heading for s in split_sections(["前言。", "一、概述", "正文。", "二、主动公开情况", "正文。"])] == ["", "一、概述", "二、主动公开情况"]


def test_a_report_cut_short_after_its_first_part():
    assert [(s.type, s.heading) for s in split_sections(["本报告根据条例编制。", "概述", "我局全年公开信息。"])] == [("preamble", ""), ("overview", "概述")]


def test_two_bracketed_parts_are_sub_headings():
    lines = ["本报告由某乡人民政府编制。", "（一）主动公开情况", "全年公开。", "（二）依申请公开情况", "未收到申请。"]
    assert [s.type for s in split_sections(lines)] == ["preamble"]
