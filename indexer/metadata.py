"""Report metadata from text: the metadata block, the title, the year covered and dates.

Government pages put a block of `索引号 / 发布机构 / 发布时间 / 标题 …` fields
above the report (as `- key: value` lines, as a key line followed by its value,
or as table rows); those lines are metadata, not body. The title may be split
over two lines or wrapped in a 通知; the year is the year the report covers,
which is usually one before the year it is published.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from indexer.chinese import CHINESE_YEAR, CLAUSE_ENDS, COLONS, COUNTING_NUMERALS, HAN, SENTENCE_PUNCTUATION, SIGNATURE_LINES, YEAR, digits_value, numeral_value
from indexer.matching import matching_form, plain_form
from indexer.sections import is_numbered_heading
from indexer.text_clean import is_chrome_line

FIELD_KEYS: dict[str, str] = {
    "索引号": "index_no",
    "信息索引": "index_no",
    "发文机关": "publisher",
    "发布机构": "publisher",
    "发文机构": "publisher",
    "发布单位": "publisher",
    "所属机构": "publisher",
    "信息来源": "publisher",
    "来源": "publisher",
    "成文日期": "written",
    "发文日期": "written",
    "公文生成日期": "written",
    "发布时间": "published",
    "发布日期": "published",
    "公开日期": "published",
    "生成日期": "published",
    "标题": "title",
    "信息名称": "title",
    "文件名称": "title",
    "名称": "title",
    "原文链接": "source_url",
    "原文地址": "source_url",
    "页面地址": "source_url",
    "来源网址": "source_url",
    "网址": "source_url",
    "链接": "source_url",
    "URL": "source_url",
    "url": "source_url",
    "source_url": "source_url",
}
OTHER_KEYS: tuple[str, ...] = (
    "组配分类", "主题分类", "体裁分类", "信息分类", "信息类别", "发文字号", "文号", "公开方式", "公开范围",
    "公开形式", "公开时限", "有效性", "时效性", "主题词", "关键词", "统一编码", "文件编号", "所属主题", "服务对象",
    "访问次数", "浏览次数", "字体", "编辑", "责任编辑", "作者", "点击数", "阅读次数", "字号",
    "公文种类", "题裁分类", "文件分类", "法定主动公开分类", "备注", "统一登记号", "登记号",
    "内容概述", "核心提示", "摘要", "废止日期", "时效", "有效期", "分类",
)
_ALL_KEYS = sorted([*FIELD_KEYS, *OTHER_KEYS], key=len, reverse=True)
_KEY = "|".join(_ALL_KEYS)
_KNOWN_KEYS = frozenset(_ALL_KEYS)
# `名 称:`, `索 引 号:`: a key with spaces between its characters.
_SPACED_KEY = re.compile(rf"(?<![{HAN}])(?:[{HAN}][ \u3000]+){{1,4}}[{HAN}](?=[ \u3000]*[:：])")
# `• 备注/文号:永审[2015]1号`: a bulleted line of page information, whatever its key.
_BULLET_KEY = re.compile(rf"^\s*[-•·*●◆]\s*([{HAN}/／]{{2,10}})\s*[:：]\s*(.*)$")
# Bare fragments of page information above the report: a time, a date in figures, an index number.
_PAGE_FRAGMENT = re.compile(
    rf"^(?:{YEAR}|\d{{1,2}}[/-]\d{{1,2}}|\d{{1,2}}:\d{{2}}(?::\d{{2}})?|{YEAR}[.\-/]\d{{1,2}}[.\-/]\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?|"
    r"[A-Za-z0-9]{2,}[-/][A-Za-z0-9\-/]{4,}|主动公开|依申请公开)$"
)
_GENERIC_KEY = re.compile(rf"^([{HAN}]{{2,8}})\s*[:：]$")
_URL = re.compile(r"https?://\S+$")
_KEY_VALUE_LINE = re.compile(rf"^[-•·*●◆]?\s*[【\[]?({_KEY})[】\]]?\s*[:：]\s*(.*)$")
_KEY_ONLY_LINE = re.compile(rf"^[-•·*●◆]?\s*[【\[]?({_KEY})[】\]]?\s*[:：]?\s*$")
_KEY_IN_LINE = re.compile(rf"({_KEY})\s*[:：]")
_BODY_LINE_MIN = 60
_VALUE_MAX = 100
_TOP_MAX_LINES = 60
_KEY_ONLY_MAX = 12
_TITLE_MAX = 80
_TITLE_CONTINUATION_MAX = 40
_TITLE_WORDS = re.compile(rf"年度?报告|工作报告|年报|工作总结|年度总结|报告$|报告[（(]{YEAR}年?度?[)）]$|年度情况")
_NOT_A_TITLE = re.compile(r"[：:]\s*$|如下|现将|特此|现予|予以公布")
_COLUMN_NAME = re.compile(r"^(?:政府)?(?:信息公开|政务公开)(?:年报|年度报告|专栏|目录)?$")
_BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:>>|＞＞|»|›|>|＞)\s*")
_TITLE_PREFIX = re.compile(
    r"^(?:(?:标[ \u3000]*题|题[ \u3000]*目|名[ \u3000]*称|信息名称|文件名称|文章标题)(?:[ \u3000]*[:：]|[ \u3000]+)|"
    r"(?:索[ \u3000]*引[ \u3000]*号[ \u3000]*[:：][ \u3000]*)?[A-Za-z0-9]{6,}[-/][A-Za-z0-9\-/]{3,}(?=[^A-Za-z0-9\-/]))"
)
_WRAPPER = re.compile(r"通知|通报|公告|函$")
_QUOTED_REPORT = re.compile(r"《([^《》]{6,80}?(?:年度报告|工作报告|年报|工作总结))》")
_SENTENCE_PUNCTUATION = re.compile(rf"[{CLAUSE_ENDS}]|，.*，")
_SENTENCE_MARK = re.compile(f"[{SENTENCE_PUNCTUATION}]")
_YEAR = re.compile(rf"({YEAR})\s*年")
_TITLE_YEAR = re.compile(rf"({YEAR})\s*年?度?(?=[^年]{{0,6}}(?:政府信息公开|政务公开|信息公开|年度报告|工作|年报))")
_PERIOD = re.compile(
    rf"(?:统计|数据)[^。；;\n]{{0,16}}?({YEAR})\s*(?:年|[-/.]|(?=\d))[^。；;\n]{{0,16}}?"
    rf"(?:至|到|—|~)\s*({YEAR})\s*(?:年|[-/.]|(?=\d))"
)
_DOCUMENT_NUMBER = re.compile(rf"[〔\[（(【]\s*{YEAR}\s*[〕\]）)】]")
_CN_YEAR = re.compile(rf"({CHINESE_YEAR})\s*年")
_CN_DATE = re.compile(rf"({CHINESE_YEAR})\s*年\s*([{COUNTING_NUMERALS}]{{1,3}})\s*月\s*([{COUNTING_NUMERALS}]{{1,3}})\s*日")
_DATE_START = re.compile(rf"({YEAR})\s*(?:[-/.年])\s*([\d\s\-/.月]{{1,8}}?)\s*(?:日|号|(?=[^\d\s\-/.月])|$)")


@dataclass
class PageMetadata:
    """Metadata fields read from a page's metadata block (values as written)."""

    index_no: str | None = None
    title: str | None = None
    published: str | None = None
    written: str | None = None
    source_url: str | None = None
    publishers: list[str] = field(default_factory=list)

    def set(self, key: str, value: str) -> None:
        """Record `value` under the field that `key` (e.g. 发布机构) names; other keys are dropped."""
        value = value.strip(" \t\u3000-—|:：")
        name = FIELD_KEYS.get(key)
        if not value or name is None or (name == "source_url" and not is_web_address(value)):
            return
        if name == "publisher":
            self.publishers.append(value)
        elif getattr(self, name) is None:
            setattr(self, name, value)


