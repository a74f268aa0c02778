"""Organs of government: what stands after the places in an agency's name (民政局, 人社局, 管委会).

The vocabulary (`data/organs.tsv`) holds official organ names, their short
forms (人社局 = 人力资源和社会保障局, 卫健委 = 卫生健康委员会) and the central bodies,
current and former (生态环境部, 环境保护部, 国家统计局). An organ's kind
(`agency_kind`) comes from its wording (`KIND_RULES`), so that names no list
holds (文体旅游科技局) and names from before the 2018 reorganisation (农业局,
环境保护局, 国土资源局, 卫生和计划生育委员会) get the kind of today's body.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# The agency kinds, checked in order against an organ's name; the first that matches wins, else `other`.
KIND_RULES: tuple[tuple[str, str], ...] = (
    ("政府办公室", r"政府办公[室厅]|政府办$|政务公开(?:工作)?(?:领导小组)?办公室|国务院办公厅"),
    ("人民政府", r"^(?:人民)?政府$"),
    ("街道", r"街道办事处$|街道办$|^办事处$"),
    ("管委会", r"管理委员会|管委会"),
    ("人社", r"人力资源|人社"),
    ("医保", r"医疗保障|医保"),
    ("卫健", r"卫生|卫健|计划生育|计生"),
    ("退役军人", r"退役军人"),
    ("民政", r"民政"),
    ("教育", r"教育|教体|教委"),
    ("公安", r"公安"),
    ("财政", r"财政"),
    ("自然资源", r"自然资源|国土|规划"),
    ("生态环境", r"生态环境|环境保护|环保"),
    ("住房公积金", r"公积金"),
    ("住建", r"住房|住建|城乡建设|^建设[局委]"),
    ("交通运输", r"交通"),
    ("水利", r"水利|水务"),
    ("农业农村", r"农业|农村|农委"),
    ("商务", r"商务"),
    ("文旅", r"文化|旅游|文旅|文广|广电|文体|广播电视"),
    ("应急", r"应急|安全生产|安监"),
    ("审计", r"审计"),
    ("市场监管", r"市场监|工商|质量技术监督|质监|食品药品|食药"),
    ("统计", r"统计"),
    ("税务", r"税务|国税|地税"),
    ("发改", r"发展和改革|发展改革|发改"),
    ("工信", r"工业和信息化|经济和信息化|经济信息化|工信|经信"),
    ("司法", r"司法|法制"),
    ("信访", r"信访"),
    ("档案", r"档案"),
    ("林业", r"林业|林草"),
    ("城管", r"城市管理|城管|行政执法局"),
    ("机关事务", r"机关事务"),
    ("海关", r"海关"),
    ("人防", r"人民防空|人防"),
    ("科技", r"科学技术|科技"),
    ("体育", r"体育"),
    ("气象", r"气象"),
    ("粮食", r"粮食"),
    ("民族宗教", r"民族|宗教|民宗"),
    ("乡村振兴", r"乡村振兴|扶贫"),
    ("行政审批", r"行政审批|政务服务"),
    ("数据", r"数据"),
    ("国资", r"国有资产|国资"),
)
KINDS: tuple[str, ...] = (*(kind for kind, _ in KIND_RULES), "乡镇", "other")
"""Every `agency_kind` value: the rules' kinds, `乡镇` (a 乡 or 镇 government) and `other`."""

_KIND_PATTERNS = tuple((kind, re.compile(pattern)) for kind, pattern in KIND_RULES)
_VOCABULARY = "organs.tsv"


def _rows() -> list[tuple[str, str, str]]:
    text = resources.files("indexer").joinpath("data", _VOCABULARY).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return [tuple(line.split("\t")) for line in lines[1:]]  # type: ignore[misc]


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, tuple[str, ...]], frozenset[str], frozenset[str]]:
    """Full forms by written form, the local organ names and the national ones."""
    full: dict[str, list[str]] = {}
    local: set[str] = set()
    national: set[str] = set()
    for form, official, scope in _rows():
        full.setdefault(form, []).append(official or form)
        (national if scope == "national" else local).add(form)
    return {form: tuple(names) for form, names in full.items()}, frozenset(local), frozenset(national)


def full_forms(form: str) -> tuple[str, ...]:
    """The official names a written organ stands for (人社局 → 人力资源和社会保障局, 人力资源社会保障局);
    a name the vocabulary does not hold stands for itself."""
    return _vocabulary()[0].get(form, (form,))


def national_names() -> frozenset[str]:
    """Every central body of the vocabulary, current and former."""
    return _vocabulary()[2]


def local_names() -> frozenset[str]:
    """Every organ of local government of the vocabulary, full names and short forms."""
    return _vocabulary()[1]


def organ_kind(organ: str) -> str:
    """The kind of body an organ is (人力资源社会保障局 → 人社, 环境保护局 → 生态环境), else `other`."""
    organ = re.sub(r"[（(].*?[)）]", "", organ)
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(organ):
            return kind
    return "other"
