"""The `year_mismatch` flag (X-6): the text speaks of another year as the report's own.

A report copied from last year's often keeps last year's year where the report
names its own: the title, the statistics period (统计期限自2018年1月1日起至2018年12月31日止),
the report's name (2018年度政府信息公开工作年度报告, 现将2018年…报告如下), or the body
speaking of itself (2018年，我局… / 本局2018年度…). The first two are unambiguous;
a self-reference to an earlier year may be a comparison, so it counts only when such
mentions outnumber the body's mentions of the report year, and alone it is uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.chinese import YEAR
from indexer.metadata import year_from_title
from indexer.report import Report
from indexer.review.flag import RAISED, UNCERTAIN, Flag
from indexer.review.wording import digit_years, prose

_YEAR = rf"({YEAR})"
_SELF = r"(?:我|本)(?:局|委|厅|办|部|署|院|中心|单位|机关|部门|县|市|区|镇|乡|街道|州|旗|盟|省)"
PERIOD = re.compile(rf"{_YEAR}\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|－|-|~|～)\s*{_YEAR}\s*年\s*12\s*月\s*31\s*日")
REPORT_NAME = re.compile(
    rf"{_YEAR}\s*年\s*度?(?:的)?[^。；;\n]{{0,24}}?(?:政府信息公开|政务公开)[^。；;\n]{{0,12}}?(?:年度报告|工作报告|年报)"
    rf"|现将\s*{_YEAR}\s*年\s*度?[^。；;\n]{{0,30}}?(?:报告|汇报|公布)如下"
)
SELF_REFERENCE = re.compile(rf"{_YEAR}\s*年\s*度?\s*[，,]?\s*{_SELF}|{_SELF}\s*{_YEAR}\s*年")
_SNIPPET_CHARS = 24
_SHOWN = 3


@dataclass(frozen=True)
class YearMention:
    """A place where the text names a year as the report's own."""

    year: int
    kind: str
    section: str
    text: str

    def to_json(self) -> dict[str, object]:
        return {"year": self.year, "kind": self.kind, "section": self.section, "text": self.text}


def year_mentions(report: Report) -> list[YearMention]:
    """Every mention of a year as the report's own: the `title`'s, then `period`, `report_name` and
    `self_reference` ones in the text. The parser may take the year from the statistics period over the
    title's, so the title is a mention like any other."""
    titled = year_from_title(report.title)
    mentions = [YearMention(titled, "title", "标题", report.title or "")] if titled else []
    for section in report.sections:
        original = prose(section.text)
        text = digit_years(original)  # offsets into it are offsets into the original
        for kind, pattern in (("period", PERIOD), ("report_name", REPORT_NAME), ("self_reference", SELF_REFERENCE)):
            for match in pattern.finditer(text):
                snippet = _snippet(original, match.start(), match.end())
                for year in {int(group) for group in match.groups() if group}:
                    mentions.append(YearMention(year, kind, section.heading or section.type, snippet))
    return mentions


def _snippet(text: str, start: int, end: int) -> str:
    """The match with a few characters around it, within its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return text[max(line_start, start - 4):min(line_end, end + _SNIPPET_CHARS)]


def year_mismatch_flag(report: Report) -> Flag | None:
    """The text names another year as its own where the report covers `Report.year`."""
    if report.year is None:
        return None
    mentions = year_mentions(report)
    strong = [mention for mention in mentions if mention.kind != "self_reference" and mention.year != report.year]
    earlier = [mention for mention in mentions if mention.kind == "self_reference" and mention.year < report.year]
    own = sum(mention.kind == "self_reference" and mention.year == report.year for mention in mentions)
    if strong or (len(earlier) >= 2 and len(earlier) > own):
        status = RAISED
    elif earlier and not own:
        status = UNCERTAIN
    else:
        return None
    shown = (strong + earlier)[:_SHOWN]
    quoted = "；".join(f"“{mention.text}”" for mention in shown)
    return Flag("year_mismatch", f"报告年度为{report.year}年，正文却写{quoted}", status,
                evidence={"year": report.year, "mentions": [mention.to_json() for mention in strong + earlier],
                          "own_year_mentions": own})
