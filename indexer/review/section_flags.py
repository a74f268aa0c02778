"""Flags about a report's parts: `missing_section`, `empty_problems` (X-8) and `fee_not_reported` (X-7).

They use the section types the parser assigns (`indexer.sections`), so every
heading variant real reports use counts (五、存在的问题及改进情况, 四、因政府信息
公开工作被申请行政复议…, a typo like 行政法复议).
"""

from __future__ import annotations

import re

from indexer.report import Report, Section
from indexer.review.flag import UNCERTAIN, Flag
from indexer.review.table_flags import FIRST_TEMPLATE_YEAR, t3_total, tables_json
from indexer.review.wording import compact_form, prose

REQUIRED_SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "一、总体情况"),
    ("proactive", "二、主动公开政府信息情况"),
    ("requests", "三、收到和处理政府信息公开申请情况"),
    ("review_litigation", "四、政府信息公开行政复议、行政诉讼情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
"""The six parts of the 2019 and 2021 templates (REVIEW-SPEC §2.3), by section type."""

MIN_PROBLEMS_CHARS = 10
"""X-8: a 五 shorter than this, punctuation and spaces aside, says nothing (KGC `narrative_sec5_gap`)."""
FIRST_FEE_YEAR = 2021
"""The v2021 template puts the 信息处理费 (国办函〔2020〕109号) under 六."""
_FEE = re.compile(r"处理费|收费|收取[^。；\n]{0,12}费|费用")
_NOTHING = re.compile(r"^(暂)?(无|没有)")


def missing_section_flag(report: Report) -> Flag | None:
    """A report for 2019 on without one of the six required parts."""
    if report.year is None or report.year < FIRST_TEMPLATE_YEAR:
        return None
    present = {section.type for section in report.sections}
    missing = [(kind, heading) for kind, heading in REQUIRED_SECTIONS if kind not in present]
    if not missing:
        return None
    return Flag("missing_section", f"未找到{'；'.join(heading for _, heading in missing)}",
                evidence={"missing": [kind for kind, _ in missing],
                          "found": [{"type": section.type, "heading": section.heading} for section in report.sections]})


def empty_problems_flag(report: Report) -> Flag | None:
    """X-8: the problems part is there but says nothing (`无`, or under `MIN_PROBLEMS_CHARS` characters)."""
    problems = [section for section in report.sections if section.type == "problems"]
    if not problems:
        return None
    text = "\n".join(prose(section.text) for section in problems).strip()
    compact = compact_form(text)
    if len(compact) >= MIN_PROBLEMS_CHARS and not (_NOTHING.match(compact) and len(compact) < 2 * MIN_PROBLEMS_CHARS):
        return None
    said = f"只有“{text}”" if text else "没有内容"
    return Flag("empty_problems", f"{problems[0].heading or '存在的主要问题及改进情况'}{said}",
                evidence={"heading": problems[0].heading, "text": text, "chars": len(compact)})


def fee_not_reported_flag(report: Report) -> Flag | None:
    """X-7: a report for 2021 on whose 六 does not say what 信息处理费 it charged (even that it charged none)."""
    tables = tables_json(report)
    template = tables.get("template") if isinstance(tables, dict) else None
    if report.year is None or (report.year < FIRST_FEE_YEAR and template != "v2021"):
        return None
    other_matters = [section for section in report.sections if section.type == "other_matters"]
    if any(_FEE.search(prose(section.text)) for section in other_matters):
        return None
    unpaid = t3_total(tables, "other.fee_unpaid")
    evidence: dict[str, object] = {"other_matters": [section.heading for section in other_matters],
                                   "fee_notices_unpaid": unpaid}
    where = "“其他需要报告的事项”未提及信息处理费" if other_matters else "没有“其他需要报告的事项”部分说明信息处理费"
    if unpaid:
        return Flag("fee_not_reported", f"{where}，而表三“逾期未按收费通知要求缴纳费用”为{unpaid:g}件", evidence=evidence)
    elsewhere = _sections_mentioning_fee(report.sections)
    if elsewhere:
        evidence["mentioned_in"] = [section.heading or section.type for section in elsewhere]
        return Flag("fee_not_reported", f"{where}（在“{elsewhere[0].heading or elsewhere[0].type}”中提及）",
                    UNCERTAIN, evidence)
    return Flag("fee_not_reported", where, evidence=evidence)


def _sections_mentioning_fee(sections: list[Section]) -> list[Section]:
    return [section for section in sections if "处理费" in prose(section.text)]
