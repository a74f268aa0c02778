"""Cleaning report text line by line: characters, page chrome and table layouts.

Everything here keeps the report's own words: only characters that cannot be
text (controls, NULs, private-use characters, which the search package uses as
highlight markers), lines that belong to the web page rather than the report
(breadcrumbs, widgets, footers, Word bookmarks, PDF page markers) and layout
(tables exported one cell per line) are changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from indexer.chinese import CLAUSE_ENDS, COUNTING_NUMERALS, HAN, is_han
from indexer.loading import double_byte_chars, han_plausibility
from indexer.matching import matching_form
from indexer.page_chrome import is_page_furniture, is_site_notice
from indexer.tables.model import Table, TableLines
from indexer.tables.text_shapes import aligned_run_end, aligned_table, is_aligned_line

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\ue000-\uf8ff]"
)
_LINE_ENDS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_PINYIN_GLOSS = re.compile(
    rf"[(（](?<=[{HAN}][(（])\s*(?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*|[a-zü]+[1-5])\s*[)）]"
)
# The spaces of a run `信 息 公 开` (found from the space, which keeps the search fast).
_SPACED_HAN = re.compile(rf"[ \u3000](?<=[{HAN}][ \u3000])[{HAN}](?:[ \u3000][{HAN}])+")
_LATIN_MOJIBAKE = re.compile("[\u00c0-\u00ff].*[\u00c0-\u00ff].*[\u00c0-\u00ff]")
_HEADING_NUMERALS = frozenset(COUNTING_NUMERALS)
_PLAUSIBLE_LINE = 0.9
_MOJIBAKE_REPAIRS = (("gb18030", "utf-8"), ("latin-1", "utf-8"), ("cp1252", "utf-8"))

# Chrome patterns are matched against a line's matching form (no spaces, simplified, lower case).
_ALWAYS_CHROME = re.compile(
    r"^\[bookmark:[^\]]*\]$|^[-—–―−~_]+\d{1,4}[-—–―−~_]+$|^第\d{1,4}页(共\d{1,4}页)?$|^(上一篇|下一篇|上一条|下一条)[:：]"
)
# Sentences, plain numbers and table rows are body, unless they hold a footer.
_NEVER_CHROME = re.compile(rf".*[{CLAUSE_ENDS}]\s*$|[\s\d.,%|+/()（）]*$")
_SENTENCE_ENDS = frozenset(CLAUSE_ENDS)
_FIRST_HEADING = re.compile(r"^\s*(?:[一—][、.．\s]|第一部分)")
_DIGIT = re.compile(r"\d")
_WORD_CHARACTER = re.compile(r"[^\W_]")
_FOOTER = re.compile(
    r"icp备|icp证|公网安备|网站标识码|网站识别码|^版权所有|版权所有[:©(]|^copyright|^©|技术支持[:：]|"
    r"^(网站)?(主办|承办|维护|运维)(单位)?[:：]|^主办单位|^承办单位|[\s|]主办[:：]|"
    r"(推荐|建议)(使用|采用).*(分辨率|浏览器)|(分辨率|浏览器).*(浏览|访问)本(站|网)|您是第\d+位访"
)
_BREADCRUMB = re.compile(r"^(当前位置|您现在的位置|您当前的位置|您的位置|当前的位置|所在位置)[:：]|^(网站)?首页[>＞»›/]|首页[>＞»›].*[>＞»›]")
_INFO_KEYS = re.compile(
    r"(信息来源|来源|发布时间|发布日期|访问次数|浏览次数|点击数|阅读次数|阅读数|阅读|访问量|浏览量|发布者|责任编辑|编辑|"
    r"审核|校对|作者|撰稿|供稿|字体|字号)[:：]"
)
_CONTACT_KEYS = re.compile(r"(地址|邮编|邮政编码|电话|联系电话|传真|邮箱|e-mail|email)[:：]")
_WIDGETS = re.compile(
    r"打印本页|打印此页|打印|关闭本页|关闭窗口|关闭|分享到|分享|新浪微博|腾讯微博|微博|微信|朋友圈|qq空间|qq|扫一扫|"
    r"在手机上?打开当前页|在手机上查看|手机扫码|二维码|收藏本页|收藏|加入收藏|返回顶部|返回列表|返回|顶部|上一篇|下一篇|"
    r"字体|字号|默认|大|中|小|视力保护色|我要纠错|网站纠错|纠错|手机版|无障碍|繁体|简体|设为首页|网站地图|联系我们|"
    r"关于我们|法律声明|隐私(保护|声明|政策)|网站声明|使用帮助|党政机关|【|】|\[|\]|[-:：|、/·•]"
)
_INFO_LINE_MAX = 120
_FOOTER_LINE_MAX = 200
_FOOTER_TAIL_LINE_MAX = 80
_WIDGET_LINE_MAX = 40

_PIPE_CELL = re.compile(r"[^|]*[^|\s][^|]*\|\s*")
_PIPE_FILLER = re.compile(r"^\s*\|{2,}\s*$")
_EMPTY_PIPE_CELL = re.compile(r"^\s*\|\s*$")
_SENTENCE_END = re.compile(rf"[{CLAUSE_ENDS}]\s*$")
_CONTINUATION_MAX = 20


def normalize_characters(text: str) -> str:
    """Unify line ends (page breaks become line ends) and drop controls, NULs, zero-width and private-use characters."""
    return _INVISIBLE.sub("", _LINE_ENDS.sub("\n", text))


def repair_mojibake(lines: list[str]) -> list[str]:
    """Undo lines of UTF-8 text that was decoded as GBK or Latin-1, when the repair reads as Chinese.

    Only lines holding a character that such mojibake is made of are tried.
    """
    hint = _mojibake_hint()
    if not hint.search("\n".join(lines)):
        return lines
    repaired = list(lines)
    for index in (index for index, line in enumerate(lines) if not line.isascii() and hint.search(line)):
        repaired[index] = _repair_line(lines[index])
    return repaired


@lru_cache(maxsize=1)
def _mojibake_hint() -> re.Pattern[str]:
    """Characters UTF-8 turns into when read as GBK or Latin-1.

    UTF-8 lead bytes E4–E9 (nearly all Chinese) read as GBK give rare Han
    characters of those GBK rows, CJK punctuation gives 銆/锛; read as Latin-1,
    UTF-8 gives accented letters. Decoding errors show as U+FFFD.
    """
    chars = {"銆", "锛", "\ufffd"} | double_byte_chars("gbk", range(0xE4, 0xEA), range(0x80, 0xC0))
    return re.compile("[" + "".join(sorted(chars)) + "\u00c0-\u00ff]")


def _repair_line(line: str) -> str:
    if han_plausibility(line) >= _PLAUSIBLE_LINE and not _looks_latin_mojibake(line):
        return line
    for wrong, right in _MOJIBAKE_REPAIRS:
        try:
            repaired = line.encode(wrong).decode(right)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if han_plausibility(repaired) >= _PLAUSIBLE_LINE and any(map(is_han, repaired)):
            return repaired
    return line


def _looks_latin_mojibake(line: str) -> bool:
    return _LATIN_MOJIBAKE.search(line) is not None


def tidy_words(text: str) -> str:
    """Drop pinyin glosses inside words (`報(bào)告`) and stray spaces inside words (`信 息 公 开`).

    A heading numeral keeps its space (`一 概 述` → `一 概述`), so the heading is still seen as numbered.
    """
    return _SPACED_HAN.sub(_join_spaced, _PINYIN_GLOSS.sub("", text))


def _join_spaced(match: re.Match[str]) -> str:
    run = match.group().replace(" ", "").replace("\u3000", "")
    text, start = match.string, match.start()
    line_start = text.rfind("\n", 0, start) + 1
    if text[start - 1] in _HEADING_NUMERALS and not text[line_start : start - 1].strip():
        return " " + run
    return run


@lru_cache(maxsize=8192)
def is_chrome_line(line: str, margin: bool = True) -> bool:
    """True for a line that belongs to the web page or the file format, not to the report.

    `margin`: the line stands above the report's first sentence or below its last, where a copied
    page's furniture is (menus, search boxes, notices); lines between are not checked for it.
    """
    if len(line) > _FOOTER_LINE_MAX:
        return False
    if line.rstrip()[-1:] in _SENTENCE_ENDS:
        return _FOOTER.search(line.lower()) is not None or is_site_notice(line)
    if _is_data_row(line):
        keyed = ":" in line or "：" in line
        return _FOOTER.search(line.lower()) is not None or (keyed and _is_info_line(line, matching_form(line)))
    if _NEVER_CHROME.match(line):
        return _FOOTER.search(line.lower()) is not None
    form = matching_form(line)
    if margin and is_page_furniture(line, form):
        return True
    if not form or not _has_words(form):
        return False
    if _ALWAYS_CHROME.match(form) or _FOOTER.search(form):
        return True
    if len(line) <= _INFO_LINE_MAX and (_BREADCRUMB.search(form) or _is_info_line(line, form)):
        return True
    return len(form) <= _WIDGET_LINE_MAX and not _WIDGETS.sub("", form)


def _is_data_row(line: str) -> bool:
    """A table row with figures in it (`规章 | 0 | 0`), not a row of links (`网站地图 | 联系我们`)."""
    return " | " in line and (len(line) > _WIDGET_LINE_MAX or _DIGIT.search(line) is not None)


def _has_words(form: str) -> bool:
    """True when a line has letters or digits; punctuation-only lines (`|||`) are layout, not chrome."""
    return _WORD_CHARACTER.search(form) is not None


def _is_info_line(line: str, form: str) -> bool:
    """`来源：… 发布时间：… 浏览次数：…` and `地址：… 电话：…` lines (page furniture around the article)."""
    if "。" in line:
        return False
    form = form.lstrip("-•·*●◆")
    keys = _INFO_KEYS.findall(form)
    if keys and (len(keys) >= 2 or _INFO_KEYS.match(form) is not None):
        return True
    return _CONTACT_KEYS.match(form) is not None and len(_CONTACT_KEYS.findall(form)) >= 2


def strip_chrome(lines: list[str]) -> list[str]:
    """Drop chrome lines, and every line of a footer block near the end of the page."""
    return split_chrome(lines)[0]


def split_chrome(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines of the report and the chrome lines dropped (kept for what they tell of the site)."""
    first, last = _report_span(lines)
    chrome = [is_chrome_line(line, not first < index < last) for index, line in enumerate(lines)]
    footer_start = _footer_start(lines, chrome)
    end = len(lines) if footer_start is None else footer_start
    kept = [line for line, is_chrome in zip(lines[:end], chrome) if not is_chrome]
    dropped = [line for index, (line, is_chrome) in enumerate(zip(lines, chrome)) if is_chrome or index >= end]
    return kept, dropped


