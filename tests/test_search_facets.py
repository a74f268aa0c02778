"""The region, kind and level facets on a real index on disk: tree listing, codes, names, narrowing, ordering."""

from __future__ import annotations


import pytest

from indexer.config import Settings
from report_files import region, write_sidecar, write_text_report
from search import QueryError, SearchIndex, SearchRequest, build_index

BODIES = [  # agency, year, region, level, kind
    ("杭州市西湖区民政局", 2019, region("浙江省", "杭州市", "西湖区", "330106"), "county", "民政"),
    ("杭州市西湖区教育局", 2020, region("浙江省", "杭州市", "西湖区", "330106"), "county", "教育"),
    ("杭州市民政局", 2020, region("浙江省", "杭州市", None, "330100"), "city", "民政"),
    ("宁波市鄞州区民政局", 2021, region("浙江省", "宁波市", "鄞州区", "330212"), "county", "民政"),
    ("浙江省民政厅", 2021, region("浙江省", None, None, "330000"), "province", "民政"),
    ("北京市朝阳区人民政府", 2019, region("北京市", None, "朝阳区", "110105"), "county", "人民政府"),
    ("南京市鼓楼区民政局", 2020, region("江苏省", "南京市", "鼓楼区", "320106"), "county", "民政"),
    ("福州市鼓楼区民政局", 2020, region("福建省", "福州市", "鼓楼区", "350102"), "county", "民政"),
    ("民政部", 2021, None, "national", "民政"),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> SearchIndex:
    corpus = tmp_path_factory.mktemp("facet-corpus")
    for number, (agency, year, place, level, kind) in enumerate(BODIES):
        path = write_text_report(corpus / f"r{number}.txt", agency, year, [("总体情况", f"{agency}推进政务公开，低保信息按月公开。")])
        write_sidecar(path, region=place, level=level, agency_kind=kind)
    write_text_report(corpus / "plain.txt", "天水市民政局", 2019, [("总体情况", "没有边车文件的报告。")])
    index_dir = tmp_path_factory.mktemp("facet-index")
    assert not build_index([corpus], index_dir, settings).failed
    return SearchIndex.open(index_dir, settings)


def _search(engine: SearchIndex, query: str = "", **filters: tuple[str, ...]):
    return engine.search(SearchRequest(query, filters, limit=100))


def _listing(response, name: str) -> list[tuple[str, int]]:
    return [(value.value, value.count) for value in response.facets[name]]


def test_the_region_facet_lists_provinces_by_count_then_pinyin(engine: SearchIndex) -> None:
    response = _search(engine)
    assert _listing(response, "region") == [("浙江省", 5), ("北京市", 1), ("福建省", 1), ("甘肃省", 1), ("江苏省", 1)]
    assert [value.code for value in response.facets["region"]] == ["330000", "110000", "350000", "620000", "320000"]


def test_a_selected_province_lists_its_cities_and_a_city_its_counties(engine: SearchIndex) -> None:
    province = _search(engine, region=("浙江省",))
    assert province.total_reports == 5
    assert _listing(province, "region") == [
        ("浙江省", 5), ("浙江省/杭州市", 3), ("浙江省/宁波市", 1), ("北京市", 1), ("福建省", 1), ("甘肃省", 1), ("江苏省", 1)]
    city = _search(engine, region=("浙江省", "浙江省/杭州市"))
    assert city.total_reports == 3
    assert _listing(city, "region")[:4] == [("浙江省", 5), ("浙江省/杭州市", 3), ("浙江省/杭州市/西湖区", 2), ("浙江省/宁波市", 1)]
    county = _search(engine, region=("浙江省", "浙江省/杭州市", "浙江省/杭州市/西湖区"))
    assert sorted(hit.agency for hit in county.hits) == ["杭州市西湖区教育局", "杭州市西湖区民政局"]


def test_a_municipality_lists_its_districts_under_it(engine: SearchIndex) -> None:
    assert ("北京市/朝阳区", 1) in _listing(_search(engine, region=("北京市",)), "region")


@pytest.mark.parametrize(
    ("typed", "reports", "exact"),
    [
        ("330000", 5, ("浙江省",)),
        ("33", 5, ("浙江省",)),
        ("3301", 3, ("浙江省/杭州市",)),
        ("330100", 3, ("浙江省/杭州市",)),
        ("330106", 2, ("浙江省/杭州市/西湖区",)),
        ("杭州市", 3, ("浙江省/杭州市",)),
        ("浙江省/杭州市", 3, ("浙江省/杭州市",)),
        ("浙江", 5, ()),
        ("鼓樓區", 2, ("福建省/福州市/鼓楼区", "江苏省/南京市/鼓楼区")),
        ("江苏省/南京市/鼓楼区", 1, ("江苏省/南京市/鼓楼区",)),
        ("上海市", 0, ()),
    ],
)
def test_a_region_is_a_code_a_prefix_a_name_or_a_path(engine: SearchIndex, typed: str, reports: int, exact: tuple) -> None:
    response = _search(engine, region=(typed,))
    assert response.total_reports == reports
    assert [(value.typed, value.exact) for value in response.filters["region"]] == [(typed, exact)]
    assert _search(engine, f"region:{typed}").total_reports == reports


def test_several_places_or_together(engine: SearchIndex) -> None:
    assert _search(engine, region=("北京市", "3301")).total_reports == 4


def test_a_bad_region_code_names_the_parameter(engine: SearchIndex) -> None:
    with pytest.raises(QueryError, match="GB/T 2260") as error:
        _search(engine, region=("3301001",))
    assert error.value.param == "region"


def test_kind_is_exact_and_listed_by_count(engine: SearchIndex) -> None:
    assert _listing(_search(engine), "kind") == [("民政", 8), ("教育", 1), ("人民政府", 1)]
    assert _search(engine, kind=("民政",)).total_reports == 8
    assert _search(engine, "kind:人民政府").total_reports == 1
    assert _search(engine, kind=("民政局",)).total_reports == 0


def test_level_by_name_or_label_in_its_own_order(engine: SearchIndex) -> None:
    assert _listing(_search(engine), "level") == [("national", 1), ("province", 1), ("city", 2), ("county", 6)]
    assert _search(engine, level=("县级",)).total_reports == 6
    assert _search(engine, "level:national").hits[0].agency == "民政部"
    with pytest.raises(QueryError, match="county") as error:
        _search(engine, level=("district",))
    assert error.value.param == "level"


def test_facets_combine_and_count_with_the_others_selections(engine: SearchIndex) -> None:
    response = _search(engine, "低保", region=("浙江省",), kind=("民政",), level=("county",))
    assert sorted(hit.agency for hit in response.hits) == ["宁波市鄞州区民政局", "杭州市西湖区民政局"]
    assert _listing(response, "level") == [("province", 1), ("city", 1), ("county", 2)]
    assert dict(_listing(response, "kind")) == {"民政": 2, "教育": 1}
    assert _listing(response, "region")[:3] == [("浙江省", 2), ("浙江省/杭州市", 1), ("浙江省/宁波市", 1)]


def test_a_selected_place_without_matches_stays_listed(engine: SearchIndex) -> None:
    response = _search(engine, region=("北京市",), kind=("教育",))
    assert response.total_reports == 0
    assert ("北京市", 0) in _listing(response, "region")


def test_agencies_with_equal_counts_are_in_pinyin_order(engine: SearchIndex) -> None:
    agencies = [value.value for value in _search(engine).facets["agency"]]
    assert agencies[:4] == ["北京市朝阳区人民政府", "福州市鼓楼区民政局", "杭州市民政局", "杭州市西湖区教育局"]
    assert agencies[-1] == "浙江省民政厅"


def test_hits_and_reports_carry_region_level_and_kind(engine: SearchIndex) -> None:
    hit = _search(engine, region=("330106",), kind=("教育",)).hits[0]
    assert (hit.region, hit.level, hit.agency_kind) == (region("浙江省", "杭州市", "西湖区", "330106"), "county", "教育")
    assert set(hit.to_json()) >= {"region", "level", "agency_kind", "agency_series"}
    report = engine.report(hit.report_id).to_json()
    assert (report["region"], report["level"], report["agency_kind"]) == (hit.region, "county", "教育")
    plain = _search(engine, "没有边车文件").hits[0]
    assert (plain.region["province"], plain.region["city"], plain.level, plain.agency_kind) == (
        "甘肃省", "天水市", "city", "民政"), "without a sidecar the body is placed from its own name"
