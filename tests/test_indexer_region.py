"""Region, level, kind and series of the reporting body, from what a report says."""

from __future__ import annotations

import pytest

from indexer.agency import Evidence
from indexer.organs import KINDS, organ_kind
from indexer.places import gazetteer
from indexer.reporting_body import reporting_body


def body_of(title=None, body="", year=None, publishers=(), context=()):
    return reporting_body(Evidence(title, list(publishers), body, [], [], list(context)), year)


def region_of(title=None, body="", year=None, context=()):
    found = body_of(title, body, year, context=context).region
    return None if found is None else (found["province"], found["city"], found["county"], found["township"], found["code"])


@pytest.mark.parametrize(
    ("title", "body", "year", "region", "level"),
    [
        ("天水市民政局2019年政府信息公开工作年度报告", "我局全年公开信息。", 2019, ("甘肃省", "天水市", None, None, "620500"), "city"),
        ("榕江县民政局2019年政府信息公开工作年度报告", "我局全年公开信息。", 2019, ("贵州省", "黔东南苗族侗族自治州", "榕江县", None, "522632"), "county"),
        ("天津市审计局2014年度政府信息公开年度报告", "我局全年公开信息。", 2014, ("天津市", None, None, None, "120000"), "province"),
        ("北京市大兴区统计局2016年政府信息公开年度报告", "我局全年公开信息。", 2016, ("北京市", None, "大兴区", None, "110115"), "county"),
        ("湖南省民政厅2014年政府信息公开工作年度报告", "我厅全年公开信息。", 2014, ("湖南省", None, None, None, "430000"), "province"),
        ("遂溪县建新镇人民政府2018年政府信息公开工作年度报告", "我镇全年公开信息。", 2018, ("广东省", "湛江市", "遂溪县", "建新镇", "440823"), "township"),
        ("中山市农业农村局2021年度政府信息公开工作年度报告", "我局全年公开信息。", 2021, ("广东省", "中山市", None, None, "442000"), "city"),
        ("长白县水利局2011年政府信息公开年度工作报告", "我局全年公开信息。", 2011, ("吉林省", "白山市", "长白朝鲜族自治县", None, "220623"), "county"),
        ("兴安盟生态环境局2022年政府信息公开工作年度报告", "我局全年公开信息。", 2022, ("内蒙古自治区", "兴安盟", None, None, "152200"), "city"),
    ],
)
def test_region_and_level_from_the_name(title, body, year, region, level):
    assert region_of(title, body, year) == region
    assert body_of(title, body, year).level == level


def test_a_township_alone_is_found_in_the_table():
    assert region_of("对坊乡2023年政府信息公开工作年度报告", "我乡全年公开信息。", 2023) == ("江西省", "赣州市", "宁都县", "对坊乡", "360730")


def test_names_as_of_the_year_and_code_of_today():
    fenghua = ("浙江省", "宁波市", "奉化市", None, "330213")
    assert region_of("奉化市民政局2013年政府信息公开工作年度报告", "我局全年公开信息。", 2013) == fenghua
    later = body_of("奉化区民政局2017年政府信息公开工作年度报告", "我局全年公开信息。", 2017)
    earlier = body_of("奉化市民政局2013年政府信息公开工作年度报告", "我局全年公开信息。", 2013)
    assert later.region["county"] == "奉化区" and later.series == earlier.series == "330213:民政"


def test_a_county_that_changed_prefecture():
    before = region_of("公主岭市档案局2018年政府信息公开工作年度报告", "我局全年公开信息。", 2018)
    after = region_of("公主岭市档案局2021年政府信息公开工作年度报告", "我局全年公开信息。", 2021)
    assert before[:3] == ("吉林省", "四平市", "公主岭市") and after[:3] == ("吉林省", "长春市", "公主岭市")


def test_a_township_in_a_district_since_merged():
    body = "现将闸弄口街道2018年度政府信息公开年度工作情况报告如下。本报告在江干区政府信息公开网上公开。本街道全年公开信息。"
    assert region_of(None, body, 2018)[:4] == ("浙江省", "杭州市", "江干区", "闸弄口街道")


