"""Cleaning report text line by line: characters, page chrome and table layouts.

Everything here keeps the report's own words: only characters that cannot be
text (controls, NULs, private-use characters, which the search package uses as
highlight markers), lines that belong to the web page rather than the report
(breadcrumbs, widgets, footers, Word bookmarks, PDF page markers) and layout
(tables exported one cell per line) are changed.
"""

from __future__ import annotations

import re

from indexer.loading import han_plausibility
from indexer.matching import matching_form

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ue000-\uf8ff]"
)
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u3400-\u9fff])[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\s*[)）]"
    r"|(?<=[\u3400-\u9fff])[(（]\s*[a-zü]+[1-5]\s*[)）]"
)
_SPACED_HAN = re.compile(r"[\u3400-\u9fff](?:[ \u3000][\u3400-\u9fff]){2,}")
_HAN_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000](?=[\u3400-\u9fff])")
_HEADING_NUMERALS = frozenset("一二三四五六七八九十")
_MOJIBAKE_REPAIRS = (("gb18030", "utf-8"), ("latin-1", "utf-8"), ("cp1252", "utf-8"))

# Chrome patterns are matched against a line's matching form (no spaces, simplified, lower case).
_BOOKMARK = re.compile(r"^\[bookmark:[^\]]*\]$")
_PAGE_MARKER = re.compile(r"^[-—–―−~_]+\d{1,4}[-—–―−~_]+$|^第\d{1,4}页(共\d{1,4}页)?$")
_FOOTER = re.compile(
    r"icp备|icp证|公网安备|网站标识码|网站识别码|^版权所有|版权所有[:©(]|^copyright|^©|技术支持[:：]|"
    r"^主办单位|^承办单位|^主办[:：]|[\s|]主办[:：]|^承办[:：]|^维护单位|^运维单位|"
    r"(推荐|建议)(使用|采用).*(分辨率|浏览器)|(分辨率|浏览器).*(浏览|访问)本(站|网)"
)
_BREADCRUMB = re.compile(r"^(当前位置|您现在的位置|您当前的位置|您的位置|当前的位置|所在位置)[:：]|^(网站)?首页[>＞»›/]|首页[>＞»›].*[>＞»›]")
_INFO_KEYS = re.compile(r"(信息来源|来源|发布时间|发布日期|访问次数|浏览次数|点击数|阅读次数|访问量|浏览量|发布者|责任编辑|编辑|字体|字号)[:：]")
_WIDGETS = re.compile(
    r"打印本页|打印此页|打印|关闭本页|关闭窗口|关闭|分享到|分享|新浪微博|腾讯微博|微博|微信|qq空间|扫一扫|收藏本页|收藏|加入收藏|"
    r"返回顶部|返回|上一篇|下一篇|字体|字号|默认|大|中|小|视力保护色|我要纠错|纠错|手机版|无障碍|繁体|简体|"
    r"设为首页|网站地图|联系我们|在手机上查看|【|】|\[|\]|[:：|、/·•]"
)
_PREV_NEXT = re.compile(r"^(上一篇|下一篇|上一条|下一条)[:：]")
_INFO_LINE_MAX = 120
_FOOTER_LINE_MAX = 200
_FOOTER_TAIL_LINE_MAX = 80

_TAB_CELL = re.compile(r"^\t")
_PIPE_CELL = re.compile(r"^[^|]*[^|\s][^|]*\|\s*$")
_PIPE_FILLER = re.compile(r"^\s*\|{2,}\s*$")
_SENTENCE_END = re.compile(r"[。；;！!？?]\s*$")
_CONTINUATION_MAX = 20


def normalize_characters(text: str) -> str:
    """Unify line ends and drop controls, NULs, zero-width and private-use characters."""
    return _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def repair_mojibake(line: str) -> str:
    """Undo UTF-8 text that was decoded as GBK or Latin-1, when the repair reads as Chinese."""
    if line.isascii() or han_plausibility(line) >= 0.9 and not _looks_latin_mojibake(line):
        return line
    for wrong, right in _MOJIBAKE_REPAIRS:
        try:
            repaired = line.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if han_plausibility(repaired) >= 0.9 and any("\u4e00" <= char <= "\u9fff" for char in repaired):
            return repaired
    return line


def _looks_latin_mojibake(line: str) -> bool:
    return sum(1 for char in line if "\u00c0" <= char <= "\u00ff") >= 3


def tidy_words(line: str) -> str:
    """Drop pinyin glosses inside words (`報(bào)告`) and stray spaces inside words (`信 息 公 开`).

    A heading numeral keeps its space (`一 概 述` → `一 概述`), so the heading is still seen as numbered.
    """
    return _SPACED_HAN.sub(_join_spaced, _PINYIN_GLOSS.sub("", line))


