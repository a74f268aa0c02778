"""Copied reports: near-duplicate narratives across every report of the index, kept incrementally.

Each report is reduced to a `Fingerprint` (`fingerprint`): the 5-character
shingles of its narrative sentences, with tables, template sentences, digits,
years and its own agency and place names normalised away
(`indexer.review.narrative`). `CopyIndex` holds the fingerprints of all reports,
counts in how many reports each shingle occurs, and finds similar pairs:

- a shingle in at least `copy_common_share` of the reports (and in at least
  `copy_common_min_reports`) is stock wording: phrases every report uses
  (坚持以公开为常态、不公开为例外) say nothing about copying, while a copied report
  shares the sentences that are its source's own. Similarity is measured on the
  rest, the report's own wording;
- candidates: reports whose MinHash signatures of their own wording agree on a
  whole LSH band (`search.minhash`, tuned for `LSH_THRESHOLD`), plus every two
  reports of the same body (`Report.agency_series`, else its agency name) at most
  `SERIES_YEARS` apart, whatever their similarity;
- each candidate pair is confirmed exactly on its shingle sets: `Scores`.

`copied_similarity` and `reused_similarity` (settings) turn the similarity into the
`copied` and `reused` flags (`copy_flags`). Adding or removing a report changes the
held fingerprints and the shingle counts and nothing else; a report's signature and
pairs are computed again only when it is new or some of its shingles became or
stopped being stock, so an index updated report by report answers exactly as one
built at once. `search.similarity_store` keeps it on disk.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from indexer.config import DEFAULTS, Settings
from indexer.matching import matching_form
from indexer.report import Report
from indexer.review.flag import Flag
from indexer.review.narrative import narrative_sentences
from search import similarity_store as store
from search.minhash import band_keys, band_shape, shingle_hashes, signature

LSH_THRESHOLD = 0.3
"""Jaccard of own wording the LSH bands are tuned for (37 bands of 3 rows): a pair at 0.5 is a candidate 99 times in 100."""
SERIES_YEARS = 2
"""Reports of one body are compared whatever their similarity when at most this many years apart."""
STOCK_BITS = 22
"""Shingle counts are kept in 2^22 buckets (16 MB), by the top bits of the shingle hash."""
SAME_BODY, SAME_YEAR, OTHER = "same_body", "same_year", "other"
COPIED, REUSED = "copied", "reused"
_MAX_FLIPPED_CHECKED = 100_000  # more buckets changing stock status than this: rescore every pair


@dataclass(frozen=True)
class Fingerprint:
    """What copy detection keeps of one report: who and when, and the shingles of its narrative."""

    series: str
    year: int | None
    agency: str | None
    shingles: np.ndarray


def series_key(report: Report) -> str:
    """One key per reporting body across years: `Report.agency_series`, else the agency's name, else the file."""
    if report.agency_series:
        return report.agency_series
    if report.agency:
        return "agency:" + matching_form(report.agency)
    return "file:" + report.source_path


def fingerprint(report: Report) -> Fingerprint:
    """The fingerprint of a parsed report (picklable: build workers may compute it)."""
    shingles = shingle_hashes([sentence.key for sentence in narrative_sentences(report)])
    return Fingerprint(series_key(report), report.year, report.agency, shingles)


@dataclass(frozen=True)
class Scores:
    """How alike two narratives are: Jaccard and containment without stock wording, Jaccard with it."""

    similarity: float
    containment: float
    raw_similarity: float


@dataclass(frozen=True)
class Match:
    """Another report whose narrative is like this one's, how alike (see `Scores`) and how they relate."""

    report_id: str
    scores: Scores
    relation: str
    level: str
    agency: str | None
    year: int | None

    @property
    def similarity(self) -> float:
        return self.scores.similarity

    def to_json(self) -> dict[str, Any]:
        """`{"report_id", "similarity", "level", "relation", "containment", "raw_similarity", "agency", "year"}`."""
        return {
            "report_id": self.report_id,
            "similarity": round(self.scores.similarity, 3),
            "level": self.level,
            "relation": self.relation,
            "containment": round(self.scores.containment, 3),
            "raw_similarity": round(self.scores.raw_similarity, 3),
            "agency": self.agency,
            "year": self.year,
        }


@dataclass
class Scoring:
    """What the pairs were scored with: the stock status of each shingle bucket, the MinHash signature of the
    own wording of each report that has enough of it, and the scores of every candidate pair (None: too little
    own wording)."""

    stock: np.ndarray
    signatures: dict[str, np.ndarray]
    pairs: dict[tuple[str, str], Scores | None]