def metadata_pairs(line: str) -> list[tuple[str, str]]:
    """The `(key, value)` pairs of a line made only of metadata fields, else `[]`.

    Handles `- key: value`, several `key：value` on one line and `key | value | key | value`
    rows; keys are found in traditional characters too, values are kept as written.
    """
    stripped = _SPACED_KEY.sub(lambda match: re.sub(r"\s", "", match.group()), line.strip())
    if " | " in stripped:
        return _row_pairs([cell.strip() for cell in stripped.split("|")])
    if ":" not in stripped and "：" not in stripped:
        return _spaced_pairs(stripped)
    keyed = plain_form(stripped)
    if not _KEY_VALUE_LINE.match(keyed):
        bullet = _BULLET_KEY.match(keyed)
        if bullet is None or _SENTENCE_MARK.search(bullet.group(2)):
            return []  # `• 主动公开：全年公开信息，…` is a list item of the report
        return [(bullet.group(1), stripped[bullet.start(2) :].strip())]
    keys = list(_KEY_IN_LINE.finditer(keyed))
    pairs = []
    for index, match in enumerate(keys):
        end = keys[index + 1].start() if index + 1 < len(keys) else len(stripped)
        pairs.append((match.group(1), stripped[match.end() : end].strip()))
    return pairs


