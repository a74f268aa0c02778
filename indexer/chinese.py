"""The rules of written Chinese that the indexer, search and web share, each written once.

Han characters, Chinese numerals, the punctuation classes, the year patterns and the
signature window. Character-class constants (`HAN`, `SENTENCE_ENDS`, …) are the insides
of a regex class, to be written as `f"[{HAN}]"`. Punctuation comes in both forms, the
full-width one reports are written in (`！`) and the ASCII one `plain_form` turns it into (`!`).
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
"""Han characters: the unified ideographs with Extension A, the compatibility ideographs and
planes 2–3 (Extensions B–H and the compatibility supplement), where rare names and places are."""

_HAN_CHAR = re.compile(f"[{HAN}]")

SENTENCE_ENDS = "。！？!?"
"""Marks that end a sentence."""
SEMICOLONS = "；;"
COMMAS = "，,"
COLONS = "：:"
CLAUSE_ENDS = SENTENCE_ENDS + SEMICOLONS
"""Marks that end a sentence or a clause: a line ending with one is prose, not a heading."""
SENTENCE_PUNCTUATION = CLAUSE_ENDS + COMMAS
"""Any of these in a line makes it a sentence rather than a heading, a label or a name."""
QUOTES = "“”‘’「」『』\"'"
"""Quotation marks, curly and corner, with their ASCII forms."""

COUNTING_NUMERALS = "一二三四五六七八九十"
"""The numerals of a counted number up to 99 (`十二`, `二十三`): section and item numbers."""
ZERO_FORMS = "〇○零Ｏ"
"""Zero as reports write it, the last two by mistake (a circle, a full-width letter O)."""
DIGIT_NUMERALS = ZERO_FORMS + "一二三四五六七八九"
"""The numerals of a number written digit by digit (二〇一九)."""
DIGITS = "〇一二三四五六七八九"
"""Each digit's numeral, 0–9 by position, as Word writes them."""
_DIGIT_VALUES = {**{char: 0 for char in ZERO_FORMS}, **{char: DIGITS.index(char) for char in DIGITS[1:]}, "两": 2}
ARABIC_DIGITS = str.maketrans({char: str(_DIGIT_VALUES[char]) for char in DIGIT_NUMERALS})
"""`str.translate` table writing each digit numeral as its ASCII digit (二〇一九 → 2019), one for one."""
_UNITS = {"十": 10, "百": 100, "千": 1000}

YEAR = r"(?:19|20)\d{2}"
"""A four-digit year in text, 1900–2099: the years of `YEARS`."""
YEARS = range(1900, 2100)
"""The years nianbao accepts anywhere (text, sidecar, filters): what `YEAR` matches, so a year
read from a report can always be given in a sidecar and searched for."""
CHINESE_YEAR = f"[{DIGIT_NUMERALS}]{{4}}"
"""A year written in numerals digit by digit (二〇一九, 二○二○)."""

SIGNATURE_LINES = 8
"""A report's 落款 (signing body, then date) stands alone among its last this many lines."""


def is_han(char: str) -> bool:
    """Whether `char` is one Han character (see `HAN`)."""
    return len(char) == 1 and _HAN_CHAR.match(char) is not None


def counting_value(text: str) -> int | None:
    """The value of a counted numeral below 10,000 (`三`, `十二`, `二十三`, `一百零五`, `两千`), or None
    if `text` is not one: digit by digit (`一二`), colloquial (`一百五`) or malformed (`十十`)."""
    if len(text) <= 1:
        return _DIGIT_VALUES.get(text, 10 if text == "十" else None)
    total, digit, last_unit = 0, None, 10_000
    for position, char in enumerate(text):
        previous = text[position - 1] if position else ""
        if char in _UNITS:
            unit = _UNITS[char]
            if unit >= last_unit or digit == 0 or (digit is None and (unit != 10 or position)):
                return None
            total, digit, last_unit = total + (digit or 1) * unit, None, unit
        elif char in _DIGIT_VALUES:
            value = _DIGIT_VALUES[char]
            if (digit not in (None, 0)) or (value == 0 and previous not in _UNITS):
                return None
            digit = value
        else:
            return None
    if digit == 0 or (digit is not None and last_unit > 10 and previous not in ZERO_FORMS):
        return None
    return total + (digit or 0)


def digits_value(text: str) -> int | None:
    """The value of a number written digit by digit (`二〇一九` → 2019), or None if `text` is not one."""
    if not text or any(char not in DIGIT_NUMERALS for char in text):
        return None
    return int(text.translate(ARABIC_DIGITS))


def numeral_value(text: str) -> int | None:
    """The value of a Chinese numeral of either kind: counted (`二十三`) or digit by digit (`二〇一九`)."""
    counted = counting_value(text)
    return counted if counted is not None else digits_value(text)