def _report_span(lines: list[str]) -> tuple[int, int]:
    """Where the report runs: from its first top-level heading (else its first sentence) to its last
    sentence. Page furniture stands around it; lines inside are not checked for it."""
    sentences = [index for index, line in enumerate(lines) if line.rstrip()[-1:] in _SENTENCE_ENDS]
    if not sentences:
        return len(lines), -1
    heading = next((index for index, line in enumerate(lines) if _FIRST_HEADING.match(line)), None)
    return (sentences[0] if heading is None else heading), sentences[-1]


def _footer_start(lines: list[str], chrome: list[bool]) -> int | None:
    """Index of a footer (版权所有/ICP备… line) in the last half of the page followed only by short lines."""
    for index in range(len(lines) // 2, len(lines)):
        if chrome[index] and _FOOTER.search(matching_form(lines[index])):
            if all(len(rest.strip()) <= _FOOTER_TAIL_LINE_MAX for rest in lines[index:]):
                return index
            return None
    return None


@dataclass
class NormalizedText:
    """Lines with tables as ` | ` rows, and the tables they hold with their cells as exported."""

    lines: list[str]
    tables: list[TableLines] = field(default_factory=list)


def normalize_tables(lines: list[str]) -> NormalizedText:
    """Rewrite tables exported one cell per line as ` | ` rows; strip every line.

    Two layouts are recognised: tab-indented cells with a blank line after each
    row (continuation lines without the tab belong to the cell above), and cells
    ending in `|` (a lone `|` is an empty cell) with `|||` filler lines between rows. Lines whose columns are
    aligned by spaces stay as they are, but their table is kept too. Anything
    else passes through unchanged, so no text is ever lost.
    """
    output = NormalizedText([])
    index = 0
    while index < len(lines):
        table = None
        if lines[index].startswith("\t") and lines[index].strip():
            end, rows, table = _tab_table(lines, index)
        elif _is_pipe_cell(lines[index]):
            end, rows, table = _pipe_table(lines, index)
        elif is_aligned_line(lines[index]):
            end, rows, table = _aligned_table(lines, index)
        else:
            end, rows = index + 1, [lines[index].strip()]
        output.lines.extend(row for row in rows if row)
        if table is not None:
            output.tables.append(TableLines(table, [row for row in rows if row]))
        index = end
    return output


def _tab_table(lines: list[str], start: int) -> tuple[int, list[str], Table | None]:
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
        return index, [cell for block in blocks for cell in block], None
    rows = [block for block in blocks if " | ".join(block)]
    return index, [" | ".join(block) for block in rows], Table.of_texts(rows, "cell_lines")


def _is_continuation(block: list[str], line: str) -> bool:
    return bool(block) and bool(block[-1]) and len(line.strip()) <= _CONTINUATION_MAX and not _SENTENCE_END.search(block[-1])


def _is_pipe_cell(line: str) -> bool:
    """`text|`: one cell of a table exported one cell per line."""
    return line.count("|") == 1 and _PIPE_CELL.fullmatch(line) is not None


def _pipe_table(lines: list[str], start: int) -> tuple[int, list[str], Table | None]:
    groups: list[list[str]] = [[]]
    fillers = 0
    index = start
    while index < len(lines) and (_is_pipe_cell(lines[index]) or _PIPE_FILLER.match(lines[index]) or _EMPTY_PIPE_CELL.match(lines[index])):
        if _PIPE_FILLER.match(lines[index]):
            fillers += 1
            groups.append([])
        else:
            groups[-1].append(lines[index].strip().rstrip("|").strip())
        index += 1
    groups = [group for group in groups if group]
    if not fillers or len(groups) < 2:
        return index, [lines[line].strip() for line in range(start, index)], None
    return index, [" | ".join(group) for group in groups], Table.of_texts(groups, "bar_lines")


def _aligned_table(lines: list[str], start: int) -> tuple[int, list[str], Table | None]:
    """A run of lines with columns aligned by spaces: kept as they are, with their table when it is a clean one."""
    end = aligned_run_end(lines, start)
    kept = [line for line in lines[start:end] if line.strip()]
    table = aligned_table(kept) if len(kept) > 1 else None
    return end, [line.strip() for line in kept], table
