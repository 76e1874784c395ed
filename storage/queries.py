"""Read-only queries over the SQL store; keyword-only functions on a Session."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.errors import DocumentNotFound
from storage.models import Chunk, Document, EmbeddingCacheEntry, Section, SourceFile

_BATCH = 500  # ids per IN (...) query


@dataclass(frozen=True)
class DocumentSummary:
    """A stored report with its file and sizes, for listings."""

    document: Document
    file: SourceFile
    sections: int
    chunks: int


def list_documents(*, session: Session) -> list[DocumentSummary]:
    """Every stored report, in file then report order."""
    return _summaries(session, file_id=None)


def documents_of_file(*, session: Session, file_id: int) -> list[DocumentSummary]:
    """The reports of one stored file (read alone: an ingest asks this after every file)."""
    return _summaries(session, file_id=file_id)


def _summaries(session: Session, *, file_id: int | None) -> list[DocumentSummary]:
    query = (
        select(Document, SourceFile)
        .join(SourceFile, col(SourceFile.id) == Document.source_file_id)
        .order_by(col(SourceFile.name), col(Document.index_in_file))
    )
    if file_id is not None:
        query = query.where(Document.source_file_id == file_id)
    rows = session.exec(query).all()
    ids = [doc.id for doc, _ in rows]
    sections: dict[int, int] = {}
    chunks: dict[int, int] = {}
    for table, counted in ((Section, sections), (Chunk, chunks)):
        count = select(table.document_id, func.count()).group_by(table.document_id)
        if file_id is not None:
            count = count.where(col(table.document_id).in_(ids))
        counted.update(session.exec(count).all())
    return [
        DocumentSummary(doc, file, sections.get(doc.id or 0, 0), chunks.get(doc.id or 0, 0))
        for doc, file in rows
    ]


def find_documents(*, session: Session, ref: str) -> list[Document]:
    """Documents named by `ref`: an id, a file name, or a unique part of a title."""
    if ref.isdigit():
        doc = session.get(Document, int(ref))
        if doc is not None:
            return [doc]
    file = session.exec(select(SourceFile).where(SourceFile.name == ref)).first()
    if file is not None:
        return list(
            session.exec(
                select(Document)
                .where(Document.source_file_id == file.id)
                .order_by(col(Document.index_in_file))
            )
        )
    matches = list(session.exec(select(Document).where(col(Document.title).contains(ref))))
    if not matches:
        raise DocumentNotFound(ref)
    return matches


def sections_of(*, session: Session, document_id: int) -> list[Section]:
    """A report's sections in reading order."""
    return list(
        session.exec(
            select(Section).where(Section.document_id == document_id).order_by(col(Section.order))
        )
    )


def chunks_by_ids(*, session: Session, ids: Sequence[str]) -> dict[str, Chunk]:
    """Chunks by id (missing ids are left out)."""
    return {c.id: c for c in session.exec(select(Chunk).where(col(Chunk.id).in_(list(ids))))}


def all_chunks(*, session: Session) -> list[Chunk]:
    """Every chunk, in document then chunk order."""
    return list(session.exec(select(Chunk).order_by(col(Chunk.document_id), col(Chunk.order))))


def chunk_order(*, session: Session) -> list[tuple[str, int]]:
    """(chunk id, report id) of every chunk, in document then chunk order."""
    query = select(Chunk.id, Chunk.document_id).order_by(col(Chunk.document_id), col(Chunk.order))
    return [(chunk_id, document_id) for chunk_id, document_id in session.exec(query)]


def cached_chunk_vectors(
    *, session: Session, model: str, chunk_ids: Sequence[str] | None = None
) -> Iterator[tuple[str, bytes]]:
    """(chunk id, float32 bytes) from the embedding cache for every chunk, or for these.

    Every vector written to Chroma is in the cache (Store.write_file, reindex), so this is a
    fast local copy of them; chunks without an entry are left out. Rows are streamed, so
    100k vectors never sit in memory twice.
    """
    query = select(Chunk.id, EmbeddingCacheEntry.vector).join(
        EmbeddingCacheEntry,
        (col(EmbeddingCacheEntry.text_hash) == Chunk.text_hash)
        & (col(EmbeddingCacheEntry.model) == model),
    )
    if chunk_ids is None:
        yield from session.exec(query.execution_options(yield_per=_BATCH))
        return
    ids = list(chunk_ids)
    for start in range(0, len(ids), _BATCH):
        yield from session.exec(query.where(col(Chunk.id).in_(ids[start : start + _BATCH])))
