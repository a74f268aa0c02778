"""Splitting report text into typed top-level sections.

A top-level heading is a line numbered 一、二、三… (also `—、`, `一 、`, `一 概 述`,
`第一部分`), taken as the run of numbers that reads best in document order; in
reports without numbered headings, a line naming a known section (`总体情况`,
`…情况`) and short phrases standing between paragraphs. Table rows
(`一、本年新收… | 2 |`), sub-headings (`（一）`, `(一)`, `1.`, `（1）`) and numbered
lines out of sequence are never headings. A heading run into its paragraph
(`一、总体情况2019年，我局…`) is cut after the known section name or at its first
full stop. Types come from the heading's wording; themed headings are `other`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.chinese import CLAUSE_ENDS, COUNTING_NUMERALS, HAN, SENTENCE_ENDS, SENTENCE_PUNCTUATION, counting_value
from indexer.matching import matching_form, plain_form
from indexer.report import Section

_DASH_ONE = "—–－―-"
_NUMBERED = re.compile(
    rf"^\s*(?:第\s*(?P<part>[{COUNTING_NUMERALS}]{{1,3}})\s*(?:部分|章|节)\s*[、.．，,:：]?|"
    rf"[（(]\s*(?P<bracket>[{COUNTING_NUMERALS}]{{1,3}})\s*[）)]\s*[、.．，,:：]?|"
    rf"[{_DASH_ONE}](?P<dash>\s*、)|(?P<num>[{COUNTING_NUMERALS}]{{1,3}})(?:\s*[、．.，,:：]|\s+(?=\S)))\s*(?P<title>.+?)\s*$"
)
_NUMBER_STARTS = frozenset(COUNTING_NUMERALS + "第（(" + _DASH_ONE)
_RUN_IN_SPLIT = re.compile(r"[。：:]")
_RUN_IN_HEADING_MAX = 30
_HEADING_MAX = 40
_SENTENCE_PUNCTUATION = re.compile(rf"[{SENTENCE_PUNCTUATION}]")
_STRONG_PUNCTUATION = re.compile(rf"[{CLAUSE_ENDS}]")
_COMMA = re.compile(r"[，,]")
_TWO_PHRASE_MAX = 24
_UNNUMBERED_MAX = 25
_KNOWN_BONUS = 0.2
_THEMED_MIN = 4
_PARAGRAPH_MIN = 12
_SENTENCE_END = re.compile(rf"[{SENTENCE_ENDS}]$")
_GAP_COST = 0.6
_ROUNDING = 1e-6  # scores closer than this may be equal but for floating-point rounding
_UNNUMBERED_END = re.compile(r"(?:情况|事项|措施|打算|计划|概述|概况|问题)[:：]?$")
_ENUMERATION_WORD = re.compile(r"^[是要]|^[年季月日]")
_TABLE_ROW_LABELS = re.compile(r"本年新收|上年结转|本年度办理结果|结转下年度|本列数据|申请人情况")
_NUMBER_CELL = re.compile(r"^[\d\s.,%+\-—/（）()万元件条个]+$")

_THEMED = re.compile(
    r"(?:进一步)?(?:加强|强化|规范|推进|深化|完善|健全|突出|拓宽|提升|提高|创新|抓好|做好|狠抓|注重|坚持|落实|着力|全面|"
    r"扎实|积极|切实|聚焦|围绕|优化|严格|增强|加大|夯实|以)"
)
_PART_NAME_END = re.compile(r"(?:情况|事项|概述|概况)[。:：]?$")
# Section types from heading wording, checked in order; the first that matches wins.
_TYPE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("other_matters", re.compile(r"其他需要报告|其它需要报告|其他事项|其它事项|需要说明的事项|其他需要说明")),
    ("review_litigation", re.compile(r"复议|诉讼|申诉")),
    ("fees", re.compile(r"收费|减免|信息处理费")),
    ("requests", re.compile(r"依申请|申请公开|公开申请|收到和处理|受理和处理|答复申请|不予公开")),
    ("problems", re.compile(r"存在的|存在问题|问题|不足|改进|下步|下一步|打算|努力方向|工作计划|工作思路|今后|展望")),
    ("proactive", re.compile(r"主动公开")),
    ("overview", re.compile(r"概述|概况|基本情况|总体情况|总体|综述|总述|工作情况|开展情况")),
)
_EITHER_PART = ("requests", "proactive", "fees")
_CONJUNCTION = re.compile(r"及|和|与|、|以及")
_BRACKETED_MIN = 3
_FIRST_PART = re.compile(r"^(?:概述|总体情况|基本情况|概况)[:：]?$")
_INTRODUCTION = re.compile(rf"^((?:引|前)[ \u3000]*言)(?:[:：]?$|[ \u3000]+|(?=[{HAN}])(?![语论]))")
# A numbered heading run into a flattened page: `…。 二、政府信息主动公开情况 根据…` (a space before the number).
_INLINE_HEADING = re.compile(rf"(?<=\s)(?=[{COUNTING_NUMERALS}]{{1,2}}\s*、)")
_INLINE_HEADING_MARK = re.compile(rf"\s[{COUNTING_NUMERALS}]{{1,2}}\s*、")
_INLINE_LINE_MIN = 200
_INLINE_HEADING_MAX = 30
_KNOWN_HEADING = re.compile(
    r"^(?:政府信息公开(?:工作)?(?:的)?)?"
    r"(?:概述|概况|基本情况|总体情况|工作概述|主动公开政府信息(?:的)?情况|主动公开情况|主动公开政府信息|"
    r"政府信息主动公开(?:的)?情况|政府信息依申请公开(?:的)?(?:办理)?情况|"
    r"依申请公开(?:政府信息)?(?:的)?(?:办理)?情况|收到和处理政府信息公开申请(?:的)?情况|"
    r"政府信息公开(?:的)?收费及减免情况|收费及减免情况|"
    r"(?:因政府信息公开(?:申请)?)?(?:申请)?(?:提起)?行政复议(?:、|和|及)?(?:提起)?行政诉讼(?:的)?情况|"
    r"政府信息公开行政复议(?:、|和|及)行政诉讼情况|"
    r"存在的(?:主要)?问题(?:及|和|与)(?:改进|整改)(?:情况|措施)|存在的(?:主要)?问题(?:及|和|与)下(?:一)?步(?:工作)?(?:打算|计划)|"
    r"其他需要报告的事项)"
)


@dataclass
class _Heading:
    index: int
    number: int | None
    heading: str
    rest: str
    type: str
    style: str = "unnumbered"


def _numbered(candidate: _Heading) -> int:
    """The number of a numbered candidate: `_numbered_candidate` makes none without one."""
    if candidate.number is None:
        raise ValueError(f"heading {candidate.heading!r} has no number")
    return candidate.number


def is_numbered_heading(line: str) -> bool:
    """True for a line that starts like a top-level numbered heading (一、, 第一部分, —、), not a （一） sub-heading."""
    match = _NUMBERED.match(line)
    return match is not None and not match.group("bracket")


def section_type(heading: str) -> str:
    """The canonical type of a top-level heading (`other` for themed headings).

    A themed heading is an action (`规范依申请公开工作`, `强化组织领导，健全工作机制`)
    rather than the name of a part of the report (`…情况`, `…事项`).
    """
    form = matching_form(_NUMBERED.sub(lambda match: match.group("title"), heading))
    if _THEMED.match(form) and not _PART_NAME_END.search(form):
        return "other"
    type_name = next((type_name for type_name, pattern in _TYPE_RULES if pattern.search(form)), "other")
    if type_name not in _EITHER_PART:
        return type_name
    found = [(name, match) for name, pattern in _TYPE_RULES if name in _EITHER_PART and (match := pattern.search(form))]
    parts = sorted((match.start(), match.end(), name) for name, match in found)
    if len(parts) >= 2:
        (_, first_end, first), (second_start, _, second) = parts[:2]
        # 主动公开及依申请公开情况: two parts named, the first counts; 依申请信息公开收费情况: the last word is the topic
        return first if _CONJUNCTION.search(form, first_end, second_start) else second
    return type_name


def _number(match: re.Match[str]) -> int | None:
    if match.group("dash"):
        return 1
    return counting_value(match.group("part") or match.group("bracket") or match.group("num"))


def _is_heading_title(title: str) -> bool:
    """A title that is a heading by itself: short, no sentence punctuation but a comma between two phrases."""
    if len(title) > _HEADING_MAX or _STRONG_PUNCTUATION.search(title):
        return False
    commas = len(_COMMA.findall(title))
    return commas == 0 or (commas == 1 and len(title) <= _TWO_PHRASE_MAX and not re.search(r"\d", title))


def _split_run_in(title: str) -> tuple[str, str] | None:
    """Cut `总体情况2019年，我局…` into heading and paragraph, or None when it cannot be cut."""
    known = _KNOWN_HEADING.match(matching_form(title))
    if known:
        cut = _original_length(title, len(known.group()))
        if cut < len(title) and title[cut] in "：:。.，,":
            cut += 1
        return title[:cut], title[cut:].strip()
    stop = _RUN_IN_SPLIT.search(title)
    if stop and stop.start() <= _RUN_IN_HEADING_MAX and not _SENTENCE_PUNCTUATION.search(title[: stop.start()]):
        return title[: stop.end()], title[stop.end() :].strip()
    return None


def _original_length(text: str, folded_length: int) -> int:
    """How many characters of `text` make up the first `folded_length` characters of its matching form."""
    count = 0
    for index, char in enumerate(text):
        if count >= folded_length:
            return index
        count += len(matching_form(char))
    return len(text)


def _is_table_line(lines: list[str], index: int) -> bool:
    line = lines[index]
    if "|" in line or _TABLE_ROW_LABELS.search(plain_form(line)):
        return True
    following = next((text.strip() for text in lines[index + 1 : index + 3] if text.strip()), "")
    return bool(following) and bool(_NUMBER_CELL.match(following))


def _numbered_candidate(lines: list[str], index: int) -> _Heading | None:
    if lines[index].lstrip()[:1] not in _NUMBER_STARTS:
        return None
    match = _NUMBERED.match(lines[index])
    if not match or _is_table_line(lines, index):
        return None
    title = match.group("title")
    if _ENUMERATION_WORD.match(title):
        return None
    prefix = lines[index].strip()[: len(lines[index].strip()) - len(title)]
    number = _number(match)
    if number is None:  # `一一、`, `第一二部分`: not a number a heading carries
        return None
    style = "part" if match.group("part") else "bracket" if match.group("bracket") else "numeral"
    if _is_heading_title(title):
        return _Heading(index, number, lines[index].strip(), "", section_type(title), style)
    split = _split_run_in(title)
    if split is None:
        return None
    heading, rest = split
    return _Heading(index, number, prefix + heading, rest, section_type(heading), style)


def _unnumbered_candidate(lines: list[str], index: int) -> _Heading | None:
    line = lines[index].strip()
    if _is_table_line(lines, index) or re.match(r"^[（(\d]", line):
        return None
    form = matching_form(line)
    known = _KNOWN_HEADING.match(form)
    if known and form[known.end() :][:1] in ("", ":", "。", "："):
        split = _split_run_in(line)
        heading, rest = split if split else (line, "")
        return _Heading(index, None, heading, rest, section_type(heading))
    if len(line) <= _UNNUMBERED_MAX and _UNNUMBERED_END.search(form) and not _SENTENCE_PUNCTUATION.search(line):
        type_name = section_type(line)
        return _Heading(index, None, line, "", type_name) if type_name != "other" else None
    return None


def _is_themed_line(lines: list[str], index: int) -> bool:
    """In a report with unnumbered headings, a short phrase standing between paragraphs (or first) is a heading too."""
    line = lines[index].strip()
    if not (_THEMED_MIN <= len(line) <= _TWO_PHRASE_MAX) or not _is_heading_title(line) or re.search(r"[：:|（(\d]", line):
        return False
    before = lines[index - 1].strip() if index > 0 else "。"
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return _SENTENCE_END.search(before) is not None and len(after) >= _PARAGRAPH_MIN and _SENTENCE_END.search(after) is not None


def _in_sequence(candidates: list[_Heading]) -> list[_Heading]:
    """The run of candidates whose numbers best read as 一, 二, 三 … in document order.

    Numbers must rise; each heading counts, one naming a known section a little
    more, and every skipped number (or a run not starting at 一) costs, so a list
    numbered 一、二、 inside a part, or a stray out-of-order number, is left out.

    Linear in the candidates: of the earlier candidates with one number, only
    those whose runs score best can be the best predecessor, so only they (one
    per distinct score within rounding of the best, the first of each) are
    weighed, in document order as if every earlier candidate were.
    """
    best: list[tuple[float, int]] = []  # for each candidate: best score of a run ending there, and its predecessor
    leaders: dict[int, list[int]] = {}  # for each number: the candidates with it that may still be a best predecessor
    numbers = [_numbered(candidate) for candidate in candidates]
    for index, candidate in enumerate(candidates):
        gain = 1 + (_KNOWN_BONUS if candidate.type != "other" else 0)
        score, previous = gain - _GAP_COST * (numbers[index] - 1), -1
        for earlier in sorted(earlier for number, held in leaders.items() if number < numbers[index] for earlier in held):
            gap = numbers[index] - numbers[earlier] - 1
            if best[earlier][0] + gain - _GAP_COST * gap > score:
                score, previous = best[earlier][0] + gain - _GAP_COST * gap, earlier
        best.append((score, previous))
        leaders[numbers[index]] = _still_leading(leaders.get(numbers[index], []), index, best)
    return _best_run(candidates, best)


def _best_run(candidates: list[_Heading], best: list[tuple[float, int]]) -> list[_Heading]:
    """The run that scores best, read back from each candidate's best score and predecessor; none below zero."""
    if not best:
        return []
    end = max(range(len(best)), key=lambda index: best[index][0])
    if best[end][0] <= 0:
        return []
    run = []
    while end >= 0:
        run.append(candidates[end])
        end = best[end][1]
    return run[::-1]


