"""The normalized matching form of text, shared by indexing, querying and tests.

Two strings match when their matching forms do. The form is defined one
character at a time, so that the form of a substring is always a substring of
the form of the whole text and every folded character maps back to the
original character it came from (which highlighting needs):

- NFKC (full-width and half-width forms, compatibility characters),
- Latin case folded to lower case,
- whitespace, control and format characters (zero-width spaces, BOMs) dropped,
- traditional characters converted to simplified, character by character with
  OpenCC's maintained tables (phrase-level conversion would make a character's
  form depend on its neighbours).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc

_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).lower()
    folded = "".join(c for c in folded if not c.isspace() and unicodedata.category(c) not in _DROPPED_CATEGORIES)
    if folded and not folded.isascii():
        folded = "".join(_t2s().convert(c) for c in folded)
    return folded


class _FoldTable(dict):
    """`str.translate` table that computes and caches each character's form on first use."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_TABLE = _FoldTable()


def matching_form(text: str) -> str:
    """Return the matching form of `text` (see the module docstring)."""
    return text.translate(_TABLE)


def matching_form_with_offsets(text: str) -> tuple[str, list[int]]:
    """Return the matching form and, for each of its characters, the index in `text` it came from."""
    folded_parts: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = _TABLE[ord(char)]
        if folded:
            folded_parts.append(folded)
            offsets.extend([index] * len(folded))
    return "".join(folded_parts), offsets


class _PlainTable(dict):
    """`str.translate` table: traditional characters to simplified, full-width ASCII to ASCII."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        if 0xFF01 <= codepoint <= 0xFF5E:
            plain = chr(codepoint - 0xFEE0)
        elif char.isascii():
            plain = char
        else:
            plain = _t2s().convert(char)
        self[codepoint] = plain
        return plain


_PLAIN = _PlainTable()


def plain_form(text: str) -> str:
    """`text` with traditional characters simplified and full-width ASCII (２０１９) made ASCII.

    One character for one character, so offsets into it are offsets into `text`;
    unlike `matching_form` it keeps spacing and case, so that patterns written
    for simplified reports also find their way in traditional or full-width ones.
    """
    return text.translate(_PLAIN)