def _spaced_pairs(line: str) -> list[tuple[str, str]]:
    """`索引号 016181272/2021-00008 分类 信息公开年报`, `文号 关键词`: keys and values apart by spaces,
    at least two known keys, the first at the start."""
    tokens = line.split()
    keyed = [plain_form(token) for token in tokens]
    if len(tokens) < 2 or keyed[0] not in _KNOWN_KEYS or sum(token in _KNOWN_KEYS for token in keyed) < 2:
        return []
    if _SENTENCE_MARK.search(line):
        return []
    pairs: list[tuple[str, str]] = []
    for token, form in zip(tokens, keyed):
        if form in _KNOWN_KEYS:
            pairs.append((form, ""))
        else:
            pairs[-1] = (pairs[-1][0], f"{pairs[-1][1]} {token}".strip())
    return pairs


def _key_only(line: str) -> str | None:
    """The key of a line that holds only a metadata key (`• 发布机构`), else None."""
    line = _SPACED_KEY.sub(lambda match: re.sub(r"\s", "", match.group()), line.strip())
    if len(line) > _KEY_ONLY_MAX:
        return None
    match = _KEY_ONLY_LINE.match(plain_form(line))
    return match.group(1) if match else None


def _row_pairs(cells: list[str]) -> list[tuple[str, str]]:
    """Pairs of a metadata table row: known keys, or any short cell ending in a colon (`分类：`)."""
    cells = [cell for cell in cells if cell]
    if not cells or _key_only(cells[0]) is None:
        return []
    pairs = []
    index = 0
    while index < len(cells):
        key = _row_key(cells[index])
        if key is None:
            return []
        value = cells[index + 1] if index + 1 < len(cells) and _row_key(cells[index + 1]) is None else ""
        pairs.append((key, value))
        index += 2 if value else 1
    return pairs


def _row_key(cell: str) -> str | None:
    known = _key_only(cell)
    if known:
        return known
    generic = _GENERIC_KEY.match(cell.strip())
    return generic.group(1) if generic else None


def extract_metadata_block(lines: list[str]) -> tuple[PageMetadata, list[str]]:
    """Read the metadata lines at the top of the text; return them as fields and the other lines.

    The top ends at the first line that reads like body text or a top-level
    heading, and after `_TOP_MAX_LINES` non-blank lines at most, so that a
    hard-wrapped report without long lines never loses body lines that look like
    keys; chrome and title-like lines there are passed over (and kept for later steps).
    """
    metadata = PageMetadata()
    kept: list[str] = []
    index = 0
    seen = 0
    while index < len(lines):
        line = lines[index].strip()
        seen += bool(line)
        if _is_body_line(line) or is_numbered_heading(line) or seen > _TOP_MAX_LINES:
            break
        key_only = _key_only(line)
        pairs = metadata_pairs(line)
        if key_only:
            value = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if _is_value_line(value):
                metadata.set(key_only, value)
                index += 1
            index += 1
            continue
        if pairs:
            for key, value in pairs:
                metadata.set(key, value)
        elif not _PAGE_FRAGMENT.match(line):
            kept.append(lines[index])
        index += 1
    return metadata, kept + lines[index:]


