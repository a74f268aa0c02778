"""The national template's tables: row and column keys, and the label words that find them.

v2019 is the trial form of 国办公开办函〔2019〕60号 (reports for 2019 and 2020),
v2021 the form of 国办公开办函〔2021〕30号 (reports for 2021 on); REVIEW-SPEC
§2.4–2.6 has the exact labels. Labels are matched on `label_form` (simplified,
half-width, no spaces or punctuation) by keywords, so that labels split over
lines, full-width brackets, 行政规范性文件/规范性文件 and the usual variants and
typos of real reports all find their row. A keyword entry is a tuple of words
that must all occur; any entry of a row will do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.chinese import COUNTING_NUMERALS
from indexer.matching import matching_form, plain_form
from indexer.tables.cells import AMOUNT, CHANGE, COUNT

V2019, V2021 = "v2019", "v2021"

_PUNCTUATION = re.compile(r"[()（）\[\]【】《》<>“”\"'‘’「」、,，.．:：;；!！?？·/／\\_—–\-~～\s]")


@lru_cache(maxsize=8192)
def label_form(text: str) -> str:
    """A label as matched: matching form (simplified, half-width, no spaces) without punctuation."""
    return _PUNCTUATION.sub("", matching_form(text))


def _has(form: str, keywords: tuple[tuple[str, ...], ...]) -> bool:
    return any(all(word in form for word in entry) for entry in keywords)


# ---- T3: 收到和处理政府信息公开申请情况 -------------------------------------------------------

T3_COLUMNS: tuple[str, ...] = ("natural_person", "commercial", "research", "social_welfare", "legal_services", "other_org", "total")
"""The applicant columns, in order: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计."""

T3_COLUMN_NAMES: dict[str, str] = {
    "natural_person": "自然人", "commercial": "商业企业", "research": "科研机构", "social_welfare": "社会公益组织",
    "legal_services": "法律服务机构", "other_org": "其他", "total": "总计",
}
"""Each T3 column's header, as a label form (其他 must be the whole header: 法人或其他组织 holds it too)."""


T3_SUBTOTAL = "subtotal"
"""A column some reports add (法人或其他组织小计): known, but not the template's."""


@lru_cache(maxsize=1024)
def match_t3_column(form: str) -> str | None:
    """The T3 column a header names (or `T3_SUBTOTAL`), if any."""
    if "小计" in form:
        return T3_SUBTOTAL
    for key, name in T3_COLUMN_NAMES.items():
        if form == name or (key != "other_org" and name in form):
            return key
    return None


T3_GROUPS: dict[str, tuple[tuple[str, ...], ...]] = {
    "withheld": (("不予公开",),),
    "unavailable": (("无法提供",),),
    "not_processed": (("不予处理",),),
    "other": (("其他处理",), ("其它处理",)),
}
"""The outcome categories whose label spans their leaf rows: （三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理."""


@dataclass(frozen=True)
class T3Row:
    key: str
    keywords: tuple[tuple[str, ...], ...]


_T3_HEAD = (
    T3Row("new", (("新收",),)),
    T3Row("carried_in", (("上年", "结转"), ("上年度", "结转"))),
    T3Row("granted", (("予以公开",),)),
    T3Row("partly_granted", (("部分公开",),)),
    T3Row("withheld.state_secret", (("国家秘密",),)),
    T3Row("withheld.prohibited_by_law", (("法律", "禁止"), ("法规", "禁止"))),
    T3Row("withheld.three_safeties_one_stability", (("三安全",), ("一稳定",), ("危及",))),
    T3Row("withheld.third_party_rights", (("第三方",),)),
    T3Row("withheld.internal_affairs", (("内部事务",),)),
    T3Row("withheld.process_information", (("过程性",),)),
    T3Row("withheld.enforcement_files", (("执法案卷",),)),
    T3Row("withheld.inquiry_matters", (("查询事项",),)),
    T3Row("unavailable.not_held", (("不掌握",),)),
    T3Row("unavailable.needs_creation", (("另行制作",), ("没有现成",))),
    T3Row("unavailable.still_unclear", (("仍不明确",), ("补正后",))),
    T3Row("not_processed.petitions_complaints", (("信访",), ("举报投诉",))),
    T3Row("not_processed.repeated", (("重复申请",),)),
    T3Row("not_processed.publications", (("出版物",),)),
    T3Row("not_processed.excessive_repeated", (("大量反复",), ("大量", "申请"))),
    T3Row("not_processed.confirm_or_reissue", (("确认",), ("重新出具",))),
)
_T3_OTHER_2021 = (
    T3Row("other.no_correction", (("不补正",), ("逾期", "补正"))),
    T3Row("other.fee_unpaid", (("缴纳",), ("收费通知",))),
)
_T3_TAIL = (
    T3Row("total", (("总计",), ("七合计",))),
    T3Row("carried_out", (("结转下年",), ("结转至下年",), ("转下年度",))),
)

