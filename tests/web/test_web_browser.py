"""A real browser (Debian's chromium, driven by Playwright) against the app served by waitress.

It searches, ticks a facet, removes its chip, opens a document, steps through
matches and follows the source link, walks the region tree from a province
to a county, and fails on any console error, page
error or failed request (a CSP violation is a console error). Without
/usr/bin/chromium the tests are skipped, unless NIANBAO_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from web import create_app
from web.server import create_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 10_000

if not CHROMIUM.exists():
    if os.environ.get("NIANBAO_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing and NIANBAO_REQUIRE_BROWSER=1 (install Debian's chromium)", pytrace=False)
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); set NIANBAO_REQUIRE_BROWSER=1 to fail instead", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(web_index_dir) -> Iterator[str]:
    """The app served as `nianbao serve` serves it, on a free port, in a background thread."""
    server = create_server(create_app({"index_dir": web_index_dir, "port": 0, "server_threads": 4}))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


ABORTED = "net::ERR_ABORTED"


class Problems(list):
    """Console errors, page errors, failed requests and error responses seen by a page.

    A request the browser abandons (`net::ERR_ABORTED`) because a later
    navigation replaced its document, or because the test closes the page, is
    not a failure: the favicon of a page left at once is often cut off so. Any
    other failed request is, and so is an abandoned one whose document stays.
    """

    def __init__(self) -> None:
        super().__init__()
        self.closing = False
        self.navigations = 0
        self.started_after: dict[object, int] = {}

    def watch(self, page) -> None:
        page.on("console", lambda message: message.type == "error" and self.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: self.append(f"page error: {error}"))
        page.on("request", lambda request: self._started(page, request))
        page.on("requestfailed", self._failed)
        page.on("response", lambda response: response.status >= 400 and self.append(f"{response.status}: {response.url}"))

    def _started(self, page, request) -> None:
        if request.is_navigation_request() and request.frame == page.main_frame:
            self.navigations += 1
        self.started_after[request] = self.navigations

    def _failed(self, request) -> None:
        abandoned = request.failure == ABORTED and (self.closing or self.navigations > self.started_after.get(request, self.navigations))
        if not abandoned:
            self.append(f"request failed: {request.url} {request.failure}")


@pytest.fixture
def page_and_problems(browser) -> Iterator[tuple[object, Problems]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    problems = Problems()
    problems.watch(page)
    yield page, problems
    problems.closing = True
    context.close()
    assert problems == [], problems


def total_sections(page) -> int:
    return int(page.locator("#total-sections").inner_text())


def test_search_facet_chip_document_matches_and_source(page_and_problems, base_url):
    page, problems = page_and_problems
    page.goto(base_url + "/")
    page.fill("#q", "行政诉讼")
    with page.expect_navigation():
        page.press("#q", "Enter")
    assert "q=%E8%A1%8C%E6%94%BF%E8%AF%89%E8%AE%BC" in page.url
    everything = total_sections(page)
    assert everything > 1

    agency_box = page.locator("#facet-agency input[type=checkbox]").first
    agency = agency_box.get_attribute("value")
    with page.expect_navigation():
        agency_box.check()
    chip = page.locator("button.chip")
    assert chip.count() == 1 and agency in chip.inner_text()
    assert page.locator(f'#facet-agency input[value="{agency}"]').is_checked()
    narrowed = total_sections(page)
    assert narrowed < everything
    assert {text.strip() for text in page.locator(".hit-agency").all_inner_texts()} == {agency}

    with page.expect_navigation():
        chip.click()
    assert page.locator("button.chip").count() == 0
    assert total_sections(page) == everything

    first_hit = page.locator(".hit-title a").first
    section_anchor = first_hit.get_attribute("href").split("#")[1]
    with page.expect_navigation():
        first_hit.click()
    assert "/reports/" in page.url
    total = int(page.locator("#match-total").inner_text())
    assert total == page.locator("a.hit").count() >= 1

    page.click("#match-next")
    current = page.locator("a.hit.current")
    assert current.count() == 1
    first_id = current.get_attribute("id")
    assert page.evaluate("document.activeElement.id") == first_id
    assert page.evaluate(f"document.getElementById('{section_anchor}').compareDocumentPosition(document.getElementById('{first_id}')) & 4")
    assert page.locator("#match-position").inner_text() == f"第 {first_id[1:]} / {total} 处"
    assert page.url.endswith(f"#{first_id}")
    in_view = "(() => { const r = document.querySelector('a.hit.current').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()"
    assert page.evaluate(in_view)

    page.keyboard.press("n")
    expected = int(first_id[1:]) % total + 1
    assert page.locator("a.hit.current").get_attribute("id") == f"m{expected}"
    assert page.evaluate("document.activeElement.id") == f"m{expected}"
    assert page.evaluate(in_view)
    page.click("#match-prev")
    assert page.locator("a.hit.current").get_attribute("id") == first_id

    with page.expect_response(lambda response: response.url.endswith("/source")) as source:
        page.click("#source-file-link")
    response = source.value
    assert response.status == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.headers["content-security-policy"] == "sandbox; default-src 'none'"
    page.wait_for_load_state()
    assert "行政诉讼" in page.locator("body").inner_text()



def test_region_tree_from_province_to_city_to_county_and_back(page_and_problems, base_url):
    page, _ = page_and_problems
    page.goto(base_url + "/")
    everything = total_sections(page)
    region = page.locator("#facet-region")
    assert region.locator('input[value="浙江省/杭州市"]').count() == 0

    with page.expect_navigation():
        region.locator('input[value="浙江省"]').check()
    in_province = total_sections(page)
    assert in_province < everything
    city = region.locator('input[value="浙江省/杭州市"]')
    assert city.is_visible() and region.locator('li.depth-1 input[value="浙江省/宁波市"]').is_visible()

    with page.expect_navigation():
        city.check()
    in_city = total_sections(page)
    assert in_city < in_province
    county = region.locator('li.depth-2 input[value="浙江省/杭州市/西湖区"]')
    with page.expect_navigation():
        county.check()
    assert {text.strip() for text in page.locator(".hit-agency").all_inner_texts()} == {
        "西湖区民政局", "西湖区财政局", "西湖区卫生健康委员会"}
    assert [chip.split("×")[0].strip() for chip in page.locator("button.chip").all_inner_texts()] == [
        "地区：浙江省", "地区：浙江省 › 杭州市", "地区：浙江省 › 杭州市 › 西湖区"]

    with page.expect_navigation():
        region.locator('input[value="浙江省"]').uncheck()
    assert page.locator("button.chip").count() == 0
    assert total_sections(page) == everything


def test_a_malformed_fragment_does_not_stop_the_match_navigation(page_and_problems, base_url):
    page, _ = page_and_problems
    page.goto(base_url + "/?q=%E8%A1%8C%E6%94%BF%E8%AF%89%E8%AE%BC")
    report_path = page.locator(".hit-title a").first.get_attribute("href").split("#")[0]
    page.goto(base_url + report_path + "#%E4", wait_until="networkidle")
    page.keyboard.press("n")
    assert page.locator("a.hit.current").get_attribute("id") == "m1"

def test_long_facet_filter_box_finds_folded_agencies(page_and_problems, base_url):
    page, _ = page_and_problems
    page.goto(base_url + "/")
    facet = page.locator("#facet-agency")
    details = facet.locator("details.facet-more")
    folded = details.locator("input[type=checkbox]").last.get_attribute("value")
    assert not details.evaluate("element => element.open")
    facet.locator("input.facet-filter").fill(folded)
    assert details.evaluate("element => element.open")
    visible = [text.split("\n")[0].strip() for text in facet.locator("li:visible").all_inner_texts()]
    assert visible == [folded]


def test_the_page_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(base_url + "/?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80")
    before = total_sections(page)
    page.locator("#facet-year input[type=checkbox]").first.check()
    with page.expect_navigation():
        page.click("button.apply")
    assert page.locator("button.chip").count() == 1
    assert total_sections(page) < before
    context.close()


def test_the_watch_counts_a_missing_file_and_a_request_aborted_while_its_page_stays(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    problems = Problems()
    problems.watch(page)
    page.goto(base_url + "/")
    page.evaluate("fetch('/static/no-such-file.css')")
    page.evaluate("(() => { const control = new AbortController(); const pending = fetch('/api/search', {signal: control.signal}).catch(() => {}); control.abort(); return pending; })()")
    page.wait_for_load_state("networkidle")
    assert any(problem.startswith("404: ") for problem in problems)
    assert any(problem.startswith("request failed: ") and ABORTED in problem for problem in problems)
    context.close()
