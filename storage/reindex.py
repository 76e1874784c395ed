"""Re-embed every stored chunk with the configured model (after ZONGJIE_EMBEDDING_MODEL changed)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from storage.embeddings import NamedEmbeddings
from storage.models import Chunk, Document, SourceFile, StoreSetting
from storage.store import MODEL_SETTING, Store, save_cache_entries
from storage.vectors import chunk_metadata


@dataclass(frozen=True)
class ReindexResult:
    """How many chunks were re-embedded, and how many of them came from the cache."""

    chunks: int
    from_cache: int
    model: str


def reindex(store: Store, embeddings: NamedEmbeddings) -> ReindexResult:
    """Drop all vectors and rebuild them from the SQL chunks with `embeddings`."""
    model = embeddings.model_name
    with store.session() as session:
        rows = session.exec(
            select(Chunk, Document, SourceFile)
            .join(Document, Document.id == Chunk.document_id)  # type: ignore[arg-type]
            .join(SourceFile, SourceFile.id == Document.source_file_id)  # type: ignore[arg-type]
        ).all()
    hashes = [chunk.text_hash for chunk, _, _ in rows]
    vectors = store.cached_vectors(hashes, model)
    from_cache = sum(1 for h in hashes if h in vectors)
    missing = {c.text_hash: c.text for c, _, _ in rows if c.text_hash not in vectors}
    fresh = embeddings.embed_documents(list(missing.values())) if missing else []
    new_entries = dict(zip(missing, fresh, strict=True))
    vectors.update(new_entries)

    store.vectors.reset()
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
        [vectors[h] for h in hashes],
        [c.text for c, _, _ in rows],
        metadatas,
    )
    store.vectors.set_model_name(model)
    with store.session() as session:
        save_cache_entries(session, model, new_entries)
        session.merge(StoreSetting(key=MODEL_SETTING, value=model))
        store.bump_generation(session)
        session.commit()
    return ReindexResult(chunks=len(rows), from_cache=from_cache, model=model)