def _still_leading(held: list[int], index: int, best: list[tuple[float, int]]) -> list[int]:
    """`held` with candidate `index` weighed in: those scoring the best up to rounding, the first of each score."""
    score = best[index][0]
    top = max([best[earlier][0] for earlier in held] + [score])
    if score >= top - _ROUNDING and all(best[earlier][0] != score for earlier in held):
        held = held + [index]
    return [earlier for earlier in held if best[earlier][0] >= top - _ROUNDING]


def find_headings(lines: list[str]) -> list[_Heading]:
    """The top-level headings of a report's lines, from the first style that gives at least two.

    Styles, in order: `第一部分`; `一、`; unnumbered known section names; and, for
    reports that number their parts only `（一）`, bracketed numerals naming a known
    section (elsewhere those are sub-headings, never split at).
    """
    numbered = [candidate for index in range(len(lines)) if (candidate := _numbered_candidate(lines, index))]
    parts = _in_sequence([candidate for candidate in numbered if candidate.style == "part"])
    if len(parts) >= 2:
        return _with_introduction(lines, parts)
    accepted = _in_sequence(_without_nested_lists([candidate for candidate in numbered if candidate.style == "numeral"]))
    if len(accepted) >= 2:
        return _with_introduction(lines, accepted)
    unnumbered = [candidate for index in range(len(lines)) if (candidate := _unnumbered_candidate(lines, index))]
    distinct = _first_of_each_type(unnumbered)
    if len(distinct) >= 2:
        taken = {candidate.index for candidate in distinct}
        themed = [_Heading(index, None, lines[index].strip(), "", "other") for index in range(len(lines)) if index not in taken and _is_themed_line(lines, index)]
        return sorted(distinct + themed, key=lambda candidate: candidate.index)
    bracketed = _in_sequence([c for c in numbered if c.style == "bracket" and c.type != "other"])
    if len(bracketed) >= _BRACKETED_MIN and not accepted:
        return bracketed
    if not accepted and len(distinct) == 1 and _FIRST_PART.match(matching_form(lines[distinct[0].index])):
        return distinct  # 概述 alone on its line: the one part of a report cut short
    return _with_introduction(lines, accepted)


