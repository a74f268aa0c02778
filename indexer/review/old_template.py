"""The `old_template` flag (X-4): a report for 2021 on that still fills in the 2019 trial form.

The v2019 form (国办公开办函〔2019〕60号) differs from v2021 (〔2021〕30号) in T2's
labels (REVIEW-SPEC §2.4): 本年新制作数量 / 本年新公开数量 / 对外公开总数量 instead of
制发 / 废止 / 现行有效, 上一年项目数量 and 本年增/减, 第二十条第（九）项 政府集中采购, and the
row 其他对外管理服务事项. Labels no narrative uses are looked for anywhere (a header
split over lines still reads as one); the two a narrative may use only in table rows.
The template version read with the tables, when there is one, counts too.
"""

from __future__ import annotations

from indexer.report import Report
from indexer.review.flag import Flag
from indexer.review.table_flags import tables_json
from indexer.review.wording import compact_form, is_table_row

FIRST_V2021_YEAR = 2021
V2019_HEADER_LABELS: tuple[str, ...] = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减",
                                        "第二十条第九项", "采购总金额")
"""v2019 labels found in no v2021 report and in no narrative, in compact form."""
V2019_ROW_LABELS: tuple[str, ...] = ("政府集中采购", "其他对外管理服务事项")
"""v2019 row labels that a narrative may also use, so only looked for in table rows."""


def old_template_flag(report: Report) -> Flag | None:
    """v2019 labels, or tables read as v2019, in a report for 2021 on."""
    if report.year is None or report.year < FIRST_V2021_YEAR:
        return None
    text = "\n".join(section.text for section in report.sections)
    whole = compact_form(text)
    table_rows = compact_form("\n".join(line for line in text.splitlines() if is_table_row(line)))
    labels = [label for label in V2019_HEADER_LABELS if label in whole]
    labels += [label for label in V2019_ROW_LABELS if label in table_rows]
    tables = tables_json(report)
    template = tables.get("template") if isinstance(tables, dict) else None
    if not labels and template != "v2019":
        return None
    shown = "、".join(f"“{label}”" for label in labels[:4])
    said = f"表格使用2019年试行格式的栏目{shown}" if labels else "统计表按2019年试行格式填报"
    return Flag("old_template", f"{report.year}年度报告{said}，应使用2021年格式（国办公开办函〔2021〕30号）",
                evidence={"labels": labels, "template": template, "year": report.year})
