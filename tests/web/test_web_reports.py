"""The document view and the original-file view: metadata, contents, tables, numbered matches, safety."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from indexer import load_report
from indexer.matching import matching_form
from search import build_index
from web import create_app

from report_files import write_text_report
from web_support import CORPUS_DIR, WEB_FIXTURES

SEED = "000_9f09e102a19e83ee.txt"
SCRIPT_PAGE = "script_in_text_gbk.html"
TABLES = "many_tables.txt"


def document(client, report_id: str, query: str | None = None) -> BeautifulSoup:
    response = client.get(f"/reports/{report_id}", query_string={"q": query} if query else None)
    assert response.status_code == 200
    assert response.content_type == "text/html; charset=utf-8"
    return BeautifulSoup(response.data, "lxml")


def test_metadata_contents_and_section_labels(client, report_ids):
    soup = document(client, report_ids[SEED])
    report = load_report(CORPUS_DIR / SEED)
    assert soup.select_one("h1").text.strip() == report.title
    meta = dict(zip([dt.text for dt in soup.select(".report-meta dt")], [dd.text.strip() for dd in soup.select(".report-meta dd")], strict=True))
    assert meta["机构"] == report.agency and meta["年度"] == str(report.year)
    assert meta["发布日期"] == report.published and meta["索引号"] == report.index_no
    toc = soup.select(".toc li a")
    assert [a["href"] for a in toc] == [f"#s{number}" for number in range(1, len(report.sections) + 1)]
    sections = soup.select("section.report-section")
    assert [section["id"] for section in sections] == [a["href"][1:] for a in toc]
    assert [section.select_one("h2 .tag").text for section in sections] == [
        {"preamble": "前言", "overview": "总体情况", "proactive": "主动公开", "requests": "依申请公开",
         "review_litigation": "复议诉讼", "problems": "问题与改进"}[section.type]
        for section in report.sections
    ]
    assert soup.select_one("#sec-problems") is not None
    assert not soup.select("#match-bar")


def test_table_rows_are_tables_with_escaped_cells(client, report_ids):
    soup = document(client, report_ids[TABLES])
    tables = soup.select(".report-section table")
    assert len(tables) == 3
    proactive = [[cell.text for cell in row.select("td")] for row in tables[0].select("tr")]
    assert proactive[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert proactive[3] == ["行政规范性文件", "3", "1", "12"]
    assert proactive[0] == ["第二十条第（一）项", "", "", ""]
    assert all(len(row) == 4 for row in proactive)
    assert "规章 |" not in soup.select_one("#s2").text


def test_query_matches_are_numbered_linked_and_counted(client, report_ids):
    soup = document(client, report_ids[TABLES], "行政诉讼")
    hits = soup.select("a.hit")
    assert [hit["id"] for hit in hits] == [f"m{number}" for number in range(1, len(hits) + 1)]
    assert [hit["href"] for hit in hits] == [f"#m{number % len(hits) + 1}" for number in range(1, len(hits) + 1)]
    assert all(matching_form(hit.text) == "行政诉讼" for hit in hits)
    assert soup.select_one("#match-total").text == str(len(hits)) == "4"
    assert soup.select_one("#match-next")["href"] == "#m1"
    assert soup.select_one("#match-prev")["href"] == f"#m{len(hits)}"
    assert sum(int(count.text) for count in soup.select(".toc .match-count")) == len(hits)
    assert soup.select_one("table a.hit"), "a match inside a table cell"
    assert soup.select_one("h2 a.hit"), "a match inside a heading"


def test_traditional_and_full_width_text_is_highlighted_too(client, report_ids):
    soup = document(client, report_ids[SCRIPT_PAGE], "ＳＣＲＩＰＴ")
    assert [hit.text for hit in soup.select("a.hit")] == ["script", "script"]


def test_no_match_and_unusable_query_are_said_plainly(client, report_ids):
    soup = document(client, report_ids[SEED], "量子纠缠")
    assert "没有部分匹配「量子纠缠」" in soup.select_one("#match-bar").text
    soup = document(client, report_ids[SEED], "政" * 5000)
    assert "无法标出" in soup.select_one("#match-bar").text
    assert soup.select("section.report-section")


def test_document_text_is_never_markup(client, report_ids):
    response = client.get(f"/reports/{report_ids[SCRIPT_PAGE]}", query_string={"q": "alert"})
    soup = BeautifulSoup(response.data, "lxml")
    assert b"&lt;script&gt;" in response.data and b"<script>alert" not in response.data
    assert "<script>alert(1)</script>" in soup.select_one("#s1").text
    assert "<img src=x onerror=alert(2)>" in soup.select_one("#s2").text
    assert [script["src"] for script in soup.select("script")] == ["/static/report.js"]
    assert not soup.select("img, [onerror], iframe, object")


def test_source_urls_other_than_http_are_not_links(client, report_ids):
    soup = document(client, report_ids[SCRIPT_PAGE])
    assert not soup.select('a[href^="javascript:"]')
    assert "javascript:" not in soup.text  # the indexer keeps http(s) source links only
    soup = document(client, report_ids[TABLES])
    link = soup.select_one("a.source-link")
    assert link["href"] == "https://zjj.example.gov.cn/xxgk/ndbg/2023/t20230131_1.html"
    assert link["rel"] == ["noopener", "noreferrer"]


def test_back_link_and_metadata_links_carry_state(client, report_ids):
    soup = document(client, report_ids[SEED], "低保")
    assert soup.select_one(".crumbs a")["href"] == "/?q=%E4%BD%8E%E4%BF%9D"
    assert soup.select_one('.report-meta a[href^="/?agency="]').text == "天水市民政局"


def test_source_is_plain_utf8_text_in_a_sandbox(client, report_ids):
    response = client.get(f"/reports/{report_ids[SEED]}/source")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data.decode("utf-8") == (CORPUS_DIR / SEED).read_text(encoding="utf-8")


def test_source_of_a_gbk_page_is_decoded_and_shown_as_text(client, report_ids):
    response = client.get(f"/reports/{report_ids[SCRIPT_PAGE]}/source")
    original = (WEB_FIXTURES / SCRIPT_PAGE).read_bytes()
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert response.headers["X-Nianbao-Source-Encoding"] == "gb18030"
    assert response.data.decode("utf-8") == original.decode("gbk")
    assert b'<script>document.title = "pwned"' in response.data


def test_source_download_is_the_exact_bytes_as_an_attachment(client, report_ids):
    response = client.get(f"/reports/{report_ids[SCRIPT_PAGE]}/source?download=1")
    assert response.data == (WEB_FIXTURES / SCRIPT_PAGE).read_bytes()
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"] == f"attachment; filename={SCRIPT_PAGE}"
    assert response.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"



def test_source_download_only_when_asked_with_1(client, report_ids):
    response = client.get(f"/reports/{report_ids[SCRIPT_PAGE]}/source?download=0")
    assert response.headers["Content-Type"].startswith("text/plain")
    assert "attachment" not in response.headers.get("Content-Disposition", "")

@pytest.mark.parametrize(
    "path",
    [
        "/reports/0000000000000000",
        "/reports/0000000000000000/source",
        "/reports/ABCDEF0123456789",
        "/reports/0123",
        "/reports/0123456789abcdef0",
        "/reports/..%2F..%2Fetc%2Fpasswd",
        "/reports/%2Fetc%2Fpasswd/source",
        "/reports//etc/passwd",
        "/reports/0123456789abcdef/..%2F..%2Fsource",
        "/reports/0123456789abcde%00",
        "/reports/%E6%8A%A5%E5%91%8A",
        "/reports/%ff%fe",
    ],
)
def test_unknown_and_malformed_ids_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "找不到" in response.data.decode("utf-8")


@pytest.fixture
def lone_report(tmp_path, settings):
    """An index of one copied report, whose file the test may then remove or replace."""
    source = tmp_path / "files" / SEED
    source.parent.mkdir()
    shutil.copy(CORPUS_DIR / SEED, source)
    build_index([source.parent], tmp_path / "index", settings)
    client = create_app({"index_dir": tmp_path / "index", "TESTING": True}).test_client()
    report_id = client.get("/api/search").json["hits"][0]["report_id"]
    return client, report_id, source


@pytest.mark.parametrize("replacement", ["removed", "symlink", "directory", "empty"])
def test_source_that_is_gone_or_not_a_regular_file_is_404(lone_report, replacement):
    client, report_id, source = lone_report
    assert client.get(f"/reports/{report_id}/source").status_code == 200
    source.unlink()
    if replacement == "symlink":
        source.symlink_to(CORPUS_DIR / SEED)
    elif replacement == "directory":
        source.mkdir()
    elif replacement == "empty":
        source.write_bytes(b"")
    response = client.get(f"/reports/{report_id}/source")
    assert response.status_code == 404
    assert client.get(f"/reports/{report_id}").status_code == 200


LARGE_LINE = "本机关依法主动公开政府信息，推进政务公开工作。"
LARGE_ROW = "行政许可 | 5 | 公开 | 17"
LARGE_WIDE_ROW = " | ".join(f"公开{number}" for number in range(300))


@pytest.fixture(scope="module")
def large_report(tmp_path_factory, settings):
    """An index of one generated report of about 0.6 MB: thousands of lines, tables and one very wide row."""
    root = tmp_path_factory.mktemp("large-report")
    body = "\n".join(LARGE_ROW if number % 3 == 0 else LARGE_LINE for number in range(4000)) + "\n" + LARGE_WIDE_ROW
    write_text_report(root / "files" / "large.txt", "天水市民政局", 2019, [("总体情况", body), ("公开工作情况", body)])
    build_index([root / "files"], root / "index", settings)
    return root / "index"


def matches_in(section) -> int:
    """Occurrences of 公开 in a section's heading and text (not in its type label)."""
    return section.get_text().count("公开") - section.select_one(".tag").text.count("公开")


