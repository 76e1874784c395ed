"""Okapi BM25 over an inverted index held in flat numpy arrays (CSR by term).

A document is given as the ids of its distinct terms, their counts and its length in terms.
The postings of term t are `rows[start[t]:start[t + 1]]` (documents in ascending order) with
each posting's whole BM25 contribution computed at build time, so a query only adds up its
terms' postings. Building is a few numpy passes (no Python loop over postings).

Each contribution is the textbook expression evaluated exactly as a term-by-term loop would,
and a query adds them in its term order, so scores do not depend on how the index is stored
(tests/test_okapi.py checks them against plain reference code).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from knowledge.ranking import largest

TERM_ID = np.int32
TERM_COUNT = np.uint16  # a term repeated 65,535 times in one chunk cannot happen
_BLOCK = 1 << 20  # postings per step of the weight computation


class Okapi:
    """BM25 (k1, b, Lucene idf) scores of every document for a query's term ids."""

    def __init__(
        self,
        term_ids: Sequence[np.ndarray],
        counts: Sequence[np.ndarray],
        lengths: np.ndarray,
        vocabulary_size: int,
        *,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        self.size = len(term_ids)
        lengths = np.asarray(lengths, dtype=np.float64)
        average = lengths.mean() if self.size else 1.0
        norm = k1 * (1.0 - b + b * lengths / max(average, 1e-9))
        sizes = np.fromiter((len(t) for t in term_ids), np.int64, count=self.size)
        terms = np.concatenate(term_ids) if self.size else np.zeros(0, TERM_ID)
        tf = np.concatenate(counts) if self.size else np.zeros(0, TERM_COUNT)
        order = np.argsort(terms, kind="stable")  # stable: each term's rows stay ascending
        # intp rows: numpy indexes with them without a conversion copy per query.
        self._rows = np.repeat(np.arange(self.size, dtype=np.int32), sizes)[order].astype(np.intp)
        frequency = np.bincount(terms, minlength=vocabulary_size)
        self._start = np.zeros(vocabulary_size + 1, np.int64)
        np.cumsum(frequency, out=self._start[1:])
        # The Lucene idf: never negative, so a common term still counts a little.
        idf = np.log(1.0 + (self.size - frequency + 0.5) / (frequency + 0.5))
        # Each posting's whole contribution, computed once (in blocks, to bound the
        # temporaries); a query only adds them up.
        self._weights = np.empty(len(order))
        for begin in range(0, len(order), _BLOCK):
            taken = order[begin : begin + _BLOCK]
            f = tf[taken].astype(np.float64)
            rows = self._rows[begin : begin + _BLOCK]
            self._weights[begin : begin + len(taken)] = (
                idf[terms[taken]] * f * (k1 + 1.0) / (f + norm[rows])
            )

    def scores(self, term_ids: Iterable[int]) -> np.ndarray:
        """The BM25 score of every document for these distinct term ids (others are ignored)."""
        total = np.zeros(self.size)
        known = len(self._start) - 1
        for term in term_ids:
            if 0 <= term < known:
                begin, end = self._start[term], self._start[term + 1]
                total[self._rows[begin:end]] += self._weights[begin:end]
        return total


def top(scores: np.ndarray, k: int, allowed: np.ndarray | None = None) -> np.ndarray:
    """Rows of the k best positive scores (among `allowed` rows), best first, ties by row."""
    candidates = np.flatnonzero(scores > 0)
    if allowed is not None:
        candidates = candidates[allowed[candidates]]
    return candidates[largest(scores[candidates], k)]
