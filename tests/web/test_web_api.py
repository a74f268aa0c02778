"""The HTTP API: /api/search is exactly `nianbao search --json`, CSV export, report JSON, OpenAPI."""

from __future__ import annotations

import csv
import datetime
import io
import json
import subprocess
from urllib.parse import quote

import pytest

from indexer import load_report
from indexer.report import SECTION_LABELS
from search import MARK_END, MARK_START
from search.engine import SearchIndex
from search import SearchRequest
from web import create_app
from web.cli import main
from web.export import CSV_COLUMNS

from web_support import CORPUS_DIR, NIANBAO, WEB_FIXTURES

QUERIES = ['"信息公开"', "行政复议 OR 行政诉讼", "依申请公开 -收费", "agency:民政局 year:2019-2024 section:问题与改进", "", "信息公開", "量子纠缠"]


def test_api_search_equals_the_cli_json_for_the_same_queries(client, web_index_dir):
    batch = subprocess.run(
        [str(NIANBAO), "search", "--index", str(web_index_dir), "--batch", "-", "--json"],
        input="\n".join(QUERIES) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    from_cli = [json.loads(line) for line in batch.stdout.splitlines()]
    assert len(from_cli) == len(QUERIES)
    for query, expected in zip(QUERIES, from_cli, strict=True):
        response = client.get("/api/search", query_string={"q": query})
        assert response.status_code == 200
        assert response.content_type == "application/json"
        assert response.json == expected
        assert list(response.json) == ["query", "total_sections", "total_reports", "facets", "hits", "group", "template", "template_sections", "filter_matches"]


def test_api_filters_sort_and_paging_equal_the_cli_options(client, runner, web_index_dir):
    result = runner.invoke(
        main,
        ["search", "政府信息公开", "--index", str(web_index_dir), "--agency", "民政局", "--agency", "某某县教育局",
         "--year", "2018-2020", "--year", "2021", "--section", "overview", "--section", "问题与改进",
         "--sort", "date", "--page", "2", "--limit", "3", "--json"],
    )
    assert result.exit_code == 0, result.output
    response = client.get(
        "/api/search",
        query_string={"q": "政府信息公开", "agency": ["民政局", "某某县教育局"], "year": ["2018-2020", "2021"],
                      "section": ["overview", "问题与改进"], "sort": "date", "page": "2", "limit": "3"},
    )
    assert response.json == json.loads(result.output)
    assert len(response.json["hits"]) == 3


def test_api_json_is_readable_utf8(client):
    response = client.get("/api/search", query_string={"q": "低保"})
    assert "低保".encode("utf-8") in response.data


def csv_rows(response) -> list[dict[str, str]]:
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    reader = csv.DictReader(io.StringIO(text[1:]))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    return list(reader)


@pytest.mark.parametrize("group", ["section", "report"])
def test_csv_has_every_matching_row_in_result_order_with_labels_dates_links_and_marks(client, web_index_dir, group):
    query = {"q": "政府信息公开", "sort": "date", "year": "2015-2024", "group": group}
    response = client.get("/api/search.csv", query_string=query)
    assert response.status_code == 200
    assert response.is_streamed
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    today = datetime.date.today().strftime("%Y%m%d")
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"nianbao-search.csv\"; filename*=UTF-8''"
        + quote(f"年报检索_政府信息公开_2015-2024_{today}.csv", safe=""))
    rows = csv_rows(response)
    answer = client.get("/api/search", query_string=query).json
    total = answer["total_reports" if group == "report" else "total_sections"]
    assert len(rows) == total > 20
    assert response.headers["X-Nianbao-Total-Sections"] == str(answer["total_sections"])
    assert response.headers["X-Nianbao-Truncated"] == "false"
    export = SearchIndex.open(web_index_dir).export(SearchRequest("政府信息公开", {"year": ("2015-2024",)}, sort="date", group=group), 10_000)
    assert export.total_sections == answer["total_sections"]
    expected = list(export.hits)
    assert [row["报告编号"] for row in rows] == [hit.report_id for hit in expected]
    assert len({row["报告编号"] for row in rows}) == (len(rows) if group == "report" else answer["total_reports"])
    first, hit = rows[0], expected[0]
    place = hit.region or {}
    assert first == {
        "报告编号": hit.report_id, "机构": hit.agency or "", "年度": str(hit.year or ""), "发布日期": hit.published or "",
        "标题": hit.title or "", "省": place.get("province") or "", "市": place.get("city") or "", "县": place.get("county") or "",
        "乡镇": place.get("township") or "", "行政区划代码": place.get("code") or "",
        "层级": {"county": "县级", "city": "市级", None: ""}[hit.level], "机构类别": hit.agency_kind or "",
        "机构系列": hit.agency_series or "", "部分": SECTION_LABELS[hit.section], "小标题": hit.heading,
        "匹配片段": hit.snippet.replace(MARK_START, "【").replace(MARK_END, "】"),
        "匹配部分数": str(hit.matching_sections),
        "其他匹配部分": "、".join(SECTION_LABELS[other.section] for other in hit.other_sections or ()),
        "报告链接": f"http://localhost/reports/{hit.report_id}?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80#s{hit.ordinal + 1}",
        "原文网址": hit.source_url or "",
    }
    assert not any(MARK_START in row["匹配片段"] or MARK_END in row["匹配片段"] for row in rows)
    assert sum("【" in row["匹配片段"] for row in rows) > len(rows) / 2  # the rest match in their heading alone
    assert any(row["发布日期"] for row in rows)
    assert client.get(first["报告链接"].removeprefix("http://localhost")).status_code == 200