def _without_nested_lists(candidates: list[_Heading]) -> list[_Heading]:
    """Leave out a list numbered 一、二、… inside a part: a second 一 after a heading 一, whose
    numbers run on until the outer numbering goes on with 二 (一、总体情况 / 一、加强领导 / 二、确保… / …
    / 二、主动公开政府信息情况)."""
    nested: set[int] = set()
    position = 0
    while position < len(candidates):
        outer = candidates[position]
        if outer.number == 1 and position + 1 < len(candidates) and candidates[position + 1].number == 1:
            run = [position + 1]
            while run[-1] + 1 < len(candidates) and candidates[run[-1] + 1].number == _numbered(candidates[run[-1]]) + 1:
                run.append(run[-1] + 1)
            following = run[-1] + 1
            if following < len(candidates) and candidates[following].number == 2:
                nested.update(run)
                position = following
                continue
        position += 1
    return [candidate for position, candidate in enumerate(candidates) if position not in nested]


def _with_introduction(lines: list[str], headings: list[_Heading]) -> list[_Heading]:
    """An `引言` (or `前言`) before the first numbered heading is a heading too."""
    if not headings:
        return headings
    for index in range(headings[0].index):
        match = _INTRODUCTION.match(lines[index].strip())
        if match:
            rest = lines[index].strip()[match.end() :].strip()
            return [_Heading(index, None, match.group(1), rest, "other"), *headings]
    return headings