def large_document(index_dir, query: str, **config) -> BeautifulSoup:
    client = create_app({"index_dir": index_dir, "TESTING": True, **config}).test_client()
    report_id = client.get("/api/search").json["hits"][0]["report_id"]
    return document(client, report_id, query)


def test_every_match_of_a_large_report_is_numbered_in_reading_order(large_report):
    soup = large_document(large_report, "公开", max_highlighted_matches=100_000)
    expected = [matches_in(section) for section in soup.select("section.report-section")]
    hits = soup.select("a.hit")
    total = sum(expected)
    assert total == len(hits) > 10_000
    assert [int(count.text) for count in soup.select(".toc .match-count")] == [count for count in expected if count]
    assert [hit["id"] for hit in hits] == [f"m{number}" for number in range(1, total + 1)]
    assert [hit["href"] for hit in hits] == [f"#m{number % total + 1}" for number in range(1, total + 1)]
    assert {hit.text for hit in hits} == {"公开"} and len(soup.select("mark")) == total + 1  # and the one in the bar
    assert not soup.select("#match-cap")
    short_row, wide_row = soup.select("table")[-1].select("tr")
    assert len(wide_row.select("td")) == 300
    assert [td.text for td in short_row.select("td")] == ["行政许可", "5", "公开", "17", ""]
    assert short_row.select("td")[-1]["colspan"] == "296"


def test_matches_past_the_cap_are_counted_but_not_marked(large_report):
    soup = large_document(large_report, "公开", max_highlighted_matches=100)
    hits = soup.select("a.hit")
    assert [hit["id"] for hit in hits] == [f"m{number}" for number in range(1, 101)]
    assert hits[-1]["href"] == "#m1" and soup.select_one("#match-prev")["href"] == "#m100"
    total = sum(matches_in(section) for section in soup.select("section.report-section"))
    assert soup.select_one("#match-total").text == str(total) and total > 100
    assert "只标出并编号了前 100 处" in soup.select_one("#match-cap").text
    assert len(soup.select(".report-section mark")) == 100
