"""Which extraction rules made each document's figures, and swapping a document's figures.

Figures are extracted at ingest and an unchanged file is never read again, so without this a
store would keep the figures of whatever rules it was ingested under. The rules' version is a
number the ingest layer owns; here it is only compared. A document with no `DocumentFigures`
row was stored before versions were recorded and counts as version 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from storage.models import Document, DocumentFigures, Metric, Section, SourceFile
from storage.records import NewMetric
from storage.store import Store, metric_row


@dataclass(frozen=True)
class StaleDocument:
    """A document whose figures came from older rules, with what they can be read again from."""

    document: Document
    file: str  # the name of its file
    sections: list[Section]  # in reading order
    grids: str  # a metric table's cells as JSON; "" for prose or a table stored before them


def stale_document_ids(
    *, session: Session, version: int, every: bool = False, file_id: int | None = None
) -> list[int]:
    """Ids of the documents whose figures are older than `version` (all of them with `every`)."""
    query = select(Document.id).outerjoin(
        DocumentFigures, col(DocumentFigures.document_id) == Document.id
    )
    if not every:
        older = col(DocumentFigures.rules_version) < version
        query = query.where(col(DocumentFigures.document_id).is_(None) | older)
    if file_id is not None:
        query = query.where(Document.source_file_id == file_id)
    return [i for i in session.exec(query.order_by(col(Document.id))) if i is not None]


def stale_document(*, session: Session, document_id: int) -> StaleDocument | None:
    """A document with its file name, sections and stored cells (None once it is deleted)."""
    document = session.get(Document, document_id)
    if document is None:
        return None
    sections = session.exec(
        select(Section).where(Section.document_id == document_id).order_by(col(Section.order))
    )
    record = session.get(DocumentFigures, document_id)
    file = session.get(SourceFile, document.source_file_id)
    return StaleDocument(
        document=document,
        file=file.name if file else "",
        sections=list(sections),
        grids=record.grids if record else "",
    )


def replace_figures(
    store: Store,
    stale: StaleDocument,
    metrics: list[NewMetric],
    *,
    version: int,
    every: bool = False,
) -> bool:
    """Put `metrics` (extracted under `version`) in place of the document's figures, at once.

    One transaction: the old rows stay until the new ones are committed, and any failure
    leaves them as they were. Returns False, changing nothing, when the document is gone or
    another process has meanwhile brought it to `version` or later (`every`: later only).
    The version is claimed first, by a write: on SQLite that takes the write lock before
    anything is read, on PostgreSQL it locks the row, so two processes never both rewrite.
    """
    document = stale.document
    assert document.id is not None
    section_ids = [s.id for s in stale.sections]
    with store.session() as session:
        try:
            if not _claim(session, document.id, version, every):
                session.rollback()
                return False
            session.exec(delete(Metric).where(col(Metric.document_id) == document.id))  # type: ignore[call-overload]
            for fig in metrics:
                section_id = section_ids[fig.section] if fig.section is not None else None
                row = metric_row(
                    fig, document_id=document.id, region=document.region, section_id=section_id
                )
                session.add(row)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return True


def _claim(session: Session, document_id: int, version: int, every: bool) -> bool:
    """Record `version` for the document if its figures are older; False if they are not."""
    current = col(DocumentFigures.rules_version)
    claimed = session.exec(  # type: ignore[call-overload]
        update(DocumentFigures)
        .where(col(DocumentFigures.document_id) == document_id)
        .where(current <= version if every else current < version)
        .values(rules_version=version)
    )
    if claimed.rowcount:
        return True
    if session.get(DocumentFigures, document_id) is not None:
        return False  # already at `version` (or newer)
    try:  # a document stored before versions were recorded
        session.add(DocumentFigures(document_id=document_id, rules_version=version))
        session.flush()
    except IntegrityError:  # the document is gone, or another process recorded it first
        return False  # the caller rolls the transaction back
    return True
