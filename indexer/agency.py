"""The reporting agency: the body that wrote the report, not the site that hosts it.

Only a name that reads as places + organ (`indexer.agency_names`) can win. The
evidence, strongest first: the title (`天水市民政局2019年…`); lines that are a
name and nothing else (a cover line, the signature, the page's 发布机构/发文机关);
what the report says of itself (`本报告由X编制`, `现将X2019年…报告如下`, `2025年,X
严格按照…`); names in the body, the most frequent first; the contact line
(`请与X联系`). A page's publisher is often the site owner (天水市人民政府) while the
report says 我局 throughout: how the report refers to itself (我局, 我委, 我镇, 我县 …)
decides between candidates of different kinds. A title that names only the organ
(`公安局2018年…`) is completed with the place from the body; when no full name is
written anywhere, the name is assembled from the place the report is about and
the kind of work (通城县 + `民政工作` → 通城县民政局).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from indexer.agency_names import AgencyName, NameReader, canonical
from indexer.chinese import CHINESE_YEAR, CLAUSE_ENDS, SENTENCE_PUNCTUATION, YEAR
from indexer.matching import plain_form
from indexer.organs import organ_kind
from indexer.places import Gazetteer, Mention

# How a report refers to itself (我局, 本委, 我镇 …): bureau kinds first, then places.
_BUREAU_KINDS = ("局", "委", "厅", "办", "院", "署", "部", "中心", "关", "馆", "队", "站")
_PLACE_KINDS = ("街道", "镇", "乡", "县", "市", "区", "州", "旗", "省")
_SELF_WORDS = [kind if kind != "关" else "关(?![注心切怀于键联系爱])" for kind in _BUREAU_KINDS + _PLACE_KINDS]  # 本关, not 我关注
_SELF = re.compile(rf"(?:我|本)({'|'.join(_SELF_WORDS)})(?![长级属内系里外])")
_ORGAN_ENDINGS: dict[str, tuple[str, ...]] = {
    "局": ("局",), "委": ("委员会", "委", "管委会"), "厅": ("厅",), "办": ("办公室", "办", "办事处", "办公厅"),
    "院": ("院",), "署": ("署",), "部": ("部",), "中心": ("中心",), "关": ("海关",), "馆": ("馆",), "队": ("队",), "站": ("站",),
}
_COMPILED_BY = re.compile(r"由([^，。,；;：:（(]{2,40}?)(?:根据|按照|依据|依照|负责编|组织编|编制|编写|制作|汇总|编发)")
_PUBLISHES = re.compile(
    r"(?:现将|现公布|现予公布|现发布|现公开|特向社会公布|特向社会公开|向社会公布|向社会公开|公布|发布|编制)\s*"
    rf"(?:{YEAR}\s*年度?)?([^，。,；;：:“”《》]{{2,40}}?)\s*(?:{YEAR}|年度|政府信息公开|信息公开|政务公开|[（(]以下简称)"
)
_CONTACT = re.compile(r"(?:请与|请联系|联系单位|联系部门)[:：]?\s*([^，。,；;（(：:]{2,40}?)(?:联系|[，。,；;（(:：]|$)")
_SENTENCE_START = re.compile(rf"(?:^|[{CLAUSE_ENDS}\n])\s*(?:{YEAR}\s*年度?\s*[,，、]?\s*(?:以来\s*[,，])?)?$")
_DATE_TAIL = re.compile(rf"\s*[（(]?\s*(?:{YEAR}|{CHINESE_YEAR})\s*[年.\-/].{{0,8}}[)）]?\s*$")
_INTERNAL_OFFICE = re.compile(r"(?:办公室|党政办|综合科|办公科|数据管理中心|信息公开领导小组办公室|政务公开领导小组办公室)$")
_HEAD_LINE_MAX = 40
_LEAD_SPAN = 24  # longest lead-in before a sentence's subject: `2019年度以来，`
_SENTENCE_MARKS = re.compile(rf"[{SENTENCE_PUNCTUATION}]")
# After a name, words that make it the name of a website or account, not of the body (重庆市农业农村委员会政务网站).
_SITE_NAME = re.compile(r"[”\"]?(?:政务|门户|政府)?(?:网站|网|官网|微信|公众号|微博|客户端|APP|app)")
_STATEMENT_SPAN = 3000
# Kinds of bureau and the words their reports use for their own work (`民政工作`, `公安系统`).
BUREAU_DOMAINS: dict[str, str] = {
    "民政": "民政局", "公安": "公安局", "财政": "财政局", "教育": "教育局", "卫生健康": "卫生健康局",
    "人力资源和社会保障": "人力资源和社会保障局", "人社": "人力资源和社会保障局", "自然资源": "自然资源局",
    "生态环境": "生态环境局", "环境保护": "环境保护局", "住房和城乡建设": "住房和城乡建设局", "住建": "住房和城乡建设局",
    "交通运输": "交通运输局", "水利": "水利局", "水务": "水务局", "农业农村": "农业农村局", "农业": "农业局",
    "商务": "商务局", "文化和旅游": "文化和旅游局", "退役军人事务": "退役军人事务局", "应急管理": "应急管理局",
    "审计": "审计局", "市场监督管理": "市场监督管理局", "市场监管": "市场监督管理局", "统计": "统计局",
    "医疗保障": "医疗保障局", "医保": "医疗保障局", "林业": "林业局", "司法行政": "司法局", "税务": "税务局",
    "城市管理": "城市管理局", "体育": "体育局", "信访": "信访局", "气象": "气象局", "档案": "档案局",
    "科技": "科学技术局", "工业和信息化": "工业和信息化局", "发展和改革": "发展和改革局", "国土资源": "国土资源局",
    "粮食": "粮食局", "乡村振兴": "乡村振兴局", "行政审批": "行政审批局", "安全生产": "安全生产监督管理局",
    "食品药品": "食品药品监督管理局", "民族宗教": "民族宗教事务局", "人防": "人民防空办公室", "扶贫": "扶贫开发办公室",
}
_DOMAIN = re.compile("(" + "|".join(sorted(BUREAU_DOMAINS, key=len, reverse=True)) + r")(?:工作|事业|系统|部门|领域|业务|机关|局|委)")


@dataclass
class Evidence:
    """What a report says about who wrote it; every text in simplified characters (`plain_form`)."""

    title: str | None = None
    publishers: list[str] = field(default_factory=list)
    body: str = ""
    head: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    declared: str | None = None


@dataclass
class Choice:
    """The chosen name, and the places of all the evidence (for locating it)."""

    name: AgencyName | None
    mentions: list[Mention]
    self_kind: str | None


@dataclass
class _Tiers:
    """Candidate names by where they were found, strongest evidence first."""

    standalone: list[AgencyName]
    compiled: list[AgencyName]
    statements: list[AgencyName]
    initial: list[AgencyName]
    frequent: list[AgencyName]
    contact: list[AgencyName]

    def all(self) -> list[list[AgencyName]]:
        return [self.compiled, self.standalone, self.statements, self.initial, self.frequent, self.contact]

    def fuller(self) -> list[list[AgencyName]]:
        """Where a fuller form of the chosen name may be written."""
        return [self.standalone, self.compiled, self.statements, self.initial, self.frequent]


@dataclass
class _Completion:
    """What completing a bare organ with its place looks at."""

    evidence: Evidence
    mentions: list[Mention]
    body_names: list[AgencyName]
    site_names: set[AgencyName]


def self_kind(body: str) -> str | None:
    """How the report refers to itself: 局 for 我局/本局, 镇 for 我镇 …; bureaus outrank places."""
    counts = Counter(_SELF.findall(body))
    if not counts:
        return None
    bureau = [kind for kind in counts if kind in _BUREAU_KINDS]
    return max(bureau or list(counts), key=lambda kind: counts[kind])


def fits(name: AgencyName, kind: str | None) -> bool:
    """True when a name is of the kind the report calls itself (我局 → a 局, 我镇 → a 镇 government)."""
    if kind is None:
        return True
    organ = re.sub(r"[（(].*?[)）]$", "", name.organ)
    if kind in _ORGAN_ENDINGS:
        return organ.endswith(_ORGAN_ENDINGS[kind]) and not organ.endswith("人民政府")
    if organ not in ("", "人民政府", "政府", "办事处", "街道办事处"):
        return False
    place = name.places[-1].name if name.places else name.unlisted or name.level_word
    return place.endswith(kind) or (kind == "街道" and "街道" in place)


def subject_of_title(title: str) -> str:
    """The part of a title naming the reporting body: before its year or subject (`天水市民政局2019年…`),
    or, in a 通知 or 公告 wrapping the report, the body after 关于 (`…关于印发某县人民政府2019年…的通知`)."""
    match = re.match(r"^(.*?)关于(?:印发|公布|发布|报送|公开)?(.*)$", title)
    if match:
        before, after = match.groups()
        return _leading_name(after) or _leading_name(before)
    return _leading_name(title)


def _leading_name(text: str) -> str:
    text = re.sub(rf"^《?\s*(?:{YEAR}\s*年度?)?", "", text.strip())
    subject = re.match(rf"^(.*?)\s*(?:关于|{YEAR}|政府信息公开|政务公开|信息公开|年度|[（(]\d|$)", text)
    return subject.group(1) if subject else ""


class AgencyFinder:
    """Chooses the reporting body from the evidence (see the module docstring)."""

    def __init__(self, places: Gazetteer) -> None:
        self.places = places
        self.reader = NameReader(places)

    def choose(self, evidence: Evidence) -> Choice:
        body = evidence.body
        mentions = self.places.find_places(body)
        around = "\n".join([evidence.title or "", *evidence.publishers, *evidence.context])
        choice = Choice(None, mentions + self.places.find_places(around), self_kind(body))
        if evidence.declared:
            declared = plain_form(evidence.declared.strip())
            choice.name = self.reader.read(declared) or AgencyName(declared, 0, len(declared))
            return choice
        body_names = self.reader.find(body, mentions)
        site_names = {name for name in body_names if _SITE_NAME.match(body, name.end)}
        compiled, statements = self._statements(body)
        tiers = _Tiers(
            self._standalone(evidence),
            compiled,
            statements,
            [name for name in body_names if _SENTENCE_START.search(body, max(0, name.start - _LEAD_SPAN), name.start)],
            _by_frequency([name for name in body_names if not name.is_bare]),
            self._contact(body),
        )
        title = self.reader.read(subject_of_title(evidence.title)) if evidence.title else None
        if title is not None and not title.is_bare:
            choice.name = _fullest(title, tiers.fuller())
            return choice
        completing = _Completion(evidence, mentions, body_names, site_names)
        if title is not None:
            choice.name = self._complete(title, tiers.all(), completing)
            return choice
        name = self._best(tiers, choice.self_kind, completing)
        choice.name = _fullest(name, tiers.fuller()) if name is not None else None
        return choice

    def _best(self, tiers: _Tiers, kind: str | None, completing: _Completion) -> AgencyName | None:
        """The name when the title names none: what the report says compiled it; a whole-line name,
        a statement or a sentence's subject of the kind the report calls itself; a bare organ in
        those, completed with its place; a frequent name or the contact line of that kind; a name
        assembled from place and work; else any name the strong evidence holds."""
        strong = [tiers.standalone, tiers.statements, tiers.initial]
        weak = [tiers.frequent, tiers.contact]
        placed = next((name for name in tiers.compiled if not name.is_bare), None)
        placed = placed or next((name for tier in strong for name in tier if not name.is_bare and fits(name, kind)), None)
        if placed is None:
            bare = next((name for tier in [tiers.compiled, tiers.statements, tiers.initial] for name in tier if name.is_bare), None)
            placed = self._complete(bare, tiers.all(), completing) if bare is not None else None
        placed = placed or next((name for tier in weak for name in tier if not name.is_bare and fits(name, kind)), None)
        placed = placed or self._assembled(kind, completing.evidence.body, completing.mentions)
        return placed or next((name for tier in [tiers.compiled, *strong] for name in tier if not name.is_central), None)

    def _standalone(self, evidence: Evidence) -> list[AgencyName]:
        """Names that are a whole line: cover lines, the signature, then the page's publisher fields."""
        names = []
        for line in [*evidence.head, *evidence.signature, *evidence.publishers]:
            text = _DATE_TAIL.sub("", line.strip())
            if 2 <= len(text) <= _HEAD_LINE_MAX and not _SENTENCE_MARKS.search(text):
                name = self.reader.read(text)
                if name is not None and name.start == 0 and name.end == len(text):
                    names.append(name)
        return names

    def _statements(self, body: str) -> tuple[list[AgencyName], list[AgencyName]]:
        """Names in what the report says of itself: compiled by (`由X编制`), and published (`现公布X…报告`)."""
        head = body[:_STATEMENT_SPAN]
        compiled = [name for match in _COMPILED_BY.finditer(head) if (name := self._whole(match.group(1)))]
        published = [name for match in _PUBLISHES.finditer(head) if (name := self._whole(match.group(1)))]
        return compiled, published

    def _contact(self, body: str) -> list[AgencyName]:
        """The body named in the contact line, without the office that answers (`请与对坊乡人民政府办公室联系`)."""
        names = []
        for match in _CONTACT.finditer(body):
            text = match.group(1)
            name = self._whole(text)
            office = _INTERNAL_OFFICE.search(name.organ) if name is not None and name.organ else None
            if name is not None and office is not None and name.places:
                trimmed = self.reader.read(text[: name.end - len(office.group())])
                name = trimmed if trimmed is not None and trimmed.places else self.reader.read(text[: name.places[-1].end])
            if name is not None:
                names.append(name)
        return names

    def _whole(self, text: str) -> AgencyName | None:
        """The name a captured phrase ends with (`国家税务总局佛山市税务局(以下简称…)`: the name before the note)."""
        text = re.sub(r"[（(]以下简称.*$", "", text).strip()
        name = self.reader.read(text)
        return name if name is not None and name.end >= len(text) - 2 else None

    def _complete(self, partial: AgencyName, tiers: list[list[AgencyName]], completing: _Completion) -> AgencyName:
        """A name with places for an organ named without them (`公安局` → `靖宇县公安局`): the first
        candidate with the same organ, else the place the report names most, of the level its level word says."""
        organ = re.sub(r"[（(].*?[)）]$", "", partial.organ)
        kind = organ_kind(organ)
        context = self.reader.find("\n".join(completing.evidence.context))
        for tier in [*tiers, context]:
            for name in tier:
                if name in completing.site_names:
                    continue  # 打造新版重庆市农业农村委员会政务网站: a website's name, not how the report calls itself
                if not name.is_bare and name.organ and (name.organ == organ or (kind != "other" and organ_kind(name.organ) == kind)):
                    if not partial.level_word or _level_word_fits(name, partial.level_word):
                        return name
        level_word = partial.level_word or next(
            (name.level_word for name in completing.body_names if name.is_bare and name.organ and organ_kind(name.organ) == kind and name.level_word), ""
        )
        place = _dominant(completing.mentions, level_word)
        if place is None:
            return partial
        return AgencyName(canonical(place.name + organ), partial.start, partial.end, (place,), organ, level_word=partial.level_word)

    def _assembled(self, kind: str | None, body: str, mentions: list[Mention]) -> AgencyName | None:
        """Place + kind of body when the report never writes its own name (`通城县` + `民政局`)."""
        if kind not in _BUREAU_KINDS:
            return None
        counts = Counter(_DOMAIN.findall(body))
        place = _dominant(mentions, "")
        if not counts or place is None:
            return None
        domain = BUREAU_DOMAINS[max(counts, key=counts.__getitem__)]
        organ = domain[:-1] + "委员会" if kind == "委" and domain.endswith("局") else domain
        name = AgencyName(canonical(place.name + organ), place.start, place.end, (place,), organ)
        return name if fits(name, kind) else None


