"""The index's frequent words, and in how many sections each occurs.

Counted by the build workers as they index and kept beside the index, so a
search can tell which frequent jieba words contain a string it looks for:
every section holding such a word as a token holds the string, which then
needs no byte-by-byte confirmation there (see `search.grams`). The counts of
an updated index add the new sections' counts to the previous ones, so they
may run high; they only choose candidates, never decide a match.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

FREQUENT_WORDS_FILE = "frequent_words.json"
_SHARE = 1000  # a word in more than 1/1000 of the sections is frequent


def frequency_floor(sections: int) -> int:
    """In how many of `sections` sections a word must occur to be frequent."""
    return max(2, sections // _SHARE)


def save(directory: Path, word_sections: Counter[str], sections: int) -> None:
    """Keep the words that occur in more than a thousandth of `sections` sections."""
    floor = frequency_floor(sections)
    frequent = {word: count for word, count in word_sections.most_common() if count >= floor}
    (directory / FREQUENT_WORDS_FILE).write_text(json.dumps(frequent, ensure_ascii=False), encoding="utf-8")


def load(directory: Path) -> Counter[str]:
    """The frequent words of a generation with their section counts."""
    return Counter(json.loads((directory / FREQUENT_WORDS_FILE).read_text(encoding="utf-8")))
