"""Shingles, MinHash signatures and LSH band keys, computed with numpy a whole report at a time.

The scheme is datasketch's (`MinHash(scheme="affine32")` and `MinHashLSH`): each
shingle hash h is permuted by `a·h + b mod 2^32` with `a` odd, the signature keeps
the minimum per permutation, and the signature is cut into `bands` bands of `rows`
values, chosen for a Jaccard threshold by minimising the same false positive plus
false negative areas as datasketch's `_optimal_param`. It is computed here because
datasketch hashes value by value in Python (3.5 ms per report of 1,500 shingles,
against 0.3 ms for this) and its LSH inserts key by key (1.1 s for 10,000
reports, against milliseconds for sorting numpy band keys); the tests check the
two agree.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import numpy as np

SHINGLE_CHARS = 5
"""Character 5-grams (REVIEW-SPEC §7.5): long enough that two unrelated texts rarely share one."""
NUM_PERM = 128
PERMUTATION_SEED = 1
_SEPARATOR = 0
_BASE = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BAND_MIX = np.uint64(0xFF51AFD7ED558CCD)


def shingle_hashes(sentences: Sequence[str], chars: int = SHINGLE_CHARS) -> np.ndarray:
    """The sorted, distinct 32-bit hashes of the character `chars`-grams inside each sentence.

    Grams never span two sentences, so reordering sentences changes nothing; a
    sentence shorter than `chars` gives no gram. The hash is the same on every
    machine and run (it is stored in the index).
    """
    text = "\x00".join(sentences)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(codes) - chars + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint32)
    hashes = np.zeros(count, dtype=np.uint64)
    for offset in range(chars):
        hashes = hashes * _BASE + codes[offset:offset + count]
    separators = np.concatenate(([0], np.cumsum(codes == _SEPARATOR)))
    whole = separators[chars:chars + count] == separators[:count]
    return np.unique(((hashes[whole] * _MIX) >> np.uint64(32)).astype(np.uint32))


@lru_cache(maxsize=4)
def permutations(num_perm: int = NUM_PERM, seed: int = PERMUTATION_SEED) -> tuple[np.ndarray, np.ndarray]:
    """The `a` (odd) and `b` parameters of the affine permutations, as datasketch's affine32 scheme draws them."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, which datasketch applies to every input hash before permuting it."""
    mixed = values.astype(np.uint32)
    mixed ^= mixed >> np.uint32(16)
    mixed *= np.uint32(0x85EBCA6B)
    mixed ^= mixed >> np.uint32(13)
    mixed *= np.uint32(0xC2B2AE35)
    mixed ^= mixed >> np.uint32(16)
    return mixed


def signature(shingles: np.ndarray, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature of a shingle set (all values 2^32−1 for an empty set)."""
    if len(shingles) == 0:
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    a, b = permutations(num_perm)
    permuted = np.multiply.outer(a, _fmix32(shingles))
    permuted += b[:, None]
    return permuted.min(axis=1)


def _area(values: np.ndarray, step: float) -> float:
    return float((values.sum() - (values[0] + values[-1]) / 2) * step)


def _collision_areas(threshold: float, bands: int, rows: int) -> tuple[float, float]:
    """The false positive area below `threshold` and the false negative area above it (trapezoid rule)."""
    below, above = np.linspace(0.0, threshold, 401), np.linspace(threshold, 1.0, 401)
    candidate_below = 1.0 - (1.0 - below**rows) ** bands
    missed_above = (1.0 - above**rows) ** bands
    return _area(candidate_below, threshold / 400), _area(missed_above, (1.0 - threshold) / 400)


@lru_cache(maxsize=16)
def band_shape(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) minimising the false positive plus false negative area at `threshold`, as datasketch does."""
    best, shape = float("inf"), (1, num_perm)
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            error = sum(_collision_areas(threshold, bands, rows))
            if error < best:
                best, shape = error, (bands, rows)
    return shape


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit key per band of each signature (shape: reports × bands); equal keys mean an equal band."""
    blocks = signatures[:, : bands * rows].reshape(len(signatures), bands, rows).astype(np.uint64)
    keys = np.zeros((len(signatures), bands), dtype=np.uint64)
    for row in range(rows):
        keys = (keys ^ blocks[:, :, row]) * _BAND_MIX
    return keys