T3_ROW_KEYS: dict[str, tuple[str, ...]] = {
    V2019: tuple(row.key for row in _T3_HEAD) + ("other",) + tuple(row.key for row in _T3_TAIL),
    V2021: tuple(row.key for row in _T3_HEAD + _T3_OTHER_2021) + ("other.other",) + tuple(row.key for row in _T3_TAIL),
}
"""Every T3 row key of each version, in the template's order (23 rows in v2019, 25 in v2021)."""

T3_OUTCOME_LEAVES: dict[str, tuple[str, ...]] = {
    version: keys[keys.index("granted") : keys.index("total")] for version, keys in T3_ROW_KEYS.items()
}
"""The leaf outcome rows that add up to （七）总计 (19 in v2019, 21 in v2021)."""

T3_MAIN_ROWS: tuple[str, ...] = ("new", "carried_in", "total", "carried_out")
"""Rows without which a table is not read as T3."""

_OTHER_LEAF = re.compile(rf"^(?:\d+|[{COUNTING_NUMERALS}]+)?其[他它]$")


@lru_cache(maxsize=4096)
def match_t3_label(form: str, group: str | None) -> str | None:
    """The T3 row key a label names, given the outcome category above it; None for no row.

    The bare leaf `3.其他` is `other.other` only under （六）其他处理.
    """
    for row in _T3_HEAD + _T3_OTHER_2021 + _T3_TAIL:
        if _has(form, row.keywords):
            return row.key
    if group == "other" and _OTHER_LEAF.match(form):
        return "other.other"
    return None


@lru_cache(maxsize=4096)
def match_t3_group(form: str) -> str | None:
    """The outcome category a label names (`withheld`, `unavailable`, `not_processed`, `other`), if any."""
    for group, keywords in T3_GROUPS.items():
        if _has(form, keywords):
            return group
    return None


# ---- T4: 政府信息公开行政复议、行政诉讼情况 ---------------------------------------------------

T4_GROUPS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")
"""行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉."""
T4_COLUMNS: tuple[str, ...] = ("upheld", "corrected", "other", "pending", "total")
"""结果维持, 结果纠正, 其他结果, 尚未审结, 总计 (the same five in each group)."""
T4_GROUP_KEYWORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "litigation_direct": (("未经复议",), ("直接起诉",)),
    "litigation_after_review": (("复议后",),),
    "review": (("行政复议",),),
}


# ---- T2: 主动公开政府信息情况 -------------------------------------------------------------------


@dataclass(frozen=True)
class T2Column:
    key: str
    label: str
    keywords: tuple[tuple[str, ...], ...]
    kind: str = COUNT
    unit: str | None = None


@dataclass(frozen=True)
class T2Row:
    key: str
    keywords: tuple[tuple[str, ...], ...]
    columns: tuple[T2Column, ...]


