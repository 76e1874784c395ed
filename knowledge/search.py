"""Dense search over the chunk vectors (the hybrid ranking builds on it)."""

from __future__ import annotations

from knowledge.passages import Passage, load_passages
from storage.embeddings import NamedEmbeddings
from storage.store import Store


class DenseSearch:
    """Nearest chunks to a question by embedding similarity."""

    def __init__(self, store: Store, embeddings: NamedEmbeddings) -> None:
        self._store = store
        self._embeddings = embeddings

    def search(self, question: str, *, k: int = 5) -> list[Passage]:
        """The k most similar passages, best first (score = cosine similarity)."""
        self._store.check_model(self._embeddings.model_name)
        hits = self._store.vectors.query(self._embeddings.embed_query(question), k)
        with self._store.session() as session:
            return load_passages(session, [(h.chunk_id, 1.0 - h.distance) for h in hits])
