"""Pages that only link their report: the report is read from the attachment beside the page, with the
page's metadata, and the attachment is not read twice (GBK file names and GBK-encoded links included)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from format_fixtures import ATTACHMENT_NAME, SEED, gbk_path, report_blocks, write_docx, write_linking_pair, write_pdf
from indexer import iter_report_files, load_report
from search import build_index

NIANBAO = Path(sys.executable).parent / "nianbao"
def test_a_linking_page_is_read_from_its_attachment_with_the_pages_metadata(tmp_path):
    page, attachment = write_linking_pair(tmp_path)
    report = load_report(page)
    text_report = load_report(SEED)
    assert report.source_path == str(page) and report.attachment == str(tmp_path / ATTACHMENT_NAME)  # the GBK name, readable
    assert report.source_url == "http://www.rongjiang.gov.cn/zwgk/2020/t2020_01.html"
    assert report.published == "2020-01-20"
    assert (report.agency, report.year, report.title) == (text_report.agency, text_report.year, text_report.title)
    assert [section.heading for section in report.sections] == [section.heading for section in text_report.sections]
    assert "详见附件" not in "\n".join(section.text for section in report.sections)


def test_the_attachment_is_not_read_twice_but_other_attachments_are(tmp_path):
    page, attachment = write_linking_pair(tmp_path)
    other = write_docx(report_blocks(SEED.read_text(encoding="utf-8")), tmp_path / "another-report.docx")
    assert [path for path, _ in iter_report_files([tmp_path])] == [other, page]
    assert [path for path, _ in iter_report_files([attachment])] == [attachment]  # named on its own, it is read on its own


def test_utf8_encoded_links_find_the_attachment_too(tmp_path):
    page, attachment = write_linking_pair(tmp_path, href_codec="utf-8")
    assert load_report(page).attachment == str(tmp_path / ATTACHMENT_NAME)


def test_a_page_with_its_own_report_text_keeps_it(tmp_path):
    page, attachment = write_linking_pair(tmp_path)
    body = "".join(f"<p>{line}</p>" for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip())
    page.write_bytes(page.read_bytes().replace("<p>详见附件。</p>".encode("gbk"), body.encode("gbk", errors="replace")))
    assert load_report(page).attachment is None
    assert sorted(path for path, _ in iter_report_files([tmp_path])) == sorted([page, attachment])


def test_nianbao_parse_and_index_take_the_pair_as_one_report(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    page, attachment = write_linking_pair(reports)
    run = subprocess.run([str(NIANBAO), "parse", str(reports)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    parsed = [json.loads(line) for line in run.stdout.splitlines()]
    assert [report["source_path"] for report in parsed] == [str(page)]
    assert parsed[0]["agency"] == "榕江县民政局" and parsed[0]["published"] == "2020-01-20" and "attachment" in parsed[0]

    index_dir = tmp_path / "index"
    first = build_index([reports], index_dir)
    assert (first.added, first.reports, first.failed) == (1, 1, [])
    attachment.write_bytes(write_pdf(report_blocks(SEED.read_text(encoding="utf-8"))[:12], tmp_path / "shorter.pdf").read_bytes())
    second = build_index([reports], index_dir)
    assert (second.updated, second.unchanged, second.reports) == (1, 0, 1)  # a changed attachment changes its page's report


def test_a_report_file_with_a_gbk_name_is_parsed_and_indexed(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    write_pdf(report_blocks(SEED.read_text(encoding="utf-8")), gbk_path(reports, ATTACHMENT_NAME))
    run = subprocess.run([str(NIANBAO), "parse", str(reports)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["source_path"] == str(reports / ATTACHMENT_NAME)
    summary = build_index([reports], tmp_path / "index")
    assert (summary.added, summary.failed) == (1, [])
