"""Picking the best rows of a score array without sorting them all; masks of admitted rows."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np


def largest(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest values, best first, ties by lower position.

    The same order as a stable argsort of -values cut at k: the k-th value is found by a
    partition, every value at least as large is kept, and only those are sorted.
    """
    if k <= 0 or not len(values):
        return np.zeros(0, np.intp)
    candidates = np.arange(len(values))
    if len(values) > k:
        kth = np.partition(values, len(values) - k)[len(values) - k]
        candidates = np.flatnonzero(values >= kth)  # every tie of the k-th value
    return candidates[np.lexsort((candidates, -values[candidates]))][:k]


def allowed_rows(document_of_row: np.ndarray, document_ids: Collection[int]) -> np.ndarray:
    """A mask of the rows whose document is one of `document_ids`."""
    return np.isin(document_of_row, np.fromiter(document_ids, np.int64, count=len(document_ids)))
