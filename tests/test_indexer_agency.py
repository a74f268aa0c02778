"""The reporting agency: names read as places + organ, the evidence order, and the bad names of issue 10."""

from __future__ import annotations

import pytest

from indexer.agency import Evidence, self_kind, subject_of_title
from indexer.agency_names import NameReader, canonical
from indexer.places import gazetteer
from indexer.reporting_body import reporting_body


def agency(title=None, body="", publishers=(), signature=(), head=(), context=(), year=None):
    evidence = Evidence(title, list(publishers), body, list(head), list(signature), list(context))
    return reporting_body(evidence, year).agency


def names_in(text: str) -> list[str]:
    return [name.name for name in NameReader(gazetteer()).find(text)]


# Each bad name issue 10 lists, in the sentence it came from: the right name, or nothing (a bare organ
# like 区教育局 is no sentence fragment, and is only used when nothing better is written).
@pytest.mark.parametrize(
    ("sentence", "allowed"),
    [
        ("现公布开阳县民政局2019年政府信息公开工作年度报告", {"开阳县民政局"}),
        ("我局认真落实区教育局的部署要求", {None, "区教育局"}),
        ("如有疑问请联系共青城市交通运输局办公室", {"共青城市交通运输局"}),
        ("不断完善各分县市局信息公开制度", {None}),
        ("严格根据我乡人民政府的统一部署", {None}),
        ("既有区划调整后的街道办事处也按要求公开", {None}),
        ("泾县人民政府信息公开工作", {"泾县人民政府"}),
        ("洪山区人民政府信息公开工作年度报告", {"洪山区人民政府"}),
        ("办事服务延安市教育局", {"延安市教育局"}),
    ],
)
def test_bad_names_of_the_issue_come_out_right_or_not_at_all(sentence, allowed):
    found = names_in(sentence)
    assert set(found) <= allowed - {None}
    assert agency(body=sentence + "。我局全年公开信息。") in allowed


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("天水市民政局2019年政府信息公开工作年度报告", "天水市民政局"),
        ("2019年天水市民政局政府信息公开工作年度报告", "天水市民政局"),
        ("关于印发榕江县人民政府2019年政府信息公开工作年度报告的通知", "榕江县人民政府"),
        ("本溪市财政局关于2023年政府信息公开工作年度报告", "本溪市财政局"),
        ("教育部办公厅关于2017年教育部政府信息公开工作年度报告的公告", "教育部"),
        ("武汉市统计局政府信息公开报告(2016年)", "武汉市统计局"),
        ("2019年政府信息公开工作年度报告", ""),
    ],
)
def test_subject_of_title(title, subject):
    assert subject_of_title(title) == subject


def test_canonical_forms():
    assert canonical("通城县") == "通城县人民政府"
    assert canonical("平度市政府") == "平度市人民政府"
    assert canonical("新华街道") == "新华街道办事处"
    assert canonical("中华人民共和国公安部") == "公安部"
    assert canonical("番禺经济技术开发区") == "番禺经济技术开发区"


def test_self_kind_prefers_a_bureau_over_its_place():
    assert self_kind("我县……我局……我局……本局") == "局"
    assert self_kind("我县……我县……本县") == "县"
    assert self_kind("没有自称") is None


def test_the_title_names_the_body_not_the_site_owner():
    body = "2019年，我局推进政务公开。弥勒市人民政府门户网站发布信息。我局全年公开信息。"
    assert agency("弥勒市交通运输局2019年政府信息公开工作年度报告", body, ["弥勒市人民政府"]) == "弥勒市交通运输局"


def test_site_owner_in_the_metadata_loses_to_the_body():
    body = "2019年，天水市民政局严格按照条例。现将我局工作汇报如下。我局全年公开信息607条。"
    assert agency(None, body, ["天水市人民政府"]) == "天水市民政局"


def test_signature_line_names_the_agency():
    body = "我局全年公开信息。联系我局。"
    assert agency(None, body, signature=["桐梓县财政局", "2020年1月20日"]) == "桐梓县财政局"


def test_first_sentence_names_the_body():
    body = "2025年,开平市交通运输局严格按照《条例》要求推进公开。我局全年公开信息。按照江门市人民政府部署。"
    assert agency(None, body) == "开平市交通运输局"


