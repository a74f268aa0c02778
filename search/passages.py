"""Shared passages of two reports: the narrative sentence spans of one that the other also has.

For the side-by-side view of a copied pair. Sentences are compared by their
keys (`indexer.review.narrative`: names, years and numbers normalised), so a
sentence with the copier's name and new figures still matches its source; a
sentence counts as shared when its 5-character grams and those of a sentence
of the other report overlap by at least `SENTENCE_OVERLAP` (Jaccard), so one
word changed does not hide it. Runs of shared sentences that follow each other
in both reports become one passage. Spans are offsets into `Section.text` of
`Report.sections[section]`, ready to be marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from indexer.report import Report
from indexer.review.narrative import NarrativeSentence, narrative_sentences

SENTENCE_OVERLAP = 0.5
_GRAM = 5


@dataclass(frozen=True)
class Span:
    """Characters `start` to `end` of `Report.sections[section].text`."""

    section: int
    start: int
    end: int

    def to_json(self) -> dict[str, int]:
        return {"section": self.section, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class SharedPassage:
    """A run of sentences of the left report found in the right one; `identical` when every key is equal,
    `stock` when it is wording most reports use (as the copy index counts it)."""

    left: Span
    right: Span
    sentences: int
    identical: bool
    stock: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"left": self.left.to_json(), "right": self.right.to_json(), "sentences": self.sentences,
                "identical": self.identical, "stock": self.stock}


def _grams(key: str) -> set[str]:
    return {key[index:index + _GRAM] for index in range(max(1, len(key) - _GRAM + 1))}


def _sentence_pairs(left: list[NarrativeSentence], right: list[NarrativeSentence]) -> list[tuple[int, int, bool]]:
    """(left index, right index, identical) for each left sentence with a match, in left order."""
    right_grams = [_grams(sentence.key) for sentence in right]
    postings: dict[str, list[int]] = {}
    for index, grams in enumerate(right_grams):
        for gram in grams:
            postings.setdefault(gram, []).append(index)
    exact = {sentence.key: index for index, sentence in reversed(list(enumerate(right)))}
    pairs = []
    for index, sentence in enumerate(left):
        if sentence.key in exact:
            pairs.append((index, exact[sentence.key], True))
            continue
        grams = _grams(sentence.key)
        shared: dict[int, int] = {}
        for gram in grams:
            for other in postings.get(gram, ()):
                shared[other] = shared.get(other, 0) + 1
        best = max(shared, default=None,
                   key=lambda other: (shared[other] / (len(grams) + len(right_grams[other]) - shared[other]), -other))
        if best is not None and shared[best] / (len(grams) + len(right_grams[best]) - shared[best]) >= SENTENCE_OVERLAP:
            pairs.append((index, best, False))
    return pairs


def shared_passages(left: Report, right: Report, stock: Callable[[str], bool] | None = None) -> list[SharedPassage]:
    """The passages of `left` also found in `right`, in the order of `left`.

    `stock`, when given (`CopyIndex.is_stock`), tells which sentence keys are
    wording most reports use; a passage made only of such sentences is marked.
    """
    left_sentences, right_sentences = narrative_sentences(left), narrative_sentences(right)
    passages: list[SharedPassage] = []
    run: list[tuple[int, int, bool]] = []
    for pair in _sentence_pairs(left_sentences, right_sentences) + [(-2, -2, False)]:
        if run and pair[0] == run[-1][0] + 1 and pair[1] == run[-1][1] + 1 \
                and left_sentences[pair[0]].section == left_sentences[run[-1][0]].section \
                and right_sentences[pair[1]].section == right_sentences[run[-1][1]].section:
            run.append(pair)
            continue
        if run:
            first_left, last_left = left_sentences[run[0][0]], left_sentences[run[-1][0]]
            first_right, last_right = right_sentences[run[0][1]], right_sentences[run[-1][1]]
            is_stock = stock is not None and all(stock(left_sentences[index].key) for index, _, _ in run)
            passages.append(SharedPassage(Span(first_left.section, first_left.start, last_left.end),
                                          Span(first_right.section, first_right.start, last_right.end),
                                          len(run), all(identical for _, _, identical in run), is_stock))
        run = [pair]
    return passages
