"""The pieces of table reading: cell semantics, placing figures, grids from HTML and aligned text, blocks, checks."""

from __future__ import annotations

import lxml.etree
import pytest

from indexer import load_report
from indexer.html_clean import data_table
from indexer.tables import KnownTables, Paragraph, Table, TableLines, build_blocks, read_report_tables
from indexer.tables.cells import CellError, read_cell
from indexer.tables.checks import Identity
from indexer.tables.grid import Unplaceable, place, table_rows
from indexer.tables.text_shapes import aligned_run_end, aligned_table, pipe_cells
from search.documents import pack_blocks, unpack_blocks


@pytest.mark.parametrize(
    ("text", "kind", "unit", "value"),
    [
        ("12", "count", None, 12), ("１２", "count", None, 12), ("1,234", "count", None, 1234), ("7件", "count", None, 7),
        ("0.00", "count", None, 0), ("2.5", "count", None, 2.5), ("-3", "count", None, -3),
        ("+2", "change", None, 2), ("－18", "change", None, -18), ("−5", "change", None, -5),
        ("", "count", None, None), ("\u3000\xa0", "count", None, None), (None, "count", None, None),
        ("/", "count", None, "NA"), ("-", "count", None, "NA"), ("—", "count", None, "NA"), ("--", "count", None, "NA"),
        ("不适用", "count", None, "NA"),
        ("5.02万元", "amount", None, 5.02), ("251000元", "amount", None, 25.1), ("3802895.90元", "amount", None, 380.28959),
        ("1.5亿元", "amount", None, 15000), ("12.5", "amount", "万元", 12.5), ("106.36萬元", "amount", None, 106.36),
        ("0", "amount", None, 0), ("3000", "amount", "元", 0.3),
    ],
)
def test_cells_read_as_the_template_means_them(text, kind, unit, value):
    assert read_cell(text, kind, unit) == value


@pytest.mark.parametrize(("text", "kind"), [("无", "count"), ("若干", "count"), ("5.02万元", "count"), ("12.5", "amount"), ("—2", "count")])
def test_cells_that_are_no_figure_of_their_kind_are_refused(text, kind):
    with pytest.raises(CellError, match="not|without|where"):
        read_cell(text, kind)


def _row(cells: list[str], shape: str = "pipes", width: int | None = None):
    rows = [cells] + ([["x"] * width] if width else [])
    return table_rows([Table(rows, shape)])[0]


def test_figures_are_placed_only_where_the_text_says_which_column_they_belong_to():
    assert place(_row(["规章", "0", "0", "0", ""]), 3) == ["0", "0", "0"]  # pinned in the last column, padding after
    assert place(_row(["规章", "", "", "1"]), 3) == ["", "", "1"]
    assert place(_row(["一、本年新收", "", "", "2", "", "", "", "", "", "2"]), 7) == ["2", "", "", "", "", "", "2"]  # placeholders before
    assert place(_row(["（三）不予公开", "", "", "", ""]), 3) == ["", "", ""]  # no figure: nothing to misplace
    assert place(_row(["一、本年新收", "2", "", "", "", "", "", ""], "cell_lines", width=3), 7) == ["2", "", "", "", "", "", ""]
    with pytest.raises(Unplaceable, match="1 figure"):
        place(_row(["一、本年新收", "0", "", "", "", "", "", "", ""]), 7)  # merged cell or padding: cannot be told
    with pytest.raises(Unplaceable, match="1 figure"):
        place(_row(["规章", "0", "", ""]), 3)  # ` | ` rows may be padded even when the count fits
    with pytest.raises(Unplaceable):
        place(_row(["一、本年新收", "640020470"]), 7)  # digits run together


def _html_table(markup: str) -> TableLines:
    found = data_table(lxml.etree.fromstring(markup, lxml.etree.HTMLParser()).find(".//table"), 100_000)
    assert found is not None
    return found


def test_html_tables_become_grids_with_spans_and_the_same_lines_as_before():
    found = _html_table(
        "<table><tr><td rowspan='2'>三、本年度办理结果</td><td colspan='2'>（一）予以公开</td><td>1</td></tr>"
        "<tr><td>（二）部分公开</td><td>x</td><td>2</td></tr><tr><td></td><td></td><td></td><td></td></tr></table>"
    )
    assert found.lines == ["三、本年度办理结果 | （一）予以公开 |  | 1", "三、本年度办理结果 | （二）部分公开 | x | 2"]
    assert found.table.rows == [["三、本年度办理结果", "（一）予以公开", None, "1"], [None, "（二）部分公开", "x", "2"]]
    assert found.table.spans == [(0, 0, 2, 1), (0, 1, 1, 2)]
    assert found.table.origin(1, 0) == (0, 0) and found.table.origin(0, 2) == (0, 1)
    rows = table_rows([found.table])
    assert rows[1].labels == ["三、本年度办理结果", "（二）部分公开", "x"]


