"""Property tests: no agency value ever starts with a verb or a function word.

Sentences are made of words reports put before a name (认真落实, 现公布, 请联系, 严格根据 …), a
real name (a place from the table and an organ from the vocabulary) and what follows; the agency
read from them, and every name found in them, must start where a place, a central body or a
level word starts, never with those words.
"""

from __future__ import annotations

from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.agency import Evidence
from indexer.agency_names import NameReader
from indexer.places import gazetteer
from indexer.reporting_body import reporting_body

LEADING_WORDS = (
    "认真落实", "落实", "现公布", "现将", "根据", "按照", "依据", "请联系", "请与", "严格根据", "进一步", "不断完善", "既有",
    "紧紧围绕", "办事服务", "具体负责", "着力推动", "大力加强", "强化同", "积极", "全面", "深入贯彻", "配合", "协调", "指导",
    "在", "由", "对", "向", "为", "与", "和", "及", "是", "的", "了", "将", "把", "从", "被", "等", "各", "本", "我", "该",
    "经", "据", "以", "于", "其", "这", "那", "全", "每", "也", "都", "又", "还", "就", "并", "而", "但",
)
ORGANS = ("民政局", "人力资源和社会保障局", "卫生健康委员会", "人民政府", "街道办事处", "教育局", "交通运输局", "管委会", "档案馆", "财政局")
FOLLOWING = ("", "2019年政府信息公开工作年度报告", "的部署要求", "认真贯彻条例", "办公室联系", "。我局全年公开信息。", "信息公开工作")


@lru_cache(maxsize=1)
def _place_names() -> list[str]:
    places = gazetteer()
    counties = [p.name for name in ("榕江县", "天水市", "开阳县", "和县", "全椒县", "对坊乡", "城中区", "泾县", "共青城市", "浦东新区") for p in places.named(name)]
    return sorted(set(counties))


def _starts_with_leading_word(name: str, place: str) -> bool:
    return any(name.startswith(word) and not place.startswith(word) for word in LEADING_WORDS)


sentences = st.tuples(
    st.lists(st.sampled_from(LEADING_WORDS), min_size=1, max_size=3).map("".join),
    st.sampled_from(_place_names()),
    st.sampled_from(ORGANS),
    st.sampled_from(FOLLOWING),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences)
def test_no_name_found_starts_with_what_stood_before_it(parts):
    lead, place, organ, following = parts
    for name in NameReader(gazetteer()).find(lead + place + organ + following):
        assert not _starts_with_leading_word(name.name, place), name


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sentences, st.sampled_from(["我局", "我委", "我乡", "我县", ""]))
def test_no_agency_starts_with_a_verb_or_function_word(parts, self_name):
    lead, place, organ, following = parts
    body = f"{lead}{place}{organ}{following}。{self_name}全年公开信息。"
    agency = reporting_body(Evidence(body=body), 2019).agency
    assert agency is None or not _starts_with_leading_word(agency, place), agency


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="认真落实现公布请联系区县市局乡镇政府人民委员会办公室的了在对和及街道办事处关于年度报告我本全各", max_size=40))
def test_names_in_any_text_start_with_a_place_a_level_word_or_a_central_body(text):
    for name in NameReader(gazetteer()).find(text):
        if name.places and not name.stems and not name.central:
            assert name.start == name.places[0].start, name  # 和县 is a place; 区和县 is not
        elif name.is_bare:
            assert text[name.start] in "省市县区州旗盟" or name.level_word == "", name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.sampled_from(list("省市县区镇乡街道局委办厅部人民政府管委会我本关于年度报告的了在和（）()：:，。\n 0123456789榕江天水北京")), max_size=80),
    st.one_of(st.none(), st.text(max_size=30)),
    st.one_of(st.none(), st.integers(min_value=1990, max_value=2030)),
)
def test_any_text_gives_a_reporting_body_or_nothing_never_an_error(body, title, year):
    found = reporting_body(Evidence(title=title, body=body, head=body.split("\n")[:3], signature=body.split("\n")[-3:]), year)
    assert found.agency is None or (isinstance(found.agency, str) and found.agency.strip())
    assert found.level in (None, "national", "province", "city", "county", "township")
    if found.region is not None:
        assert set(found.region) == {"province", "city", "county", "township", "code"}
