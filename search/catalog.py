"""Every facet of nianbao, defined once: the engine, the query language, the web and the CLI read this list.

A facet's `name` is its URL parameter (`?region=浙江省`), its CLI option
(`--region`), its query-language key (`region:浙江省`) and its key in the JSON
`facets`; `title` labels it on the page. Adding a facet is adding one entry
here (of a kind in `search.facet_kinds`): the index stores it, requests
filter on it and every surface lists it. The order here is the order facets
are shown in.
"""

from __future__ import annotations

from indexer import agency_forms
from indexer.matching import matching_form
from indexer.report import LEVELS, REGION_LEVELS, SECTION_LABELS, SECTION_TYPES
from search.facet_kinds import (
    ChoiceFacet,
    Facet,
    FacetColumn,
    NameFacet,
    Resolved,
    TreeFacet,
    YearFacet,
    match_exact,
)

LEVEL_LABELS: dict[str, str] = {
    "national": "国家级",
    "province": "省级",
    "city": "市级",
    "county": "县级",
    "township": "乡镇级",
}
_LEVEL_ALIASES: dict[str, str] = {
    "国家": "national", "中央": "national", "全国": "national", "部委": "national",
    "省": "province", "省级": "province", "市": "city", "地市": "city", "地级": "city",
    "县": "county", "区县": "county", "县区": "county", "乡镇": "township", "乡": "township",
    "镇": "township", "街道": "township",
}
_SECTION_ALIASES: dict[str, str] = {
    "概述": "overview",
    "基本情况": "overview",
    "主动公开政府信息情况": "proactive",
    "依申请": "requests",
    "收到和处理政府信息公开申请情况": "requests",
    "行政复议": "review_litigation",
    "行政诉讼": "review_litigation",
    "收费": "fees",
    "收费及减免": "fees",
    "存在的主要问题及改进情况": "problems",
    "问题": "problems",
    "其他需要报告的事项": "other_matters",
}


def match_agency(typed: str, column: FacetColumn) -> Resolved:
    """The agencies a typed agency filter selects, the one place such a filter is resolved.

    The agency so named, else the agencies named by one of the official forms
    the typed name may stand for (`indexer.agency_forms`: 甘南州人社局 →
    甘南藏族自治州人力资源和社会保障局), else every agency whose name contains the
    typed text or one of those forms (人社局: every 人力资源和社会保障局 of the index).
    """
    exact = match_exact(typed, column)
    if exact.ids:
        return exact
    forms = agency_forms(typed)
    named = sorted({index for form in forms for index in match_exact(form, column).ids})
    if named:
        return Resolved(tuple(named), tuple(column.names[index] for index in named))
    parts = {folded for form in forms if (folded := matching_form(form))} or {matching_form(typed)} - {""}
    if not parts:
        return exact
    return Resolved(tuple(index for index, name in enumerate(column.folded) if any(part in name for part in parts)))


FACETS: tuple[Facet, ...] = (
    NameFacet(
        name="agency", title="机构", key="agency", matcher=match_agency, query_names=("单位", "部门"), tells_matches=True,
        help="reporting agency: its exact name, a short form (人社局, 甘南州卫健委), or part of a name "
             "(every agency containing it); a search says which agencies a value matched when it matched several",
    ),
    TreeFacet(
        name="region", title="地区", key="region", levels=REGION_LEVELS[:3], query_names=("区域", "地方"),
        help="place: a name at any level (浙江省, 杭州市, 西湖区), a path (浙江省/杭州市), "
             "a GB/T 2260 code (330000 selects everything below it) or the start of a name (浙江)",
    ),
    NameFacet(
        name="kind", title="类别", key="agency_kind", matcher=match_exact, query_names=("类型", "机构类别", "机构类型"),
        help="kind of body, as the index names it (民政, 教育, 人民政府, 街道, 乡镇, …; 民政 is not part of 人民政府)",
    ),
    ChoiceFacet(
        name="level", title="层级", key="level", choices=dict(zip(LEVELS, (LEVEL_LABELS[level] for level in LEVELS))),
        aliases=_LEVEL_ALIASES, query_names=("级别",),
        help=f"level of the body: {', '.join(f'{level} ({LEVEL_LABELS[level]})' for level in LEVELS)}",
    ),
    YearFacet(name="year", title="年度", key="year", query_names=("年份", "年"),
              help="year covered: 2019 (or 2019年), or a range 2018-2020 (or 2018至2020)"),
    ChoiceFacet(
        name="section", title="部分", key="type", scope="section",
        choices={name: SECTION_LABELS[name] for name in SECTION_TYPES}, aliases=_SECTION_ALIASES, query_names=("章节",),
        help="section type or its Chinese label: "
             + ", ".join(f"{name} ({SECTION_LABELS[name]})" for name in SECTION_TYPES),
    ),
)
FACET_NAMES: tuple[str, ...] = tuple(facet.name for facet in FACETS)
FIELD_NAMES: dict[str, str] = {
    written.lower(): facet.name for facet in FACETS for written in (facet.name, facet.title, *facet.query_names)
}
"""Every name a query may give a filter (lower-case), to the facet it stands for: 机构, 年度, agency, year, …"""
_BY_NAME: dict[str, Facet] = {facet.name: facet for facet in FACETS}


def facet(name: str) -> Facet:
    """The facet called `name` (KeyError for none)."""
    return _BY_NAME[name]
