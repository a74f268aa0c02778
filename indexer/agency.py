"""The reporting agency: the body that wrote the report, not the site that hosts it.

Evidence, strongest first: the title (`天水市民政局2019年…`), the signature under
the report, organisation names in the body, the page's 发布机构/发文机关 field.
A page's publisher is often the site owner (天水市人民政府) while the report
says 我局 throughout; how the report refers to itself (我局, 我委, 我镇, 我县 …)
picks the candidate of the right kind. When no full name is written anywhere,
the name is assembled from the place the report is about and the kind of body
(通城县 + 民政局 from `我局` and `民政工作`).
"""

from __future__ import annotations

import re
from collections import Counter

_HAN = "\u3400-\u9fff"
# Level words ending a place, but not in the common words that end the same way (城乡, 棚户区, 社区, 山区 …).
_PLACE_LEVELS = (
    "自治区|自治州|自治县|自治旗|特别行政区|新区|地区|街道|省|市|州|盟|县|"
    "(?<!棚户)(?<![社小辖片库牧老灾景校市])区|旗|镇|(?<!城)乡"
)
# Characters no place name holds (function words, organisation words), and words no place starts with
# (全县…, 本市…, 各区…: such a character before a level character).
_NOT_IN_PLACE = "的了在与及对将由为是局厅委办府政会部院等年度月日个项件条次人并把从到给"
_NOT_PLACE_START = "全本各该我这那其每此"
_PLACE_CHAR = rf"[^{_NOT_IN_PLACE}\W\d_a-zA-Z]"
_PLACE = (
    rf"(?:(?![{_NOT_PLACE_START}][省市州盟县区旗镇乡])"
    rf"(?:{_PLACE_CHAR}{{2,10}}?(?:开发区|高新区|新区|园区|自治县|自治州|自治旗)|{_PLACE_CHAR}{{2,6}}?(?:{_PLACE_LEVELS}))"
    # counties with a one-character name (勉县, 沛县), only right after a boundary: 该县/两县 are no places
    rf"|(?:(?<![{_HAN}])|(?<=[年度在对将由为是]))(?![{_NOT_PLACE_START}两邻外市一多诸])(?:{_PLACE_CHAR})县)"
)
_LEFT_EDGE = rf"(?:^|(?<=[^{_HAN}])|(?<=[年度在对将由为向与和及了是至于同即系称]))"
_ORG_KINDS = (
    "人民政府办公室|人民政府办公厅|人民政府|街道办事处|办事处|管理委员会|管委会|委员会|办公室|办公厅|"
    "局|厅|委|办|院|署|中心|站|所|馆|队"
)
_AGENCY = re.compile(rf"{_LEFT_EDGE}((?:{_PLACE})+(?:[{_HAN}]{{0,14}}?(?:{_ORG_KINDS}))?)")
_PLACE_RE = re.compile(rf"{_LEFT_EDGE}({_PLACE})")
_LEVEL_CHAR = re.compile(r"[省市州盟县区旗镇乡]|街道")
_LEAD_WORDS = re.compile(
    r"紧紧|围绕|按照|根据|依据|依照|结合|落实|贯彻|坚持|通过|组织|召开|印发|制定|经过|会同|联合|配合|协调|指导|督促|"
    r"要求|同意|批准|报请|对于|关于|全面|认真|积极|切实|深入|进一步|加强|推进|推动|经|由|在|对|向|为|与|和|及|是|了|将|按|据|"
    # second halves of words split at a one-character edge: 对照, 同时, 系统, 至今
    r"照|时|统|今"
)
_NATIONAL_AGENCY = re.compile(
    rf"(?:中华人民共和国[{_HAN}]{{1,10}}?部|(?:国家|国务院)[{_HAN}]{{1,12}}?(?:总局|局|委员会|署|办公室))"
)
_NATIONAL = re.compile(r"^(国家|国务院|中国|中华人民共和国|中央|全国|最高人民)")
# How a report refers to itself (我局, 本委, 我镇 …): bureau kinds first, then places.
_BUREAU_KINDS = ("局", "委", "厅", "办", "院", "署", "部", "中心")
_PLACE_KINDS = ("街道", "镇", "乡", "县", "市", "区", "州", "旗", "省")
_SELF = re.compile(rf"(?:我|本)({'|'.join(_BUREAU_KINDS + _PLACE_KINDS)})(?![长级属内])")
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


def _kind_of(name: str) -> str | None:
    """The self-reference that fits an agency name: 天水市民政局 → 局, 某某镇人民政府 → 镇."""
    for suffix, kind in (("街道办事处", "街道"), ("委员会", "委"), ("管委会", "委"), ("办公室", "办"), ("办公厅", "办"), ("中心", "中心")):
        if name.endswith(suffix):
            return kind
    if name.endswith("人民政府"):
        stem = name[: -len("人民政府")]
        return next((kind for kind in _PLACE_KINDS if stem.endswith(kind)), None)
    return name[-1:] if name[-1:] in _BUREAU_KINDS + _PLACE_KINDS else None


def normalize_agency(name: str) -> str:
    """The official form of a name: a place alone means its government (通城县 → 通城县人民政府)."""
    name = name.strip(" 《》“”\"'（）()")
    if name.endswith("政府") and not name.endswith("人民政府"):
        name = name[: -len("政府")] + "人民政府"
    if name.endswith("街道"):
        return name + "办事处"
    if re.search(rf"(?:{_PLACE_LEVELS})$", name) and not name.endswith("地区"):
        return name + "人民政府"
    return name


