"""Retrieved passages with everything needed to cite them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from storage.models import Chunk, Document, Section, SourceFile


@dataclass(frozen=True)
class Passage:
    """A chunk as found by a search: its text, where it stands, and its score."""

    chunk_id: str
    text: str
    document_id: int
    title: str
    section: str
    period: str | None
    region: str | None
    file: str
    score: float
    section_id: int = 0


def load_passages(session: Session, scored: Sequence[tuple[str, float]]) -> list[Passage]:
    """Passages for (chunk id, score) pairs in that order; ids no longer stored are skipped."""
    ids = [chunk_id for chunk_id, _ in scored]
    rows = session.exec(
        select(Chunk, Section, Document, SourceFile)
        .join(Section, col(Section.id) == Chunk.section_id)
        .join(Document, col(Document.id) == Chunk.document_id)
        .join(SourceFile, col(SourceFile.id) == Document.source_file_id)
        .where(col(Chunk.id).in_(ids))
    ).all()
    by_id = {chunk.id: (chunk, section, doc, file) for chunk, section, doc, file in rows}
    passages = []
    for chunk_id, score in scored:
        if chunk_id not in by_id:
            continue
        chunk, section, doc, file = by_id[chunk_id]
        passages.append(
            Passage(
                chunk_id=chunk.id,
                text=chunk.text,
                document_id=doc.id or 0,
                title=doc.title,
                section=section.heading_path,
                period=doc.period,
                region=doc.region,
                file=file.name,
                score=score,
                section_id=section.id or 0,
            )
        )
    return passages
