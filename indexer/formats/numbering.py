"""Word's automatic list numbers, as the reader sees them: `一、`, `（二）`, `3.`, `①`.

A .docx keeps a numbered heading's number out of its text: the paragraph
names a list (`numId`) and a level, the numbering part says each level's
format (`chineseCounting`, `decimal`, …) and pattern (`%1、`). `ListNumbers`
counts the lists through the document and renders each paragraph's number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.chinese import DIGITS

_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_PLACEHOLDER = re.compile(r"%([1-9])")


def chinese_count(number: int, digits: str = DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, as Word's chineseCounting writes them; from 100 on, digits."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    return ("" if tens == 0 else (digits[tens] if tens > 1 else "") + ten) + (digits[units] if units else "")


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def _letters(number: int) -> str:
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


def format_number(number: int, number_format: str) -> str:
    """A list counter in one of Word's `w:numFmt` formats (unknown ones as decimal)."""
    match number_format:
        case "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting" | "taiwaneseCountingThousand" | "koreanCounting":
            return chinese_count(number)
        case "chineseLegalSimplified":
            return chinese_count(number, _LEGAL_DIGITS, "拾")
        case "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand":
            return "".join(DIGITS[int(digit)] for digit in str(number))
        case "ideographTraditional":
            return _HEAVENLY_STEMS[(number - 1) % 10]
        case "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "decimalEnclosedParen":
            return _CIRCLED[number - 1] if 0 < number <= len(_CIRCLED) else str(number)
        case "decimalFullWidth" | "decimalFullWidth2":
            return "".join(chr(ord(digit) + 0xFEE0) for digit in str(number))
        case "decimalZero":
            return f"{number:02d}"
        case "upperRoman":
            return _roman(number).upper()
        case "lowerRoman":
            return _roman(number)
        case "upperLetter":
            return _letters(number).upper()
        case "lowerLetter":
            return _letters(number)
        case "none":
            return ""
    return str(number)


@dataclass(frozen=True)
class Level:
    """One level of a list: its counter's start, format and pattern (`%1、`, `（%2）`)."""

    start: int = 1
    number_format: str = "decimal"
    pattern: str = "%1."


@dataclass
class ListNumbers:
    """The lists of one document and their counters, advanced paragraph by paragraph.

    `lists` maps a `numId` to its abstract list and its levels; lists sharing an
    abstract list count on together unless a `numId` restarts it.
    """

    lists: dict[str, tuple[str, dict[int, Level]]] = field(default_factory=dict)
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    def next_label(self, list_id: str, level: int) -> str:
        """The number of the next paragraph of list `list_id` at `level` (`""` for bullets and unknown lists)."""
        if list_id not in self.lists:
            return ""
        abstract, levels = self.lists[list_id]
        counters = self._counters.setdefault(abstract, {})
        if list_id not in self._started:
            self._started.add(list_id)
            for restarted, start in self.restarts.get(list_id, {}).items():
                counters[restarted] = start - 1
        definition = levels.get(level, Level())
        if definition.number_format == "bullet":
            return ""
        counters[level] = counters.get(level, definition.start - 1) + 1
        for deeper in [key for key in counters if key > level]:
            del counters[deeper]

        def render(match: re.Match[str]) -> str:
            shown = int(match.group(1)) - 1
            shown_level = levels.get(shown, Level())
            return format_number(counters.get(shown, shown_level.start), shown_level.number_format)

        return _PLACEHOLDER.sub(render, definition.pattern)
