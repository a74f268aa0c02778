"""The content of one generated report: metadata, typed sections, paragraphs and tables.

Reports for 2019 on follow the six-part national template, with the numbers of its tables
numbers known (and now and then one inconsistency planted); 2008–2018 reports
are free-form, with the usual parts, sometimes themed headings, optional parts
left out and small tables of their own. Headings come in the variants real
reports use. Narrative text mixes domain sentences with filler drawn from a
real word-frequency distribution until the report reaches its target size.
How the content is laid out in a file (text or HTML) is `pages`' job.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import tables
from filler import Lexicon, WordStream, filler_sentence
from phrasebank import ReportContext, domain_sentence, themed_headings
from places import Agency
from tables import Table, TemplateTruth

NUMERALS = "一二三四五六七八九十"

TEMPLATE_HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("overview", ("总体情况",)),
    ("proactive", ("主动公开政府信息情况",)),
    ("requests", ("收到和处理政府信息公开申请情况",)),
    ("review_litigation", ("政府信息公开行政复议、行政诉讼情况",)),
    ("problems", ("存在的主要问题及改进情况", "存在的问题及改进情况")),
    ("other_matters", ("其他需要报告的事项",)),
)

LEGACY_HEADINGS: dict[str, tuple[str, ...]] = {
    "overview": ("概述", "基本情况", "总体情况", "政府信息公开工作概述", "工作开展情况"),
    "proactive": ("主动公开政府信息情况", "主动公开情况", "政府信息主动公开情况"),
    "requests": ("依申请公开政府信息情况", "依申请公开情况", "政府信息依申请公开情况", "依申请公开和不予公开情况"),
    "fees": ("政府信息公开的收费及减免情况", "收费及减免情况"),
    "review_litigation": ("因政府信息公开申请行政复议、提起行政诉讼的情况", "行政复议和行政诉讼情况",
                          "行政复议、提起诉讼情况"),
    "problems": ("存在的主要问题及改进措施", "存在的问题和下步打算", "存在的不足及改进措施", "工作中存在的问题和改进措施"),
    "other_matters": ("其他需要报告的事项",),
}

OVERVIEW_SUBHEADINGS: tuple[str, ...] = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")

HEADING_STYLES: tuple[str, ...] = ("standard", "dash_first", "space_before_mark", "space_after_mark",
                                   "spaced_letters", "unnumbered")
_HEADING_STYLE_WEIGHTS: tuple[int, ...] = (70, 6, 6, 6, 4, 8)

# How much of the text each kind of part grows by when the report is filled to size.
_GROWTH_WEIGHTS: dict[str, int] = {
    "overview": 40, "other": 25, "problems": 20, "proactive": 10, "requests": 8, "other_matters": 8,
    "review_litigation": 3, "fees": 2,
}

Block = str | Table
PLANT_SHARE = 0.15
"""Share of template reports with one inconsistency planted in their tables (a check must fail)."""


@dataclass
class Section:
    """One top-level part: its expected canonical type, heading as printed, paragraphs and tables."""

    type: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    subheadings: list[str] = field(default_factory=list)


@dataclass
class ReportContent:
    """Everything a page renderer needs to write one report."""

    agency: str
    site_owner: str
    province_abbreviation: str
    year: int
    published: str
    title: str
    title_lines: tuple[str, ...]
    index_no: str
    sections: list[Section]
    signature: tuple[str, ...]
    tables: TemplateTruth | None = None


def published_date(rng: random.Random, year: int) -> str:
    """Reports come out early the next year, most by the January and March deadlines, a few much later."""
    month = rng.choices((1, 2, 3, 4, 5, 6, 8), weights=(40, 12, 36, 4, 3, 3, 2))[0]
    return f"{year + 1}-{month:02d}-{rng.randint(1, 28):02d}"


def report_title(rng: random.Random, agency: str, year: int) -> str:
    pattern = rng.choices(
        ("{a}{y}年政府信息公开工作年度报告", "{a}{y}年度政府信息公开工作年度报告", "{a}关于{y}年政府信息公开工作年度报告",
         "{y}年{a}政府信息公开工作年度报告", "{a}{y}年政府信息公开工作报告", "{a}{y}年政府信息公开工作总结"),
        weights=(60, 12, 6, 10, 8, 4))[0]
    return pattern.format(a=agency, y=year)


def heading_text(number: int, label: str, style: str) -> str:
    """A top-level heading in one of `HEADING_STYLES`: 一、总体情况, —、…, 一 、…, 一、 …, 一 概 述, 总体情况."""
    numeral = NUMERALS[number - 1]
    if style == "unnumbered":
        return label
    if style == "dash_first" and number == 1:
        return f"—、{label}"
    if style == "space_before_mark":
        return f"{numeral} 、{label}"
    if style == "space_after_mark":
        return f"{numeral}、 {label}"
    if style == "spaced_letters" and len(label) <= 4:
        return f"{numeral} {' '.join(label)}"
    return f"{numeral}、{label}"


def subheading_text(number: int, label: str, rng: random.Random) -> str:
    """A sub-heading, which stays inside its section: （一）… in full-width brackets, sometimes (一)… in half-width."""
    numeral = NUMERALS[number - 1]
    return rng.choices((f"（{numeral}）{label}", f"({numeral}){label}"), weights=(3, 1))[0]


class _Writer:
    """Fills sections with sentences for one report, keeping count of the text written."""

    def __init__(self, rng: random.Random, words: Lexicon, context: ReportContext, filler_share: float) -> None:
        self.rng = rng
        self.words = WordStream(rng, words)
        self.context = context
        self.filler_share = filler_share
        self.used_templates: set[str] = set()

    def sentence(self, part: str) -> str:
        if self.rng.random() < self.filler_share:
            return filler_sentence(self.rng, self.words)
        return domain_sentence(self.rng, part, self.context, self.used_templates)

    def paragraph(self, part: str, sentences: int) -> str:
        return "".join(self.sentence(part) for _ in range(sentences))


def _preamble(rng: random.Random, context: ReportContext, template: bool, site: str) -> str:
    year = context.year
    if template:
        return (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》"
                f"要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
                f"行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自{year}年1月1日起至"
                f"{year}年12月31日止。本报告电子版可在“{site}门户网站”下载。如对本报告有疑问，请与{context.agency}办公室联系"
                f"（电话：0{rng.randint(100, 999)}-{rng.randint(2000000, 8999999)}）。")
    return (f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布{year}年度{context.agency}"
            f"政府信息公开工作年度报告。本报告由概述、主动公开政府信息情况、依申请公开政府信息情况、政府信息公开的收费及减免情况、"
            f"因政府信息公开申请行政复议和提起行政诉讼情况、存在的主要问题及改进措施等部分组成。本报告中所列数据的统计期限自"
            f"{year}年1月1日起至{year}年12月31日止。")


def _template_sections(rng: random.Random, writer: _Writer, style: str, busy: float,
                       blank_zero: bool) -> tuple[list[Section], TemplateTruth]:
    year = writer.context.year
    plant = rng.choice(tables.PLANTS) if rng.random() < PLANT_SHARE else None
    (proactive, requests, review), truth = tables.template_tables(rng, year, busy, blank_zero, plant)
    template_tables = {"proactive": proactive, "requests": requests, "review_litigation": review}
    sections: list[Section] = []
    for number, (part, labels) in enumerate(TEMPLATE_HEADINGS, start=1):
        section = Section(part, heading_text(number, rng.choice(labels), style))
        if part == "overview":
            for sub_number, label in enumerate(OVERVIEW_SUBHEADINGS, start=1):
                sub = subheading_text(sub_number, label + rng.choice(("", "情况")), rng)
                section.subheadings.append(sub)
                section.blocks.append(sub + ("。" + writer.paragraph(part, 2) if rng.random() < 0.4 else ""))
                section.blocks.append(writer.paragraph(part, rng.randint(1, 3)))
        elif part in template_tables:
            section.blocks.append(template_tables[part])
        else:
            section.blocks.append(writer.paragraph(part, rng.randint(2, 4)))
        sections.append(section)
    return sections, truth


def _legacy_sections(rng: random.Random, writer: _Writer, style: str, busy: float) -> list[Section]:
    parts = ["overview", "proactive", "requests", "fees", "review_litigation", "problems", "other_matters"]
    if rng.random() < 0.25:
        parts.remove("fees")
    if rng.random() < 0.35:
        parts.remove("other_matters")
    themed: list[str] = []
    if rng.random() < 0.15:
        themed = themed_headings(rng, writer.context, rng.randint(2, 3))
        parts[0:1] = ["other"] * len(themed)
    sections: list[Section] = []
    for number, part in enumerate(parts, start=1):
        label = themed.pop(0) if part == "other" else rng.choice(LEGACY_HEADINGS[part])
        section = Section(part, heading_text(number, label, style))
        section.blocks.append(writer.paragraph(part, rng.randint(1, 3)))
        if part == "proactive" and rng.random() < 0.3:
            section.blocks.append(tables.legacy_proactive_table(rng))
        if part == "requests" and rng.random() < 0.3:
            section.blocks.append(tables.legacy_requests_table(rng, busy))
        sections.append(section)
    return sections


def _text_size(sections: list[Section]) -> int:
    size = 0
    for section in sections:
        size += len(section.heading.encode()) + 1
        for block in section.blocks:
            if isinstance(block, str):
                size += len(block.encode()) + 1
            else:
                size += sum(len(line.encode()) + 1 for line in tables.table_text_lines(block, "pipes"))
    return size


def _fill_to_size(rng: random.Random, writer: _Writer, sections: list[Section], target_bytes: int) -> None:
    growable = [section for section in sections if section.type in _GROWTH_WEIGHTS]
    weights = [_GROWTH_WEIGHTS[section.type] for section in growable]
    size = _text_size(sections)
    while size < target_bytes:
        section = rng.choices(growable, weights=weights)[0]
        paragraph = writer.paragraph(section.type, rng.randint(2, 6))
        section.blocks.append(paragraph)
        size += len(paragraph.encode()) + 1


def _add_typing_noise(rng: random.Random, sections: list[Section]) -> None:
    """A few reports carry what real pages do: spaces inside words, full-width digits."""
    roll = rng.random()
    if roll >= 0.06:
        return
    for section in sections:
        for index, block in enumerate(section.blocks):
            if not isinstance(block, str):
                continue
            if roll < 0.03:
                section.blocks[index] = block.replace("信息公开", "信 息 公 开", 1)
            else:
                section.blocks[index] = block.translate(_FULL_WIDTH_DIGITS)


_FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def compose_report(rng: random.Random, words: Lexicon, agency: Agency, year: int) -> ReportContent:
    """Compose one report of `agency` for `year`, 4–12 KB of text, drawn from `rng` alone."""
    name = agency.name(year)
    place = agency.parent or agency.place
    context = ReportContext(name, agency.self_reference(year), place, year, agency.kind_key)
    writer = _Writer(rng, words, context, filler_share=rng.uniform(0.2, 0.5))
    style = rng.choices(HEADING_STYLES, weights=_HEADING_STYLE_WEIGHTS)[0]
    busy = rng.choices((0.0, 2.0, 25.0), weights=(45, 40, 15))[0]
    template = year >= 2019
    truth = None
    if template:
        sections, truth = _template_sections(rng, writer, style, busy, blank_zero=rng.random() < 0.3)
    else:
        sections = _legacy_sections(rng, writer, style, busy)
    title = report_title(rng, name, year)
    title_lines: tuple[str, ...] = (title,)
    roll = rng.random()
    if roll < 0.10:
        split_at = title.index(str(year)) if title.find(str(year)) > 0 else len(title) // 2
        title_lines = (title[:split_at], title[split_at:])
    elif roll < 0.25:
        title_lines = ()
    opening: list[Block] = []
    if rng.random() < (0.8 if template else 0.6):
        opening.append(_preamble(rng, context, template, agency.site_owner))
    if not title_lines:
        opening.insert(0, f"{year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》，现将本年度政府信息公开工作情况"
                          f"报告如下。{writer.paragraph('overview', 2)}")
    if opening:
        sections.insert(0, Section("preamble", "", opening))
    _fill_to_size(rng, writer, sections, target_bytes=int(rng.triangular(4000, 12000, 6500)))
    _add_typing_noise(rng, sections)
    published = published_date(rng, year)
    pub_year, pub_month, pub_day = (int(part) for part in published.split("-"))
    return ReportContent(
        agency=name,
        site_owner=agency.site_owner,
        province_abbreviation=agency.province_abbreviation,
        year=year,
        published=published,
        title=title,
        title_lines=title_lines,
        index_no=f"{rng.randint(100000, 659999)}-{rng.randint(1, 40):02d}/{pub_year}-{rng.randint(1, 99999):05d}",
        sections=sections,
        signature=(name, f"{pub_year}年{pub_month}月{pub_day}日"),
        tables=truth,
    )
