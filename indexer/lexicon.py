"""Finding the words of a fixed list in text by dictionary lookups, not by one huge regular expression.

A regular expression alternating thousands of names tries every name at every
position; looking up the few substrings that can be a name is linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, TypeVar

Value = TypeVar("Value")


class Lexicon(Generic[Value]):
    """A fixed list of words, each with a value; finds them in text, longest first."""

    def __init__(self, words: Mapping[str, Value] | Iterable[tuple[str, Value]]) -> None:
        self._words: dict[str, Value] = dict(words)
        self._lengths = sorted({len(word) for word in self._words}, reverse=True)
        by_last: dict[str, set[int]] = {}
        for word in self._words:
            by_last.setdefault(word[-1], set()).add(len(word))
        self._lengths_ending = {char: sorted(lengths, reverse=True) for char, lengths in by_last.items()}
        self._last_two = frozenset(word[-2:] for word in self._words)
        self._first_two = frozenset(word[:2] for word in self._words)
        last_chars = "".join(sorted({word[-1] for word in self._words}))
        self._last_char = re.compile(f"[{re.escape(last_chars)}]") if last_chars else re.compile("(?!)")

    def __contains__(self, word: str) -> bool:
        return word in self._words

    def get(self, word: str) -> Value | None:
        return self._words.get(word)

    def starting_at(self, text: str, start: int) -> str | None:
        """The longest word of the list that starts at `start`, else None."""
        if text[start : start + 2] not in self._first_two:
            return None
        for length in self._lengths:
            word = text[start : start + length]
            if len(word) == length and word in self._words:
                return word
        return None

    def ending_at(self, text: str, end: int) -> str | None:
        """The longest word of the list that ends at `end`, else None."""
        if text[max(0, end - 2) : end] not in self._last_two:
            return None
        for length in self._lengths_ending.get(text[end - 1 : end], ()):
            if length <= end:
                word = text[end - length : end]
                if word in self._words:
                    return word
        return None

    def find_all(self, text: str) -> Iterator[tuple[int, int, str]]:
        """`(start, end, word)` of every word in `text`, longest where words overlap, in text order."""
        words, last_two, lengths_ending = self._words, self._last_two, self._lengths_ending
        last: tuple[int, int, str] | None = None
        for match in self._last_char.finditer(text):
            end = match.end()
            if end < 2 or text[end - 2 : end] not in last_two:
                continue
            word = next((text[end - length : end] for length in lengths_ending[text[end - 1]] if length <= end and text[end - length : end] in words), None)
            if word is None:
                continue
            found = (end - len(word), end, word)
            if last is not None and found[0] < last[1]:
                if len(word) > last[1] - last[0]:
                    last = found
                continue
            if last is not None:
                yield last
            last = found
        if last is not None:
            yield last