def _join_spaced(match: re.Match[str]) -> str:
    run = match.group()
    if run[0] in _HEADING_NUMERALS and not match.string[: match.start()].strip():
        return run[:2] + _HAN_SPACE.sub("", run[2:])
    return _HAN_SPACE.sub("", run)


def is_chrome_line(line: str) -> bool:
    """True for a line that belongs to the web page or the file format, not to the report."""
    form = matching_form(line)
    if not form:
        return False
    if _BOOKMARK.match(form) or _PAGE_MARKER.match(form) or _PREV_NEXT.match(form):
        return True
    if len(line) <= _FOOTER_LINE_MAX and _FOOTER.search(form):
        return True
    if len(line) <= _INFO_LINE_MAX and (_BREADCRUMB.search(form) or _is_info_line(line, form)):
        return True
    return _has_words(form) and not _WIDGETS.sub("", form)


def _has_words(form: str) -> bool:
    """True when a line has letters or digits; punctuation-only lines (`|||`) are layout, not chrome."""
    return any(char.isalnum() for char in form)


def _is_info_line(line: str, form: str) -> bool:
    """`来源：… 发布时间：… 浏览次数：…`-style lines (page furniture around the article)."""
    keys = _INFO_KEYS.findall(form)
    return bool(keys) and "。" not in line and (len(keys) >= 2 or _INFO_KEYS.match(form) is not None)


def strip_chrome(lines: list[str]) -> list[str]:
    """Drop chrome lines, and every line of a footer block near the end of the page."""
    footer_start = _footer_start(lines)
    end = len(lines) if footer_start is None else footer_start
    return [line for line in lines[:end] if not is_chrome_line(line)]


def _footer_start(lines: list[str]) -> int | None:
    """Index of a footer (版权所有/ICP备… line) in the last half of the page followed only by short lines."""
    for index in range(len(lines) // 2, len(lines)):
        line = lines[index]
        if len(line) <= _FOOTER_LINE_MAX and _FOOTER.search(matching_form(line)):
            if all(len(rest.strip()) <= _FOOTER_TAIL_LINE_MAX for rest in lines[index:]):
                return index
            return None
    return None


def normalize_tables(lines: list[str]) -> list[str]:
    """Rewrite tables exported one cell per line as ` | ` rows; strip every line.

    Two layouts are recognised: tab-indented cells with a blank line after each
    row (continuation lines without the tab belong to the cell above), and cells
    ending in `|` with `|||` filler lines between rows. Anything else passes
    through unchanged, so no text is ever lost.
    """
    output: list[str] = []
    index = 0
    while index < len(lines):
        if _TAB_CELL.match(lines[index]) and lines[index].strip():
            end, rows = _tab_table(lines, index)
        elif _PIPE_CELL.match(lines[index]):
            end, rows = _pipe_table(lines, index)
        else:
            end, rows = index + 1, [lines[index].strip()]
        output.extend(row for row in rows if row)
        index = end
    return output


def _tab_table(lines: list[str], start: int) -> tuple[int, list[str]]:
    blocks: list[list[str]] = [[]]
    index = start
    while index < len(lines):
        line = lines[index]
        if line.startswith("\t"):
            blocks[-1].append(line.strip(" \t\u3000\xa0"))
        elif not line.strip(" \u3000\xa0"):
            if blocks[-1]:
                blocks.append([])
        elif _is_continuation(blocks[-1], line):
            blocks[-1][-1] += line.strip()
        else:
            break
        index += 1
    blocks = [block for block in blocks if block]
    if sum(1 for block in blocks if len(block) >= 2) < 2:
        return index, [cell for block in blocks for cell in block]
    return index, [" | ".join(block) if len(block) >= 2 else block[0] for block in blocks]


def _is_continuation(block: list[str], line: str) -> bool:
    return bool(block) and bool(block[-1]) and len(line.strip()) <= _CONTINUATION_MAX and not _SENTENCE_END.search(block[-1])


def _pipe_table(lines: list[str], start: int) -> tuple[int, list[str]]:
    groups: list[list[str]] = [[]]
    fillers = 0
    index = start
    while index < len(lines) and (_PIPE_CELL.match(lines[index]) or _PIPE_FILLER.match(lines[index])):
        if _PIPE_FILLER.match(lines[index]):
            fillers += 1
            groups.append([])
        else:
            groups[-1].append(lines[index].strip().rstrip("|").strip())
        index += 1
    groups = [group for group in groups if group]
    if not fillers or len(groups) < 2:
        return index, [lines[line].strip() for line in range(start, index)]
    return index, [" | ".join(group) for group in groups]