@dataclass
class CopyIndex:
    """The fingerprints of every report of an index, and the similar pairs among them (see the module docstring)."""

    settings: Settings = DEFAULTS
    prints: dict[str, Fingerprint] = field(default_factory=dict)
    stock_counts: np.ndarray = field(default_factory=lambda: np.zeros(1 << STOCK_BITS, dtype=np.uint32))
    scoring: Scoring | None = None
    stored: store.Stored = field(default_factory=store.Stored)
    _changed: set[str] = field(default_factory=set)
    _matches: dict[str, dict[str, Scores]] | None = None

    def __len__(self) -> int:
        return len(self.prints)

    def __contains__(self, report_id: object) -> bool:
        return report_id in self.prints

    def add(self, report_id: str, print_: Fingerprint) -> None:
        """Hold the fingerprint of a report, replacing the one held under `report_id`, if any."""
        if report_id in self.prints:
            self.remove(report_id)
        self.prints[report_id] = print_
        self.stock_counts[_buckets(print_.shingles)] += 1
        self._changed.add(report_id)
        self._matches = None

    def remove(self, report_id: str) -> None:
        """Forget a report; KeyError when it is not held."""
        print_ = self.prints.pop(report_id)
        self.stock_counts[_buckets(print_.shingles)] -= 1
        self.stored.forget(report_id)
        self._matches = None

    # ---- answers ---------------------------------------------------------------------------------

    def matches(self, report_id: str) -> list[Match]:
        """The held reports at least `reused_similarity` alike to a held one, most alike first."""
        if report_id not in self.prints:
            raise KeyError(report_id)
        return self._ranked(self.prints[report_id], self._scored().get(report_id, {}))

    def all_matches(self) -> dict[str, list[Match]]:
        """`matches` of every held report that has any."""
        found = {report_id: self.matches(report_id) for report_id in sorted(self._scored())}
        return {report_id: matches for report_id, matches in found.items() if matches}

    def query(self, print_: Fingerprint) -> list[Match]:
        """The held reports alike to a report that is not held, most alike first, scored as `matches` would
        score them once it were added (its shingles counted for stock wording); nothing is changed."""
        self._scored()
        counts = self.stock_counts.copy()
        counts[_buckets(print_.shingles)] += 1
        stock = self._stock_status(counts, len(self.prints) + 1)
        own = ~stock[_bucket_of(print_.shingles)]
        candidates = {report_id for report_id, other in self.prints.items() if _same_body(print_, other)}
        if np.count_nonzero(own) >= self.settings.copy_min_shingles and self.scoring and self.scoring.signatures:
            ids = sorted(self.scoring.signatures)
            bands, rows = band_shape(LSH_THRESHOLD)
            held = band_keys(np.array([self.scoring.signatures[report_id] for report_id in ids]), bands, rows)
            mine = band_keys(signature(print_.shingles[own])[None, :], bands, rows)
            candidates |= {ids[index] for index in np.flatnonzero((held == mine).any(axis=1))}
        found = {}
        for report_id in candidates:
            other = self.prints[report_id]
            scores = self._score(print_, other, own, ~stock[_bucket_of(other.shingles)])
            if scores is not None:
                found[report_id] = scores
        return self._ranked(print_, found)

    def is_stock(self, key: str) -> bool:
        """Whether a sentence key (`indexer.review.narrative`) is mostly wording that many reports use."""
        shingles = shingle_hashes([key])
        if len(shingles) == 0:
            return False
        self._scored()
        assert self.scoring is not None
        return bool(2 * np.count_nonzero(self.scoring.stock[_bucket_of(shingles)]) >= len(shingles))

    def _ranked(self, print_: Fingerprint, pairs: dict[str, Scores]) -> list[Match]:
        found = []
        for other_id, scores in pairs.items():
            if scores.similarity >= self.settings.reused_similarity:
                other = self.prints[other_id]
                level = COPIED if scores.similarity >= self.settings.copied_similarity else REUSED
                found.append(Match(other_id, scores, _relation(print_, other), level, other.agency, other.year))
        return sorted(found, key=lambda match: (-match.similarity, match.report_id))

    # ---- scoring ---------------------------------------------------------------------------------

    def _stock_status(self, counts: np.ndarray | None = None, reports: int | None = None) -> np.ndarray:
        """Per shingle bucket: are its shingles stock wording, in as many reports as `copy_common_*` say?
        By default of the held reports; `counts` and `reports` ask it of another set."""
        counts = self.stock_counts if counts is None else counts
        reports = len(self.prints) if reports is None else reports
        cut = max(self.settings.copy_common_min_reports, math.ceil(self.settings.copy_common_share * reports))
        return counts >= cut

    def _score(self, left: Fingerprint, right: Fingerprint, own_left: np.ndarray, own_right: np.ndarray) -> Scores | None:
        """Exact similarity of two fingerprints; None when either has too little wording of its own."""
        size_left, size_right = int(np.count_nonzero(own_left)), int(np.count_nonzero(own_right))
        if min(size_left, size_right) < self.settings.copy_min_shingles:
            return None
        a, b = left.shingles, right.shingles
        found = np.searchsorted(b, a)
        found[found == len(b)] = 0
        shared = b[found] == a
        common = int(np.count_nonzero(shared & own_left))
        raw_common = int(np.count_nonzero(shared))
        return Scores(common / (size_left + size_right - common), common / min(size_left, size_right),
                      raw_common / (len(a) + len(b) - raw_common))

    def _scored(self) -> dict[str, dict[str, Scores]]:
        """The scores of every candidate pair by report, both ways; what did not change since the last time is kept."""
        if self._matches is not None:
            return self._matches
        stock = self._stock_status()
        stale = self._stale(stock)
        previous = self.scoring or Scoring(stock, {}, {})
        own = {report_id: ~stock[_bucket_of(self.prints[report_id].shingles)] for report_id in stale}
        signatures = {report_id: sig for report_id, sig in previous.signatures.items()
                      if report_id in self.prints and report_id not in stale}
        for report_id in stale:
            if np.count_nonzero(own[report_id]) >= self.settings.copy_min_shingles:
                signatures[report_id] = signature(self.prints[report_id].shingles[own[report_id]])
        pairs: dict[tuple[str, str], Scores | None] = {}
        for key in sorted(_candidate_pairs(self.prints, signatures, self.settings.copy_common_min_reports)):
            if key in previous.pairs and key[0] not in stale and key[1] not in stale:
                pairs[key] = previous.pairs[key]
                continue
            for report_id in key:
                if report_id not in own:
                    own[report_id] = ~stock[_bucket_of(self.prints[report_id].shingles)]
            pairs[key] = self._score(self.prints[key[0]], self.prints[key[1]], own[key[0]], own[key[1]])
        self.scoring, self._changed = Scoring(stock, signatures, pairs), set()
        self._matches = _by_report(pairs)
        return self._matches

    def _stale(self, stock: np.ndarray) -> set[str]:
        """Reports to look at again: new ones, and those with shingles that became or stopped being stock."""
        if self.scoring is None:
            return set(self.prints)
        flipped = np.flatnonzero(stock != self.scoring.stock).astype(np.uint32)
        if len(flipped) > _MAX_FLIPPED_CHECKED:
            return set(self.prints)
        stale = self._changed & set(self.prints)
        if len(flipped):
            shift = np.uint64(32 - STOCK_BITS)  # a bucket is a range of shingle values: [b << shift, (b + 1) << shift)
            bounds = np.concatenate((flipped.astype(np.uint64) << shift, (flipped.astype(np.uint64) + 1) << shift))
            for report_id, print_ in self.prints.items():
                found = np.searchsorted(print_.shingles, bounds)
                if (found[: len(flipped)] != found[len(flipped):]).any():
                    stale.add(report_id)
        return stale

    # ---- disk ------------------------------------------------------------------------------------

    @classmethod
    def load(cls, generation: Path | None, settings: Settings = DEFAULTS) -> "CopyIndex":
        """The index saved in a generation; empty when there is none, it is of another format or damaged
        (a build that finds it empty while the generation holds reports fingerprints them all again)."""
        saved = store.read(generation)
        if saved is None:
            return cls(settings)
        prints = {report_id: Fingerprint(*fields) for report_id, fields in saved.prints.items()}
        pairs = {key: None if values is None else Scores(*values) for key, values in saved.scoring.pairs.items()}
        scoring = Scoring(saved.scoring.stock_status, saved.scoring.signatures, pairs)
        index = cls(settings, prints, saved.stock_counts, scoring, saved.stored)
        if np.array_equal(index._stock_status(), scoring.stock):  # saved with these settings: the pairs stand
            index._matches = _by_report(pairs)
        return index

    def save(self, generation: Path) -> None:
        """Write the index into `generation` (see `search.similarity_store`), scoring what changed first."""
        self._scored()
        assert self.scoring is not None
        fields = {report_id: (p.series, p.year, p.agency, p.shingles) for report_id, p in self.prints.items()}
        pairs = {key: None if scores is None else (scores.similarity, scores.containment, scores.raw_similarity)
                 for key, scores in self.scoring.pairs.items()}
        self.stored = store.write(generation, fields, self.stock_counts,
                                  store.SavedScoring(self.scoring.stock, self.scoring.signatures, pairs), self.stored)


