"""The stored reports' periods and regions, for search filters; read again when the store moves.

With 100k chunks there are thousands of reports, and checking each against a question's
filters cost ~15 ms per question. Reports share few periods and (per county) few regions, so
each distinct period and region is judged once and the reports are then picked by set lookups:
the same answer as `SearchFilters.admits` on every report, by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select

from knowledge.queryparse import (
    SearchFilters,
    filters_from_question,
    period_matches,
    region_matches,
    supported,
)
from knowledge.snapshots import Rebuilt
from storage.models import Document
from storage.store import Store

Report = tuple[int, str | None, str | None]  # id, period, region


@dataclass(frozen=True)
class _Catalog:
    reports: list[Report]
    periods: frozenset[str | None]
    regions: frozenset[str | None]


class ReportCatalog:
    """Which reports a question's filters admit, over the store's current reports."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._catalog = Rebuilt(store, self._read)

    def question_filters(self, question: str) -> SearchFilters:
        """The soft filters a question implies: a year and a region it names that reports carry."""
        catalog = self._catalog.get()
        # `supported` asks only whether some report has the year, some the region: one report
        # per distinct period and per distinct region answers it as all of them would.
        stand_ins = [(0, p, None) for p in catalog.periods] + [
            (0, None, r) for r in catalog.regions
        ]
        regions = {r for r in catalog.regions if r}
        return supported(filters_from_question(question, regions=regions), stand_ins)

    def admitted(self, filters: SearchFilters) -> set[int] | None:
        """The ids of the reports `filters` admit; None when nothing is filtered."""
        if filters.is_empty():
            return None
        catalog = self._catalog.get()
        periods = {p for p in catalog.periods if period_matches(filters.period, p)}
        regions = {r for r in catalog.regions if region_matches(filters.region, r)}
        ids = filters.document_ids
        return {
            i
            for i, period, region in catalog.reports
            if period in periods and region in regions and (ids is None or i in ids)
        }

    def _read(self, previous: _Catalog | None) -> _Catalog:
        with self._store.session() as session:
            rows = session.exec(select(Document.id, Document.period, Document.region)).all()
        reports = [(i, period, region) for i, period, region in rows if i is not None]
        return _Catalog(
            reports, frozenset(p for _, p, _ in reports), frozenset(r for _, _, r in reports)
        )
