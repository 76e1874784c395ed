"""`zongjie check`: SQL rows and Chroma vectors that do not belong together, and their repair.

A file is written all-or-nothing, but SQL and Chroma are two stores: a process killed between
adding a file's vectors and committing its rows leaves vectors no chunk owns, and a lost or
restored Chroma folder can leave chunks without vectors. Rows whose parent is gone (a section
of a deleted report) cannot arise through the store but can through a hand-edited or partly
restored database. The check finds each kind; the repair deletes what belongs to nothing and
re-embeds (cache first) the vectors of chunks that are otherwise whole.

Run the repair while no ingest is running: a file being written has vectors before its rows
are committed, and would look orphaned for that moment.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlmodel import Session, col, delete, select

from storage.embeddings import NamedEmbeddings
from storage.models import Chunk, Document, DocumentFigures, Metric, Section, SourceFile
from storage.reindex import restore_vectors
from storage.store import Store


@dataclass(frozen=True)
class ConsistencyReport:
    """What does not fit, by kind; ids sorted."""

    orphan_vectors: list[str]  # in Chroma, with no chunk row
    chunks_without_vectors: list[str]  # whole chunk rows whose vector is missing
    orphan_chunks: list[str]  # chunk rows whose report or section is gone
    orphan_sections: list[int]  # sections of a report that is gone
    orphan_metrics: list[int]  # figures of a report (or section) that is gone
    orphan_documents: list[int]  # reports of a file that is gone
    empty_files: list[int]  # files with no report left
    totals: dict[str, int]  # files, documents, chunks, vectors as found

    @property
    def clean(self) -> bool:
        """True when nothing is out of place."""
        return not any(self.problems().values())

    def problems(self) -> dict[str, int]:
        """How many of each kind of problem."""
        return {kind: len(getattr(self, kind)) for kind in PROBLEM_KINDS}


# Every field of the report but the totals is a kind of problem, in the fields' order.
PROBLEM_KINDS = tuple(f.name for f in fields(ConsistencyReport) if f.name != "totals")


@dataclass(frozen=True)
class RepairResult:
    """What the repair did: rows and vectors removed, vectors re-embedded."""

    vectors_deleted: int
    rows_deleted: int
    vectors_restored: int


def check_store(store: Store) -> ConsistencyReport:
    """Compare SQL with Chroma and every row with its parent; changes nothing."""
    # Rows are read before vectors: a file committed in between then shows as whole.
    with store.session() as session:
        files = set(session.exec(select(SourceFile.id)))
        documents = dict(session.exec(select(Document.id, Document.source_file_id)).all())
        orphan_documents = {d for d, f in documents.items() if f not in files}
        live_documents = set(documents) - orphan_documents
        sections = dict(session.exec(select(Section.id, Section.document_id)).all())
        orphan_sections = {s for s, d in sections.items() if d not in live_documents}
        live_sections = set(sections) - orphan_sections
        chunks = session.exec(select(Chunk.id, Chunk.document_id, Chunk.section_id)).all()
        orphan_chunks = {
            c for c, d, s in chunks if d not in live_documents or s not in live_sections
        }
        metrics = session.exec(select(Metric.id, Metric.document_id, Metric.section_id)).all()
        orphan_metrics = {
            m
            for m, d, s in metrics
            if d not in live_documents or (s is not None and s not in live_sections)
        }
        used_files = {documents[d] for d in live_documents}
    vector_ids = store.vectors.ids()
    chunk_ids = {c for c, _, _ in chunks}
    return ConsistencyReport(
        orphan_vectors=sorted(vector_ids - chunk_ids),
        chunks_without_vectors=sorted(chunk_ids - orphan_chunks - vector_ids),
        orphan_chunks=sorted(orphan_chunks),
        orphan_sections=sorted(orphan_sections),
        orphan_metrics=sorted(orphan_metrics),
        orphan_documents=sorted(orphan_documents),
        empty_files=sorted(f for f in files if f not in used_files),
        totals={
            "files": len(files),
            "documents": len(documents),
            "chunks": len(chunk_ids),
            "vectors": len(vector_ids),
        },
    )


def repair_store(
    store: Store, report: ConsistencyReport, embeddings: NamedEmbeddings
) -> RepairResult:
    """Delete what belongs to nothing, then re-embed the vectors whole chunks are missing."""
    with store.session() as session:
        rows = _delete_orphan_rows(session, report)
        if rows:
            store.bump_generation(session)
        session.commit()
        # Re-read just before deleting vectors: one committed since the check is not an orphan.
        owned = set(session.exec(select(Chunk.id).where(col(Chunk.id).in_(report.orphan_vectors))))
    stray = [v for v in report.orphan_vectors if v not in owned] + report.orphan_chunks
    store.vectors.delete(stray)
    restored = 0
    if report.chunks_without_vectors:
        store.check_model(embeddings.model_name)
        restored = restore_vectors(store, embeddings, report.chunks_without_vectors).chunks
    return RepairResult(vectors_deleted=len(stray), rows_deleted=rows, vectors_restored=restored)


def _delete_orphan_rows(session: Session, report: ConsistencyReport) -> int:
    """Delete orphan rows children first (foreign keys); returns how many went."""
    steps = [
        (Chunk, col(Chunk.id), report.orphan_chunks),
        (Metric, col(Metric.id), report.orphan_metrics),
        (Section, col(Section.id), report.orphan_sections),
        (DocumentFigures, col(DocumentFigures.document_id), report.orphan_documents),
        (Document, col(Document.id), report.orphan_documents),
        (SourceFile, col(SourceFile.id), report.empty_files),
    ]
    deleted = 0
    for table, key, ids in steps:
        if ids:
            result = session.exec(delete(table).where(key.in_(ids)))  # type: ignore[call-overload]
            deleted += result.rowcount
    return deleted