def test_compiled_by_statement_wins_over_names_in_sentences():
    body = "本年报由双牌县政务公开领导小组办公室编制。我县全面推进公开，双牌县人民政府门户网站发布信息。"
    assert agency(None, body) == "双牌县政务公开领导小组办公室"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("2019年，应急管理部进一步扩大主动公开范围。我部全年发布信息。", "应急管理部"),
        ("2019年，人力资源社会保障部认真贯彻条例。我部全年发布信息。", "人力资源社会保障部"),
        ("本报告由中华人民共和国生态环境部编制。我部全年发布信息。", "生态环境部"),
        ("《条例》实施以来，我局认真贯彻。国家统计局高度重视政府信息公开工作。", "国家统计局"),
        ("如对本报告有任何疑问，请联系：商务部信息化司综合处。2009年，我部认真贯彻《条例》精神。", "商务部"),
    ],
)
def test_central_bodies(body, name):
    assert agency(None, body) == name


def test_title_without_place_takes_it_from_the_body():
    body = "2010年，靖宇县公安局信息公开工作运行正常。我局参照县政府的做法。"
    assert agency("公安局2010年政府信息公开工作年度报告", body) == "靖宇县公安局"


def test_name_assembled_from_place_and_kind_of_work():
    body = "按照《2024年通城县政务公开工作要点》要求，有力地促进了民政工作的有序开展。我局未收到申请。我局人少事多。通城县各乡镇。"
    assert agency(None, body) == "通城县民政局"


@pytest.mark.parametrize(
    ("title", "body", "signature", "name"),
    [
        (None, "2020年，合肥经济技术开发区管理委员会认真贯彻条例。我委全年公开信息。", [], "合肥经济技术开发区管理委员会"),
        (None, "2024年，番禺经济技术开发区管委会坚持公开为常态。番禺经开区管委会始终将公开作为保障。", [], "番禺经济技术开发区管委会"),
        (None, "2019年，青白江区大弯街道办事处推进公开。本街道全年公开信息，我街道加强领导。", [], "青白江区大弯街道办事处"),
        (None, "2018年，我局在县委、县政府的领导下推进公安工作。我局共接到申请3件。", ["桐梓县公安局", "2019年1月20日"], "桐梓县公安局"),
        ("市生态环境局2019年政府信息公开年报", "2019年，在遵义市委的领导下，我局推进公开。遵义市各县。", [], "遵义市生态环境局"),
        ("大通回族土族自治县民政局2019年政府信息公开工作年度报告", "我局", [], "大通回族土族自治县民政局"),
        (None, "现公布2015年度本县政府信息公开工作年度报告。2015年，盐亭县认真贯彻落实条例，我县各乡镇扎实推进。", [], "盐亭县人民政府"),
        (None, "2019年，紧紧围绕勉县环境保护局中心工作，我局推进公开。", [], "勉县环境保护局"),
        (None, "2021年，孟连傣族拉祜族佤族自治县五里乡人民政府推进公开。我乡全年发布信息。", [], "孟连傣族拉祜族佤族自治县五里乡人民政府"),
        (None, "本溪市财政局推进公开。我局全年发布信息。全椒县、全县、各县区配合。", [], "本溪市财政局"),
        (None, "2020年，鼎城区公安局推进棚户区改造和社区警务公开。我局全年发布信息。", [], "鼎城区公安局"),
        (None, "根据条例，现公布翠山湖管委会2018年政府信息公开工作年度报告。本报告可在开平市政府信息公开目录系统“开平市翠山湖管委会”栏目查阅。", [], "开平市翠山湖管委会"),
        ("2018年建新镇政府信息公开工作年度报告", "建新镇根据条例公开信息。我镇全年公开。", ["遂溪县建新镇人民政府"], "遂溪县建新镇人民政府"),
        (None, "特向社会公布国家税务总局佛山市税务局（以下简称“佛山市税务局”）2021年政府信息公开工作年度报告。佛山市税务局全年公开。", [], "国家税务总局佛山市税务局"),
        ("天津海关2016年海关政府信息公开年度工作报告", "2016年天津海关在海关总署的领导下推进公开。", [], "天津海关"),
    ],
)
def test_agencies_of_many_kinds(title, body, signature, name):
    assert agency(title, body, signature=signature) == name


def test_a_place_named_in_passing_is_no_agency():
    body = "2009年，本市进一步加强政府自身建设，向社会公开对口支援都江堰市灾后恢复重建项目。"
    assert agency(None, body) is None


def test_nothing_known_gives_none():
    assert agency(None, "全年公开信息58条。") is None


def test_a_place_the_table_lacks_is_still_read_from_a_title():
    assert agency("新竹县卫生局2019年政府信息公开工作年度报告", "我局全年公开信息。") == "新竹县卫生局"


def test_how_a_customs_office_calls_itself_is_not_a_verb():
    assert self_kind("我关注群众关切。本关全年公开信息，本关加强领导。") == "关"
    assert self_kind("我关心群众，我局全年公开。") == "局"
