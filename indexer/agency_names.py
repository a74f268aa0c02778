"""Agency names read as a chain of places and an organ: 贵州省 贵阳市 开阳县 + 民政局.

Places come from the administrative-division table (`indexer.places`), organs
from the organ vocabulary (`indexer.organs`) or, for organs no list holds, a
name ending in an organ word (局, 委员会, 管委会 …) that holds no function word
or verb. Whatever stands before the place chain and is no place is not part of
the name (`现公布开阳县民政局` → 开阳县民政局). A name may also be a central body
(国家统计局, 中华人民共和国公安部), a central body's local office (国家税务总局佛山市税务局,
天津海关), a development zone's body (番禺经济技术开发区管委会, 杭州高新区(滨江)财政局),
or, with no place at all, a level word and a known organ (市应急管理局): such a
*bare* name is only used when nothing better is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from indexer.chinese import HAN, QUOTES, YEAR
from indexer.lexicon import Lexicon
from indexer.organs import local_names, national_names
from indexer.places import Gazetteer, Mention, Place

# Characters no organ name holds: function words, pronouns, time words.
_NOT_IN_ORGAN = "的了在对将由为是把从到给着过及或等这那其我本各该每全共已被向于以之也都又还就并而但如若则年月日"
_ORGAN_CHAR = rf"[^{_NOT_IN_ORGAN}\W\d_a-zA-Z]"
_ORGAN_WORD = (
    r"人民政府办公室|人民政府办公厅|人民政府|政府办公室|政府|街道办事处|办事处|管理委员会|管委会|委员会|"
    r"办公室|办公厅|总局|局|厅|委|办(?![公事])|署|中心|馆|院|所|站|队|部"
)
_GENERIC_ORGAN = re.compile(rf"{_ORGAN_CHAR}{{1,14}}?(?:{_ORGAN_WORD})")
# Verbs and adverbs of sentences, never inside an organ's name (认真落实民政局 is no organ).
_SENTENCE_WORDS = re.compile(
    r"认真|落实|推进|加强|开展|围绕|按照|根据|依据|依照|全面|深入|积极|严格|坚持|贯彻|结合|召开|建立|完善|健全|实行|实施|"
    r"制定|印发|做好|提高|提升|规范|强化|及时|依法|收到|办理|答复|发布|高度|重视|切实|不断|进一步|确保|通过|利用|要求|"
    r"负责|联系|成立|调整|明确|指导|部署|情况|报告|年度|公布|编制|现将|特向|主动|申请|配合|协调|督促|做到|实现|完成"
)
_ZONE_WORDS = (
    r"经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新技术产业园区|高新区|经开区|开发区|工业园区|"
    r"产业园区|园区|新区|保税区|试验区|示范区|度假区|风景名胜区|管理区|商务区|工业区|合作区|实验区|集聚区"
)
_ZONE = re.compile(rf"{_ORGAN_CHAR}{{0,10}}?(?:{_ZONE_WORDS})(?:[（(]{_ORGAN_CHAR}{{1,8}}[)）])?")
_ZONE_WORD = re.compile(_ZONE_WORDS)
_ZONE_WORD_TUPLE = tuple(sorted(_ZONE_WORDS.split("|"), key=len, reverse=True))
_ZONE_WORD_END = re.compile("区")
_ZONE_END = re.compile(rf"(?:{_ZONE_WORDS})$")
_ZONE_WORD_MAX = 10  # 高新技术产业开发区
_ZONE_BODY = re.compile(rf"{_ORGAN_CHAR}{{1,12}}(?:管委会|管理委员会)(?:办公室)?")
_PARENTHESIS = re.compile(rf"[（(]{_ORGAN_CHAR}{{1,14}}[)）]")
_LEVEL_WORD = re.compile(r"[省市县区州旗盟]")
_NATIONAL_PREFIX = "中华人民共和国"
# A place of two characters (和县, 城区) or a township only starts a name after a boundary
# (not inside a word: 市、区和县; 推进建设乡村), unless an organ, a zone or a year follows it.
_BOUNDARY_BEFORE = "年度在对将由为向与和及了是至于同即系称的"
_BOUND_FOLLOWERS = re.compile(rf"\s*(?:{YEAR}|人民政府|政府|办事处|党委|(?:{_ZONE_WORDS}))")
# A place standing alone names its government, unless an organ word follows (XX县委, XX市人大).
_NOT_AFTER_PLACE = re.compile(r"[委党人政府办局厅中院所站队部处科纪]")
_PLACE_END = re.compile(r"(?:省|市|县|区|州|盟|旗|镇|乡|自治区|自治州|自治县|自治旗)$")
_NOT_GOVERNED = ("地区", "新区", "开发区", "园区")
# A place the table does not hold (a Taiwanese county, a made-up place in a test) is still read
# from a text that is a name as a whole, when it has a level word and an organ follows.
_UNLISTED_PLACE = re.compile(rf"(?:{_ORGAN_CHAR}{{1,8}}?(?:省|市|县|区|州|旗|盟))?{_ORGAN_CHAR}{{1,8}}?(?:省|市|县|区|州|旗|盟|镇|乡|街道)")
_UNLISTED_LEVEL_END = re.compile(r"(?<=.)(?:省|市|县|区|州|旗|盟|镇|乡|街道)")


@dataclass(frozen=True)
class AgencyName:
    """One agency name found in a text, and what it is made of.

    `places` is the place chain as written; `stems` places written without their
    level word (张店 in 张店公园街道, 天津 in 天津海关); `organ` the organ as written ("" for
    a place standing for its government); `zone` a development zone before the organ;
    `level_word` the 市/县/区 … of a bare name; `central` a central body named before
    the places (国家税务总局) or, for a central body itself, its own name; `unit` a unit of
    the organ named after it (交通警察支队 in XX市公安局交通警察支队), part of `organ` too.
    """

    name: str
    start: int
    end: int
    places: tuple[Mention, ...] = ()
    organ: str = ""
    zone: str = ""
    level_word: str = ""
    central: str = ""
    stems: tuple[Place, ...] = ()
    unlisted: str = ""
    unit: str = ""

    @property
    def is_central(self) -> bool:
        """A central body itself (民政部, 国家统计局), not one of its local offices."""
        return bool(self.central) and not self.places and not self.stems

    @property
    def is_bare(self) -> bool:
        """No place and no central body: `市应急管理局`, `应急管理局`, `翠山湖管委会`."""
        return not self.places and not self.stems and not self.central and not self.unlisted


def canonical(name: str) -> str:
    """The official form of a name: a place alone means its government (通城县 → 通城县人民政府,
    新华街道 → 新华街道办事处), `政府` at the end is `人民政府`, no spaces, no 中华人民共和国 before a ministry."""
    name = "".join(name.split()).strip("《》" + QUOTES)
    if name.startswith(_NATIONAL_PREFIX) and name[len(_NATIONAL_PREFIX) :] in national_names():
        name = name[len(_NATIONAL_PREFIX) :]
    if name.endswith("政府") and not name.endswith("人民政府"):
        name = name[: -len("政府")] + "人民政府"
    if name.endswith("街道"):
        return name + "办事处"
    if _PLACE_END.search(name) and not name.endswith(_NOT_GOVERNED):
        return name + "人民政府"
    return name


@lru_cache(maxsize=1)
def _central_bodies() -> Lexicon[bool]:
    return Lexicon((name, True) for name in national_names())


@lru_cache(maxsize=1)
def _local_organs() -> Lexicon[bool]:
    return Lexicon((name, True) for name in local_names())


def _after_parenthesis(text: str, organ_end: int) -> int:
    """Where an organ's name ends, a note naming another organ included (司法局(区行政复议局))."""
    parenthesis = _PARENTHESIS.match(text, organ_end)
    return parenthesis.end() if parenthesis and re.search(_ORGAN_WORD, parenthesis.group()) else organ_end


