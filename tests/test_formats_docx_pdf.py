"""Word and PDF files made here: headings by style and by list numbering, page furniture, tables split
over pages, scans and broken files, read through `load_report` and the real `nianbao parse`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from format_fixtures import Heading, write_docx, write_pdf, write_scanned_pdf
from indexer import ReportError, load_report
from indexer.formats import loader_for
from indexer.tables import Table

NIANBAO = Path(sys.executable).parent / "nianbao"
PARAGRAPH = "2020年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进决策、执行、管理、服务、结果公开。" * 3
TITLE = "某某县民政局2020年政府信息公开工作年度报告"


def _sections(report) -> list[tuple[str, str]]:
    return [(section.type, section.heading) for section in report.sections]


def test_docx_headings_numbered_by_word_lists_get_their_numbers(tmp_path):
    blocks = [TITLE]
    for heading in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "存在的主要问题及改进情况"):
        blocks += [Heading(heading, numbered=True), PARAGRAPH]
    report = load_report(write_docx(blocks, tmp_path / "numbered.docx"))
    assert _sections(report) == [
        ("overview", "一、总体情况"),
        ("proactive", "二、主动公开政府信息情况"),
        ("requests", "三、收到和处理政府信息公开申请情况"),
        ("problems", "四、存在的主要问题及改进情况"),
    ]
    assert report.agency == "某某县民政局" and report.year == 2020 and report.title == TITLE


def test_docx_headings_by_style_alone_and_the_title_style(tmp_path):
    blocks = [Heading("总体情况"), PARAGRAPH, Heading("强化组织领导，健全工作机制"), PARAGRAPH, Heading("其他需要报告的事项"), PARAGRAPH]
    report = load_report(write_docx(blocks, tmp_path / "styled.docx", title=TITLE))
    assert report.title == TITLE
    assert _sections(report) == [("overview", "总体情况"), ("other", "强化组织领导，健全工作机制"), ("other_matters", "其他需要报告的事项")]


def test_docx_page_header_footer_and_page_number_are_left_out(tmp_path):
    path = write_docx([TITLE, "一、总体情况", PARAGRAPH], tmp_path / "furniture.docx", header="某某县人民政府门户网站")
    text = "\n".join(section.text for section in load_report(path).sections)
    assert "门户网站" not in text and "—" not in text and "PAGE" not in text


def test_docx_merged_cells_keep_their_spans(tmp_path):
    grid = Table(
        [["项目", "自然人", "法人或其他组织", None], ["", "", "商业企业", "科研机构"], ["本年新收", "3", "1", "0"]],
        "word",
        [(0, 2, 1, 2), (0, 0, 2, 1), (0, 1, 2, 1)],
    )
    grid.rows[1][0] = grid.rows[1][1] = None
    report = load_report(write_docx([TITLE, "一、总体情况", PARAGRAPH, grid], tmp_path / "merged.docx"))
    table = next(block for section in report.sections for block in section.blocks if isinstance(block, Table))
    assert table.shape == "word"
    assert table.rows == grid.rows
    assert sorted(table.spans) == sorted(grid.spans)


def _long_table(rows: int) -> Table:
    return Table([["事项", "本年数量", "上年数量"]] + [[f"第{number}项事务", str(number), str(number * 2)] for number in range(1, rows + 1)], "pipes")


def test_pdf_table_split_over_pages_is_one_table_with_its_header_once(tmp_path):
    blocks = [TITLE, "一、总体情况", PARAGRAPH, PARAGRAPH, _long_table(70), "二、存在的主要问题及改进情况", PARAGRAPH]
    path = write_pdf(blocks, tmp_path / "split.pdf", page_numbers="第{page}页")
    report = load_report(path)
    tables = [block for section in report.sections for block in section.blocks if isinstance(block, Table)]
    assert len(tables) == 1 and tables[0].shape == "pdf"
    assert tables[0].rows == _long_table(70).rows
    assert _sections(report) == [("overview", "一、总体情况"), ("problems", "二、存在的主要问题及改进情况")]
    assert not any("第2页" in section.text for section in report.sections)


@pytest.mark.parametrize("numbers", ["第{page}页 共3页", "- {page} -", "{page}/3", "{page}"])
def test_pdf_page_numbers_of_every_kind_are_removed(tmp_path, numbers):
    blocks = [TITLE] + [item for number in "一二三" for item in (f"{number}、第{number}部分的情况", PARAGRAPH * 4)]
    report = load_report(write_pdf(blocks, tmp_path / "numbers.pdf", header=None, page_numbers=numbers))
    text = "\n".join(section.text for section in report.sections)
    lines = text.split("\n")
    assert all(numbers.format(page=page).replace(" ", "") not in {"".join(line.split()) for line in lines} for page in (1, 2, 3))
    assert len(report.sections) == 3 and all(len(section.text.split("\n")) == 1 for section in report.sections)


def test_a_scanned_pdf_is_reported_as_such_by_nianbao_parse(tmp_path):
    scan = write_scanned_pdf(tmp_path / "scan.pdf")
    run = subprocess.run([str(NIANBAO), "parse", str(scan)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert json.loads(run.stdout) == {"source_path": str(scan), "error": "scanned PDF, no text layer"}
    assert "scan.pdf: scanned PDF, no text layer" in run.stderr


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("broken.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF", "not a readable PDF"),
        ("broken.docx", b"PK\x03\x04word/document.xml" + b"\x00" * 40, "not a readable Word document (.docx)"),
        ("picture.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a readable Word document (.docx)"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "binary file (a PNG image)"),
    ],
)
def test_broken_files_fail_with_a_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReportError) as error:
        load_report(path)
    assert error.value.reason.startswith(reason)


def test_the_bytes_decide_the_format_whatever_the_suffix(tmp_path):
    docx = write_docx([TITLE, "一、总体情况", PARAGRAPH], tmp_path / "real.docx")
    misnamed = tmp_path / "report.doc"
    misnamed.write_bytes(docx.read_bytes())
    assert loader_for(misnamed, misnamed.read_bytes()).name == "docx"
    web_page = tmp_path / "saved-as-web-page.doc"
    web_page.write_text(f"<html><body><div id='zoom'><p>{TITLE}</p><p>一、总体情况</p><p>{PARAGRAPH}</p></div></body></html>", encoding="utf-8")
    assert load_report(web_page).agency == load_report(misnamed).agency == "某某县民政局"
