"""The kind of reporting body that decides its deadline: a department, a government, or a township.

2019 条例 第四十九条 gives 县级以上人民政府部门 (局/委/办/厅, a 人民政府办公厅/办公室 included)
until 1月31日 and a 县级以上地方人民政府's own report until 3月31日, and says nothing
of 乡镇/街道 (REVIEW-SPEC §2.2). The parser's `Report.level` and `Report.agency_kind`
decide first; when they are unknown, the ending of the agency's name does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.matching import plain_form
from indexer.report import Report

DEPARTMENT, GOVERNMENT, TOWNSHIP = "department", "government", "township"
BODY_KINDS: tuple[str, ...] = (DEPARTMENT, GOVERNMENT, TOWNSHIP)

_TOWNSHIP_KINDS = frozenset({"乡镇", "街道"})
_UNDECIDED_KINDS = frozenset({"管委会", "other"})
"""Kinds that do not say whether the body is a department: a 管委会 may be a government's agency or a zone's own."""

# Name endings, checked in order: the first that matches decides.
_NAME_RULES: tuple[tuple[re.Pattern[str], str | None, str], ...] = (
    (re.compile(r"(街道办事处|街道办|办事处|街道)$"), TOWNSHIP, "街道办事处"),
    (re.compile(r"(办公室|办公厅)$"), DEPARTMENT, "办公室/办公厅"),
    (re.compile(r"[乡镇](人民)?政府$"), TOWNSHIP, "乡镇人民政府"),
    (re.compile(r"(人民)?政府$"), GOVERNMENT, "人民政府"),
    (re.compile(r"(管理委员会|管委会)$"), None, "管委会"),
    (re.compile(r"(局|委员会|委|厅|办|部|署)$"), DEPARTMENT, "局/委/厅/办"),
    (re.compile(r"[乡镇]$"), TOWNSHIP, "乡/镇"),
    (re.compile(r"(省|自治区|市|自治州|州|盟|地区|县|自治县|旗|区)$"), GOVERNMENT, "地方（本级政府报告）"),
)
_PARENTHESES = re.compile(r"[（(][^（）()]*[）)]")


@dataclass(frozen=True)
class BodyKind:
    """`kind` is one of `BODY_KINDS`, or None when nothing tells; `basis` says what decided it, in Chinese."""

    kind: str | None
    basis: str


def body_kind(report: Report) -> BodyKind:
    """The kind of body that wrote `report`: from its level and agency kind, else from its name's ending."""
    kind, level = report.agency_kind, report.level
    if kind in _TOWNSHIP_KINDS or level == "township":
        return BodyKind(TOWNSHIP, f"机关类别“{kind}”" if kind in _TOWNSHIP_KINDS else "层级为乡镇/街道")
    if kind == "人民政府":
        return BodyKind(GOVERNMENT, "机关类别“人民政府”")
    if kind is not None and kind not in _UNDECIDED_KINDS:
        return BodyKind(DEPARTMENT, f"机关类别“{kind}”（政府部门）")
    return _kind_from_name(report.agency)


def _kind_from_name(agency: str | None) -> BodyKind:
    if not agency:
        return BodyKind(None, "机关名称未知")
    name = _PARENTHESES.sub("", plain_form(agency)).strip()
    for pattern, kind, words in _NAME_RULES:
        if pattern.search(name):
            return BodyKind(kind, f"机关名称“{agency}”以{words}结尾")
    return BodyKind(None, f"机关名称“{agency}”看不出机关类别")
