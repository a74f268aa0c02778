"""The `late` flag: was the report published by the deadline of its year and kind of body?

Deadlines (REVIEW-SPEC §2.2): reports for 2008–2018, every body by (Y+1)-03-31
(2007 条例 第三十一条); from 2019, a 县级以上人民政府部门 by (Y+1)-01-31 and a 县级以上地方
人民政府's own report by (Y+1)-03-31 (2019 条例 第四十九条); 乡镇/街道 have no statutory
date and are held to 03-31 leniently. A page's date can be a repost, so the flag
always names the date and where it came from, and is only `uncertain` when there
is no date, when the report's own signed date is on time, or when the date is years
after the report.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from indexer.metadata import signature_date
from indexer.report import Report
from indexer.review.body_kind import DEPARTMENT, GOVERNMENT, TOWNSHIP, BodyKind, body_kind
from indexer.review.flag import RAISED, UNCERTAIN, Flag

FIRST_2019_RULES_YEAR = 2019
SIGNATURE_FIELD, PAGE_FIELD = "落款日期", "页面发布时间"
_REPOST_YEARS = 2
"""A page date this many calendar years after the report year is more likely a repost or a site move."""


@dataclass(frozen=True)
class Deadline:
    """The last day on time; `latest` is set when the kind of body is unknown: the deadline if it is not a department."""

    due: datetime.date
    rule: str
    statutory: bool = True
    latest: datetime.date | None = None


def deadline(year: int, kind: str | None) -> Deadline:
    """The deadline for a report covering `year` by a body of `kind` (see `indexer.review.body_kind`)."""
    january, march = datetime.date(year + 1, 1, 31), datetime.date(year + 1, 3, 31)
    if year < FIRST_2019_RULES_YEAR:
        return Deadline(march, "2007年条例第三十一条：各级行政机关每年3月31日前公布")
    if kind == DEPARTMENT:
        return Deadline(january, "2019年条例第四十九条：县级以上人民政府部门每年1月31日前公布")
    if kind == GOVERNMENT:
        return Deadline(march, "2019年条例第四十九条：县级以上地方人民政府本级报告每年3月31日前公布")
    if kind == TOWNSHIP:
        return Deadline(march, "乡镇、街道：条例未规定期限，从宽按3月31日", statutory=False)
    return Deadline(january, "机关类别不明：政府部门每年1月31日前、本级政府3月31日前公布", latest=march)


@dataclass(frozen=True)
class PublicationDate:
    """The report's publication date, the field it came from, and the date signed under it (if any)."""

    date: datetime.date | None
    field: str | None
    signed: datetime.date | None


def publication_date(report: Report) -> PublicationDate:
    """`Report.published`, named as the signed date when it is the one under the report, else the page's date."""
    signed = _signed_date(report)
    if not report.published:
        return PublicationDate(None, None, signed)
    try:
        published = datetime.date.fromisoformat(report.published)
    except ValueError:
        return PublicationDate(None, None, signed)
    return PublicationDate(published, SIGNATURE_FIELD if published == signed else PAGE_FIELD, signed)


def _signed_date(report: Report) -> datetime.date | None:
    if not report.sections:
        return None
    signed = signature_date(report.sections[-1].text.splitlines())
    return datetime.date.fromisoformat(signed) if signed else None


def late_flag(report: Report) -> Flag | None:
    """The `late` flag of `report`, or None when it was on time or its year is unknown."""
    if report.year is None:
        return None
    kind = body_kind(report)
    rule = deadline(report.year, kind.kind)
    published = publication_date(report)
    evidence = _evidence(report.year, kind, rule, published)
    if published.date is None:
        return Flag("late", f"页面未给出发布日期，无法核对是否在{rule.due:%Y-%m-%d}前公布（{rule.rule}）", UNCERTAIN, evidence)
    if published.date <= rule.due:
        return None
    if rule.latest is not None and published.date <= rule.latest:
        said = _late_by(published, rule.due, rule.rule)
        return Flag("late", f"{said}；{kind.basis}，若为本级政府报告则在期限内", UNCERTAIN, evidence)
    due = rule.latest or rule.due
    said = _late_by(published, due, rule.rule if rule.latest is None else f"{kind.basis}，任何机关最晚3月31日前公布")
    doubt = _repost_doubt(report.year, due, published)
    if doubt:
        return Flag("late", f"{said}；{doubt}", UNCERTAIN, evidence)
    return Flag("late", said, RAISED, evidence)


def _late_by(published: PublicationDate, due: datetime.date, rule: str) -> str:
    assert published.date is not None
    days = (published.date - due).days
    return f"{published.date:%Y-%m-%d}（{published.field}）公布，比期限{due:%Y-%m-%d}晚{days}天（{rule}）"


def _repost_doubt(year: int, due: datetime.date, published: PublicationDate) -> str | None:
    """Why the page's date may not be the first publication, if anything says so."""
    if published.field == PAGE_FIELD and published.signed is not None and published.signed <= due:
        return f"报告落款日期{published.signed:%Y-%m-%d}在期限内，页面日期可能是转载或补发日期"
    if published.date is not None and published.date.year >= year + _REPOST_YEARS:
        return "页面日期在报告年度两年以后，可能是转载或网站迁移日期"
    return None


def _evidence(year: int, kind: BodyKind, rule: Deadline, published: PublicationDate) -> dict[str, object]:
    return {
        "year": year,
        "published": published.date.isoformat() if published.date else None,
        "field": published.field,
        "signed": published.signed.isoformat() if published.signed else None,
        "deadline": rule.due.isoformat(),
        "deadline_if_not_department": rule.latest.isoformat() if rule.latest else None,
        "rule": rule.rule,
        "statutory": rule.statutory,
        "body_kind": kind.kind,
        "body_kind_basis": kind.basis,
    }
