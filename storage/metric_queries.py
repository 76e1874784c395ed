"""Read-only queries over the stored figures; keyword-only functions on a Session."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from storage.models import Document, Metric, Section, SourceFile


@dataclass(frozen=True)
class MetricRow:
    """A stored figure with the report, section and file it came from."""

    metric: Metric
    document: Document
    section: Section | None
    file: SourceFile


def indicator_names(*, session: Session, region: str | None = None) -> list[str]:
    """Every distinct indicator name in the store (or in one region's reports)."""
    query = select(Metric.indicator).distinct()
    if region:
        query = query.where(col(Metric.document_id).in_(_reports_of(region)))
    return sorted(set(session.exec(query)))


def _reports_of(region: str) -> Select:
    # A region's figures are reached through its reports (document.region and
    # metric.document_id are indexed), not by scanning every figure.
    return select(Document.id).where(Document.region == region)


def metrics_for(
    *,
    session: Session,
    indicators: Sequence[str],
    period: str | None = None,
    region: str | None = None,
) -> list[MetricRow]:
    """The figures of these indicators (optionally of one period, one region), in document order."""
    query = (
        select(Metric, Document, SourceFile)
        .join(Document, col(Document.id) == Metric.document_id)
        .join(SourceFile, col(SourceFile.id) == Document.source_file_id)
        .where(col(Metric.indicator).in_(list(indicators)))
        .order_by(col(Metric.document_id), col(Metric.id))
    )
    if period:
        query = query.where(Metric.period == period)
    if region:
        # Picked by id from the region's own figures: left to itself, SQLite walks the
        # indicator index through every region's rows (~20 ms at 100k chunks).
        wanted = set(indicators)
        own = select(Metric.id, Metric.indicator).where(
            col(Metric.document_id).in_(_reports_of(region)), Metric.region == region
        )
        query = query.where(
            col(Metric.id).in_([i for i, name in session.exec(own) if name in wanted])
        )
    rows = session.exec(query).all()
    section_ids = {m.section_id for m, _, _ in rows if m.section_id is not None}
    sections = (
        {s.id: s for s in session.exec(select(Section).where(col(Section.id).in_(section_ids)))}
        if section_ids
        else {}
    )
    return [
        MetricRow(m, d, sections.get(m.section_id) if m.section_id else None, f) for m, d, f in rows
    ]


def count_metrics(*, session: Session, document_id: int) -> int:
    """How many figures one report holds."""
    return len(session.exec(select(Metric.id).where(Metric.document_id == document_id)).all())


def metrics_in_sections(*, session: Session, section_ids: Sequence[int]) -> list[Metric]:
    """The figures stated in these sections, in stored order."""
    if not section_ids:
        return []
    ids = list(section_ids)
    # Reached through their reports (metric.document_id is indexed, metric.section_id is not):
    # a full scan of the metric table cost ~30 ms per answer at 10k chunks.
    reports = select(Section.document_id).where(col(Section.id).in_(ids))
    query = select(Metric).where(
        col(Metric.document_id).in_(reports), col(Metric.section_id).in_(ids)
    )
    return list(session.exec(query.order_by(col(Metric.id))))
