"""The region, kind and level facets through every surface: the page (province → city → county), the JSON
API, the CSV, the report page, the OpenAPI description and the `nianbao search` command."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from web.cli import main
from web_support import press


def page(client, query_string) -> BeautifulSoup:
    response = client.get("/", query_string=query_string)
    assert response.status_code == 200, response.data
    return BeautifulSoup(response.data, "lxml")


def options(soup: BeautifulSoup, name: str) -> list[tuple[str, str, int, bool]]:
    """(value, label, depth, checked) of each option of a facet, in page order."""
    found = []
    for item in soup.select(f"#facet-{name} li"):
        box = item.select_one("input[type=checkbox]")
        depth = int(item["class"][0].split("-")[1]) if item.has_attr("class") else 0
        found.append((box["value"], item.select_one(".facet-value").text, depth, box.has_attr("checked")))
    return found


def chip_labels(soup: BeautifulSoup) -> list[str]:
    return [chip.text.split("×")[0].strip() for chip in soup.select("button.chip")]


def test_province_then_city_then_county_in_the_page(client):
    top = options(page(client, {}), "region")
    assert ("浙江省", "浙江省", 0, False) in top and all(depth == 0 for _, _, depth, _ in top)
    assert not any(value.startswith("浙江省/") for value, *_ in top)

    province = page(client, {"region": "浙江省"})
    listed = options(province, "region")
    position = [value for value, *_ in listed].index("浙江省")
    assert listed[position] == ("浙江省", "浙江省", 0, True)
    assert {option[:3] for option in listed[position + 1 : position + 3]} == {("浙江省/杭州市", "杭州市", 1), ("浙江省/宁波市", "宁波市", 1)}
    assert province.select_one("#total-reports").text == "6"

    city = page(client, [("region", "浙江省"), ("region", "浙江省/杭州市")])
    assert ("浙江省/杭州市/西湖区", "西湖区", 2, False) in options(city, "region")
    assert city.select_one("#total-reports").text == "3"
    assert chip_labels(city) == ["地区：浙江省", "地区：浙江省 › 杭州市"]

    county = page(client, [("region", "浙江省"), ("region", "浙江省/杭州市"), ("region", "浙江省/杭州市/西湖区")])
    assert {agency.text for agency in county.select(".hit-agency")} == {"西湖区民政局", "西湖区财政局", "西湖区卫生健康委员会"}
    assert "region" not in press(client, county, county.select("button.chip")[0])
    assert press(client, county, county.select("button.chip")[1]) == {"region": ["浙江省"]}


def test_a_code_ticks_its_place_and_a_name_start_travels_hidden(client):
    by_code = page(client, {"region": "330000"})
    assert [value for value, _, _, ticked in options(by_code, "region") if ticked] == ["浙江省"]
    assert not by_code.select('#facet-region input[type=hidden]')
    assert by_code.select_one("#total-reports").text == "6"

    by_start = page(client, {"region": "浙江"})
    assert not [value for value, _, _, ticked in options(by_start, "region") if ticked]
    assert [box["value"] for box in by_start.select('#facet-region input[type=hidden]')] == ["浙江"]
    assert chip_labels(by_start) == ["地区：浙江"]
    assert by_start.select_one("#total-reports").text == "6"


def test_kind_and_level_facets_are_listed_with_labels(client):
    soup = page(client, {"kind": "卫健"})
    assert ("卫健", "卫健", 0, True) in options(soup, "kind")
    assert ("county", "县级", 0, False) in options(soup, "level")
    assert soup.select_one("#total-reports").text == "12"
    assert chip_labels(page(client, {"level": "县级"})) == ["层级：县级"]


def test_a_bad_level_is_a_400_naming_the_filter(client):
    response = client.get("/", query_string={"level": "galaxy"})
    assert response.status_code == 400
    assert "层级筛选有误" in response.get_data(as_text=True)
    api = client.get("/api/search", query_string={"level": "galaxy"})
    assert api.status_code == 400 and api.json["error"]["param"] == "level"


def test_the_api_filters_and_lists_places_with_codes(client):
    data = client.get("/api/search", query_string={"region": "330100", "kind": "民政"}).json
    assert data["total_reports"] == 1
    hit = data["hits"][0]
    assert hit["agency"] == "西湖区民政局"
    assert hit["region"] == {"province": "浙江省", "city": "杭州市", "county": "西湖区", "township": None, "code": "330106"}
    assert (hit["level"], hit["agency_kind"]) == ("county", "民政")
    region = {value["value"]: value for value in data["facets"]["region"]}
    assert region["浙江省/杭州市"] == {"value": "浙江省/杭州市", "count": 1, "code": "330100"}
    assert region["浙江省/杭州市/西湖区"]["code"] == "330106"
    inline = client.get("/api/search", query_string={"q": "region:330100 kind:民政"}).json
    assert inline["total_reports"] == 1

    report = client.get(f"/api/reports/{hit['report_id']}").json
    assert (report["region"], report["level"], report["agency_kind"]) == (hit["region"], "county", "民政")


def test_the_csv_has_the_place_columns(client):
    text = client.get("/api/search.csv", query_string={"region": "北京市", "kind": "财政"}).get_data(as_text=True)
    header, row = (line.split(",") for line in text.lstrip("\ufeff").splitlines()[:2])
    cells = dict(zip(header, row))
    assert (cells["省"], cells["市"], cells["县"], cells["行政区划代码"]) == ("北京市", "", "东城区", "110101")
    assert (cells["层级"], cells["机构类别"]) == ("县级", "财政")


def test_the_report_page_links_its_places_kind_and_level(client):
    hit = client.get("/api/search", query_string={"region": "330106", "kind": "民政"}).json["hits"][0]
    soup = BeautifulSoup(client.get(f"/reports/{hit['report_id']}").data, "lxml")
    meta = dict(zip([dt.text for dt in soup.select(".report-meta dt")], soup.select(".report-meta dd"), strict=True))
    assert [(a.text, parse_qs(urlsplit(a["href"]).query)["region"]) for a in meta["地区"].select("a")] == [
        ("浙江省", ["浙江省"]), ("杭州市", ["浙江省/杭州市"]), ("西湖区", ["浙江省/杭州市/西湖区"])]
    assert meta["类别"].text.strip() == "民政" and meta["层级"].text.strip() == "县级"


def test_openapi_describes_every_facet_parameter(client):
    document = client.get("/api/openapi.json").json
    names = [param["name"] for param in document["paths"]["/api/search"]["get"]["parameters"]]
    assert {"region", "kind", "level"} <= set(names)
    hit = document["components"]["schemas"]["Hit"]["properties"]
    assert {"region", "level", "agency_kind", "agency_series"} <= set(hit)


def test_the_cli_filters_by_region_kind_and_level(runner, web_index_dir):
    args = ["search", "--index", str(web_index_dir), "--region", "浙江省", "--kind", "民政", "--level", "county"]
    data = json.loads(runner.invoke(main, [*args, "--json"]).output)
    assert data["total_reports"] == 2 and {hit["agency"] for hit in data["hits"]} == {"北仑区民政局", "西湖区民政局"}
    assert data["facets"]["region"][:4] == [  # by count, then pinyin: guang, jiang, tian, zhe (津南区 is a seed)
        {"value": "广东省", "count": 2, "code": "440000"},
        {"value": "江苏省", "count": 2, "code": "320000"},
        {"value": "天津市", "count": 2, "code": "120000"},
        {"value": "浙江省", "count": 2, "code": "330000"},
    ]
    text = runner.invoke(main, args).output
    assert "地区: 广东省 (2), 江苏省 (2), 天津市 (2), 浙江省 (2), 浙江省 › 杭州市 (1), 浙江省 › 宁波市 (1)" in text
    assert "层级: 县级 (2)" in text
    bad = runner.invoke(main, ["search", "--index", str(web_index_dir), "--level", "galaxy"])
    assert bad.exit_code == 2 and "--level" in bad.output and "county" in bad.output
