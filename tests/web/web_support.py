"""What the web tests share besides fixtures: where things are, and generated reports for long facets."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from report_files import region, write_sidecar, write_text_report

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO_ROOT / "corpus"
WEB_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "web"
NIANBAO = Path(sys.executable).parent / "nianbao"

REGIONS = {  # each place's region as a crawler's sidecar gives it (municipalities have no city)
    "东城区": region("北京市", None, "东城区", "110101"),
    "西湖区": region("浙江省", "杭州市", "西湖区", "330106"),
    "南山区": region("广东省", "深圳市", "南山区", "440305"),
    "北仑区": region("浙江省", "宁波市", "北仑区", "330206"),
    "江宁区": region("江苏省", "南京市", "江宁区", "320115"),
    "雁塔区": region("陕西省", "西安市", "雁塔区", "610113"),
    "岳麓区": region("湖南省", "长沙市", "岳麓区", "430104"),
    "鼓楼区": region("江苏省", "南京市", "鼓楼区", "320106"),
    "锦江区": region("四川省", "成都市", "锦江区", "510104"),
    "天河区": region("广东省", "广州市", "天河区", "440106"),
    "和平区": region("天津市", None, "和平区", "120101"),
    "市中区": region("山东省", "济南市", "市中区", "370103"),
}
PLACES = list(REGIONS)
KINDS = {"民政局": "民政", "财政局": "财政", "卫生健康委员会": "卫健"}


def write_generated_reports(directory: Path) -> list[Path]:
    """36 small reports from 36 district bodies, covering 2015-2023, so the agency facet is longer than a page
    shows; their sidecars give each its region, level and kind (the region tree: 6 provinces and 3 municipalities).
    And one city body's reports of 2019-2023 (`write_series`)."""
    paths = []
    for number, (place, kind) in enumerate((place, kind) for kind in KINDS for place in PLACES):
        agency = f"{place}{kind}"
        year = 2015 + number % 9
        sections = [
            ("总体情况", f"{year}年，{agency}深入贯彻《中华人民共和国政府信息公开条例》，推进政务公开标准化规范化。"),
            ("主动公开政府信息情况", f"全年主动公开政府信息{20 + number}条，其中低保、特困供养等救助信息按月公开。"),
            ("收到和处理政府信息公开申请情况", f"本年新收政府信息公开申请{number % 4}件，全部按期办结。"),
            ("存在的主要问题及改进情况", "政策解读的形式还不够丰富，下一步将加强解读。"),
        ]
        path = write_text_report(directory / f"generated_{number:02d}.txt", agency, year, sections)
        write_sidecar(path, region=REGIONS[place], level="county", agency_kind=KINDS[kind])
        paths.append(path)
    return paths + write_series(directory)


SERIES_AGENCY = "平凉市审计局"
SERIES_YEARS = range(2019, 2024)


def write_series(directory: Path) -> list[Path]:
    """One body's reports across five years (no sidecar): what a researcher follows from year to year."""
    return [
        write_text_report(directory / f"series_{year}.txt", SERIES_AGENCY, year, [
            ("总体情况", f"{year}年，{SERIES_AGENCY}围绕审计整改推进政务公开，全年公开审计结果{year - 2010}项。"),
            ("存在的主要问题及改进情况", "审计结果公开的及时性还需提高，下一步将加强审计整改情况的跟踪公开。"),
        ], published=f"{year + 1}-01-2{year % 10}")
        for year in SERIES_YEARS
    ]


def url_state(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def press(client, soup: BeautifulSoup, button) -> dict[str, list[str]]:
    """Submit the page's state form with `button` as a browser would; the state of the search it redirects to."""
    assert button["form"] == "state-form" and button["type"] == "submit"
    fields = [(field["name"], field["value"]) for field in soup.select("#state-form input[type=hidden]")]
    response = client.get("/", query_string=fields + [(button["name"], button["value"])])
    assert response.status_code == 303, response.data[:300]
    return url_state(response.headers["Location"])
