"""The copy-detection index on disk, in a generation's `similarity/` directory.

    similarity/
      state.json                    format, reports (id, segment, row, body, year, agency), segments
      seg-000003.shingles.npy       fingerprints written by one save: the shingle hashes of every
      seg-000003.offsets.npy        report one after another, and where each report's start
      stock_counts.npy              in how many reports each shingle bucket occurs (16 bits while they fit)
      stock_status.npy              which buckets were stock wording when the pairs were scored (bits)
      signatures.npy                the own-wording MinHash signature of each report that has one
      pairs.npy, scores.npy         every candidate pair (rows of state.json) and its scores, NaN when unscored

Segments are written once and hard-linked into later generations (copied where
links are impossible), as Whoosh's segment files are, so an update writes only
the new reports' fingerprints; a segment with fewer than half its rows still in
use is rewritten instead. `state.json` is written last: a directory without it
holds no index.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from search.minhash import NUM_PERM, SHINGLE_CHARS

FORMAT = 1
DIRECTORY = "similarity"
STATE_FILE = "state.json"
_PARTS = ("shingles", "offsets")
_MIN_LIVE_SHARE = 0.5

PrintFields = tuple[str, Any, Any, np.ndarray]
"""A fingerprint as stored: series, year, agency, shingles."""
ScoreFields = tuple[float, float, float] | None


@dataclass
class SavedScoring:
    """What the pairs were scored with (stock status, signatures) and their scores."""

    stock_status: np.ndarray
    signatures: dict[str, np.ndarray]
    pairs: dict[tuple[str, str], ScoreFields]


@dataclass
class Stored:
    """Where held fingerprints are on disk: report id → (segment, row), segment → (directory, rows)."""

    locations: dict[str, tuple[str, int]] = field(default_factory=dict)
    segments: dict[str, tuple[Path, int]] = field(default_factory=dict)
    next_segment: int = 1

    def forget(self, report_id: str) -> None:
        """The report's stored fingerprint is no longer the one held."""
        self.locations.pop(report_id, None)


@dataclass
class Saved:
    """Everything `read` found: fingerprints, stock counts, the scoring and where it all is."""

    prints: dict[str, PrintFields]
    stock_counts: np.ndarray
    scoring: SavedScoring
    stored: Stored


def _path(directory: Path, name: str, part: str) -> Path:
    return directory / f"{name}.{part}.npy"


def read(generation: Path | None) -> Saved | None:
    """The copy index saved in `generation`, or None when there is none, it has another format or is damaged."""
    if generation is None:
        return None
    directory = generation / DIRECTORY
    try:
        state = json.loads((directory / STATE_FILE).read_text(encoding="utf-8"))
        if (state.get("format"), state.get("num_perm"), state.get("shingle_chars")) != (FORMAT, NUM_PERM, SHINGLE_CHARS):
            return None
        return _read_state(directory, state)
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return None


def _read_state(directory: Path, state: dict[str, Any]) -> Saved:
    arrays = {name: tuple(np.asarray(np.load(_path(directory, name, part), mmap_mode="r")) for part in _PARTS)
              for name in state["segments"]}  # plain views of the mapped files: numpy's memmap subclass costs per call
    stored = Stored({}, {name: (directory, rows) for name, rows in state["segments"].items()}, state["next_segment"])
    prints: dict[str, PrintFields] = {}
    ids = []
    for report_id, segment, row, series, year, agency in state["reports"]:
        shingles, offsets = arrays[segment]
        prints[report_id] = (series, year, agency, shingles[offsets[row]:offsets[row + 1]])
        stored.locations[report_id] = (segment, row)
        ids.append(report_id)
    counts = np.array(np.load(directory / "stock_counts.npy"), dtype=np.uint32)
    status = np.unpackbits(np.load(directory / "stock_status.npy"), count=len(counts)).astype(bool)
    signatures = np.load(directory / "signatures.npy")
    scores = np.load(directory / "scores.npy")
    pairs = {
        (ids[left], ids[right]): None if np.isnan(values[0]) else (float(values[0]), float(values[1]), float(values[2]))
        for (left, right), values in zip(np.load(directory / "pairs.npy").tolist(), scores)
    }
    signed = {ids[position]: signatures[row] for row, position in enumerate(state["signed"])}
    return Saved(prints, counts, SavedScoring(status, signed, pairs), stored)