def _first_of_each_type(candidates: list[_Heading]) -> list[_Heading]:
    seen: set[str] = set()
    distinct = []
    for candidate in candidates:
        if candidate.type not in seen:
            seen.add(candidate.type)
            distinct.append(candidate)
    return distinct


def split_sections(lines: list[str]) -> list[Section]:
    """Split lines into typed sections; text before the first heading is the `preamble`."""
    lines = _unflattened(lines)
    headings = find_headings(lines)
    sections: list[Section] = []
    starts = [heading.index for heading in headings]
    preamble = _join(lines[: starts[0]] if starts else lines)
    if preamble:
        sections.append(Section("preamble", "", preamble))
    for position, heading in enumerate(headings):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        body = [heading.rest] if heading.rest else []
        sections.append(Section(heading.type, heading.heading, _join(body + lines[heading.index + 1 : end])))
    return sections


def _unflattened(lines: list[str]) -> list[str]:
    """Put the numbered headings of a page flattened into long lines back on lines of their own:
    a line is cut before `一、` … `十、` standing after a space, when it holds two or more of them, and
    after the heading's phrase when a space ends it (`一、概述 (一)加强组织领导。…`)."""
    output: list[str] = []
    for line in lines:
        if len(line) < _INLINE_LINE_MIN or len(_INLINE_HEADING_MARK.findall(line)) < 2:
            output.append(line)
            continue
        for piece in _INLINE_HEADING.split(line):
            heading = re.match(rf"^([{COUNTING_NUMERALS}]{{1,2}}\s*、\s*\S{{1,%d}})\s+(\S.*)$" % _INLINE_HEADING_MAX, piece.strip())
            output.extend(heading.groups() if heading else [piece])
    return output


def _join(lines: list[str]) -> str:
    return "\n".join(line.strip() for line in lines if line.strip())
