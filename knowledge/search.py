"""Dense-only search as first wired into the CLI; the Retriever now does every mode."""

from __future__ import annotations

from knowledge.passages import Passage
from knowledge.queryparse import SearchFilters
from knowledge.retrieval import Retriever


class DenseSearch(Retriever):
    """The Retriever searching by embedding similarity unless told otherwise."""

    def search(
        self,
        question: str,
        *,
        k: int = 5,
        mode: str = "dense",
        filters: SearchFilters | None = None,
    ) -> list[Passage]:
        """The k most similar passages, best first (score = cosine similarity)."""
        return super().search(question, k=k, mode=mode, filters=filters)