def test_an_html_figure_spanning_several_template_columns_is_refused():
    found = _html_table("<table><tr><td>一、本年新收政府信息公开申请数量</td><td colspan='7'>0</td></tr></table>")
    with pytest.raises(Unplaceable, match="1 figure"):
        place(table_rows([found.table])[0], 7)


def _aligned(label: str, *cells: str) -> str:
    """A row as `pdftotext -layout` writes it: label in 11 characters, then 7-character columns 3 apart, figures right-aligned."""
    return (label.ljust(11) + "   ".join(cell.rjust(7) for cell in cells)).rstrip()


ALIGNED = [
    "信息内容".ljust(11) + "本年新制作数量   本年新公开数量   对外公开总数量",
    _aligned("规章", "0", "", "0"),
    _aligned("规范性文件", "12", "12", "120"),
]


def test_aligned_columns_are_found_from_figures_and_headers():
    table = aligned_table(ALIGNED)
    assert table is not None and table.shape == "aligned"
    assert table.rows == [["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "0", "", "0"], ["规范性文件", "12", "12", "120"]]
    blank_column = aligned_table([ALIGNED[0], _aligned("规章", "0", "", "0"), _aligned("规范性文件", "12", "", "120")])
    assert blank_column is not None and blank_column.rows[2] == ["规范性文件", "12", "", "120"]


def test_aligned_text_whose_figures_straddle_columns_is_no_table():
    assert aligned_table(ALIGNED + ["行政许可".ljust(11) + "1234567890123456"]) is None


def test_aligned_runs_take_label_lines_and_stop_at_a_heading():
    lines = ["表头   甲   乙", "标签一      1    2", "标签二", "标签三      3    4", "标签四", "五、存在的问题及改进情况", "正文。"]
    assert aligned_run_end(lines, 0) == 5


def test_pipe_cells_end_at_a_closing_bar():
    assert pipe_cells("规章 | 0 | 0 | 0 | |") == ["规章", "0", "0", "0", ""]
    assert pipe_cells("| a | b") == ["", "a", "b"]


def test_blocks_cut_text_into_known_tables_pipe_tables_and_paragraphs():
    known = KnownTables([TableLines(Table([["甲", None], ["1", "2"]], "html", [(0, 0, 1, 2)]), ["甲 |", "1 | 2"])])
    text = "第一段。\n甲 |\n1 | 2\n规章 | 0 | 0\n行政许可 | 3\n0 |\n第二段。"
    blocks = build_blocks(text, known)
    assert [type(block).__name__ for block in blocks] == ["Paragraph", "Table", "Table", "Paragraph"]
    assert blocks[1].shape == "html" and blocks[1].spans == [(0, 0, 1, 2)]
    assert blocks[2].rows == [["规章", "0", "0"], ["行政许可", "3"], ["0"]]
    assert unpack_blocks(text, pack_blocks(blocks)) == blocks
    assert pack_blocks(blocks)[2] == ["pipes", 3]


def test_flattened_rows_are_refused_with_the_reason():
    lines = ["一、本年新收政府信息公开申请数量640020470", "二、上年结转政府信息公开申请数量0000000", "（七）总计640020470",
             "四、结转下年度继续办理0000000", "行政复议行政诉讼", "结果维持结果纠正其他结果尚未审结总计", "000000000000000"]
    tables = read_report_tables([Paragraph(line) for line in lines], 2020)
    assert tables is not None and (tables.t3, tables.t4) == (None, None)
    assert [entry["table"] for entry in tables.refused] == ["t3", "t4"]
    assert "figures run together" in tables.refused[0]["reason"] and "640020470" in tables.refused[0]["reason"]


def test_narrative_numbers_are_no_table():
    lines = ["本年新收政府信息公开申请2件，上年结转0件，办结2件。", "全年共办理行政许可1520件。"]
    assert read_report_tables([Paragraph(line) for line in lines], 2021) is None


def test_an_identity_serves_across_reports_through_its_lookup():
    """X-1 (carry-over), the later cross-report check, is an Identity whose keys name two reports' cells."""
    values = {"this.t3.carried_in.total": 3, "previous.t3.carried_out.total": 2, "previous.t3.carried_out.commercial": None}
    carry_over = Identity("X-1", "X-1.total", ("this.t3.carried_in.total",), ("previous.t3.carried_out.total",))
    result = carry_over.evaluate(values.__getitem__)
    assert (result.status, result.found, result.expected, result.lenient) == ("fail", 3, 2, "fail")
    blank = Identity("X-1", "X-1.commercial", ("this.t3.carried_in.total",), ("previous.t3.carried_out.commercial",))
    assert blank.evaluate(values.__getitem__).to_json() == {
        "id": "X-1", "key": "X-1.commercial", "status": "uncertain", "cells": ["this.t3.carried_in.total", "previous.t3.carried_out.commercial"],
        "expected": None, "found": 3, "relation": "=", "lenient": "fail"}


def test_html_header_cells_split_over_paragraphs_name_their_columns(tmp_path):
    header = "".join(f"<td><p>{first}</p><p>{second}</p></td>" for first, second in (("本年新", "制作数量"), ("本年新", "公开数量"), ("对外公开", "总数量")))
    page = (
        "<html><head><meta charset='utf-8'></head><body><div id='zoom'><p>一、总体情况</p><p>2020年，我局推进政务公开。</p>"
        "<p>二、主动公开政府信息情况</p><table><tr><td colspan='4'>第二十条第（一）项</td></tr>"
        f"<tr><td>信息内容</td>{header}</tr><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>"
        "<tr><td>规范性文件</td><td>3</td><td>3</td><td>／</td></tr></table></div></body></html>"
    )
    (tmp_path / "split.html").write_text(page, encoding="utf-8")
    tables = load_report(tmp_path / "split.html").tables
    assert tables.template == "v2019"
    assert tables.t2 == {"regulations": {"made": 0, "published": 0, "total_published": 0},
                         "normative_documents": {"made": 3, "published": 3, "total_published": "NA"}}


def test_html_spans_that_overlap_keep_the_cell_placed_last():
    found = _html_table(
        "<table><tr><td rowspan='2'>甲</td><td>乙</td><td>丙</td></tr>"
        "<tr><td colspan='3'>丁</td></tr><tr><td colspan='2' rowspan='9'>戊</td><td>1</td></tr></table>"
    )
    assert found.lines == ["甲 | 乙 | 丙", "甲 | 丁 |  | ", "戊 |  | 1"]
    assert found.table.rows == [["甲", "乙", "丙"], [None, "丁", None, None], ["戊", None, "1"]]
    assert found.table.origin(1, 0) == (0, 0) and found.table.origin(1, 3) == (1, 1) and found.table.origin(2, 1) == (2, 0)


def _t3_page(tmp_path, header: str, rows: list[tuple[str, str]]) -> object:
    """A 2020 report whose T3 is an HTML table with `header` rows and (label cell, value cells) rows."""
    body = "".join(f"<tr><td colspan='3'>{label}</td>{cells}</tr>" for label, cells in rows)
    page = ("<html><head><meta charset='utf-8'></head><body><div id='zoom'><p>一、总体情况</p><p>2020年，我局推进政务公开。</p>"
            f"<p>三、收到和处理政府信息公开申请情况</p><table>{header}{body}</table></div></body></html>")
    path = tmp_path / "t3.html"
    path.write_text(page, encoding="utf-8")
    return load_report(path).tables


MAIN_ROWS = ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（七）总计", "四、结转下年度继续办理")


def test_an_html_t3_is_read_under_the_columns_its_header_names(tmp_path):
    header = ("<tr><td colspan='3' rowspan='2'>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>"
              "<td colspan='3'>申请人情况</td></tr><tr><td>自然人</td><td>法人或其他组织小计</td><td>总计</td></tr>")
    cells = ("<td>5</td><td>1</td><td>6</td>", "<td>1</td><td></td><td>1</td>", "<td>4</td><td>1</td><td>5</td>", "<td>2</td><td></td><td>2</td>")
    tables = _t3_page(tmp_path, header, list(zip(MAIN_ROWS, cells)))
    assert tables.refused == []
    assert tables.t3["new"] == [5, None, None, None, None, None, 6]
    assert tables.t3["carried_out"] == [2, None, None, None, None, None, 2]
    assert tables.t3_missing_columns == ["commercial", "research", "social_welfare", "legal_services", "other_org"]
    assert {check.key: check.status for check in tables.checks()}["T3-I1.natural_person"] == "pass"


def test_an_html_t3_figure_merged_over_its_columns_is_refused(tmp_path):
    header = ("<tr><td colspan='3' rowspan='3'>（本列数据）</td><td colspan='7'>申请人情况</td></tr>"
              "<tr><td rowspan='2'>自然人</td><td colspan='5'>法人或其他组织</td><td rowspan='2'>总计</td></tr>"
              "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>")
    tables = _t3_page(tmp_path, header, [(label, "<td colspan='7'>0</td>") for label in MAIN_ROWS])
    assert tables.t3 is None and "stands under 7 of the header's columns" in tables.refused[0]["reason"]
