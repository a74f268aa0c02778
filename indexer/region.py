"""Where a reporting body sits: its region (province, city, county, township, code) and level.

The places of the agency's own name come first (`遂溪县建新镇人民政府`); a name that
does not say which of several places of the same name it means (城中区 is in 西宁
and in 柳州; 建新镇 in 福州 and in 湛江) is settled by the other places the report
names (济宁市兖州区 …), the names of those places without their level word
(西宁晚报) and by whether it speaks of a 省 or an 自治区, and by the year: names are
official names as of the report's year (a 2013 report of 奉化市, a 2018 report
of 闸弄口街道 in 江干区). A name with no place at all (我局, 市应急局) takes the place
the report names most of the level its words say. Where the places cannot be
told apart, only the levels they share are given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from indexer.agency import Choice
from indexer.agency_names import AgencyName
from indexer.chinese import HAN
from indexer.organs import organ_kind
from indexer.places import Gazetteer, Mention, Place

_LEVEL_OF_WORD = {"省": "province", "市": "city", "州": "city", "盟": "city", "县": "county", "区": "county", "旗": "county",
                  "镇": "township", "乡": "township", "街道": "township"}
LEVEL_RANK = {"national": 0, "province": 1, "city": 2, "county": 3, "township": 4}
"""Levels from the top down; a larger rank is a lower level."""
_SUPERIOR = re.compile(rf"(?:^|(?<=[^{HAN}])|(?<=[在和与及向照据]))([省市县区])(?:委|政府|人民政府)")
_PROVINCE_WORDS = re.compile(r"省委|省政府|全省|省人民政府")
_UNNAMED_MIN_MENTIONS = 2
_ENUMERATION = re.compile(rf"((?:[{HAN}]{{2,4}}[、，,和及]){{2,}}[{HAN}]{{2,4}})等?(?:区县|县区|县市区|县市|区|县|旗县|市县)")
_ENUMERATION_MIN = 3
_AUTONOMOUS_WORDS = re.compile(r"自治区党委|自治区人民政府|自治区政府|全区各族")


@dataclass(frozen=True)
class Location:
    """The region (None for a central body or where unknown) and the level of a reporting body."""

    region: dict[str, str | None] | None
    level: str | None
    place: Place | None


class Locator:
    """Places a chosen agency name with one place table."""

    def __init__(self, places: Gazetteer) -> None:
        self.places = places

    def locate(self, choice: Choice, year: int | None, text: str) -> Location:
        name = choice.name
        if name is not None and name.is_central:
            return Location(None, "national", None)
        place = self._anchor(name, choice, year, text)
        if place is None:
            return Location(None, _level_without_place(name, choice, text), None)
        lineage = self._lineage(place, year, choice.mentions)
        return Location(_region(lineage), _level(name, lineage, choice.self_kind), place)

    def _anchor(self, name: AgencyName | None, choice: Choice, year: int | None, text: str) -> Place | None:
        """The lowest place the name stands in; for a name without places, the place the report names
        most of the level its words say (市应急局 → a 市), or None."""
        if name is not None and not name.is_bare:
            if not name.places and not name.stems:
                return None  # a place the table does not hold
            chain = [mention.places for mention in name.places]
            if name.stems:
                chain.insert(0, name.stems)
            return self._resolve(chain, year, choice.mentions, text)
        if name is None:
            hint = _place_kind(choice.self_kind)
            if not hint:
                return None
        else:
            hint = "" if organ_kind(name.organ) == "管委会" else name.level_word
        candidates = [mention for mention in choice.mentions if _of_level(mention, hint)]
        if not candidates:
            return self._enumerated(text, year) if name is None else None
        counts = Counter(mention.name for mention in candidates)
        best = max(counts, key=counts.__getitem__)
        if name is None and counts[best] < _UNNAMED_MIN_MENTIONS:
            return self._enumerated(text, year)  # one place named in passing is no evidence
        mention = next(mention for mention in candidates if mention.name == best)
        return self._resolve([mention.places], year, choice.mentions, text)

    def _enumerated(self, text: str, year: int | None) -> Place | None:
        """The place a report speaks for when it lists the places under it by their short names
        (`卢湾、宝山、嘉定、松江等区县` → 上海市): at least three, all in one place."""
        for match in _ENUMERATION.finditer(text):
            items = set(re.split(r"[、，,和及]", match.group(1)))
            readings = [self.places.stemmed(item) for item in items]
            readings = [reading for reading in readings if reading]
            if len(readings) < _ENUMERATION_MIN:
                continue
            parents = [{self.places.parent(place, year) for place in reading} - {None} for reading in readings]
            shared = set.intersection(*parents)
            if len(shared) == 1:
                return shared.pop()
        return None

    def _resolve(self, chain: list[tuple[Place, ...]], year: int | None, mentions: list[Mention], text: str) -> Place | None:
        """The place the last element of a chain stands for, within the earlier elements."""
        options = list(chain[-1])
        for earlier in chain[:-1]:
            inside = [option for option in options if any(self.places.is_within(option, outer, year) for outer in earlier)]
            options = inside or options
        if len(options) == 1:
            return options[0]
        scores = {option: self._support(option, year, mentions, text) for option in options}
        best = max(scores.values())
        winners = [option for option in options if scores[option] == best]
        return winners[0] if len(winners) == 1 else self._shared(winners, year)

    def _support(self, option: Place, year: int | None, mentions: list[Mention], text: str) -> float:
        """How well the rest of the report agrees with one reading of a place name."""
        lineage = self.places.lineage(option, year)
        codes = {step.code for step in lineage[:-1]}
        score = 10.0 if option.in_force(year) else -float(option.years_away(year))
        score += sum(1 for mention in mentions if mention.name != option.name and any(p.code in codes for p in mention.places))
        for ancestor in lineage[:-1]:
            stem = re.sub(r"(?:省|市|自治区|自治州|地区|盟|州|县|区)$", "", ancestor.name)
            if len(stem) >= 2 and stem in text:
                score += 0.5
        province = lineage[0].name
        if province.endswith("省") and _PROVINCE_WORDS.search(text) or province.endswith("自治区") and _AUTONOMOUS_WORDS.search(text):
            score += 0.5
        return score

    def _shared(self, options: list[Place], year: int | None) -> Place | None:
        """The lowest place every option lies in (牛街乡 in 巍山 or in 洱源: 大理白族自治州)."""
        lineages = [self.places.lineage(option, year) for option in options]
        shared = None
        for steps in zip(*lineages):
            if len({step.code for step in steps}) != 1:
                break
            shared = steps[0]
        return shared

    def _lineage(self, place: Place, year: int | None, mentions: list[Mention]) -> list[Place]:
        """The place and its ancestors as of `year`. A township's county is today's unless the report
        names another county of the same city that was in force then (闸弄口街道 in 江干区 in 2018)."""
        lineage = self.places.lineage(place, year)
        if place.level != "township" or len(lineage) < 2 or lineage[-2].level != "county":
            return lineage
        county = lineage[-2]
        named = {mention.name for mention in mentions}
        if county.name in named and county.in_force(year):
            return lineage
        for mention in mentions:
            for other in mention.places:
                if other.level == "county" and other.parent == county.parent and other.code != county.code and other.in_force(year):
                    return [*self.places.lineage(other, year), place]
        return lineage


def _region(lineage: list[Place]) -> dict[str, str | None]:
    region: dict[str, str | None] = {"province": None, "city": None, "county": None, "township": None, "code": None}
    for step in lineage:
        region[step.level] = step.name
        if step.level != "township":
            region["code"] = step.current_code
    return region


def _level(name: AgencyName | None, lineage: list[Place], self_kind: str | None) -> str:
    """The level of the lowest place, or of the place the name (or 我乡, 我镇) says when several of that
    name could not be told apart (牛街乡: a township, though only its prefecture is known)."""
    lowest = lineage[-1].level
    if name is not None and name.places:
        named = {place.level for place in name.places[-1].places}
        if len(named) == 1 and LEVEL_RANK[named.pop()] > LEVEL_RANK[lowest]:
            return next(iter({place.level for place in name.places[-1].places}))
    municipality = lowest == "province" and lineage[-1].name.endswith("市")
    if name is None and self_kind in _LEVEL_OF_WORD and LEVEL_RANK[_LEVEL_OF_WORD[self_kind]] > LEVEL_RANK[lowest] and not municipality:
        return _LEVEL_OF_WORD[self_kind]
    if name is not None and name.level_word and not name.places and not name.stems:
        worded = _LEVEL_OF_WORD.get(name.level_word)
        if worded and LEVEL_RANK[worded] > LEVEL_RANK[lowest]:
            return worded
    return lowest


def _place_kind(kind: str | None) -> str:
    return kind if kind in _LEVEL_OF_WORD else ""


def _of_level(mention: Mention, word: str) -> bool:
    if word in ("镇", "乡", "街道"):
        return mention.name.endswith(word)
    above_township = any(place.level != "township" for place in mention.places)
    return above_township and (not word or mention.name.endswith(word) or word == "市" and mention.name.endswith(("州", "盟")))


def _level_without_place(name: AgencyName | None, choice: Choice, text: str) -> str | None:
    """The level when no place is known: the name's level word, how the report refers to itself
    (我县, 我乡), else the lowest government it answers to (在县委、县政府的领导下 → county)."""
    if name is not None and name.places:
        levels = {place.level for place in name.places[-1].places}
        if len(levels) == 1:
            return levels.pop()  # 江北区 of 宁波 or of 重庆: a county either way
    if name is not None and organ_kind(name.organ) == "管委会":
        return "city"  # a development zone, under a prefecture-level city unless its place says otherwise
    if name is not None:
        word = name.level_word or (name.unlisted[-2:] if name.unlisted.endswith("街道") else name.unlisted[-1:])
        if word in _LEVEL_OF_WORD:
            return _LEVEL_OF_WORD[word]
    kind = _place_kind(choice.self_kind)
    if kind:
        return _LEVEL_OF_WORD[kind]
    superiors = {_LEVEL_OF_WORD[word] for word in _SUPERIOR.findall(text)}
    return max(superiors, key=LEVEL_RANK.__getitem__) if superiors else None
