"""HTML cleaning: content container, chrome, tables, and page metadata."""

from __future__ import annotations

import time

import pytest

from indexer.config import DEFAULTS
from indexer.html_clean import clean_html

PARAGRAPH = "2019年，我局全面推进政务公开工作，全年公开政府信息58条，群众满意度明显提升，各项工作取得新进展。"
BODY = f"<p>一、总体情况</p><p>{PARAGRAPH}</p>"


def test_known_container_wins_over_a_denser_block():
    page = clean_html(f"<body><div class='sidebar'>{'链接文字很多。' * 50}</div><div class='TRS_Editor'>{BODY}</div></body>")
    assert page.lines == ["一、总体情况", PARAGRAPH]
    assert page.warnings == []


def test_density_finds_the_content_when_no_container_is_known():
    nav = "".join(f"<li><a href='/{index}'>栏目{index}</a></li>" for index in range(40))
    page = clean_html(f"<body><ul>{nav}</ul><div><div>{BODY * 3}</div></div><div>版权所有</div></body>")
    assert page.lines[:2] == ["一、总体情况", PARAGRAPH]
    assert "版权所有" not in page.lines and "栏目1" not in page.lines
    assert "text density" in page.warnings[0]


def test_scripts_styles_hidden_elements_and_widgets_inside_the_container_are_dropped():
    html = (
        "<div id='zoom'><script>document.write('x')</script><style>p{}</style>" + BODY
        + "<p style='display: none'>隐藏</p><div class='bdshare'>分享到</div><!-- 注释 --><p>尾段。</p></div>"
    )
    assert clean_html(html).lines == ["一、总体情况", PARAGRAPH, "尾段。"]


def test_line_breaks_inside_chinese_text_are_not_spaces():
    page = clean_html(f"<div id='zoom'>开头<p>政府信息\n   公开工作<br>第二行 English\n words</p><pre>表格\n  第二行</pre>{BODY}</div>")
    assert page.lines[:5] == ["开头", "政府信息公开工作", "第二行 English words", "表格", "第二行"]


def test_rowspan_repeats_and_colspan_pads():
    html = (
        "<div id='zoom'><table><tr><td rowspan='2'>三、本年度办理结果</td><td colspan='2'>（一）予以公开</td><td>2</td></tr>"
        "<tr><td>（二）部分公开</td><td>区分处理</td><td>0</td></tr></table></div>"
    )
    assert clean_html(html).lines == ["三、本年度办理结果 | （一）予以公开 | | 2", "三、本年度办理结果 | （二）部分公开 | 区分处理 | 0"]


def test_word_tables_with_paragraphs_in_cells_are_data_tables():
    html = "<div id='zoom'><table><tr><td><p>本年新</p><p>制作数量</p></td><td><p>对外公开总数量</p></td></tr><tr><td>1</td><td>|3</td></tr></table></div>"
    assert clean_html(html).lines == ["本年新制作数量 | 对外公开总数量", "1 | ｜3"]


def test_layout_tables_are_read_as_blocks():
    long_cell = "我局全面推进政务公开，" * 30
    html = f"<div id='zoom'><table><tr><td><p>一、总体情况</p><p>{long_cell}</p></td><td>侧栏</td></tr></table><table><tr><td>只有一列</td></tr></table></div>"
    assert clean_html(html).lines == ["一、总体情况", long_cell, "侧栏", "只有一列"]


def test_spans_that_would_explode_a_table_are_ignored_quickly():
    row = "<tr>" + "<td colspan='100' rowspan='100'>x</td>" * 20 + "</tr>"
    html = f"<div id='zoom'><table>{row * 300}</table></div>"
    start = time.perf_counter()
    lines = clean_html(html, DEFAULTS).lines
    assert time.perf_counter() - start < 2
    assert lines[0] == " | ".join(["x"] * 20) and len(lines) == 300


def test_page_metadata_comes_from_head_and_outside_lines():
    html = (
        "<html><head><title>某县民政局2019年政府信息公开工作年度报告_某县人民政府</title>"
        "<meta name='PubDate' content='2020-01-20 09:00'><meta name='ContentSource' content='某县民政局'>"
        "<link rel='canonical' href='http://example.gov.cn/a.html'></head><body>"
        "<table><tr><td>索引号：</td><td>ABC-1</td></tr></table><h1>某县民政局2019年政府信息公开工作年度报告</h1>"
        f"<div id='zoom'>{BODY}</div></body></html>"
    )
    page = clean_html(html)
    assert (page.source_url, page.published, page.source) == ("http://example.gov.cn/a.html", "2020-01-20 09:00", "某县民政局")
    assert page.title_candidates[0] == "某县民政局2019年政府信息公开工作年度报告"
    assert page.title_candidates[-1] == "某县民政局2019年政府信息公开工作年度报告_某县人民政府"
    assert "索引号： | ABC-1" in page.outside_lines


@pytest.mark.parametrize("html", ["", "   ", "<!-- only a comment -->"])
def test_pages_without_elements_are_value_errors(html):
    with pytest.raises(ValueError):
        clean_html(html)


def test_xml_declaration_with_encoding_is_accepted():
    assert clean_html(f"<?xml version='1.0' encoding='gb2312'?><html><body><div id='zoom'>{BODY}</div></body></html>").lines[0] == "一、总体情况"


def test_a_bold_lead_in_gets_its_own_line():
    html = f"<div id='zoom'><p><strong>一、加强组织领导</strong>我局成立了领导小组，{PARAGRAPH}</p><p><b>只有粗体</b></p></div>"
    assert clean_html(html).lines == ["一、加强组织领导", f"我局成立了领导小组，{PARAGRAPH}", "只有粗体"]


def test_a_bold_lead_in_after_a_line_break_gets_its_own_line_too():
    html = f"<div id='zoom'>{PARAGRAPH}<br><b>二、主动公开</b>全年公开信息58条。<br>正文<b>加粗</b>继续。</div>"
    assert clean_html(html).lines == [PARAGRAPH, "二、主动公开", "全年公开信息58条。", "正文加粗继续。"]