def test_csv_stops_at_the_cap_and_says_so(web_index_dir):
    client = create_app({"index_dir": web_index_dir, "csv_max_rows": 3, "TESTING": True}).test_client()
    response = client.get("/api/search.csv", query_string={"q": "政府信息公开"})
    assert len(csv_rows(response)) == 3
    assert response.headers["X-Nianbao-Rows"] == "3"
    assert response.headers["X-Nianbao-Truncated"] == "true"
    assert int(response.headers["X-Nianbao-Total-Sections"]) > 3


def test_csv_with_no_match_is_just_the_header(client):
    response = client.get("/api/search.csv", query_string={"q": "量子纠缠"})
    assert csv_rows(response) == []


def test_csv_cells_from_documents_never_become_formulas(client):
    rows = csv_rows(client.get("/api/search.csv", query_string={"q": "行政复议", "agency": "某某市住房和城乡建设局"}))
    assert rows
    assert not any(value.startswith(("=", "+", "-", "@")) for row in rows for value in row.values())


def test_report_json_is_the_parse_output_plus_id(client, report_ids):
    response = client.get(f"/api/reports/{report_ids['many_tables.txt']}")
    assert response.status_code == 200 and response.content_type == "application/json"
    data = response.json
    parsed = load_report(WEB_FIXTURES / "many_tables.txt").to_json()
    assert data.pop("report_id") == report_ids["many_tables.txt"]
    assert data.pop("source_path").endswith("many_tables.txt") and parsed.pop("source_path")
    assert data == parsed
    assert data["source_url"] == "https://zjj.example.gov.cn/xxgk/ndbg/2023/t20230131_1.html"


def test_report_json_keeps_the_index_number(client, report_ids):
    data = client.get(f"/api/reports/{report_ids['000_9f09e102a19e83ee.txt']}").json
    assert data["index_no"] == load_report(CORPUS_DIR / "000_9f09e102a19e83ee.txt").index_no
    assert list(data)[:2] == ["report_id", "source_path"]


def test_openapi_describes_every_api_route_with_this_servers_limits(client, app):
    spec = client.get("/api/openapi.json").json
    settings = app.config["NIANBAO_SETTINGS"]
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {"/api/search", "/api/search.csv", "/api/reports/{report_id}"}
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    assert routes == {"/api/search", "/api/search.csv", "/api/reports/<report_id:report_id>", "/api/openapi.json"}
    limit = next(p for p in spec["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == settings.max_page_size
    assert str(settings.csv_max_rows) in spec["paths"]["/api/search.csv"]["get"]["summary"]


@pytest.mark.parametrize(
    ("method", "path", "query", "status", "param"),
    [
        ("GET", "/api/search", {"q": "低保", "year": "abc"}, 400, "year"),
        ("GET", "/api/search", {"year": "1800"}, 400, "year"),
        ("GET", "/api/search", {"section": "bogus"}, 400, "section"),
        ("GET", "/api/search", {"q": "year:20x9"}, 400, "q"),
        ("GET", "/api/search", {"q": "政" * 10_000}, 400, "q"),
        ("GET", "/api/search", {"page": "0"}, 400, "page"),
        ("GET", "/api/search", {"page": "-1"}, 400, "page"),
        ("GET", "/api/search", {"page": "1.5"}, 400, "page"),
        ("GET", "/api/search", {"page": "9" * 5000}, 400, "page"),
        ("GET", "/api/search", {"limit": "0"}, 400, "limit"),
        ("GET", "/api/search", {"limit": "101"}, 400, "limit"),
        ("GET", "/api/search", {"limit": "10**9"}, 400, "limit"),
        ("GET", "/api/search", {"sort": "random"}, 400, "sort"),
        ("GET", "/api/search", {"agency": [f"机构{n}" for n in range(201)]}, 400, "agency"),
        ("GET", "/api/search", {"agency": "局" * 1001}, 400, "agency"),
        ("GET", "/api/search", "q=%ff%fe", 400, "q"),
        ("GET", "/api/search.csv", {"year": "abc"}, 400, "year"),
        ("GET", "/api/search.csv", "agency=%c3%28", 400, "agency"),
        ("GET", "/api/reports/0000000000000000", None, 404, None),
        ("GET", "/api/reports/not-an-id", None, 404, None),
        ("GET", "/api/reports/..%2F..%2Fetc%2Fpasswd", None, 404, None),
        ("GET", "/api/nothing-here", None, 404, None),
        ("POST", "/api/search", None, 405, None),
        ("DELETE", "/api/reports/0000000000000000", None, 405, None),
    ],
)
def test_every_api_error_has_the_one_error_shape(client, method, path, query, status, param):
    response = client.open(path, method=method, query_string=query)
    assert response.status_code == status
    assert response.content_type == "application/json"
    body = response.json
    assert list(body) == ["error"]
    assert list(body["error"]) == ["status", "param", "message"]
    assert body["error"]["status"] == status
    assert body["error"]["param"] == param
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_api_rejects_large_bodies_in_the_error_shape(client, app):
    body = b"x" * (app.config["NIANBAO_SETTINGS"].max_request_bytes + 1)
    response = client.get("/api/search", data=body)
    assert response.status_code == 413
    assert response.json["error"]["status"] == 413


def test_a_page_past_the_end_is_an_empty_page_not_an_error(client):
    response = client.get("/api/search", query_string={"q": "低保", "page": str(10**12)})
    assert response.status_code == 200
    assert response.json["hits"] == [] and response.json["total_sections"] > 0
