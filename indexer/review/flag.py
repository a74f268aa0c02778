"""Review flags: the faults a reviewing office looks for in a report, each with its evidence.

A flag type has a stable id (used in URLs, facets and CSV), a Chinese label and a
one-line explanation that is the same for every report. A raised `Flag` adds what
this report shows: a one-line `detail` and its `evidence` (dates, sections, cells,
the matching report) as plain JSON data. A flag is `raised`, or `uncertain` when
the evidence cannot settle it (no publication date, a date that may be a repost).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

RAISED, UNCERTAIN = "raised", "uncertain"
FLAG_STATUSES: tuple[str, ...] = (RAISED, UNCERTAIN)


@dataclass(frozen=True)
class FlagType:
    """What a flag means, whatever report it is raised on."""

    id: str
    label: str
    explanation: str


FLAG_TYPES: dict[str, FlagType] = {
    flag.id: flag
    for flag in (
        FlagType("late", "逾期发布", "发布日期晚于《政府信息公开条例》规定的年度报告公布期限"),
        FlagType("missing_section", "缺少必备部分",
                 "2019年起的年度报告应有总体情况、主动公开、依申请公开、复议诉讼、问题与改进、其他事项六部分"),
        FlagType("missing_table", "缺少统计表", "2019年起的年度报告应有表二（主动公开）、表三（依申请公开）、表四（复议诉讼）"),
        FlagType("old_template", "沿用旧版格式", "2021年起的年度报告仍使用2019年试行格式的表格栏目"),
        FlagType("year_mismatch", "年份不符", "正文把其他年份说成本报告年度，可能沿用了往年报告"),
        FlagType("fee_not_reported", "未说明信息处理费", "2021年起的年度报告应在“其他需要报告的事项”中说明信息处理费收取情况"),
        FlagType("empty_problems", "问题与改进空缺", "“存在的主要问题及改进情况”为空或只有寥寥数字"),
        FlagType("table_check", "表格数据不符", "统计表的数字未通过勾稽关系检查"),
        FlagType("copied", "内容雷同", "叙述部分与另一份报告几乎相同（去除表格、套话、数字和本机关名称后）"),
        FlagType("reused", "大量重复", "叙述部分与另一份报告大段相同（去除表格、套话、数字和本机关名称后）"),
    )
}
"""Every flag type, in the order a report view lists them."""


@dataclass(frozen=True)
class Flag:
    """One flag raised on one report."""

    id: str
    detail: str
    status: str = RAISED
    evidence: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.id not in FLAG_TYPES:
            raise ValueError(f"unknown flag id {self.id!r}; known: {', '.join(FLAG_TYPES)}")
        if self.status not in FLAG_STATUSES:
            raise ValueError(f"flag status must be one of {', '.join(FLAG_STATUSES)}, not {self.status!r}")

    @property
    def label(self) -> str:
        return FLAG_TYPES[self.id].label

    @property
    def explanation(self) -> str:
        return FLAG_TYPES[self.id].explanation

    def to_json(self) -> dict[str, Any]:
        """`{"id", "label", "detail", "status", "explanation", "evidence"}`: the API and CSV form."""
        return {
            "id": self.id,
            "label": self.label,
            "detail": self.detail,
            "status": self.status,
            "explanation": self.explanation,
            "evidence": self.evidence,
        }
