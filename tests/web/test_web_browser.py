"""A real browser (Debian's chromium, driven by Playwright) against the app served by waitress.

It searches, ticks a facet, removes its chip, opens a document, steps through
matches and follows the source link, walks the region tree from a province
to a county, and fails on any console error, page
error or failed request (a CSP violation is a console error). At 390 × 844
it checks the report view's contents menu and the search page's 筛选 button;
it walks the keyboard path (skip link, focus kept on a ticked facet), extends
the year selection with shift-click, runs axe-core (bundled by the
axe-playwright-python package: nothing is downloaded) on every kind of page,
and runs three researcher tasks end to end, printing the page loads each
takes. Without /usr/bin/chromium the tests are skipped, unless
NIANBAO_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import csv
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from web import create_app
from web.server import create_server
from web_support import SERIES_AGENCY, SERIES_YEARS

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


# -- issue 14: phones, keyboards, screen readers, years, and three researcher tasks ------------------

PHONE = {"width": 390, "height": 844}
AXE_PAGES = {
    "search page": "/?q=%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80",
    "zero-result page": "/?q=%E9%87%8F%E5%AD%90%E7%BA%A0%E7%BC%A0",
    "error page (400)": "/?q=%E4%BD%8E%E4%BF%9D+OR",
    "error page (404)": "/no/such/page",
}


@pytest.fixture
def phone_page(browser) -> Iterator[tuple[object, Problems]]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    problems = Problems()
    problems.watch(page)
    yield page, problems
    problems.closing = True
    context.close()


def covered(page, selector: str) -> bool:
    """Whether something else lies on top of the middle of the first visible `selector`."""
    return page.evaluate(
        """(selector) => { const element = [...document.querySelectorAll(selector)].find(e => {
             const r = e.getBoundingClientRect(); return r.top > 0 && r.bottom < innerHeight; });
           const r = element.getBoundingClientRect();
           const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
           return !element.contains(top); }""",
        selector,
    )


def test_phone_report_view_folds_its_contents_into_a_menu_that_never_covers_the_text(phone_page, base_url):
    page, problems = phone_page
    page.goto(base_url + "/?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80")
    open_first_hit(page)
    toc = page.locator("#toc")
    assert not toc.evaluate("element => element.open")
    assert not page.locator("#toc nav").is_visible() and page.locator("#toc summary").is_visible()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    assert not covered(page, ".report-section p")
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#toc summary").click()
    assert page.locator("#toc nav").is_visible()
    last = page.locator("#toc nav a").last
    target = last.get_attribute("href")
    last.click()
    assert not toc.evaluate("element => element.open"), "choosing a section closes the menu"
    heading = page.locator(f"{target} h2")
    assert heading.is_visible() and not covered(page, f"{target} h2")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert problems == []


def test_phone_search_page_puts_the_facets_behind_a_filter_button_above_the_results(phone_page, base_url):
    page, problems = phone_page
    page.goto(base_url + "/?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80")
    toggle = page.locator("#facet-panel > summary")
    assert toggle.is_visible() and toggle.inner_text().startswith("筛选")
    assert not page.locator("#facet-agency").is_visible()
    assert toggle.bounding_box()["y"] < page.locator("#results").bounding_box()["y"]
    assert page.locator(".hit-card").first.bounding_box()["y"] < PHONE["height"] * 1.5, "results come right after the button"
    toggle.click()
    assert page.locator("#facet-agency").is_visible()
    page.locator(".help summary").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "the query help wraps"
    assert problems == []


def test_a_skip_link_takes_the_keyboard_from_the_box_to_the_first_result(page_and_problems, base_url):
    page, _ = page_and_problems
    page.goto(base_url + "/?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80")
    page.focus("#q")
    presses = 0
    while page.evaluate("document.activeElement.className") != "skip-link" and presses < 5:
        page.keyboard.press("Tab")
        presses += 1
    assert page.locator("a.skip-link:focus").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    presses += 2
    first = page.locator(".hit-title a").first.get_attribute("href")
    assert page.evaluate("document.activeElement.getAttribute('href')") == first
    assert presses <= 5, presses


def test_the_focus_stays_on_the_facet_just_ticked(page_and_problems, base_url):
    page, _ = page_and_problems
    page.goto(base_url + "/?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80")
    box = page.locator("#facet-section input[type=checkbox]").nth(1)
    value = box.get_attribute("value")
    box.focus()
    with page.expect_navigation():
        page.keyboard.press("Space")
    focused = page.evaluate("[document.activeElement.name, document.activeElement.value, document.activeElement.checked]")
    assert focused == ["section", value, True]
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert page.evaluate("[document.activeElement.value, document.activeElement.checked]") == [value, False]


def test_shift_click_on_the_year_chart_extends_the_selection(page_and_problems, base_url):
    page, _ = page_and_problems
    page.goto(base_url + "/?q=%E6%94%BF%E5%BA%9C%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80")
    with page.expect_navigation():
        page.click('button.year-bar[data-year="2016"]')
    with page.expect_navigation():
        page.click('button.year-bar[data-year="2019"]', modifiers=["Shift"])
    assert [chip.split("×")[0].strip() for chip in page.locator("button.chip").all_inner_texts()] == ["年度：2016–2019"]
    assert page.locator("button.year-bar.selected").count() == 4
    with page.expect_navigation():
        page.click('button.year-bar[data-year="2021"]')
    assert [chip.split("×")[0].strip() for chip in page.locator("button.chip").all_inner_texts()] == ["年度：2021"]


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, PHONE], ids=["desktop", "phone"])
def test_axe_core_finds_nothing_serious_on_any_kind_of_page(browser, base_url, viewport, app):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    pages = dict(AXE_PAGES)
    page.goto(base_url + AXE_PAGES["search page"])
    pages["report view with a query"] = page.locator(".hit-title a").first.get_attribute("href")
    if "stats.index" in app.view_functions:  # the statistics page, where this version has one
        pages["stats page"] = "/stats"
    found = {}
    for name, path in pages.items():
        page.goto(base_url + path)
        violations = axe.run(page).response["violations"]
        found[name] = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
    context.close()
    assert found == {name: [] for name in pages}


def search_from_home(page, base_url: str, query: str) -> None:
    """Type a query on the home page and press Enter, as a user starts."""
    page.goto(base_url + "/")
    page.fill("#q", query)
    with page.expect_navigation():
        page.press("#q", "Enter")


def open_first_hit(page) -> None:
    with page.expect_navigation():
        page.locator(".hit-title a").first.click()


def download_csv(page) -> tuple[str, list[dict[str, str]]]:
    """Click the page's CSV link: the file's suggested name and its rows."""
    with page.expect_download() as download:
        page.click("#csv-link")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return download.value.suggested_filename, list(csv.DictReader(io.StringIO(text)))


class PageLoads:
    """Counts the pages a task shows (the main frame's load events: a redirect or a download is none)."""

    def __init__(self, page) -> None:
        self.count = 0
        page.on("load", self._loaded)

    def _loaded(self, _page) -> None:
        self.count += 1

    def report(self, task: str, capsys) -> int:
        with capsys.disabled():
            print(f"\nresearcher task, {task}: {self.count} page loads")
        return self.count


def test_task_a_provinces_civil_affairs_problems_sections_2019_2024_to_csv(page_and_problems, base_url, capsys):
    """All reports of 江苏省's 民政 bodies that mention 政策解读 in 问题与改进 for 2019–2024, exported to CSV."""
    page, problems = page_and_problems
    loads = PageLoads(page)
    search_from_home(page, base_url, "“政策解读”")
    for facet, value in (("region", "江苏省"), ("kind", "民政"), ("section", "problems")):
        with page.expect_navigation():
            page.locator(f'#facet-{facet} input[value="{value}"]').check()
    page.fill("#year-from", "2019")
    page.fill("#year-to", "2024")
    with page.expect_navigation():
        page.click("button.year-range-apply")
    assert [chip.split("×")[0].strip() for chip in page.locator("button.chip").all_inner_texts()] == [
        "地区：江苏省", "类别：民政", "年度：2019–2024", "部分：问题与改进"]
    name, rows = download_csv(page)
    assert name.startswith("年报检索_政策解读_2019-2024_")
    assert {(row["机构"], row["年度"], row["部分"], row["省"]) for row in rows} == {
        ("江宁区民政局", "2019", "问题与改进", "江苏省"), ("鼓楼区民政局", "2022", "问题与改进", "江苏省")}
    assert all("【政策解读】" in row["匹配片段"] and row["报告链接"].startswith(base_url) for row in rows)
    assert loads.report("a province's 民政 bodies, a phrase in 问题与改进, 2019–2024, to CSV", capsys) == 6

    typed = PageLoads(page)
    search_from_home(page, base_url, "“政策解读” 地区：江苏省 类别：民政 部分：问题与改进 年度：2019至2024")
    page.wait_for_load_state()
    assert page.locator("#q").input_value() == "“政策解读”" and page.locator("li.hit-card").count() == len(rows)
    assert download_csv(page) == (name, rows)
    assert typed.report("the same with its filters typed in the query", capsys) == 2


def test_task_b_one_bodys_reports_across_years(page_and_problems, base_url, capsys):
    page, _ = page_and_problems
    loads = PageLoads(page)
    search_from_home(page, base_url, "审计整改")
    open_first_hit(page)
    with page.expect_navigation():
        page.locator(".report-meta a", has_text=SERIES_AGENCY).click()
    years = [text.strip() for text in page.locator(".hit-year").all_inner_texts()]
    assert years == [f"{year} 年度" for year in reversed(SERIES_YEARS)], "one row per report, newest first"
    assert {text.strip() for text in page.locator(".hit-agency").all_inner_texts()} == {SERIES_AGENCY}
    assert loads.report("one body's reports across years", capsys) == 4


def test_task_c_a_report_stepped_through_from_a_hit_on_a_phone(phone_page, base_url, capsys):
    page, problems = phone_page
    loads = PageLoads(page)
    search_from_home(page, base_url, "审计整改")
    open_first_hit(page)
    total = int(page.locator("#match-total").inner_text())
    seen = []
    for _ in range(total):
        page.locator("#match-next").click()
        current = page.locator("a.hit.current")
        assert current.count() == 1 and not covered(page, "a.hit.current")
        seen.append(current.get_attribute("id"))
    assert sorted(seen, key=lambda anchor: int(anchor[1:])) == [f"m{number}" for number in range(1, total + 1)]
    assert loads.report("a report stepped through from a hit on a phone", capsys) == 3
    assert problems == []