_ISSUED = (
    T2Column("issued", "本年制发件数", (("制发",),)),
    T2Column("repealed", "本年废止件数", (("废止",),)),
    T2Column("in_force", "现行有效件数", (("现行有效",), ("有效",))),
)
_DECISIONS_2021 = (T2Column("decisions", "本年处理决定数量", (("处理决定",), ("决定数量",))),)
_MADE = (
    T2Column("made", "本年新制作数量", (("新制作",), ("制作",))),
    T2Column("published", "本年新公开数量", (("新公开",),)),
    T2Column("total_published", "对外公开总数量", (("对外公开",), ("公开总数",))),
)
_ITEMS_2019 = (
    T2Column("previous_items", "上一年项目数量", (("上一年",), ("上年",))),
    T2Column("change", "本年增/减", (("增减",), ("增加减少",)), CHANGE),
    T2Column("decisions", "处理决定数量", (("处理决定",), ("决定数量",))),
)
_REGULATIONS = (("规章",),)
_NORMATIVE = (("规范性文件",),)
_LICENSING = (("行政许可",),)
_PUNISHMENT = (("行政处罚",),)
_COERCION = (("行政强制",),)
_FEES = (("行政事业性收费",), ("事业性收费",))

T2_ROWS: dict[str, tuple[T2Row, ...]] = {
    V2021: (
        T2Row("regulations", _REGULATIONS, _ISSUED),
        T2Row("normative_documents", _NORMATIVE, _ISSUED),
        T2Row("licensing", _LICENSING, _DECISIONS_2021),
        T2Row("punishment", _PUNISHMENT, _DECISIONS_2021),
        T2Row("coercion", _COERCION, _DECISIONS_2021),
        T2Row("fees", _FEES, (T2Column("amount", "本年收费金额（单位：万元）", (("金额",),), AMOUNT, "万元"),)),
    ),
    V2019: (
        T2Row("regulations", _REGULATIONS, _MADE),
        T2Row("normative_documents", _NORMATIVE, _MADE),
        T2Row("licensing", _LICENSING, _ITEMS_2019),
        T2Row("other_services", (("其他对外管理服务",), ("对外管理服务",)), _ITEMS_2019),
        T2Row("punishment", _PUNISHMENT, _ITEMS_2019),
        T2Row("coercion", _COERCION, _ITEMS_2019),
        T2Row("fees", _FEES, _ITEMS_2019[:2]),
        T2Row(
            "procurement",
            (("政府集中采购",), ("集中采购",)),
            (T2Column("items", "采购项目数量", (("项目数量",), ("采购项目",))), T2Column("amount", "采购总金额", (("金额",),), AMOUNT)),
        ),
    ),
}
"""Every T2 row of each version with its columns, in the template's order."""

T2_COLUMN_KINDS: dict[str, str] = {column.key: column.kind for rows in T2_ROWS.values() for row in rows for column in row.columns}
"""Each T2 column key's kind of figure (count, change or amount); a key means the same in both versions."""

T2_VERSION_WORDS: dict[str, tuple[tuple[str, ...], ...]] = {
    V2021: (("制发",), ("废止",), ("现行有效",), ("本年处理决定",), ("收费金额",)),
    V2019: (("新制作",), ("新公开",), ("对外公开",), ("上一年",), ("增减",), ("采购",), ("对外管理服务",)),
}
"""Header and row words that only one version's T2 has."""

T2_ITEM_MARK = "第二十条"
T2_HEADER_WORDS: tuple[tuple[str, ...], ...] = (("信息内容",),)
_UNIT = re.compile(r"(亿元|万元|元)")


@lru_cache(maxsize=4096)
def match_t2_row(form: str, version: str) -> T2Row | None:
    for row in T2_ROWS[version]:
        if _has(form, row.keywords):
            return row
    return None


@lru_cache(maxsize=4096)
def header_matches(form: str, column: T2Column) -> bool:
    """A header cell names `column`: by its keywords, or as the start of its label cut short (`本年新`)."""
    return _has(form, column.keywords) or (len(form) >= 2 and label_form(column.label).startswith(form))


@lru_cache(maxsize=1024)
def header_unit(text: str) -> str | None:
    """The money unit a header names (`本年收费金额（单位：万元）`, `采购总金额(元)`, `萬元`), if any."""
    match = _UNIT.search(plain_form(text))
    return match.group(1) if match else None


@lru_cache(maxsize=4096)
def t2_version_votes(form: str) -> dict[str, int]:
    return {version: sum(1 for entry in words if all(word in form for word in entry)) for version, words in T2_VERSION_WORDS.items()}
