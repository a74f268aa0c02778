"""Copied reports: fingerprints, the copy index (planted copies found, independent reports not, incremental
updates and save/load answering as a fresh build) and the shared passages of a pair."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np
import pytest
from review_reports import template_report

sys.path.insert(0, str(Path(__file__).parent / "bench"))  # the bench scripts import each other as top-level modules

import copies_gen

from indexer import iter_report_files, load_report
from indexer.config import DEFAULTS
from indexer.review.narrative import narrative_sentences
from search.minhash import band_shape, shingle_hashes, signature
from search.passages import shared_passages
from search.similarity import COPIED, REUSED, SAME_BODY, SAME_YEAR, CopyIndex, copy_flags, fingerprint, update_copy_index

REPORTS = 120
SHARE = 0.2


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory):
    """A generated corpus with copies planted in it, parsed: (reports by path, fingerprints by path, copies)."""
    root = tmp_path_factory.mktemp("copies")
    copies_gen.generate(REPORTS, root, seed=5, share=SHARE, processes=1)
    reports = {path.relative_to(root).as_posix(): load_report(path)
               for path, problem in iter_report_files([root]) if problem is None}
    return reports, {path: fingerprint(report) for path, report in reports.items()}, copies_gen.read_copies(root)


def _index(prints, skip=(), settings=DEFAULTS):
    index = CopyIndex(settings)
    for report_id, print_ in prints.items():
        if report_id not in skip:
            index.add(report_id, print_)
    return index


def _answers(index: CopyIndex):
    return {report_id: [match.to_json() for match in matches] for report_id, matches in index.all_matches().items()}


# ---- what is compared -------------------------------------------------------------------------------


OVERVIEW = ("{year}年，{agency}围绕城乡低保、临时救助和养老服务等重点工作，及时发布政策文件和办事指南，"
            "全年主动公开政府信息126条，其中政策解读15篇。{agency}在政务服务中心设立查阅点3个，接待群众查阅41人次。")


def test_names_years_and_numbers_are_normalised_away(tmp_path):
    one = template_report(tmp_path, agency="榕江县民政局", year=2021, texts={"overview": OVERVIEW}, name="a.txt")
    other_text = OVERVIEW.replace("126", "98").replace("15", "7").replace("41", "230")
    other = template_report(tmp_path, agency="通城县民政局", year=2022, texts={"overview": other_text}, name="b.txt")
    keys = [sentence.key for sentence in narrative_sentences(one)]
    assert keys == [sentence.key for sentence in narrative_sentences(other)]
    assert keys[0].startswith("0年A围绕城乡低保") and "P" not in keys[0] and "126" not in keys[0]
    assert np.array_equal(fingerprint(one).shingles, fingerprint(other).shingles)


def test_tables_and_template_sentences_are_not_narrative(tmp_path):
    preamble = ("本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
                "如对本报告有疑问，请与榕江县民政局办公室联系。")
    report = template_report(tmp_path, preamble=preamble)
    sentences = narrative_sentences(report)
    texts = [report.sections[sentence.section].text[sentence.start:sentence.end] for sentence in sentences]
    assert not any("|" in text or "统计期限" in text or "疑问" in text or "条例》要求编制" in text for text in texts)
    assert {report.sections[sentence.section].type for sentence in sentences} == {"overview", "problems", "other_matters"}
    assert any(text.startswith("一是政策解读形式较为单一") for text in texts)


def test_shingles_ignore_sentence_order_and_are_stable():
    sentences = ["0年A围绕城乡低保和临时救助等重点工作", "全年主动公开政府信息0条"]
    assert np.array_equal(shingle_hashes(sentences), shingle_hashes(sentences[::-1]))
    assert len(shingle_hashes(["短句"])) == 0
    assert shingle_hashes(["政府信息公开"]).tolist() == [14198386, 2424090528]  # stored on disk: never changes


def test_minhash_and_bands_are_datasketchs():
    datasketch = pytest.importorskip("datasketch")
    shingles = shingle_hashes(["0年A围绕城乡低保和临时救助等重点工作及时发布政策文件", "全年主动公开政府信息0条其中政策解读0篇"])
    reference = datasketch.MinHash(num_perm=128, seed=1, hashfunc=int)
    reference.update_batch(shingles.tolist())
    assert np.array_equal(signature(shingles), reference.hashvalues)
    for threshold in (0.3, 0.8):
        lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=128)
        assert band_shape(threshold) == (lsh.b, lsh.r)


# ---- planted copies -----------------------------------------------------------------------------------


def test_every_planted_copy_is_found_and_no_independent_pair(planted):
    _, prints, copies = planted
    index = _index(prints)
    pairs = {frozenset((copy.source_path, copy.target_path)): copy for copy in copies}
    found = {}
    for report_id, matches in index.all_matches().items():
        for match in matches:
            found[frozenset((report_id, match.report_id))] = match
    assert set(found) == set(pairs), "independent pairs flagged or copies missed"
    for key, copy in pairs.items():
        match = found[key]
        if copy.kind == copies_gen.REUSED:
            assert match.level in (REUSED, COPIED)
        else:
            assert match.level == COPIED, (copy, match)
            assert match.relation == (SAME_BODY if copy.kind == copies_gen.NEXT_YEAR else SAME_YEAR)


def test_query_answers_for_a_report_not_held(planted):
    _, prints, copies = planted
    copy = next(copy for copy in copies if copy.kind == copies_gen.OTHER_BODY)
    index = _index(prints, skip={copy.target_path})
    answer = index.query(prints[copy.target_path])
    assert [match.report_id for match in answer] == [copy.source_path]
    index.add(copy.target_path, prints[copy.target_path])
    assert [match.to_json() for match in index.matches(copy.target_path)] == [match.to_json() for match in answer]


def test_incremental_updates_answer_as_a_fresh_build(planted):
    _, prints, copies = planted
    ids = sorted(prints)
    index = _index({report_id: prints[report_id] for report_id in ids[: len(ids) // 2]})
    index.all_matches()
    for report_id in ids[len(ids) // 2:]:
        index.add(report_id, prints[report_id])
        if report_id.endswith("0.txt"):
            index.all_matches()  # score part of the way, as a build that runs every few files would
    gone = copies[0].target_path
    index.remove(gone)
    fresh = _index(prints, skip={gone})
    assert _answers(index) == _answers(fresh)
    assert index.scoring.pairs == fresh.scoring.pairs
    index.add(gone, prints[gone])
    assert _answers(index) == _answers(_index(prints))


def test_save_load_and_update_answer_as_a_fresh_build(planted, tmp_path):
    _, prints, copies = planted
    held_out = copies[-1].target_path
    index = _index(prints, skip={held_out})
    index.save(tmp_path / "gen-1")
    loaded = CopyIndex.load(tmp_path / "gen-1")
    assert _answers(loaded) == _answers(index) and len(loaded) == len(index)
    loaded.add(held_out, prints[held_out])
    loaded.remove(copies[0].source_path)
    loaded.save(tmp_path / "gen-2")
    expected = _index(prints, skip={copies[0].source_path})
    again = CopyIndex.load(tmp_path / "gen-2")
    assert _answers(again) == _answers(expected)
    assert again.scoring.pairs == expected.scoring.pairs
    other_cut = DEFAULTS.replace(copy_common_min_reports=20, reused_similarity=0.3)  # loaded with other settings
    reloaded = CopyIndex.load(tmp_path / "gen-2", other_cut)
    assert _answers(reloaded) == _answers(_index(prints, skip={copies[0].source_path}, settings=other_cut))


def test_saving_links_what_is_already_on_disk(planted, tmp_path):
    _, prints, _ = planted
    index = _index(prints)
    index.save(tmp_path / "gen-1")
    loaded = CopyIndex.load(tmp_path / "gen-1")
    loaded.remove(sorted(prints)[0])
    loaded.save(tmp_path / "gen-2")
    first, second = tmp_path / "gen-1" / "similarity", tmp_path / "gen-2" / "similarity"
    segments = sorted(path.name for path in second.glob("seg-*"))
    assert segments == sorted(path.name for path in first.glob("seg-*"))
    assert all(os.stat(first / name).st_ino == os.stat(second / name).st_ino for name in segments)
    for report_id in sorted(prints)[1: len(prints) // 2 + 2]:
        loaded.remove(report_id)
    loaded.save(tmp_path / "gen-3")  # most rows of the segment are gone: what is left is rewritten
    third = tmp_path / "gen-3" / "similarity"
    assert not any((third / name).exists() for name in segments)
    assert _answers(CopyIndex.load(tmp_path / "gen-3")) == _answers(loaded)


def test_no_index_another_format_or_a_damaged_one_loads_empty(planted, tmp_path):
    assert len(CopyIndex.load(None)) == 0 and len(CopyIndex.load(tmp_path)) == 0
    (tmp_path / "similarity").mkdir()
    (tmp_path / "similarity" / "state.json").write_text('{"format": 0}', encoding="utf-8")
    assert len(CopyIndex.load(tmp_path)) == 0
    _, prints, _ = planted
    _index(prints).save(tmp_path / "gen-1")
    next((tmp_path / "gen-1" / "similarity").glob("seg-*.offsets.npy")).unlink()
    assert len(CopyIndex.load(tmp_path / "gen-1")) == 0


def test_a_report_with_too_little_own_wording_is_never_alike(tmp_path):
    short = {"overview": "我局全年主动公开政府信息。", "problems": "工作人员业务能力有待提高。", "other_matters": "无。"}
    one = template_report(tmp_path, agency="榕江县民政局", texts=short, name="a.txt")
    other = template_report(tmp_path, agency="通城县民政局", texts=short, name="b.txt")
    index = CopyIndex(DEFAULTS)
    index.add("a", fingerprint(one))
    index.add("b", fingerprint(other))
    assert index.all_matches() == {}


def test_copy_flags_name_the_matching_reports(planted):
    _, prints, copies = planted
    copy = next(copy for copy in copies if copy.kind == copies_gen.NEXT_YEAR)
    flags = copy_flags(_index(prints).matches(copy.target_path))
    assert [flag.id for flag in flags] == ["copied"]
    assert flags[0].detail.startswith(f"与本机关{prints[copy.source_path].year}年度报告的叙述部分相似度")
    assert flags[0].evidence["matches"][0]["report_id"] == copy.source_path
    assert flags[0].label == "内容雷同"


# ---- shared passages ------------------------------------------------------------------------------------


def test_shared_passages_mark_the_copied_sentences(planted):
    reports, prints, copies = planted
    copy = next(copy for copy in copies if copy.kind == copies_gen.OTHER_BODY)
    source, target = reports[copy.source_path], reports[copy.target_path]
    passages = shared_passages(target, source)
    copied = sum(passage.sentences for passage in passages)
    assert copied >= 0.8 * len(narrative_sentences(source))
    for passage in passages:
        left = target.sections[passage.left.section].text[passage.left.start:passage.left.end]
        right = source.sections[passage.right.section].text[passage.right.start:passage.right.end]
        assert left and right and "|" not in left + right
    assert any(passage.identical for passage in passages)
    independent = next(path for path in sorted(reports) if path not in {c.source_path for c in copies}
                       and path not in {c.target_path for c in copies} and reports[path].year == source.year)
    own_wording = [passage for passage in shared_passages(reports[independent], source, _index(prints).is_stock)
                   if not passage.stock]
    assert sum(passage.sentences for passage in own_wording) < copied / 10


def test_shared_passages_of_a_reordered_copy(tmp_path):
    first = "我局成立了政务公开工作领导小组，由主要负责同志任组长。全年召开专题会议研究解决公开工作中的困难。对拟公开的信息严格执行保密审查。"
    sentences = first.split("。")[:3]
    reordered = "。".join([sentences[2], sentences[0], sentences[1]]) + "。"
    one = template_report(tmp_path, texts={"overview": first}, name="a.txt")
    other = template_report(tmp_path, texts={"overview": reordered}, name="b.txt")
    passages = [passage for passage in shared_passages(one, other) if one.sections[passage.left.section].type == "overview"]
    marked = [one.sections[passage.left.section].text[passage.left.start:passage.left.end] for passage in passages]
    assert sorted(sentence for text in marked for sentence in text.split("。") if sentence) == sorted(sentences)


def test_stock_passages_are_marked(planted):
    reports, prints, copies = planted
    index = _index(prints)
    copy = next(copy for copy in copies if copy.kind == copies_gen.NEXT_YEAR)
    passages = shared_passages(reports[copy.target_path], reports[copy.source_path], index.is_stock)
    assert any(passage.stock for passage in passages) and not all(passage.stock for passage in passages)
    assert index.is_stock("坚持以公开为常态不公开为例外全面推进决策执行管理服务结果五公开")


def test_a_build_updates_the_previous_generations_copy_index(planted, tmp_path):
    _, prints, copies = planted
    ids = sorted(prints)
    first = update_copy_index(None, tmp_path / "gen-1", [], [(report_id, prints[report_id]) for report_id in ids[:-5]])
    changed = next(copy.target_path for copy in copies if copy.target_path not in ids[-5:])
    second = update_copy_index(tmp_path / "gen-1", tmp_path / "gen-2", [changed, "no-such-report"],
                               [(report_id, prints[report_id]) for report_id in ids[-5:]])
    assert len(first) == len(prints) - 5 and len(second) == len(prints) - 1
    assert _answers(CopyIndex.load(tmp_path / "gen-2")) == _answers(_index(prints, skip={changed}))


def test_similarity_settings_are_checked():
    assert DEFAULTS.with_text_values([("copied_similarity", "0.9")]).copied_similarity == 0.9
    with pytest.raises(ValueError, match="reused_similarity .* must not exceed copied_similarity"):
        DEFAULTS.replace(reused_similarity=0.7, copied_similarity=0.6)
    with pytest.raises(ValueError, match="copy_common_share must be above 0 and at most 1"):
        DEFAULTS.replace(copy_common_share=1.5)
    with pytest.raises(ValueError, match="copied_similarity wants float"):
        DEFAULTS.with_text_values([("copied_similarity", "high")])