def has_place(name: str) -> bool:
    """True when the name holds a place (榕江县民政局) or is a national body (民政部).

    `公安局` and `市公安局` (a bare level) have none.
    """
    return bool(_NATIONAL.match(name) or name.endswith("部") or _LEVEL_CHAR.search(name[1:]))


def agency_in_title(title: str | None) -> str | None:
    """The body a title names before its year or subject: `天水市民政局2019年…` → 天水市民政局.

    In a 通知 title (`某办公室关于印发某县人民政府2019年…的通知`) the body is the one after 关于.
    """
    if not title:
        return None
    text = _subject_of_notice(title.strip()).lstrip("《")
    text = re.sub(r"^(?:19|20)\d{2}\s*年度?", "", text)
    match = re.match(rf"^([{_HAN}]{{2,30}}?)(?:关于|(?:19|20)\d{{2}}|政府信息公开|政务公开|信息公开|年度|$)", text)
    if not match:
        return None
    name = match.group(1)
    return normalize_agency(name) if _kind_of(normalize_agency(name)) or has_place(name) else None


def _subject_of_notice(title: str) -> str:
    """The part of a title naming the reporting body.

    `某办公室关于印发某县人民政府2019年…的通知` names it after 关于印发; `某局关于2019年…报告`
    before 关于.
    """
    match = re.match(r"^(.*?)关于(?:印发|公布|发布|报送|公开)?(.*)$", title)
    if not match:
        return title
    before, after = match.groups()
    if not before or not re.match(r"^《?(?:(?:19|20)\d{2}|[一二三四五六七八九〇○零]{4}|政府信息|政务|年度)", after):
        return after
    return before


def self_kind(body: str) -> str | None:
    """How the report refers to itself: 局 for 我局/本局, 镇 for 我镇 …; bureaus outrank places."""
    counts = Counter(_SELF.findall(body))
    if not counts:
        return None
    bureau = [kind for kind in counts if kind in _BUREAU_KINDS]
    pool = bureau or list(counts)
    return max(pool, key=lambda kind: counts[kind])


def body_agencies(body: str) -> Counter[str]:
    """Organisation names with a place in them, or national ones, counted (`武定县民政局`, `国家统计局` …).

    Words that often stand before a name (`紧紧围绕`, `按照` …) are cut off its front.
    """
    names = [normalize_agency(_without_lead_words(match)) for match in _AGENCY.findall(body)]
    return Counter(name for name in names + _NATIONAL_AGENCY.findall(body) if _kind_of(name))


def _without_lead_words(name: str) -> str:
    while (match := _LEAD_WORDS.match(name)) and has_place(name[match.end() :]):
        name = name[match.end() :]
    return name


def dominant_place(texts: list[str]) -> str | None:
    """The place most named (`通城县`), counting a county or city above a province."""
    counts = Counter(match for text in texts for match in _PLACE_RE.findall(text))
    if not counts:
        return None
    return max(counts, key=lambda place: (counts[place], place[-1] in "县区镇乡旗"))


def bureau_domain(body: str) -> str | None:
    """The bureau whose work the report is about, from words like `民政工作` (`民政局`)."""
    counts = Counter(_DOMAIN.findall(body))
    return BUREAU_DOMAINS[max(counts, key=counts.__getitem__)] if counts else None


def infer_agency(title: str | None, publishers: list[str], body: str, signature: list[str]) -> str | None:
    """The reporting body (see the module docstring for the evidence used and its order)."""
    kind = self_kind(body)

    def fits(name: str) -> bool:
        return kind is None or _kind_of(name) == kind or (kind == "办" and name.endswith("办事处"))

    from_title = agency_in_title(title)
    if from_title and has_place(from_title):
        return from_title
    signed = [normalize_agency(line.strip()) for line in signature if _AGENCY.fullmatch(line.strip())]
    published_by = [normalize_agency(name) for name in publishers if _AGENCY.fullmatch(name.strip())]
    mentioned = body_agencies(body)
    if from_title:
        return _complete(from_title, mentioned, published_by + signed, body)
    for name in signed:
        if fits(name):
            return name
    fitting = [name for name in mentioned if fits(name)]
    if fitting:
        return max(fitting, key=lambda name: (mentioned[name], len(name)))
    for name in published_by:
        if fits(name):
            return name
    return _assemble(kind, body, published_by + list(mentioned)) or next(iter(published_by + signed), None)


def _complete(partial: str, mentioned: Counter[str], named: list[str], body: str) -> str:
    """Put the place in front of a title agency that lacks one (`公安局` → `某某县公安局`)."""
    with_place = [name for name in [*mentioned, *named] if name.endswith(partial) and name != partial]
    if with_place:
        return max(with_place, key=lambda name: mentioned.get(name, 0))
    place = dominant_place([*named, body])
    level = partial[0] if partial[0] in "省市县区州旗" else None
    if place and (level is None or place.endswith(level)):
        return place + (partial[1:] if level else partial)
    return partial


def _assemble(kind: str | None, body: str, named: list[str]) -> str | None:
    """Place + kind of body when the report never writes its own name (`通城县` + `民政局`)."""
    place = dominant_place([*named, body])
    if not place or not kind:
        return None
    if kind in _BUREAU_KINDS:
        domain = bureau_domain(body)
        if not domain:
            return None
        name = place + (domain[:-1] + "委员会" if kind == "委" and domain.endswith("局") else domain)
        return name if _kind_of(name) == kind else None
    return normalize_agency(place) if place.endswith(kind) else None
