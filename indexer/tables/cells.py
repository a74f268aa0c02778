"""What a template table's cell says: a number, blank (None), not applicable ("NA"), or unreadable.

Counts are read as written, sign included, so that a check can flag a negative
one; 本年增/减 is signed by nature. Amounts are given in 万元 whatever unit the
cell or its column header names (元, 万元, 亿元); a non-zero amount with no unit
anywhere is unreadable, since its size cannot be known. Nothing is ever read as
zero unless it says 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Union

from indexer.matching import plain_form

CellValue = Union[int, float, str, None]
"""A read cell: a number, None for a blank cell, or `NA` for a cell marked not applicable."""

NOT_APPLICABLE = "NA"
NA_MARKS = frozenset({"/", "-", "--", "—", "——", "–", "―", "−", "不适用", "\\"})
COUNT, CHANGE, AMOUNT = "count", "change", "amount"

_NUMBER = re.compile(r"([+-]?)(\d+(?:\.\d+)?)(件|个|项|条|次|人次|万元|元|亿元)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_WAN_PER_UNIT = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
_MONEY_UNITS = frozenset(_WAN_PER_UNIT)
_SIGNS = str.maketrans({"−": "-", "＋": "+", "﹢": "+", "﹣": "-"})


class CellError(ValueError):
    """A cell whose text is not a figure of its kind."""


def _plain(text: str) -> str:
    """Half-width, simplified (萬元 is 万元), without spaces or thousands separators."""
    return _THOUSANDS.sub("", unicodedata.normalize("NFKC", plain_form(text)).translate(_SIGNS)).replace(" ", "").strip()


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


@lru_cache(maxsize=8192)
def is_value_text(text: str) -> bool:
    """True for text that reads as a figure or a not-applicable mark (a cell of a table's number columns)."""
    plain = _plain(text)
    return plain in NA_MARKS or _NUMBER.fullmatch(plain) is not None


@lru_cache(maxsize=8192)
def read_cell(text: str | None, kind: str = COUNT, column_unit: str | None = None) -> CellValue:
    """The value of a cell of `kind` (count, change or amount); raises `CellError` for text that is no figure."""
    if text is None or is_blank(text):
        return None
    plain = _plain(text)
    if plain in NA_MARKS:
        return NOT_APPLICABLE
    match = _NUMBER.fullmatch(plain)
    if match is None:
        raise CellError(f"{text.strip()!r} is not a figure")
    sign, digits, unit = match.groups()
    value = Decimal(digits) * (-1 if sign == "-" else 1)
    if kind == AMOUNT:
        unit = unit or column_unit
        if unit not in _MONEY_UNITS:
            if value != 0:
                raise CellError(f"{text.strip()!r} is an amount without a unit")
            unit = "万元"
        value *= _WAN_PER_UNIT[unit]
    elif unit in _MONEY_UNITS:
        raise CellError(f"{text.strip()!r} is an amount where a count belongs")
    return _number(value)


def _number(value: Decimal) -> int | float:
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())