def test_a_place_of_two_readings_settled_by_the_others_named():
    body = "2023年，城中区文体旅游科技局推进公开，在西宁晚报发布信息。我局全年发布信息。"
    assert region_of(None, body, 2023)[:3] == ("青海省", "西宁市", "城中区")
    body = "2023年，城中区文体旅游科技局推进公开，在柳州日报发布信息。我局全年发布信息。"
    assert region_of(None, body, 2023)[:3] == ("广西壮族自治区", "柳州市", "城中区")


def test_places_that_cannot_be_told_apart_give_what_they_share():
    found = body_of("牛街乡2019年政府信息公开工作年度报告", "我乡全年公开信息。", 2019)
    assert (found.region["province"], found.region["city"], found.region["county"]) == ("云南省", "大理白族自治州", None)
    assert found.level == "township" and found.series is None


def test_central_bodies_have_no_region():
    found = body_of("国家统计局2019年政府信息公开工作年度报告", "我局全年公开信息。", 2019)
    assert (found.region, found.level, found.kind, found.series) == (None, "national", "统计", "national:统计")


def test_local_offices_of_central_bodies():
    found = body_of(None, "特向社会公布国家税务总局佛山市税务局2021年政府信息公开工作年度报告。我局全年公开。", 2021)
    assert (found.agency, found.level, found.region["city"]) == ("国家税务总局佛山市税务局", "city", "佛山市")
    customs = body_of("天津海关2016年海关政府信息公开年度工作报告", "天津海关在海关总署的领导下推进公开。", 2016)
    assert (customs.level, customs.region["province"], customs.kind) == ("province", "天津市", "海关")


def test_development_zones_take_the_place_they_sit_in():
    found = body_of(None, "2024年，番禺经济技术开发区管委会坚持公开。番禺经开区管委会始终将公开作为保障。", 2024)
    assert (found.level, found.region["county"], found.kind) == ("county", "番禺区", "管委会")
    zone_bureau = body_of(None, "本年度报告由杭州高新区(滨江)财政局编制。我局全年公开。", 2024)
    assert (zone_bureau.region["county"], zone_bureau.kind) == ("滨江区", "财政")
    unnamed_zone = body_of(None, "2024年，区管委会办公室坚持公开，按照省、市政府工作要求推进。", 2024)
    assert (unnamed_zone.agency, unnamed_zone.level, unnamed_zone.region) == ("区管委会办公室", "city", None)


def test_a_bare_name_takes_the_place_the_report_names():
    body = "2010年，县卫生局政府信息公开工作在县委、县政府的领导下，按照临邑县政府《关于做好政府信息公开工作的通知》推进。我局全年公开。"
    found = body_of(None, body, 2010)
    assert (found.agency, found.region["county"], found.level) == ("临邑县卫生局", "临邑县", "county")


def test_level_from_the_governments_a_report_answers_to():
    body = "我局严格按照条例，深入贯彻落实国务院、省政府和市政府全面推进信息公开工作的部署。我局全年公开。"
    assert body_of(None, body, 2019).level == "city"
    assert body_of(None, "在县委、县政府的领导下，我局全年公开信息。", 2019).level == "county"


def test_a_region_wide_report_listing_its_districts():
    body = "2009年，本市各级政府部门坚持公开。卢湾、宝山、嘉定、松江等区县专题召开会议。本市进一步加强政府建设。"
    found = body_of(None, body, 2009)
    assert (found.agency, found.region["province"], found.level) == (None, "上海市", "province")


@pytest.mark.parametrize(
    ("organ", "kind"),
    [
        ("人力资源和社会保障局", "人社"), ("人社局", "人社"), ("卫生健康委员会", "卫健"), ("卫生和计划生育委员会", "卫健"),
        ("卫生局", "卫健"), ("农业局", "农业农村"), ("环境保护局", "生态环境"), ("国土资源局", "自然资源"),
        ("文体旅游科技局", "文旅"), ("文化广电和旅游局", "文旅"), ("住房和城乡建设局", "住建"), ("市场监督管理局", "市场监管"),
        ("发展和改革委员会", "发改"), ("工业和信息化局", "工信"), ("医疗保障局", "医保"), ("退役军人事务局", "退役军人"),
        ("人民政府办公室", "政府办公室"), ("政务公开领导小组办公室", "政府办公室"), ("管委会", "管委会"),
        ("司法局(区行政复议局)", "司法"), ("档案馆", "档案"), ("城市管理局", "城管"), ("机关事务管理局", "机关事务"),
        ("公共资源交易中心", "other"),
    ],
)
def test_organ_kinds(organ, kind):
    assert organ_kind(organ) == kind
    assert kind in KINDS


