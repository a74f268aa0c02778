"""The numbered-heading run: linear in the headings, and the same answers as weighing every earlier one."""

from __future__ import annotations

from hypothesis import given, settings as hypothesis_settings, strategies as st

from indexer.sections import _GAP_COST, _KNOWN_BONUS, _Heading, _in_sequence, _best_run, split_sections


def _quadratic_reference(candidates: list[_Heading]) -> list[_Heading]:
    """The definition: each candidate's best run weighs every earlier candidate (O(n²))."""
    best: list[tuple[float, int]] = []
    for index, candidate in enumerate(candidates):
        gain = 1 + (_KNOWN_BONUS if candidate.type != "other" else 0)
        score, previous = gain - _GAP_COST * (candidate.number - 1), -1
        for earlier in range(index):
            gap = candidate.number - candidates[earlier].number - 1
            if gap >= 0 and best[earlier][0] + gain - _GAP_COST * gap > score:
                score, previous = best[earlier][0] + gain - _GAP_COST * gap, earlier
        best.append((score, previous))
    return _best_run(candidates, best)


headings = st.lists(
    st.tuples(st.one_of(st.integers(1, 6), st.integers(1, 99)), st.sampled_from(["other", "overview", "problems"])),
    max_size=60,
)


@hypothesis_settings(max_examples=400, deadline=None)
@given(headings)
def test_the_run_is_the_one_weighing_every_earlier_heading_gives(numbers: list[tuple[int, str]]) -> None:
    candidates = [_Heading(index, number, "标题", "", kind) for index, (number, kind) in enumerate(numbers)]
    assert [c.index for c in _in_sequence(candidates)] == [c.index for c in _quadratic_reference(candidates)]


def test_ties_that_differ_only_by_rounding_resolve_as_the_definition_does() -> None:
    # 0.6 + 1 - 0.6 and 1.2 + 1 - 1.2 differ in the last bit: the first of the tied runs must still win.
    kinds = ["overview", "overview", "other", "other", "overview", "overview", "other", "overview", "other", "other", "other", "other"]
    numbers = [2, 2, 5, 1, 6, 5, 4, 1, 1, 4, 5, 1]
    candidates = [_Heading(index, number, "标题", "", kind) for index, (number, kind) in enumerate(zip(numbers, kinds))]
    assert [c.index for c in _in_sequence(candidates)] == [c.index for c in _quadratic_reference(candidates)] == [0, 6, 10]


def test_thousands_of_repeated_headings_split_into_one_run() -> None:
    sections = split_sections(["一、总体情况", "正文。", "二、主动公开情况", "正文。"] * 5000)
    assert [section.heading for section in sections] == ["一、总体情况", "二、主动公开情况"]
