"""The reporting agency: title, signature, body names, and assembled names."""

from __future__ import annotations

import pytest

from indexer.agency import agency_in_title, infer_agency, normalize_agency, self_kind


@pytest.mark.parametrize(
    ("title", "agency"),
    [
        ("天水市民政局2019年政府信息公开工作年度报告", "天水市民政局"),
        ("2019年天水市民政局政府信息公开工作年度报告", "天水市民政局"),
        ("阜宁县2019年政府信息公开工作年度报告", "阜宁县人民政府"),
        ("新华街道2020年政府信息公开工作年度报告", "新华街道办事处"),
        ("民政部2019年政府信息公开工作年度报告", "民政部"),
        ("公安局2018年政府信息公开工作年度报告", "公安局"),
        ("关于印发某某县人民政府2019年政府信息公开工作年度报告的通知", "某某县人民政府"),
        ("本溪市财政局关于2023年政府信息公开工作年度报告", "本溪市财政局"),
        ("某某县人民政府办公室关于印发某某县人民政府2019年政府信息公开工作年度报告的通知", "某某县人民政府"),
        ("2019年政府信息公开工作年度报告", None),
        (None, None),
    ],
)
def test_agency_in_title(title, agency):
    assert agency_in_title(title) == agency


def test_normalize_agency():
    assert normalize_agency("某某县政府") == "某某县人民政府"
    assert normalize_agency("白沙镇") == "白沙镇人民政府"
    assert normalize_agency("《武定县民政局") == "武定县民政局"


def test_self_kind_prefers_a_bureau_over_its_place():
    assert self_kind("我县……我局……我局……本局") == "局"
    assert self_kind("我县……我县……本县") == "县"
    assert self_kind("没有自称") is None


def test_site_owner_in_the_metadata_loses_to_the_body():
    body = "2019年，天水市民政局严格按照条例。现将我局工作汇报如下。我局全年公开信息607条。"
    assert infer_agency(None, ["天水市人民政府"], body, []) == "天水市民政局"


def test_signature_line_names_the_agency():
    body = "我局全年公开信息。联系我局。\n某某县财政局\n2020年1月20日"
    assert infer_agency(None, [], body, ["某某县财政局", "2020年1月20日"]) == "某某县财政局"


def test_name_assembled_from_place_and_kind_of_work():
    body = "按照《2024年通城县政务公开工作要点》要求，有力地促进了民政工作的有序开展。我局未收到申请。我局人少事多。"
    assert infer_agency(None, [], body, []) == "通城县民政局"


def test_commission_assembled_from_place_and_kind_of_work():
    body = "根据《2020年某某区政务公开工作要点》，我委围绕卫生健康工作推进公开。我委全年发布信息。"
    assert infer_agency(None, [], body, []) == "某某区卫生健康委员会"


def test_title_without_place_takes_it_from_the_body():
    body = "2018年，在鹤山市委、市政府的领导下，我局推进公开。鹤山市公安局成立了领导小组。"
    assert infer_agency("公安局2018年政府信息公开工作年度报告", [], body, []) == "鹤山市公安局"
    body_without_name = "2018年，在鹤山市委、市政府的领导下，我局推进公安工作公开。"
    assert infer_agency("公安局2018年政府信息公开工作年度报告", [], body_without_name, []) == "鹤山市公安局"


def test_county_government_report():
    body = "2019年，我县全面推进政务公开。我县各乡镇、各部门认真落实。县政府办公室牵头。"
    assert infer_agency(None, ["某某县人民政府办公室"], body + "某某县人民政府", []) == "某某县人民政府"


def test_nothing_known_gives_none():
    assert infer_agency(None, [], "全年公开信息58条。", []) is None


@pytest.mark.parametrize(
    ("title", "body", "signature", "agency"),
    [
        (None, "2020年，合肥经济技术开发区管理委员会认真贯彻条例。我委全年公开信息。", [], "合肥经济技术开发区管理委员会"),
        (None, "2019年，成都高新区管委会推进公开。我委全年公开信息。", [], "成都高新区管委会"),
        (None, "2019年，青白江区大弯街道办事处推进公开。本街道全年公开信息，我街道加强领导。", [], "青白江区大弯街道办事处"),
        (None, "2018年，我局在县委、县政府的领导下推进公安工作。我局共接到申请3件。", ["桐梓县公安局", "2019年1月20日"], "桐梓县公安局"),
        ("市生态环境局2019年政府信息公开年报", "2019年，在遵义市委的领导下，我局推进公开。", [], "遵义市生态环境局"),
        ("大通回族土族自治县民政局2019年政府信息公开工作年度报告", "我局", [], "大通回族土族自治县民政局"),
        ("国家统计局2019年政府信息公开工作年度报告", "我局", [], "国家统计局"),
        (None, "现公布2015年度本县政府信息公开工作年度报告。2015年，盐亭县认真贯彻落实条例，我县各乡镇扎实推进。", [], "盐亭县人民政府"),
        (None, "2019年，紧紧围绕勉县环境保护局中心工作，我局推进公开。", [], "勉县环境保护局"),
        (None, "2014年，勉县环境保护局认真贯彻条例。对照勉县政务公开要点，我局推进环境保护工作。该县、两县配合。", [], "勉县环境保护局"),
        (None, "2024年，国家医疗保障局围绕城乡医疗保障工作推进公开，我局全年发布信息。", [], "国家医疗保障局"),
        (None, "2021年，孟连傣族拉祜族佤族自治县五里乡人民政府推进公开。我乡全年发布信息。", [], "孟连傣族拉祜族佤族自治县五里乡人民政府"),
        (None, "本溪市财政局推进公开。我局全年发布信息。全椒县、全县、各县区配合。", [], "本溪市财政局"),
        (None, "2020年，鼎城区公安局推进棚户区改造和社区警务公开。我局全年发布信息。", [], "鼎城区公安局"),
    ],
)
def test_agencies_of_many_kinds(title, body, signature, agency):
    assert infer_agency(title, [], body, signature) == agency