def _by_report(pairs: dict[tuple[str, str], Scores | None]) -> dict[str, dict[str, Scores]]:
    """The scored pairs by report, both ways."""
    found: dict[str, dict[str, Scores]] = {}
    for (left, right), scores in pairs.items():
        if scores is not None:
            found.setdefault(left, {})[right] = scores
            found.setdefault(right, {})[left] = scores
    return found


def _bucket_of(shingles: np.ndarray) -> np.ndarray:
    """The stock-count bucket of each shingle (sorted, as the shingles are)."""
    return shingles >> np.uint32(32 - STOCK_BITS)


def _buckets(shingles: np.ndarray) -> np.ndarray:
    """The distinct stock-count buckets of a report's shingles (a report counts once in a bucket)."""
    return np.unique(_bucket_of(shingles))


def _same_body(left: Fingerprint, right: Fingerprint) -> bool:
    """Two reports of one body close enough in years to be compared whatever their similarity."""
    if left.series != right.series:
        return False
    return left.year is None or right.year is None or abs(left.year - right.year) <= SERIES_YEARS


def _relation(left: Fingerprint, right: Fingerprint) -> str:
    if left.series == right.series:
        return SAME_BODY
    if left.year is not None and left.year == right.year:
        return SAME_YEAR
    return OTHER


