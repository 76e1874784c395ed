"""Exact cosine search over the chunk vectors of chosen reports, from a matrix in memory.

Chroma's HNSW answers an unfiltered question in about a millisecond at 100k chunks, but with
any metadata filter - a question naming a year or a county - it took 65-240 ms there
(benchmarks/RESULTS.md). Such questions are answered here instead: every chunk's vector as one
normalised float32 matrix in store order, so a filtered search is a matrix-vector product over
the admitted rows (exact, where Chroma's is approximate). Like the BM25 index it is rebuilt
when `Store.generation()` moves, so it never lags behind an ingest, and a rebuild reads only
the vectors of chunks it does not hold (a chunk's vector never changes under its id for one
model, and a search checks the model first): from the store's embedding cache (the very
vectors written to Chroma), and from Chroma for any chunk the cache lacks.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from knowledge.ranking import allowed_rows, largest
from knowledge.snapshots import Rebuilt
from storage.queries import cached_chunk_vectors, chunk_order
from storage.store import Store

_FULL_PRODUCT = 4  # above 1/4 of the rows admitted, one product over all rows is cheaper


@dataclass(frozen=True)
class _Snapshot:
    ids: list[str]
    positions: dict[str, int]
    documents: np.ndarray  # the report id of each row
    present: np.ndarray  # False for a chunk whose vector was found nowhere
    matrix: np.ndarray  # rows of unit length


class DenseIndex:
    """The stored chunk vectors as a matrix, for exact search within chosen reports."""

    def __init__(self, store: Store, model: str) -> None:
        self._store = store
        self._model = model
        self._snapshot = Rebuilt(store, self._build)

    def search(
        self, vector: list[float], k: int, document_ids: Collection[int]
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks of these reports, best first."""
        snapshot = self._snapshot.get()
        rows = np.flatnonzero(allowed_rows(snapshot.documents, document_ids) & snapshot.present)
        if not len(rows):
            return []
        query = np.asarray(vector, np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        if len(rows) * _FULL_PRODUCT > len(snapshot.ids):
            similarity = (snapshot.matrix @ query)[rows]
        else:
            similarity = snapshot.matrix[rows] @ query
        return [(snapshot.ids[rows[i]], float(similarity[i])) for i in largest(similarity, k)]

    def _build(self, previous: _Snapshot | None) -> _Snapshot:
        with self._store.session() as session:
            order = chunk_order(session=session)
        ids = [chunk_id for chunk_id, _ in order]
        filling = _Filling(ids, previous)
        missing = [chunk_id for chunk_id in ids if not filling.held(chunk_id)]
        if missing:
            # Most chunks new (a first build): one read of the whole cache beats id lists.
            wanted = None if len(missing) * 2 > len(ids) else missing
            with self._store.session() as session:
                for chunk_id, vector in cached_chunk_vectors(
                    session=session, model=self._model, chunk_ids=wanted
                ):
                    filling.put(chunk_id, np.frombuffer(vector, np.float32))
        lacking = [chunk_id for chunk_id in missing if not filling.held(chunk_id)]
        for stored in self._store.vectors.get(lacking):  # rare: chunks the cache lacks
            filling.put(stored.id, np.asarray(stored.embedding, np.float32))
        return _Snapshot(
            ids,
            filling.positions,
            np.fromiter((d for _, d in order), np.int64, count=len(order)),
            filling.present,
            filling.matrix(),
        )


class _Filling:
    """The new matrix being filled: rows kept from the previous one, then streamed vectors."""

    def __init__(self, ids: list[str], previous: _Snapshot | None) -> None:
        self.positions = {chunk_id: row for row, chunk_id in enumerate(ids)}
        self.present = np.zeros(len(ids), bool)
        width = previous.matrix.shape[1] if previous is not None else 0
        self._matrix = np.zeros((len(ids), width), np.float32)
        if previous is not None and width:
            kept = [
                (row, previous.positions[chunk_id])
                for chunk_id, row in self.positions.items()
                if chunk_id in previous.positions
            ]
            if kept:
                rows, old_rows = np.array(kept).T
                self._matrix[rows] = previous.matrix[old_rows]
                self.present[rows] = previous.present[old_rows]

    def held(self, chunk_id: str) -> bool:
        """True when this chunk's row is filled."""
        return bool(self.present[self.positions[chunk_id]])

    def put(self, chunk_id: str, vector: np.ndarray) -> None:
        """Fill a chunk's row with its vector, scaled to unit length."""
        row = self.positions.get(chunk_id)
        if row is None:
            return
        if not self._matrix.shape[1]:  # the first vector of a first build sets the width
            self._matrix = np.zeros((len(self.present), len(vector)), np.float32)
        if len(vector) != self._matrix.shape[1]:
            return  # another model's vector: never compared with this model's question
        norm = np.linalg.norm(vector)
        self._matrix[row] = vector / norm if norm > 0 else vector
        self.present[row] = True

    def matrix(self) -> np.ndarray:
        """The filled matrix (no columns when no vector was found)."""
        return self._matrix
