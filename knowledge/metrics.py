"""The metric store as the official sees it: figures of an indicator, its series, conflicts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ingest.numbers import parse_quantity
from knowledge import indicators
from storage.metric_queries import MetricRow, indicator_names, metrics_for
from storage.store import Store

# Series and conflicts compare what happened; targets and plans are different figures.
SERIES_KINDS = ("actual", "unknown")
KIND_NAMES = {"target": "目标", "actual": "完成", "plan": "计划", "change": "增减"}
FAMILY = 0.8  # names this similar to the best match are one indicator worded differently


@dataclass(frozen=True)
class Conflict:
    """Different values for one indicator, period and region in different documents."""

    indicator: str
    period: str | None
    region: str | None
    rows: tuple[MetricRow, ...]


@dataclass(frozen=True)
class SeriesPoint:
    """One period's value of an indicator, with every row that states it."""

    period: str
    value: Decimal
    unit: str
    rows: tuple[MetricRow, ...]


@dataclass(frozen=True)
class MetricLookup:
    """The answer to "show me this indicator": matched names, rows, series and conflicts."""

    query: str
    indicators: list[str]
    rows: list[MetricRow]
    series: list[SeriesPoint]
    conflicts: list[Conflict]


def comparable(row: MetricRow) -> tuple[str, Decimal] | None:
    """(base unit, value in it) so 809.8万元 and 8098000元 compare equal; None if unreadable."""
    q = parse_quantity(f"{row.metric.value}{row.metric.unit}")
    if q is None:
        return None
    return q.base_unit, q.scaled()


class MetricService:
    """Lookups over the stored figures."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def lookup(
        self, query: str, *, period: str | None = None, region: str | None = None
    ) -> MetricLookup:
        """Figures of the indicators that answer to `query` (optionally of one period, region)."""
        with self._store.session() as session:
            known = indicator_names(session=session, region=region)
            names = [n for n, _ in indicators.match(query, known)]
            rows = (
                metrics_for(session=session, indicators=names, period=period, region=region)
                if names
                else []
            )
        # The series follows the best-matching indicator and its near-identical wordings.
        family = {n for n in names if names and indicators.similarity(names[0], n) >= FAMILY}
        series = _series([r for r in rows if r.metric.indicator in family])
        return MetricLookup(query, names, rows, series, _conflicts(rows))


def _series(rows: list[MetricRow]) -> list[SeriesPoint]:
    """One point per period of the actual values; periods in time order."""
    by_period: dict[str, list[MetricRow]] = defaultdict(list)
    for row in rows:
        if row.metric.kind in SERIES_KINDS and row.metric.period and comparable(row):
            by_period[row.metric.period].append(row)
    points = []
    for period, group in by_period.items():
        unit, value = comparable(group[0]) or ("", Decimal(0))
        points.append(SeriesPoint(period, value, unit, tuple(group)))
    return sorted(points, key=lambda p: p.period)


def _conflicts(rows: list[MetricRow]) -> list[Conflict]:
    groups: dict[tuple[str, str | None, str | None], list[MetricRow]] = defaultdict(list)
    for row in rows:
        if row.metric.kind in SERIES_KINDS:
            key = (row.metric.indicator, row.metric.period, row.document.region)
            groups[key].append(row)
    conflicts = []
    for (name, period, region), group in groups.items():
        values = {comparable(r) for r in group}
        documents = {r.document.id for r in group}
        if len(values) > 1 and len(documents) > 1:
            conflicts.append(Conflict(name, period, region, tuple(group)))
    return conflicts
