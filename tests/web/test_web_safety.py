"""Safety: security headers everywhere, no 5xx for any input, friendly errors, rebuilds while serving."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from indexer.config import Settings
from search import build_index
from web import create_app
from web.guards import CONTENT_SECURITY_POLICY

from web_support import CORPUS_DIR, WEB_FIXTURES

ROUTES = [
    "/",
    "/?q=%22信息公开%22&agency=天水市民政局",
    "/?year=abc",
    "/api/search?q=低保",
    "/api/search?page=0",
    "/api/search.csv?q=低保",
    "/api/openapi.json",
    "/static/style.css",
    "/static/search.js",
    "/no-such-page",
    "/api/no-such-route",
    "/reports/0000000000000000",
]


@pytest.mark.parametrize("path", ROUTES)
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code < 500
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_report_pages_carry_the_security_headers(client, report_ids):
    report_id = report_ids["many_tables.txt"]
    for path in (f"/reports/{report_id}", f"/reports/{report_id}?q=行政诉讼", f"/api/reports/{report_id}"):
        response = client.get(path)
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["X-Frame-Options"] == "DENY"
    source = client.get(f"/reports/{report_id}/source")
    assert source.headers["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert source.headers["X-Content-Type-Options"] == "nosniff"


def test_browsers_asking_for_favicon_ico_get_the_icon(client):
    response = client.get("/favicon.ico", follow_redirects=True)
    assert response.status_code == 200 and response.content_type == "image/svg+xml; charset=utf-8"


def test_the_policy_allows_no_inline_code():
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY and "'unsafe-eval'" not in CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in CONTENT_SECURITY_POLICY and "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


def test_pages_have_no_inline_scripts_or_styles(client, report_ids):
    for path in ("/", "/?q=低保", f"/reports/{report_ids['many_tables.txt']}?q=行政诉讼", "/no-such-page"):
        html = client.get(path).data.decode("utf-8")
        assert "<script>" not in html and "<style" not in html and " style=" not in html and "javascript:" not in html


PARAM_VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["0", "-1", "1e9", str(10**12), "9" * 400, "2019-2018", "1949", "２０１９", "\x00", "%", '"', "OR", "NOT", "-"]),
)


@hypothesis_settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(["/", "/api/search", "/api/search.csv"]),
    params=st.lists(st.tuples(st.sampled_from(["q", "agency", "year", "section", "sort", "page", "limit", "x"]), PARAM_VALUES), max_size=5),
)
def test_no_input_gets_a_server_error(client, path, params):
    response = client.get(path, query_string=params)
    assert response.status_code in (200, 400), response.data[:300]


@pytest.mark.parametrize(
    ("query_string", "status", "param"),
    [
        ("q=%ff", 400, "q"),
        ("q=%c3%28", 400, "q"),
        ("agency=%e4%bd", 400, "agency"),
        ("%ff=1", 400, "\ufffd"),
        ("q=%", 200, "%"),
        ("q=%zz", 200, "%zz"),
        ("q=a&&&=&q", 200, "a"),
        ("q=" + "%E6%94%BF" * 10_000, 400, "q"),
    ],
)
def test_odd_query_strings_are_answered(client, query_string, status, param):
    """Undecodable or over-long values are a 400 naming the parameter; a stray % is just text."""
    page = client.get(f"/?{query_string}")
    api = client.get(f"/api/search?{query_string}")
    assert page.status_code == api.status_code == status
    if status == 400:
        assert api.json["error"]["param"] == param
    else:
        assert api.json["query"] == param


def test_invalid_utf8_is_a_clear_400_page(client):
    response = client.get("/?q=%ff%fe")
    assert response.status_code == 400
    assert "UTF-8" in response.data.decode("utf-8")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_other_methods_are_405_with_allow(client, method):
    response = client.open("/", method=method, data={"q": "低保"})
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD"}
    assert "不支持" in response.data.decode("utf-8")


def test_large_request_bodies_are_refused(client, app):
    response = client.get("/", data=b"x" * (app.config["NIANBAO_SETTINGS"].max_request_bytes + 1))
    assert response.status_code == 413


def test_unexpected_errors_are_a_friendly_500_without_internals(web_index_dir):
    app = create_app({"index_dir": web_index_dir})

    @app.get("/boom")
    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internal detail /etc/passwd")

    client = app.test_client()
    page = client.get("/boom")
    assert page.status_code == 500
    text = page.data.decode("utf-8")
    assert "服务器出了问题" in text and "secret" not in text and "Traceback" not in text
    assert page.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    api = client.get("/api/boom")
    assert api.status_code == 500
    assert api.json == {"error": {"status": 500, "param": None, "message": "服务器内部出错。"}}


def test_a_missing_index_is_a_503_that_says_how_to_build_one(tmp_path):
    client = create_app({"index_dir": tmp_path / "none", "TESTING": True}).test_client()
    assert client.get("/").status_code == 503
    assert "nianbao index" in client.get("/").data.decode("utf-8")
    assert client.get("/api/search").json["error"]["status"] == 503


def test_unknown_settings_are_rejected():
    with pytest.raises(ValueError, match="max_page_sise"):
        create_app({"max_page_sise": 10})


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"max_page_size": "100"}, "max_page_size wants int values"),
        ({"snippet_chars": 0}, "snippet_chars must be at least 1"),
        ({"port": 70000}, "between 0 \\(any free port\\) and 65535"),
        ({"default_page_size": 200}, "must not exceed max_page_size"),
    ],
)
def test_settings_of_the_wrong_kind_or_out_of_range_are_rejected(config, message):
    with pytest.raises(ValueError, match=message):
        create_app(config)


def test_paths_may_be_given_as_strings(web_index_dir):
    app = create_app({"index_dir": str(web_index_dir), "corpus_dir": "corpus", "TESTING": True})
    settings = app.config["NIANBAO_SETTINGS"]
    assert settings.index_dir == web_index_dir and settings.corpus_dir == Path("corpus")
    assert app.test_client().get("/api/search").json["total_reports"] > 5
    assert Settings().with_text_values([("index_dir", "/srv/idx")]).index_dir == Path("/srv/idx")


def test_a_callers_max_content_length_is_kept(web_index_dir):
    client = create_app({"index_dir": web_index_dir, "MAX_CONTENT_LENGTH": 10, "TESTING": True}).test_client()
    assert client.get("/api/search", data=b"x" * 10).status_code == 200
    refused = client.get("/api/search", data=b"x" * 11)
    assert refused.status_code == 413 and "10 字节" in refused.json["error"]["message"]
    default = create_app({"index_dir": web_index_dir, "max_request_bytes": 20, "TESTING": True}).test_client()
    assert default.get("/api/search", data=b"x" * 20).status_code == 200
    assert default.get("/api/search", data=b"x" * 21).status_code == 413


def test_a_rebuild_while_serving_is_picked_up_without_failed_requests(tmp_path, settings):
    files = tmp_path / "files"
    files.mkdir()
    for path in sorted(CORPUS_DIR.iterdir())[:2]:
        shutil.copy(path, files)
    index_dir = tmp_path / "index"
    build_index([files], index_dir, settings)
    app = create_app({"index_dir": index_dir, "TESTING": True})
    assert app.test_client().get("/api/search").json["total_reports"] == 2

    statuses: list[int] = []
    done = threading.Event()

    def keep_searching() -> None:
        client = app.test_client()
        while not done.is_set():
            statuses.append(client.get("/api/search", query_string={"q": "信息公开"}).status_code)
            statuses.append(client.get("/", query_string={"q": "信息公开"}).status_code)

    worker = threading.Thread(target=keep_searching)
    worker.start()
    try:
        shutil.copy(WEB_FIXTURES / "many_tables.txt", files)
        build_index([files], index_dir, settings)
        shutil.copy(sorted(CORPUS_DIR.iterdir())[2], files)
        build_index([files], index_dir, settings)
    finally:
        done.set()
        worker.join()
    assert statuses and set(statuses) == {200}
    assert app.test_client().get("/api/search").json["total_reports"] == 4
    assert app.test_client().get("/?agency=某某市住房和城乡建设局").status_code == 200