def _fullest(name: AgencyName, tiers: list[list[AgencyName]]) -> AgencyName:
    """The fullest written form of a name: one with more places before it, or the central body
    whose office it is (建新镇人民政府 → 遂溪县建新镇人民政府; 佛山市税务局 → 国家税务总局佛山市税务局)."""
    longer = [other for tier in tiers for other in tier if other.name != name.name and other.name.endswith(name.name)]
    return max(longer, key=lambda other: len(other.name)) if longer else name


def _by_frequency(names: list[AgencyName]) -> list[AgencyName]:
    """One name per distinct name, the most frequent first (the longer on ties)."""
    counts = Counter(name.name for name in names)
    first: dict[str, AgencyName] = {}
    for name in names:
        first.setdefault(name.name, name)
    return sorted(first.values(), key=lambda name: (-counts[name.name], -len(name.name)))


def _level_word_fits(name: AgencyName, level_word: str) -> bool:
    place = name.places[-1].name if name.places else ""
    return not place or place.endswith(level_word) or level_word == "市" and place.endswith("州")


def _dominant(mentions: list[Mention], level_word: str) -> Mention | None:
    """The place above township level named most often (of the level `level_word` says, when it says one)."""
    usable = [
        mention
        for mention in mentions
        if any(place.level != "township" for place in mention.places) and (not level_word or mention.name.endswith(level_word))
    ]
    if not usable:
        return None
    counts = Counter(mention.name for mention in usable)
    best = max(counts, key=lambda name: (counts[name], name[-1] in "县区旗"))
    return next(mention for mention in usable if mention.name == best)
