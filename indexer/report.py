"""The parsed report: metadata plus typed sections, and its JSON form.

This is the hand-off between `indexer/` (which builds it from a file) and
`search/` (which indexes it); `to_json` is the `nianbao parse` contract.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from indexer.tables import Block, ReportTables, block_from_json

SECTION_TYPES: tuple[str, ...] = (
    "preamble",
    "overview",
    "proactive",
    "requests",
    "review_litigation",
    "fees",
    "problems",
    "other_matters",
    "other",
)

SECTION_LABELS: dict[str, str] = {
    "preamble": "前言",
    "overview": "总体情况",
    "proactive": "主动公开",
    "requests": "依申请公开",
    "review_litigation": "复议诉讼",
    "fees": "收费减免",
    "problems": "问题与改进",
    "other_matters": "其他事项",
    "other": "其他",
}


@dataclass
class Section:
    """One top-level part of a report; `text` keeps the original characters.

    `text` is what is searched: table rows are lines whose cells are joined by
    " | ". `blocks` is the same text as structure: paragraphs and tables of cells.
    """

    type: str
    heading: str
    text: str
    blocks: list[Block] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "heading": self.heading, "text": self.text, "blocks": [block.to_json() for block in self.blocks]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Section":
        return cls(data["type"], data["heading"], data["text"], [block_from_json(block) for block in data.get("blocks", [])])


REGION_LEVELS: tuple[str, ...] = ("province", "city", "county", "township")
"""The keys of `Report.region` above `code`, from the top of the administrative chain down."""

LEVELS: tuple[str, ...] = ("national", "province", "city", "county", "township")
"""`Report.level`: where the reporting body sits (county-level cities and 市辖区 are `county`,
乡/镇/街道 are `township`)."""


@dataclass
class Report:
    """A report as parsed from one file; metadata fields are None when unknown.

    `region` maps each of `REGION_LEVELS` to an official place name (or None where the
    level does not apply or is unknown) and `code` to the GB/T 2260 code of the lowest
    level above township; `agency_series` is one key for the same body across years
    and renamings, so that its reports line up year by year. `attachment` is the
    file the report was read from when `source_path` is a page that only links it.
    """

    source_path: str
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: str | None = None
    source_url: str | None = None
    index_no: str | None = None
    region: dict[str, str | None] | None = None
    level: str | None = None
    agency_kind: str | None = None
    agency_series: str | None = None
    sections: list[Section] = field(default_factory=list)
    tables: ReportTables | None = None
    warnings: list[str] = field(default_factory=list)
    attachment: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The `nianbao parse` object; `index_no` only when the page had one, `attachment` only when the
        report was read from the attachment a page links, `tables` null without template tables."""
        data: dict[str, Any] = {
            "source_path": self.source_path,
            "title": self.title,
            "agency": self.agency,
            "year": self.year,
            "published": self.published,
            "source_url": self.source_url,
            "region": dict(self.region) if self.region else None,
            "level": self.level,
            "agency_kind": self.agency_kind,
            "agency_series": self.agency_series,
            "sections": [section.to_json() for section in self.sections],
            "tables": self.tables.to_json() if self.tables else None,
        }
        if self.index_no:
            data["index_no"] = self.index_no
        if self.attachment:
            data["attachment"] = self.attachment
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Report":
        """Rebuild a report from `to_json` output (used by the index's report store)."""
        return cls(
            source_path=data["source_path"],
            title=data.get("title"),
            agency=data.get("agency"),
            year=data.get("year"),
            published=data.get("published"),
            source_url=data.get("source_url"),
            index_no=data.get("index_no"),
            region=data.get("region"),
            level=data.get("level"),
            agency_kind=data.get("agency_kind"),
            agency_series=data.get("agency_series"),
            sections=[Section.from_json(section) for section in data.get("sections", [])],
            tables=ReportTables.from_json(data["tables"]) if data.get("tables") else None,
            attachment=data.get("attachment"),
        )