def test_the_2018_reorganisation_keeps_the_series():
    pairs = [
        ("金华市农业局2017年", "金华市农业农村局2019年"),
        ("金华市环境保护局2017年", "金华市生态环境局2019年"),
        ("金华市国土资源局2017年", "金华市自然资源和规划局2019年"),
        ("金华市卫生和计划生育委员会2017年", "金华市卫生健康委员会2019年"),
    ]
    for before, after in pairs:
        old = body_of(before + "政府信息公开工作年度报告", "全年公开信息。", 2017).series
        new = body_of(after + "政府信息公开工作年度报告", "全年公开信息。", 2019).series
        assert old == new and old.startswith("330700:")


def test_governments_and_their_offices_are_different_series():
    county = body_of("榕江县人民政府2019年政府信息公开工作年度报告", "我县全年公开信息。", 2019)
    office = body_of("榕江县人民政府办公室2019年政府信息公开工作年度报告", "我办全年公开信息。", 2019)
    town = body_of("榕江县古州镇人民政府2019年政府信息公开工作年度报告", "我镇全年公开信息。", 2019)
    assert (county.kind, office.kind, town.kind) == ("人民政府", "政府办公室", "乡镇")
    assert len({county.series, office.series, town.series}) == 3


def test_an_office_of_a_central_body_named_by_a_short_place_name():
    found = body_of(None, "2019年，国家统计局天水调查队认真贯彻条例。我队全年公开信息。", 2019)
    assert (found.agency, found.level, found.region["city"], found.kind) == ("国家统计局天水调查队", "city", "天水市", "统计")
    assert found.series != body_of("天水市统计局2019年政府信息公开工作年度报告", "我局全年公开。", 2019).series


def test_a_place_the_table_lacks_gives_the_level_its_name_says():
    found = body_of("某某市住房和城乡建设局2022年政府信息公开工作年度报告", "我局全年公开信息。", 2022)
    assert (found.agency, found.region, found.level, found.kind) == ("某某市住房和城乡建设局", None, "city", "住建")


def test_a_district_of_two_readings_with_no_other_clue_keeps_its_level():
    found = body_of("江北区卫生健康委员会2020年政府信息公开工作年度报告", "我委全年公开信息。", 2020)
    assert (found.region, found.level, found.series) == (None, "county", None)


def test_places_changed_since_the_last_code_book_are_dated():
    chongqing = body_of(None, "2022年，重庆市江北区民政局认真贯彻条例。我局全年公开。", 2022)
    assert (chongqing.region["province"], chongqing.region["county"]) == ("重庆市", "江北区")
    (gone,) = [place for place in gazetteer().named("江干区")]
    assert (gone.in_force(2020), gone.in_force(2021)) == (True, False)


def test_a_unit_of_a_bureau_and_a_street_under_its_district_government():
    unit = body_of("天水市公安局交通警察支队2019年政府信息公开工作年度报告", "我队全年公开信息。", 2019)
    bureau = body_of("天水市公安局2019年政府信息公开工作年度报告", "我局全年公开信息。", 2019)
    assert (unit.agency, unit.kind, unit.level) == ("天水市公安局交通警察支队", "公安", "city") and unit.series != bureau.series
    street = body_of("杭州市西湖区人民政府西溪街道办事处2019年政府信息公开工作年度报告", "我街道全年公开信息。", 2019)
    assert (street.agency, street.level, street.region["county"], street.region["township"]) == (
        "杭州市西湖区人民政府西溪街道办事处", "township", "西湖区", "西溪街道")
