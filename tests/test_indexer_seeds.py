"""The five real seed reports: metadata, section types, and that no body line is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import load_report
from indexer.matching import matching_form
from report_files import lines_as_html

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

EXPECTED = {
    "000": ("天水市民政局2019年政府信息公开工作年度报告", "天水市民政局", 2019, "2020-08-14",
            ["preamble", "overview", "proactive", "requests", "review_litigation", "problems"]),
    "001": ("榕江县民政局2019年政府信息公开工作年度报告", "榕江县民政局", 2019, "2020-03-31",
            ["preamble", "overview", "proactive", "requests", "review_litigation", "problems"]),
    "002": (None, "通城县民政局", 2024, None,
            ["preamble", "overview", "proactive", "requests", "review_litigation", "problems", "other_matters"]),
    "003": ("津南区民政局2020年政府信息公开工作总结", "津南区民政局", 2020, None,
            ["overview", "proactive", "requests", "review_litigation", "problems"]),
    "004": (None, "武定县民政局", 2018, None, ["preamble", "other", "other", "other"]),
}

# Lines of each seed that are not report body: metadata block, title, page chrome.
NOT_BODY = {
    "000": ["- 索引号: 20230611-112657-320", "- 组配分类: 市政府部门机构信息公开工作年度报告汇总", "- 发文机关: 天水市人民政府",
            "- 成文日期:", "- 发文字号:", "- 发布时间: 2020-08-14", "- 标题: 天水市民政局2019年政府信息公开工作年度报告",
            "天水市民政局2019年政府信息公开工作年度报告", "甘公网安备 62050202000103号"],
    "001": ["榕江县民政局2019年政府信息公开工作年度报告", "来源: 县民政局 发布时间: 2020-03-31 11:45", "微博", "微信",
            "版权所有:榕江县人民政府 黔ICP备16003252号 网站标识码:5226320001 贵公网安备 52263202522634号",
            "地址:榕江县古州北路29号 联系电话:0855—6622836 主办:榕江县人民政府",
            "承办:榕江县人民政府办公室 技术支持:贵州博虹科技有限公司",
            "推荐使用1920*1080分辨率,谷歌、火狐、360极速、IE9+以上浏览器访问本站"],
    "002": [],
    "003": ["津南区民政局2020年政府信息公开工作总结", "[bookmark: _GoBack]"],
    "004": [],
}


def _seed(prefix: str) -> Path:
    return next(CORPUS.glob(f"{prefix}_*.txt"))


def _comparable(text: str) -> str:
    return matching_form(text).replace("|", "")


@pytest.fixture(scope="module")
def reports():
    return {prefix: load_report(_seed(prefix)) for prefix in EXPECTED}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata_and_section_types(reports, prefix):
    title, agency, year, published, types = EXPECTED[prefix]
    report = reports[prefix]
    assert (report.title, report.agency, report.year, report.published) == (title, agency, year, published)
    assert [section.type for section in report.sections] == types
    assert report.warnings == []


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_body_line_of_a_seed_survives(reports, prefix):
    report = reports[prefix]
    output = _comparable("".join(section.heading + section.text for section in report.sections))
    not_body = {_comparable(line) for line in NOT_BODY[prefix]}
    lines = _seed(prefix).read_text(encoding="utf-8").splitlines()
    missing = [line for line in lines if _comparable(line) and _comparable(line) not in not_body and _comparable(line) not in output]
    assert missing == []


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_no_chrome_or_metadata_line_is_left_in_a_seed(reports, prefix):
    section_lines = {_comparable(line) for section in reports[prefix].sections for line in section.text.split("\n")}
    assert not section_lines & {_comparable(line) for line in NOT_BODY[prefix]}


def test_seed_000_index_number_and_tables_are_kept(reports):
    report = reports["000"]
    assert report.index_no == "20230611-112657-320"
    requests = next(section for section in report.sections if section.type == "requests")
    assert "四、结转下年度继续办理 | 0 | ||||||||" in requests.text.split("\n")


def test_seed_003_one_cell_per_line_tables_become_rows(reports):
    proactive = next(section for section in reports["003"].sections if section.type == "proactive")
    rows = proactive.text.split("\n")
    assert "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量" in rows
    assert "规范性文件 | 1 | 1 | 1" in rows
    requests = next(section for section in reports["003"].sections if section.type == "requests")
    assert any(row.startswith("四、结转下年度继续办理 | 0") for row in requests.text.split("\n"))


def test_seed_headings_keep_their_original_text(reports):
    assert [section.heading for section in reports["001"].sections] == [
        "", "一、概述", "二、主动公开政府信息情况", "三、政府信息依申请公开的情况", "四、行政复议、提起诉讼情况", "五、存在的问题和下步打算",
    ]
    assert reports["004"].sections[1].heading == "一、以政务公开助力组织建设"


PAGE = """<html><head><meta charset="gb2312"><title>{title}_某某市人民政府</title><script>var a = "版权所有";</script></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; 信息公开</div>
<div class="info">发布时间：2020-03-28 浏览次数：12 【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor">{body}</div>
<div class="share">分享到：<a>微信</a> <a>微博</a></div><div><a>【打印本页】</a> <a>【关闭窗口】</a></div>
<div class="footer">版权所有：某某市人民政府 网站标识码：4416220001 粤ICP备05012345号</div></body></html>"""


def _as_page(text: str) -> str:
    """The seed's lines as paragraphs, its ` | ` rows as an HTML table, inside a GBK CMS page."""
    parts = lines_as_html(text.splitlines(), lambda line: line.split("|") if " | " in line else None)
    return PAGE.format(title="政府信息公开工作年度报告", body="\n".join(parts))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_as_a_gbk_cms_page_parses_the_same_and_keeps_every_body_line(tmp_path, reports, prefix):
    text = _seed(prefix).read_text(encoding="utf-8")
    page = tmp_path / f"{prefix}.html"
    page.write_bytes(_as_page(text).encode("gbk", errors="ignore"))
    report = load_report(page)
    assert [section.type for section in report.sections] == [section.type for section in reports[prefix].sections]
    assert (report.agency, report.year) == (reports[prefix].agency, reports[prefix].year)
    output = _comparable("".join(section.heading + section.text for section in report.sections))
    not_body = {_comparable(line) for line in NOT_BODY[prefix]}
    missing = [line for line in text.splitlines() if _comparable(line) not in not_body and _comparable(line) not in output]
    assert missing == []
    assert not any(word in output for word in ("版权所有", "icp备", "分享到", "打印本页", "当前位置", "浏览次数"))
