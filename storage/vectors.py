"""The chunk vectors in Chroma: a PersistentClient in the data directory, or a server by URL.

Vectors are always passed in: Chroma's own embedding function downloads a model, so it is
never used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from storage.errors import VectorStoreUnavailable

COLLECTION = "zongjie_chunks"
MODEL_KEY = "embedding_model"
_BATCH = 1000

Metadata = dict[str, str | int | float | bool]


def chunk_metadata(
    *, document_id: int, section_id: int, file: str, period: str | None, region: str | None
) -> Metadata:
    """The metadata stored beside a chunk's vector, for filtering by document, period and region."""
    return {
        "document_id": document_id,
        "section_id": section_id,
        "file": file,
        "period": period or "",
        "region": region or "",
    }


@dataclass(frozen=True)
class VectorHit:
    """One nearest neighbour: the chunk id and its cosine distance."""

    chunk_id: str
    distance: float


@dataclass(frozen=True)
class StoredVector:
    """A stored vector as Chroma holds it (for backups, and vectors the cache lacks)."""

    id: str
    embedding: list[float]
    text: str
    metadata: Metadata


class ChunkVectors:
    """The collection of chunk vectors; each records the model that made it."""

    def __init__(self, client: Any, name: str = COLLECTION) -> None:
        self._client = client
        self._name = name
        self._collection = self._open()

    def _open(self) -> Any:
        return self._client.get_or_create_collection(
            self._name, embedding_function=None, metadata={"hnsw:space": "cosine"}
        )

    def model_name(self) -> str | None:
        """The embedding model recorded on the collection, or None for a fresh one."""
        return (self._collection.metadata or {}).get(MODEL_KEY)

    def set_model_name(self, model: str) -> None:
        """Record which model makes this collection's vectors."""
        metadata = {k: v for k, v in (self._collection.metadata or {}).items() if k != "hnsw:space"}
        metadata[MODEL_KEY] = model
        self._collection.modify(metadata=metadata)

    def reset(self) -> None:
        """Drop every vector (for `zongjie reindex`)."""
        self._client.delete_collection(self._name)
        self._collection = self._open()

    def add(
        self,
        ids: list[str],
        vectors: list[list[float]],
        texts: list[str],
        metadatas: list[Metadata],
    ) -> None:
        """Add vectors in batches."""
        for start in range(0, len(ids), _BATCH):
            end = start + _BATCH
            self._collection.add(
                ids=ids[start:end],
                embeddings=vectors[start:end],
                documents=texts[start:end],
                metadatas=metadatas[start:end],
            )

    def delete(self, ids: list[str]) -> None:
        """Remove these vectors; unknown ids are ignored."""
        for start in range(0, len(ids), _BATCH):
            self._collection.delete(ids=ids[start : start + _BATCH])

    def query(
        self, vector: list[float], k: int, where: dict[str, Any] | None = None
    ) -> list[VectorHit]:
        """The k nearest chunks to `vector`, optionally filtered on metadata."""
        # No count() first: Chroma 1.x answers an empty collection with no hits, and the
        # count cost ~5 ms per question at 10k chunks.
        result = self._collection.query(
            query_embeddings=[vector], n_results=k, where=where or None, include=["distances"]
        )
        return [
            VectorHit(chunk_id=i, distance=float(d))
            for i, d in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def get(self, ids: list[str]) -> list[StoredVector]:
        """These vectors with their text and metadata, in the order asked; missing ids left out."""
        found: dict[str, StoredVector] = {}
        for start in range(0, len(ids), _BATCH):
            result = self._collection.get(
                ids=ids[start : start + _BATCH],
                include=["embeddings", "documents", "metadatas"],
            )
            for i, vector, text, metadata in zip(
                result["ids"],
                result["embeddings"],
                result["documents"],
                result["metadatas"],
                strict=True,
            ):
                found[i] = StoredVector(i, [float(x) for x in vector], text or "", dict(metadata))
        return [found[i] for i in ids if i in found]

    def ids(self) -> set[str]:
        """Every stored vector id."""
        return set(self._collection.get(include=[])["ids"])

    def count(self) -> int:
        """How many vectors are stored."""
        return int(self._collection.count())


def open_vectors(
    *, path: Path | None = None, url: str | None = None, collection: str = COLLECTION
) -> ChunkVectors:
    """A server client when `url` is set, else a PersistentClient at `path`.

    Stores sharing one Chroma server (one per county) each need their own `collection`.
    """
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if url:
            parsed = urlparse(url)
            client = chromadb.HttpClient(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=chroma_settings,
            )
        else:
            if path is None:
                raise ValueError("a Chroma path or URL is needed")
            path.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        return ChunkVectors(client, collection)
    except ValueError:
        raise
    except Exception as exc:  # noqa: BLE001 - chromadb raises many kinds on connect
        raise VectorStoreUnavailable(f"cannot open Chroma at {url or path}: {exc}") from exc