def _candidate_pairs(prints: dict[str, Fingerprint], signatures: dict[str, np.ndarray],
                     stock_reports: int) -> set[tuple[str, str]]:
    """Report id pairs (left < right) whose signatures share an LSH band, or of one body (`_same_body`).

    A band value shared by `stock_reports` or more reports comes from wording that
    many reports share, and gives no candidates.
    """
    pairs: set[tuple[str, str]] = set()
    ids = sorted(signatures)
    if len(ids) > 1:
        bands, rows = band_shape(LSH_THRESHOLD)
        keys = band_keys(np.array([signatures[report_id] for report_id in ids]), bands, rows)
        for band in range(bands):
            order = np.argsort(keys[:, band], kind="stable")
            ordered = keys[order, band]
            starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
            sizes = np.diff(np.append(starts, len(ordered)))
            shared = (sizes > 1) & (sizes < stock_reports)
            for start, size in zip(starts[shared].tolist(), sizes[shared].tolist()):
                members = sorted(ids[index] for index in order[start:start + size].tolist())
                pairs.update((left, right) for position, left in enumerate(members) for right in members[position + 1:])
    by_series: dict[str, list[str]] = {}
    for report_id in sorted(prints):
        by_series.setdefault(prints[report_id].series, []).append(report_id)
    for members in by_series.values():
        pairs.update((left, right) for position, left in enumerate(members) for right in members[position + 1:]
                     if _same_body(prints[left], prints[right]))
    return pairs


def update_copy_index(
    previous: Path | None,
    generation: Path,
    removed: Iterable[str],
    added: Iterable[tuple[str, Fingerprint]],
    settings: Settings = DEFAULTS,
) -> CopyIndex:
    """A build's whole part in copy detection: the previous generation's copy index, without the reports
    `removed` (gone or changed), with the fingerprints `added` (new or changed), saved into `generation`."""
    index = CopyIndex.load(previous, settings)
    for report_id in removed:
        if report_id in index:
            index.remove(report_id)
    for report_id, print_ in added:
        index.add(report_id, print_)
    index.save(generation)
    return index


def copy_flags(matches: Iterable[Match]) -> list[Flag]:
    """The `copied` and `reused` flags a report's matches raise, each naming the matching reports."""
    matches = list(matches)
    flags = []
    for level in (COPIED, REUSED):
        chosen = [match for match in matches if match.level == level]
        if chosen:
            best = chosen[0]
            others = f"等{len(chosen)}份报告" if len(chosen) > 1 else ""
            flags.append(Flag(level, f"与{_describe(best)}{others}的叙述部分相似度{best.similarity:.2f}",
                              evidence={"matches": [match.to_json() for match in chosen]}))
    return flags


def _describe(match: Match) -> str:
    year = f"{match.year}年度" if match.year is not None else ""
    if match.relation == SAME_BODY:
        return f"本机关{year}报告"
    return f"“{match.agency or '未知机关'}”{year}报告"
