"""Picking the first results of a large match set without sorting all of it.

A search shows one page; only the sections up to the end of that page are
sorted, after a partition has found them. Result order is by score, then by
position: newer reports first, then a report's sections in their order.
"""

from __future__ import annotations

import numpy as np

ORDINAL_SPAN = 1 << 20  # more sections than any report has


def first_by_position(position: np.ndarray, count: int) -> np.ndarray:
    """Indices of the `count` largest positions, largest first."""
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    if count < len(position):
        chosen = np.argpartition(-position, count - 1)[:count]
    else:
        chosen = np.arange(len(position))
    return chosen[np.argsort(-position[chosen])]


def first_by_score(scores: np.ndarray, position: np.ndarray, count: int) -> np.ndarray:
    """Indices of the first `count` by score, then position (both descending), in that order.

    Only the best `count` are sorted: the threshold score comes from a
    partition, and ties at it are settled by position.
    """
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    if count < len(scores):
        threshold = -np.partition(-scores, count - 1)[count - 1]
        above = np.flatnonzero(scores > threshold)
        tied = np.flatnonzero(scores == threshold)
        chosen = np.concatenate([above, tied[first_by_position(position[tied], count - len(above))]])
    else:
        chosen = np.arange(len(scores))
    return chosen[np.lexsort((-position[chosen], -scores[chosen]))]
