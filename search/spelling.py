"""您是不是要找: words of the index's own vocabulary one typo away from a word that finds (almost) nothing.

The vocabulary is the index's frequent jieba words with the number of
sections holding each (`search.vocabulary`), so a suggestion is always a word
the reports use, and often. A typo is one character changed, added, dropped
or two neighbours swapped (行政复意 → 行政复议); candidates come from an index of
each word with one character deleted (SymSpell's idea), so looking one up
costs a few dictionary reads. Words typed with a Chinese IME go wrong by
sound, so candidates that sound the same (same pinyin, tones aside) rank
first, then the more frequent.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property

_MIN_LENGTH = 2
_MAX_LENGTH = 12


def _deletions(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def one_edit_apart(first: str, second: str) -> bool:
    """Whether one character changed, added or dropped, or two neighbours swapped, turns `first` into `second`."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) == len(second):
        differ = [index for index, (a, b) in enumerate(zip(first, second)) if a != b]
        return len(differ) == 1 or (
            len(differ) == 2 and differ[1] == differ[0] + 1 and first[differ[0]] == second[differ[1]] and first[differ[1]] == second[differ[0]]
        )
    shorter, longer = sorted((first, second), key=len)
    return shorter in _deletions(longer)


def _sound(word: str) -> str:
    from pypinyin import Style, lazy_pinyin  # a large dictionary: loaded on the first suggestion only

    return " ".join(lazy_pinyin(word, style=Style.NORMAL))


class Speller:
    """Suggests vocabulary words for a word of a query."""

    def __init__(self, sections_by_word: Counter[str]) -> None:
        self._sections = sections_by_word

    @cached_property
    def _by_deletion(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for word in self._sections:
            if _MIN_LENGTH <= len(word) <= _MAX_LENGTH:
                for key in _deletions(word) | {word}:
                    index.setdefault(key, []).append(word)
        return index

    def suggestions(self, typed: str, limit: int = 3) -> list[str]:
        """Up to `limit` vocabulary words one typo away from `typed`, same-sounding first, then most frequent."""
        if not _MIN_LENGTH <= len(typed) <= _MAX_LENGTH:
            return []
        keys = _deletions(typed) | {typed}
        candidates = {word for key in keys for word in self._by_deletion.get(key, ()) if one_edit_apart(typed, word)}
        if not candidates:
            return []
        sound = _sound(typed)
        ranked = sorted(candidates, key=lambda word: (_sound(word) != sound, -self._sections[word], word))
        return ranked[:limit]
