"""What a report says in its own words: the sentences copy detection compares.

REVIEW-SPEC §7.5: the narrative is the report's text outside its tables, without
the standard template sentences every report carries (本报告根据《条例》…编制, 全文包括…,
统计期限自…起至…止, 电子版…下载, 如对本报告有疑问…). Each sentence has a `key`: its
matching form (simplified, half-width, no spaces) without punctuation, with the
body's own agency name as `A`, its places as `P`, and every number (years
included) as `0`. So a copy with the names, years and figures changed has the
same keys as its source, and two bodies' copies of one text match.

Each sentence keeps where it stands in `Report.sections` (section index and
character offsets into `Section.text`), so a side-by-side view can mark it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from indexer.chinese import CLAUSE_ENDS, HAN, SENTENCE_PUNCTUATION
from indexer.matching import matching_form
from indexer.report import Report
from indexer.review.wording import digit_years, is_table_row

AGENCY_MARK, PLACE_MARK, NUMBER_MARK = "A", "P", "0"
MIN_SENTENCE_CHARS = 8
"""Shorter sentences (headings, sub-headings, a signature, `本年度无。`) carry no wording of their own."""

_SENTENCE = re.compile(rf"[^{CLAUSE_ENDS}\n]+[{CLAUSE_ENDS}]*")
_PROSE = re.compile(rf"[{SENTENCE_PUNCTUATION}]")
"""A line without any of these is a heading, a signature or a table flattened into lines of cells, not prose."""
_NUMBER = re.compile(r"\d+(?:[.．]\d+)?")
_JOIN = "\ue000"  # joins sentences normalised together; the indexer removes private-use characters from text
_NOT_WORD = re.compile(r"[^\w\ue000]|_")
_PLACE = re.compile(rf"[{HAN}]{{1,12}}?(?:自治区|自治州|自治县|自治旗|特别行政区|新区|地区|街道|省|市|州|盟|县|区|旗|镇|乡)")
BOILERPLATE = re.compile(
    "|".join((
        r"^本(年度)?报告(是)?(根据|依据|按照)",
        r"(年度报告|报告)?格式.{0,8}(要求|规定)编制",
        r"^(本报告)?全文(包括|共分|分为|由)",
        r"^本报告(由|包括|共分|分为).{0,100}(组成|部分)",
        r"统计(期限|时限|时间|期间)",
        r"电子版",
        r"(有|存在)(任何)?(疑问|疑义)",
        r"^(联系|咨询)?(电话|地址|邮编|邮政编码|传真|电子邮箱|邮箱|网址)",
        r"特向社会公布",
        r"^现将.{0,40}(报告|汇报|公布)如下",
        r"文字描述",
    )),
    re.MULTILINE,
)
"""The template's own sentences, in key form (no punctuation, numbers as 0): every report may carry them."""


@dataclass(frozen=True)
class NarrativeSentence:
    """One sentence of narrative: where it is (`Report.sections[section].text[start:end]`) and its key."""

    section: int
    start: int
    end: int
    key: str


def own_names(report: Report) -> tuple[list[str], list[str]]:
    """The body's own agency names and places, in matching form, longest first.

    Places come from `Report.region` and from the agency's name itself
    (`黔东南苗族侗族自治州榕江县民政局` → 黔东南苗族侗族自治州, 榕江县).
    """
    agencies = [matching_form(report.agency)] if report.agency else []
    places = {matching_form(name) for name in (report.region or {}).values() if name and not name.isdigit()}
    if report.agency:
        agency = matching_form(report.agency)
        position = 0
        while match := _PLACE.match(agency, position):
            places.add(match.group(0))
            position = match.end()
    agencies = [name for name in agencies if len(name) >= 2]
    return agencies, sorted((place for place in places if len(place) >= 2), key=len, reverse=True)


def sentence_keys(sentences: list[str], agencies: list[str], places: list[str]) -> list[str]:
    """The comparable form of each sentence (see the module docstring), normalised all in one pass."""
    joined = _JOIN.join(sentence.replace(_JOIN, "") for sentence in sentences)
    form = matching_form(digit_years(joined))
    for name in agencies:
        form = form.replace(name, AGENCY_MARK)
    for place in places:
        form = form.replace(place, PLACE_MARK)
    return _NOT_WORD.sub("", _NUMBER.sub(NUMBER_MARK, form)).split(_JOIN)


def narrative_sentences(report: Report) -> list[NarrativeSentence]:
    """The report's narrative sentences in order: table rows, lines that are not prose, template sentences
    and short ones left out."""
    spans: list[tuple[int, int, int, str]] = []
    for index, section in enumerate(report.sections):
        line_start = 0
        for line in section.text.split("\n"):
            if not is_table_row(line) and _PROSE.search(line):
                spans.extend((index, line_start + match.start(), line_start + match.end(), match.group(0))
                             for match in _SENTENCE.finditer(line))
            line_start += len(line) + 1
    keys = sentence_keys([text for *_, text in spans], *own_names(report))
    template = _template_sentences(keys)
    return [NarrativeSentence(index, start, end, key)
            for number, ((index, start, end, _), key) in enumerate(zip(spans, keys, strict=True))
            if len(key) >= MIN_SENTENCE_CHARS and number not in template]


def _template_sentences(keys: list[str]) -> set[int]:
    """The positions of the keys that are template sentences (one regex pass over all of them)."""
    starts = list(accumulate((len(key) + 1 for key in keys), initial=0))
    return {bisect_right(starts, match.start()) - 1 for match in BOILERPLATE.finditer("\n".join(keys))}
