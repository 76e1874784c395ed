"""The store: SQL rows and Chroma vectors kept in step, written all-or-nothing per file."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, delete, select

from storage.errors import DocumentNotFound, EmbeddingModelMismatch
from storage.models import (
    Chunk,
    Document,
    DocumentFigures,
    EmbeddingCacheEntry,
    Metric,
    Section,
    SourceFile,
    StoreSetting,
)
from storage.records import NewFile, NewMetric
from storage.vectors import ChunkVectors, Metadata, chunk_metadata

MODEL_SETTING = "embedding_model"
GENERATION_SETTING = "generation"  # bumped by every change of the stored chunks
PARTIAL_SHA = "partial"  # a file some of whose reports were deleted: re-ingesting restores it


def save_cache_entries(session: Session, model: str, entries: dict[str, list[float]]) -> None:
    """Remember vectors made by `model`, keyed by text hash (in the caller's transaction)."""
    for text_hash, vector in entries.items():
        session.merge(
            EmbeddingCacheEntry(
                text_hash=text_hash, model=model, vector=np.asarray(vector, np.float32).tobytes()
            )
        )


def metric_row(
    fig: NewMetric, *, document_id: int, region: str | None, section_id: int | None
) -> Metric:
    """The row of one figure of a stored document (whose region every figure shares)."""
    return Metric(
        indicator=fig.indicator,
        value=fig.value,
        unit=fig.unit,
        raw=fig.raw,
        approximate=fig.approximate,
        kind=fig.kind,
        period=fig.period,
        region=region,
        sentence=fig.sentence,
        location=fig.location,
        document_id=document_id,
        section_id=section_id,
    )


@dataclass(frozen=True)
class WriteResult:
    """What a write did: the file's document ids and whether it replaced an older version."""

    document_ids: list[int]
    replaced: bool


class Store:
    """SQL (SQLModel) and vectors (Chroma) behind one object; the only writer of both."""

    def __init__(self, engine: Engine, vectors: ChunkVectors) -> None:
        self.engine = engine
        self.vectors = vectors

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose objects stay readable after commit."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    # -- the generation: readers holding derived indexes (BM25) rebuild when it moves ------
    def generation(self) -> int:
        """A number that changes whenever chunks are added, replaced or deleted."""
        with self.session() as session:
            setting = session.get(StoreSetting, GENERATION_SETTING)
        return int(setting.value) if setting else 0

    @staticmethod
    def bump_generation(session: Session) -> None:
        """Mark the stored chunks as changed (in the caller's transaction)."""
        setting = session.get(StoreSetting, GENERATION_SETTING)
        if setting is None:
            setting = StoreSetting(key=GENERATION_SETTING, value="0")
        setting.value = str(int(setting.value) + 1)
        session.add(setting)

    # -- the embedding model -------------------------------------------------------------
    def stored_model(self) -> str | None:
        """The model that made the stored vectors (None while the store is empty)."""
        with self.session() as session:
            setting = session.get(StoreSetting, MODEL_SETTING)
        return setting.value if setting else self.vectors.model_name()

    def check_model(self, model: str) -> None:
        """Raise EmbeddingModelMismatch if the store holds vectors of another model."""
        stored = self.stored_model()
        if stored is not None and stored != model:
            raise EmbeddingModelMismatch(stored, model)

    def _record_model(self, session: Session, model: str) -> None:
        setting = session.get(StoreSetting, MODEL_SETTING)
        if setting is None:
            session.add(StoreSetting(key=MODEL_SETTING, value=model))
        else:
            setting.value = model
            session.add(setting)
        if self.vectors.model_name() != model:
            self.vectors.set_model_name(model)

    # -- the embedding cache -------------------------------------------------------------
    def cached_vectors(self, hashes: Sequence[str], model: str) -> dict[str, list[float]]:
        """Vectors already computed by `model` for these text hashes."""
        found: dict[str, list[float]] = {}
        unique = list(dict.fromkeys(hashes))
        with self.session() as session:
            for start in range(0, len(unique), 500):
                rows = session.exec(
                    select(EmbeddingCacheEntry).where(
                        EmbeddingCacheEntry.model == model,
                        col(EmbeddingCacheEntry.text_hash).in_(unique[start : start + 500]),
                    )
                )
                for row in rows:
                    found[row.text_hash] = np.frombuffer(row.vector, dtype=np.float32).tolist()
        return found

    # -- files -----------------------------------------------------------------------------
    def find_file(self, *, name: str | None = None, sha256: str | None = None) -> SourceFile | None:
        """The stored file with this name, or else with this content hash."""
        with self.session() as session:
            query = select(SourceFile)
            query = query.where(SourceFile.name == name) if name else query
            query = query.where(SourceFile.sha256 == sha256) if sha256 else query
            return session.exec(query).first()

    def write_file(self, new: NewFile, *, model: str) -> WriteResult:
        """Store a file's reports, replacing an older version with its name; all or nothing."""
        added_ids: list[str] = []
        with self.session() as session:
            try:
                old = session.exec(select(SourceFile).where(SourceFile.name == new.name)).first()
                old_chunk_ids = self._delete_file_rows(session, old) if old else []
                document_ids, vectors = self._insert(session, new)
                self._record_model(session, model)
                self.bump_generation(session)
                save_cache_entries(session, model, new.new_cache_entries)
                session.flush()
                added_ids = [v[0] for v in vectors]
                self.vectors.add(
                    added_ids,
                    [v[1] for v in vectors],
                    [v[2] for v in vectors],
                    [v[3] for v in vectors],
                )
                session.commit()
            except BaseException:
                session.rollback()
                if added_ids:
                    self.vectors.delete(added_ids)
                raise
        # Old vectors go only once the new version is committed; a crash here leaves orphans
        # that `zongjie check` finds, never a half document.
        if old_chunk_ids:
            self.vectors.delete(old_chunk_ids)
        return WriteResult(document_ids=document_ids, replaced=old is not None)

    def _insert(
        self, session: Session, new: NewFile
    ) -> tuple[list[int], list[tuple[str, list[float], str, Metadata]]]:
        source = SourceFile(name=new.name, sha256=new.sha256, size=new.size, format=new.format)
        session.add(source)
        session.flush()
        document_ids: list[int] = []
        vectors: list[tuple[str, list[float], str, Metadata]] = []
        for index, doc in enumerate(new.documents):
            document = Document(
                title=doc.title,
                period=doc.period,
                region=doc.region,
                kind=doc.kind,
                index_in_file=index,
                placeholders=json.dumps(doc.placeholders, ensure_ascii=False),
                source_file_id=source.id,
            )
            session.add(document)
            session.flush()
            assert document.id is not None
            document_ids.append(document.id)
            # merge: a hand-deleted report's record must not block a new report given its id
            session.merge(
                DocumentFigures(
                    document_id=document.id, rules_version=doc.figure_rules, grids=doc.figure_grids
                )
            )
            section_ids: list[int] = []
            for order, sec in enumerate(doc.sections):
                parent_id = section_ids[sec.parent] if sec.parent is not None else None
                section = Section(
                    order=order,
                    level=sec.level,
                    heading=sec.heading,
                    heading_path=sec.heading_path,
                    text=sec.text,
                    document_id=document.id,
                    parent_id=parent_id,
                )
                session.add(section)
                session.flush()
                assert section.id is not None
                section_ids.append(section.id)
            for fig in doc.metrics:
                section_id = section_ids[fig.section] if fig.section is not None else None
                session.add(
                    metric_row(
                        fig, document_id=document.id, region=doc.region, section_id=section_id
                    )
                )
            for order, piece in enumerate(doc.chunks):
                chunk = Chunk(
                    id=uuid.uuid4().hex,
                    order=order,
                    text=piece.text,
                    text_hash=piece.text_hash,
                    document_id=document.id,
                    section_id=section_ids[piece.section],
                )
                session.add(chunk)
                metadata = chunk_metadata(
                    document_id=document.id,
                    section_id=chunk.section_id,
                    file=new.name,
                    period=doc.period,
                    region=doc.region,
                )
                vectors.append((chunk.id, piece.vector, piece.text, metadata))
        return document_ids, vectors

    def _delete_file_rows(self, session: Session, source: SourceFile) -> list[str]:
        doc_ids = list(
            session.exec(select(Document.id).where(Document.source_file_id == source.id))
        )
        chunk_ids = self._delete_document_rows(session, [i for i in doc_ids if i is not None])
        session.delete(source)
        session.flush()
        return chunk_ids

    @staticmethod
    def _delete_document_rows(session: Session, doc_ids: list[int]) -> list[str]:
        if not doc_ids:
            return []
        chunk_ids = list(session.exec(select(Chunk.id).where(col(Chunk.document_id).in_(doc_ids))))
        session.exec(delete(Chunk).where(col(Chunk.document_id).in_(doc_ids)))  # type: ignore[call-overload]
        session.exec(delete(Metric).where(col(Metric.document_id).in_(doc_ids)))  # type: ignore[call-overload]
        session.exec(delete(Section).where(col(Section.document_id).in_(doc_ids)))  # type: ignore[call-overload]
        session.exec(delete(DocumentFigures).where(col(DocumentFigures.document_id).in_(doc_ids)))  # type: ignore[call-overload]
        session.exec(delete(Document).where(col(Document.id).in_(doc_ids)))  # type: ignore[call-overload]
        session.flush()
        return chunk_ids

    def delete_document(self, document_id: int) -> Document:
        """Delete one report (its sections, chunks and vectors); a file left empty goes too."""
        with self.session() as session:
            document = session.get(Document, document_id)
            if document is None:
                raise DocumentNotFound(str(document_id))
            chunk_ids = self._delete_document_rows(session, [document_id])
            source = session.get(SourceFile, document.source_file_id)
            remaining = session.exec(
                select(Document.id).where(Document.source_file_id == document.source_file_id)
            ).first()
            if source is not None and remaining is None:
                session.delete(source)
            elif source is not None:
                source.sha256 = PARTIAL_SHA
                session.add(source)
            self.bump_generation(session)
            session.commit()
        self.vectors.delete(chunk_ids)
        return document
