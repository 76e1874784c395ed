"""Re-embed stored chunks with the configured model: all of them (after ZONGJIE_EMBEDDING_MODEL
changed), or the few whose vectors went missing (`zongjie check --repair`)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlmodel import col, select

from storage.embeddings import NamedEmbeddings
from storage.models import Chunk, Document, SourceFile, StoreSetting
from storage.store import MODEL_SETTING, Store, save_cache_entries
from storage.vectors import chunk_metadata

ChunkRow = tuple[Chunk, Document, SourceFile]


@dataclass(frozen=True)
class ReindexResult:
    """How many chunks were re-embedded, and how many of them came from the cache."""

    chunks: int
    from_cache: int
    model: str


def reindex(store: Store, embeddings: NamedEmbeddings) -> ReindexResult:
    """Drop all vectors and rebuild them from the SQL chunks with `embeddings`."""
    rows = _chunk_rows(store, None)
    # Embed first: a failure here leaves the old vectors in place.
    vectors, new_entries, from_cache = _embed(store, rows, embeddings)
    store.vectors.reset()
    _add(store, rows, vectors)
    _finish(store, embeddings.model_name, new_entries)
    return ReindexResult(chunks=len(rows), from_cache=from_cache, model=embeddings.model_name)


def restore_vectors(
    store: Store, embeddings: NamedEmbeddings, chunk_ids: Collection[str]
) -> ReindexResult:
    """Add the missing vectors of these stored chunks (from the cache where possible)."""
    rows = _chunk_rows(store, chunk_ids)
    vectors, new_entries, from_cache = _embed(store, rows, embeddings)
    _add(store, rows, vectors)
    _finish(store, embeddings.model_name, new_entries)
    return ReindexResult(chunks=len(rows), from_cache=from_cache, model=embeddings.model_name)


def _chunk_rows(store: Store, chunk_ids: Collection[str] | None) -> list[ChunkRow]:
    query = (
        select(Chunk, Document, SourceFile)
        .join(Document, col(Document.id) == Chunk.document_id)
        .join(SourceFile, col(SourceFile.id) == Document.source_file_id)
        .order_by(col(Chunk.id))
    )
    if chunk_ids is not None:
        query = query.where(col(Chunk.id).in_(list(chunk_ids)))
    with store.session() as session:
        return [(c, d, f) for c, d, f in session.exec(query).all()]


def _embed(
    store: Store, rows: list[ChunkRow], embeddings: NamedEmbeddings
) -> tuple[dict[str, list[float]], dict[str, list[float]], int]:
    """Vectors by text hash, the newly computed ones, and how many chunks the cache served."""
    hashes = [chunk.text_hash for chunk, _, _ in rows]
    vectors = store.cached_vectors(hashes, embeddings.model_name)
    from_cache = sum(1 for h in hashes if h in vectors)
    missing = {c.text_hash: c.text for c, _, _ in rows if c.text_hash not in vectors}
    fresh = embeddings.embed_documents(list(missing.values())) if missing else []
    new_entries = dict(zip(missing, fresh, strict=True))
    vectors.update(new_entries)
    return vectors, new_entries, from_cache


def _add(store: Store, rows: list[ChunkRow], vectors: dict[str, list[float]]) -> None:
    metadatas = [
        chunk_metadata(
            document_id=doc.id or 0,
            section_id=chunk.section_id,
            file=file.name,
            period=doc.period,
            region=doc.region,
        )
        for chunk, doc, file in rows
    ]
    store.vectors.add(
        [c.id for c, _, _ in rows],
        [vectors[c.text_hash] for c, _, _ in rows],
        [c.text for c, _, _ in rows],
        metadatas,
    )


def _finish(store: Store, model: str, new_entries: dict[str, list[float]]) -> None:
    store.vectors.set_model_name(model)
    with store.session() as session:
        save_cache_entries(session, model, new_entries)
        session.merge(StoreSetting(key=MODEL_SETTING, value=model))
        store.bump_generation(session)
        session.commit()