def write(generation: Path, prints: dict[str, PrintFields], stock_counts: np.ndarray, scoring: SavedScoring,
          stored: Stored) -> Stored:
    """Save the index into `generation`; returns where its fingerprints are now stored."""
    directory = generation / DIRECTORY
    directory.mkdir(parents=True, exist_ok=True)
    live: dict[str, int] = {}
    for segment, _ in stored.locations.values():
        live[segment] = live.get(segment, 0) + 1
    kept = {name for name, count in live.items() if count >= _MIN_LIVE_SHARE * stored.segments[name][1]}
    result = Stored({}, {}, stored.next_segment)
    for name in kept:
        _link(stored.segments[name][0], directory, name)
        result.segments[name] = (directory, stored.segments[name][1])
    ids = sorted(prints)
    moving = [report_id for report_id in ids if stored.locations.get(report_id, ("", 0))[0] not in kept]
    result.locations.update((report_id, stored.locations[report_id]) for report_id in ids if report_id not in moving)
    if moving:
        name = f"seg-{result.next_segment:06d}"
        result.next_segment += 1
        _write_segment(directory, name, [prints[report_id] for report_id in moving])
        result.segments[name] = (directory, len(moving))
        result.locations.update((report_id, (name, row)) for row, report_id in enumerate(moving))
    position = {report_id: index for index, report_id in enumerate(ids)}
    _write_scoring(directory, stock_counts, scoring, position)
    state = {
        "format": FORMAT,
        "num_perm": NUM_PERM,
        "shingle_chars": SHINGLE_CHARS,
        "next_segment": result.next_segment,
        "segments": {name: rows for name, (_, rows) in sorted(result.segments.items())},
        "reports": [[report_id, *result.locations[report_id], *prints[report_id][:3]] for report_id in ids],
        "signed": [position[report_id] for report_id in sorted(scoring.signatures)],
    }
    temporary = directory / f"{STATE_FILE}.tmp"
    temporary.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, directory / STATE_FILE)
    return result


def _write_scoring(directory: Path, stock_counts: np.ndarray, scoring: SavedScoring, position: dict[str, int]) -> None:
    narrow = np.uint16 if len(stock_counts) and int(stock_counts.max()) <= np.iinfo(np.uint16).max else np.uint32
    np.save(directory / "stock_counts.npy", stock_counts.astype(narrow))
    np.save(directory / "stock_status.npy", np.packbits(scoring.stock_status))
    signed = sorted(scoring.signatures)
    np.save(directory / "signatures.npy", np.array([scoring.signatures[report_id] for report_id in signed],
                                                   dtype=np.uint32).reshape(len(signed), NUM_PERM))
    ordered = sorted(scoring.pairs.items())
    np.save(directory / "pairs.npy", np.array([[position[left], position[right]] for (left, right), _ in ordered],
                                              dtype=np.int32).reshape(len(ordered), 2))
    np.save(directory / "scores.npy", np.array([values if values is not None else (np.nan,) * 3 for _, values in ordered],
                                               dtype=np.float64).reshape(len(ordered), 3))


def _write_segment(directory: Path, name: str, prints: list[PrintFields]) -> None:
    shingles = [fields[3] for fields in prints]
    np.save(_path(directory, name, "shingles"), np.concatenate(shingles).astype(np.uint32))
    np.save(_path(directory, name, "offsets"),
            np.concatenate(([0], np.cumsum([len(array) for array in shingles]))).astype(np.int64))


def _link(source: Path, target: Path, name: str) -> None:
    """Make a segment's files available in `target`: a hard link, or a copy where links are impossible."""
    if source.resolve() == target.resolve():
        return
    for part in _PARTS:
        destination = _path(target, name, part)
        if destination.exists():
            continue
        try:
            os.link(_path(source, name, part), destination)
        except OSError:
            shutil.copyfile(_path(source, name, part), destination)