def read_metadata_lines(lines: list[str], metadata: PageMetadata) -> None:
    """Add the fields found in lines outside the report (an HTML page's metadata table)."""
    for index, line in enumerate(lines):
        pairs = metadata_pairs(line)
        key = _key_only(line)
        if not pairs and key and index + 1 < len(lines) and _is_value_line(lines[index + 1].strip()):
            pairs = [(key, lines[index + 1])]
        for key, value in pairs:
            metadata.set(key, value)


def _is_value_line(line: str) -> bool:
    """A line that can be the value under a key line: short, not a key itself, not body."""
    return (
        0 < len(line) <= _VALUE_MAX
        and _key_only(line) is None
        and not metadata_pairs(line)
        and not _SENTENCE_MARK.search(line)
    )


def _is_body_line(line: str) -> bool:
    """A long line with sentence punctuation, or a sentence ended by `。` after a comma: the report has begun."""
    if metadata_pairs(line):
        return False
    return (len(line) >= _BODY_LINE_MIN and bool(_SENTENCE_MARK.search(line))) or (
        line.endswith("。") and "，" in line)


def is_title_like(line: str) -> bool:
    """A short line without sentence punctuation that names a report."""
    return (
        4 <= len(line) <= _TITLE_MAX
        and not _SENTENCE_PUNCTUATION.search(line)
        and not _NOT_A_TITLE.search(line)
        and bool(_TITLE_WORDS.search(plain_form(line)))
    )


def extract_title(lines: list[str], known: str | None) -> tuple[str | None, list[str]]:
    """Find the title among the first lines (joined when split over two); remove its lines.

    A title already known from the metadata block wins, but its repetition at the
    top of the text is still removed. A single title line beats two joined ones.
    """
    head = _head(lines)
    if known:
        known_form = matching_form(known)
        for index in head:
            for span in (1, 2):
                if matching_form("".join(lines[index : index + span])) == known_form:
                    return known, lines[:index] + lines[index + span :]
        return known, lines
    for position, index in enumerate(head):
        first = lines[index].strip()
        following = head[position + 1] if position + 1 < len(head) else None
        if following is not None and _starts_title(first) and _is_whole_title(lines[following].strip()):
            second = lines[following].strip()
            if first in second or _COLUMN_NAME.match(first):  # the site's or the column's name above the title
                return second, lines[:index] + lines[index + 1 : following] + lines[following + 1 :]
        elif following is not None and _starts_title(first):
            joined = first + lines[following].strip()
            if is_title_like(joined) and len(lines[following].strip()) <= _TITLE_CONTINUATION_MAX:
                return joined, lines[:index] + lines[index + 1 : following] + lines[following + 1 :]
        if is_title_like(first):
            return first, lines[:index] + lines[index + 1 :]
    return None, lines


def _is_whole_title(line: str) -> bool:
    """A title complete by itself, naming its body and its year (`2015年海南省民政厅政府信息公开工作报告`),
    which no line above continues into."""
    line = plain_form(line)
    year = re.search(rf"{YEAR}\s*年?", line)
    if not is_title_like(line) or year is None:
        return False
    subject = line[: year.start()] + re.split(r"政府信息公开|政务公开|信息公开", line[year.end() :])[0]
    subject = re.sub(rf"政府信息公开|政务公开|信息公开|工作|年度|报告|年报|度|[^{HAN}]", "", subject)
    return len(subject) >= 2


def _starts_title(line: str) -> bool:
    """The first half of a title split over two lines: short, no punctuation, no title word, not a date."""
    return (
        len(line) <= _TITLE_CONTINUATION_MAX * 2
        and not re.search(rf"[{SENTENCE_PUNCTUATION}、{COLONS}）)]", line)
        and not is_title_like(line)
        and parse_date(line) is None
    )


def _head(lines: list[str]) -> list[int]:
    """Indexes of the non-blank, non-chrome lines before the body starts (at most 12 lines)."""
    head = []
    for index, line in enumerate(lines[:12]):
        text = line.strip()
        if _is_body_line(text):
            break
        if text and not is_chrome_line(text):
            head.append(index)
    return head


def clean_title(title: str | None) -> str | None:
    """A title without what pages put around it: a breadcrumb (`首页 >> 政务公开 >> …`), a label
    (`标 题:`, `名称：`) and an index number before it (`113307000025920705/2018-04367金华市…`)."""
    if not title:
        return title
    parts = _BREADCRUMB_SEPARATOR.split(title)
    title = next((part for part in reversed(parts) if part.strip()), title).strip()
    while True:
        stripped = _TITLE_PREFIX.sub("", title, count=1).strip()
        if stripped == title or not stripped:
            return title or None
        title = stripped


