"""jieba is handed bounded runs: the same words as jieba's own segmentation on real text, linear cost on hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import load_report
from indexer.matching import matching_form
from search import analysis
from search.analysis import JiebaTokenizer, segment

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def _jieba_whole(text: str) -> list[str]:
    """What jieba alone gives for each line's matching form, punctuation dropped (the definition of `segment`)."""
    segmenter = analysis._segmenter()
    return [token for line in text.splitlines() for token in segmenter.cut(matching_form(line)) if analysis.is_word(token)]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda path: path.name)
def test_real_reports_segment_exactly_as_jieba_does(path: Path) -> None:
    report = load_report(path)
    for section in report.sections:
        assert segment(section.text) == _jieba_whole(section.text)


@pytest.fixture
def jieba_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every string handed to jieba from now on."""
    lengths: list[int] = []
    segmenter = analysis._segmenter()
    original = segmenter.cut

    def recording_cut(sentence: str, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        lengths.append(len(sentence))
        return original(sentence, *args, **kwargs)

    monkeypatch.setattr(segmenter, "cut", recording_cut)
    return lengths


@pytest.mark.parametrize("hostile", ["信 " * 20_000, "政府信息公开" * 5_000, "a" * 30_000, "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(20_000))])
def test_long_runs_reach_jieba_in_bounded_pieces(jieba_calls: list[int], hostile: str) -> None:
    words = segment(hostile)
    assert jieba_calls and max(jieba_calls) <= analysis._MAX_JIEBA_CHARS
    assert "".join(words) == matching_form(hostile)  # nothing lost at the cuts
    tokens = [token.text for token in JiebaTokenizer()(hostile)]
    assert max(jieba_calls) <= analysis._MAX_JIEBA_CHARS and len(tokens) <= len(words)