def _under_government(text: str, names: list[AgencyName], name: AgencyName) -> AgencyName:
    """A township or street named right after its county's government (XX区人民政府XX街道办事处)
    keeps the county's places in its chain."""
    before = next((other for other in names if other.end == name.start and other.places and other.organ in ("人民政府", "政府")), None)
    if before is None or not name.places:
        return name
    return replace(name, name=canonical(text[before.start : name.end]), start=before.start, places=before.places + name.places)


def _without_overlaps(names: list[AgencyName]) -> list[AgencyName]:
    """Of names that overlap, the one starting first (and the longest of those)."""
    kept: list[AgencyName] = []
    for name in sorted(names, key=lambda found: (found.start, -found.end)):
        if not kept or name.start >= kept[-1].end:
            kept.append(name)
    return kept


@lru_cache(maxsize=1)
def _level_before_organ() -> re.Pattern[str]:
    """A level word followed by a character a known organ starts with."""
    first_chars = "".join(sorted({name[0] for name in local_names()}))
    return re.compile(f"[省市县区州旗盟](?=[{re.escape(first_chars)}])")


class NameReader:
    """Reads agency names in text with one place table."""

    def __init__(self, places: Gazetteer) -> None:
        self._places = places

    def find(self, text: str, mentions: list[Mention] | None = None) -> list[AgencyName]:
        """Every agency name in `text`, in text order (`mentions`: its places, when already found)."""
        mentions = self._places.find_places(text) if mentions is None else mentions
        names: list[AgencyName] = []
        for chain in self._chains(text, mentions):
            if names and chain[0].start < names[-1].end:
                continue
            name = self._after_chain(text, chain)
            if name is not None:
                names.append(name)
        names += self._zones(text)
        names = _without_overlaps(names)
        names += self._central(text, names)
        names += self._bare(text, names)
        return sorted(names, key=lambda found: found.start)

    def read(self, text: str) -> AgencyName | None:
        """The agency a short text names as a whole (a title's subject, a signature, a 发布机构 value):
        the name ending last, the one starting first among those; a bare organ when no place is written."""
        text = text.strip()
        if not text:
            return None
        names = self.find(text)
        placed = [name for name in names if not name.is_bare]
        if placed:
            latest = max(name.end for name in placed)
            chosen = min((name for name in placed if name.end == latest), key=lambda name: name.start)
            return self._with_unit(text, _under_government(text, placed, chosen))
        whole = self._unlisted_whole(text)
        if whole is None and names:
            return max(names, key=lambda name: name.end)
        return whole or self._bare_whole(text)

    def _with_unit(self, text: str, name: AgencyName) -> AgencyName:
        """A name with the unit of it that the text goes on to name (XX市公安局交通警察支队)."""
        rest = text[name.end :]
        unit = _GENERIC_ORGAN.fullmatch(rest) if rest else None
        if unit is None or _SENTENCE_WORDS.search(rest) or not name.organ:
            return name
        return replace(name, name=canonical(text[name.start :]), end=len(text), organ=name.organ + rest, unit=rest)

    def _unlisted_whole(self, text: str) -> AgencyName | None:
        """A whole text that is a place of a shape the table does not hold and an organ (新竹县卫生局):
        the shortest such place (one or two levels) after which the rest is one organ."""
        if _SENTENCE_WORDS.search(text) or text[:1] in "我本全各该":
            return None
        for match in _UNLISTED_LEVEL_END.finditer(text):
            place = text[: match.end()]
            if not _UNLISTED_PLACE.fullmatch(place):
                continue
            if place == text:
                return AgencyName(canonical(text), 0, len(text), unlisted=place)
            organ = self.organ_at(text, len(place))
            if organ is not None and len(place) + len(organ) == len(text):
                return AgencyName(canonical(text), 0, len(text), organ=organ, unlisted=place)
        return None

    def _chains(self, text: str, mentions: list[Mention]) -> list[list[Mention]]:
        """Runs of adjacent place names; a run must not start inside a word (see `_BOUNDARY_BEFORE`)."""
        chains: list[list[Mention]] = []
        for mention in mentions:
            if chains and chains[-1][-1].end == mention.start:
                chains[-1].append(mention)
            elif self._may_start(text, mention):
                chains.append([mention])
        return chains

    def _may_start(self, text: str, mention: Mention) -> bool:
        weak = len(mention.name) <= 2 or all(place.level == "township" for place in mention.places)
        if not weak:
            return True
        before = text[mention.start - 1] if mention.start else ""
        if not before or not re.match(f"[{HAN}]", before) or before in _BOUNDARY_BEFORE:
            return True
        return len(mention.name) > 2 and _BOUND_FOLLOWERS.match(text, mention.end) is not None

    def _stem_before(self, text: str, start: int, chain: list[Mention] | None) -> tuple[int, tuple[Place, ...]]:
        """A place written without its level word just before `start` (张店 in 张店公园街道, 武昌 in
        武昌经开区): with a chain after it, only a place the chain's first place lies in."""
        for length in (4, 3, 2):
            if start - length < 0:
                continue
            candidates = self._places.stemmed(text[start - length : start])
            if not candidates:
                continue
            if not chain:
                return start - length, candidates
            inside = tuple(
                place
                for place in candidates
                if any(child.code != place.code and self._places.is_within(child, place) for child in chain[0].places)
            )
            if inside:
                return start - length, inside
        return start, ()

    def _after_chain(self, text: str, chain: list[Mention]) -> AgencyName | None:
        start, end = chain[0].start, chain[-1].end
        stem_start, stems = self._stem_before(text, start, chain)
        central = _central_bodies().ending_at(text, stem_start) or ""
        first = stem_start - len(central)
        zone = _ZONE.match(text, end)
        zone_text = zone.group() if zone and not self._places.find_places(zone.group()) else ""
        organ = self.organ_at(text, end + len(zone_text)) if zone_text else None
        if organ is None:
            zone_text = ""
            organ = self.organ_at(text, end)
        organ_start = end + len(zone_text)
        if organ is None:
            if zone_text or chain[-1].name.endswith(_NOT_GOVERNED) or _NOT_AFTER_PLACE.match(text, end):
                return None
            before = text[stem_start - 1] if stem_start else ""
            if re.match(f"[{HAN}]", before) and before not in _BOUNDARY_BEFORE:
                return None  # 对口支援都江堰市: a place in a sentence, no body
            return AgencyName(canonical(text[stem_start:end]), stem_start, end, tuple(chain), stems=stems)
        organ_end = _after_parenthesis(text, organ_start + len(organ))
        return AgencyName(
            canonical(text[first:organ_end]), first, organ_end, tuple(chain), text[organ_start:organ_end], zone_text,
            central=central, stems=stems,
        )

    def organ_at(self, text: str, start: int) -> str | None:
        """The organ at `start`: the longest known one, else a name ending in an organ word that holds
        no verb (文体旅游科技局), else None."""
        known = _local_organs().starting_at(text, start)
        if known:
            return known
        generic = _GENERIC_ORGAN.match(text, start)
        if generic and not _SENTENCE_WORDS.search(generic.group()):
            return generic.group()
        return None

    def _zones(self, text: str) -> list[AgencyName]:
        """Bodies of a development zone named after its place without the level word
        (番禺经济技术开发区管委会, 武昌经开区管委会, 杭州高新区(滨江)财政局)."""
        names = []
        for end_match in _ZONE_WORD_END.finditer(text):
            end = end_match.end()
            if not text.endswith(_ZONE_WORD_TUPLE, 0, end):
                continue
            word = next(word for word in _ZONE_WORD_TUPLE if text.endswith(word, 0, end))
            match = _ZONE_WORD.match(text, end - len(word))
            if match is None:
                continue
            stem_start, stems = self._stem_before(text, match.start(), None)
            if not stems:
                continue
            zone = _ZONE.match(text, match.start())
            end = zone.end() if zone else match.end()
            following = _ZONE.match(text, end)
            if following and self.organ_at(text, following.end()):
                end = following.end()
            organ = self.organ_at(text, end)
            if organ is None:
                continue
            organ_end = _after_parenthesis(text, end + len(organ))
            zone_text = text[stem_start:end]
            inner = _PARENTHESIS.search(zone_text)
            if inner:
                stems = self._narrowed(inner.group()[1:-1], stems)
            names.append(
                AgencyName(canonical(text[stem_start:organ_end]), stem_start, organ_end, organ=text[end:organ_end], zone=zone_text, stems=stems)
            )
        return names

    def _narrowed(self, stem: str, places: tuple[Place, ...]) -> tuple[Place, ...]:
        """The places named by `stem` inside one of `places` (滨江 inside 杭州 → 滨江区), else `places`."""
        inner = tuple(
            place for place in self._places.stemmed(stem) if any(self._places.is_within(place, outer) for outer in places)
        )
        return inner or places

    def _central(self, text: str, local: list[AgencyName]) -> list[AgencyName]:
        """Central bodies (国家统计局, 中华人民共和国公安部) not already part of a local office's name,
        and 海关 after a province or city written without its level word (天津海关)."""
        inside = [(name.start, name.end) for name in local]
        names = []
        for start, end, word in _central_bodies().find_all(text):
            if any(first <= start < last for first, last in inside):
                continue
            prefix = _NATIONAL_PREFIX if text.endswith(_NATIONAL_PREFIX, 0, start) else ""
            office = self._office_after(text, start, end, word)
            names.append(office or AgencyName(word, start - len(prefix), end, organ=word, central=word))
        for match in re.finditer("海关", text):
            stem_start, stems = self._stem_before(text, match.start(), None)
            above_county = tuple(place for place in stems if place.level in ("province", "city"))
            if above_county:
                names.append(AgencyName(text[stem_start : match.end()], stem_start, match.end(), organ="海关", stems=above_county))
        return names

    def _office_after(self, text: str, start: int, end: int, central: str) -> AgencyName | None:
        """A central body's office named by a place without its level word (国家统计局天水调查队)."""
        for length in (4, 3, 2):
            places = tuple(place for place in self._places.stemmed(text[end : end + length]) if place.level != "township")
            organ = self.organ_at(text, end + length) if places else None
            if organ:
                organ_end = end + length + len(organ)
                return AgencyName(text[start:organ_end], start, organ_end, organ=organ, central=central, stems=places)
        return None

    def _bare(self, text: str, found: list[AgencyName]) -> list[AgencyName]:
        """A level word and a known organ with no place before it (`市应急管理局`, `县卫生局`)."""
        covered = {position for name in found for position in range(name.start, name.end)}
        names = []
        for match in _level_before_organ().finditer(text):
            position = match.start()
            if position in covered:
                continue
            organ = _local_organs().starting_at(text, position + 1)
            if _ZONE_END.search(text, max(0, position - _ZONE_WORD_MAX), position + 1):
                continue  # the 区 of 经开区, 新区 …
            if organ and organ not in ("人民政府", "政府", "办事处", "街道办事处"):
                end = position + 1 + len(organ)
                names.append(AgencyName(text[position:end], position, end, organ=organ, level_word=match.group()))
        return names

    def _bare_whole(self, text: str) -> AgencyName | None:
        """A whole short text that is an organ without places: a level word and an organ
        (`市农业农村委`), a known organ (`应急管理局`) or a body of its own name (`翠山湖管委会`)."""
        level = text[0] if _LEVEL_WORD.match(text) else ""
        organ = text[len(level) :]
        parenthesis = _PARENTHESIS.search(organ)
        core = organ[: parenthesis.start()] if parenthesis and parenthesis.end() == len(organ) else organ
        if not core or _SENTENCE_WORDS.search(core) or core in ("人民政府", "政府", "办事处", "街道办事处"):
            return None
        if core in local_names() or _ZONE_BODY.fullmatch(core) or (level and _GENERIC_ORGAN.fullmatch(core)):
            return AgencyName(canonical(text), 0, len(text), organ=organ, level_word=level)
        return None