def report_title(title: str | None, body: str) -> str | None:
    """The report's own title: the quoted report inside a 通知 that wraps it, else `title`; cleaned."""
    title = clean_title(title)
    if title and not _WRAPPER.search(plain_form(title)):
        return title
    for text in (title or "", body[:600]):
        quoted = _QUOTED_REPORT.search(plain_form(text))
        if quoted:
            return text[quoted.start(1) : quoted.end(1)]
    return title


def year_from_title(title: str | None) -> int | None:
    """The year a title names as covered: `…2019年政府信息公开工作年度报告` → 2019."""
    if not title:
        return None
    match = _TITLE_YEAR.search(title) or _YEAR.search(title)
    if match:
        return int(match.group(1))
    chinese = _CN_YEAR.search(title)
    return digits_value(chinese.group(1)) if chinese else None


def year_from_period(body: str) -> int | None:
    """The year of the statistics period a report states (`统计期限自2019年1月1日起至2019年12月31日止`),
    when it starts and ends in the same year."""
    match = _PERIOD.search(body)
    if match and match.group(1) == match.group(2):
        return int(match.group(1))
    return None


def year_named_most(body: str, years: list[int]) -> int:
    """Of `years`, the one the body names most often (the first on ties)."""
    counts = Counter(int(match.group(1)) for match in _YEAR.finditer(body))
    return max(years, key=lambda year: counts[year])


def year_from_body(body: str, published: str | None) -> int | None:
    """The year most often named in the body, else publication year − 1.

    Years after the publication year (plans for next year) are left out unless the
    body names no other year.
    """
    limit = int(published[:4]) if published else None
    named = Counter(int(match.group(1)) for match in _YEAR.finditer(_DOCUMENT_NUMBER.sub("", body)))
    years = Counter({year: count for year, count in named.items() if limit is None or year <= limit}) or named
    if years:
        return max(years, key=lambda year: (years[year], -abs((limit or year) - 1 - year)))
    return limit - 1 if limit else None


def is_web_address(value: str) -> bool:
    """True for an http(s) address: the only kind of source link a report may carry
    (a `javascript:` or `file:` link from a page or sidecar is dropped), and one a URL parser accepts."""
    if not _URL.match(value):
        return False
    try:
        return bool(urlsplit(value).netloc)
    except ValueError:  # `http://[x`, or a full-width `／` or `：` in the host
        return False


def parse_date(text: str | None) -> str | None:
    """The first date in `text` as ISO `YYYY-MM-DD`; tolerates a missing 月 or digit run together."""
    if not text:
        return None
    text = plain_form(text)
    chinese = _CN_DATE.search(text)
    if chinese:
        date = _chinese_date(*chinese.groups())
        if date:
            return date
    for match in _DATE_START.finditer(text):
        date = _split_month_day(int(match.group(1)), match.group(2))
        if date:
            return date
    return None


def _chinese_date(year: str, month: str, day: str) -> str | None:
    year_value, month_value, day_value = digits_value(year), numeral_value(month), numeral_value(day)
    if year_value is None or month_value is None or day_value is None:
        return None
    try:
        return datetime.date(year_value, month_value, day_value).isoformat()
    except ValueError:
        return None


def _split_month_day(year: int, rest: str) -> str | None:
    numbers = re.findall(r"\d+", rest)
    if len(numbers) >= 2:
        candidates = [(int(numbers[0]), int(numbers[1]))]
    elif len(numbers) == 1 and len(numbers[0]) >= 3:
        digits = numbers[0][:4]
        candidates = [(int(digits[:split]), int(digits[split:])) for split in (1, 2)]
    else:
        return None
    for month, day in candidates:
        try:
            return datetime.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def signature_date(lines: list[str]) -> str | None:
    """The date signed under the report (one of its last lines, standing alone)."""
    for line in reversed(lines[-SIGNATURE_LINES:]):
        text = line.strip()
        if len(text) <= 20:
            date = parse_date(text)
            if date:
                return date
    return None
