"""A report's figures as rows for the metric store: prose figures, or table cells for tables."""

from __future__ import annotations

from ingest.figures import extract_figures, figure_period, table_grids
from ingest.metric_tables import TableFigure, table_figures
from ingest.model import Grid, ParsedReport
from storage.records import NewMetric

# The version of the rules that turn a report into figure rows. Stored with every document's
# figures; a store whose documents have an older one re-extracts their figures from the stored
# text when it is next opened for ingest (ingest/figure_refresh.py). Bump it in the same commit
# as any change to what report_metrics returns: ingest/figures.py, figure_names.py, name_forms.py,
# name_words.py, numbers.py, metric_tables.py, periods.py or this module.
# tests/test_figure_refresh.py fails until you do (for changes the samples show).
FIGURE_RULES_VERSION = 22


def report_metrics(report: ParsedReport, grids: tuple[Grid, ...] = ()) -> list[NewMetric]:
    """Every figure of one report; with grids (a metric table) the cells, else the prose."""
    if grids:
        return _table_metrics(report, grids)
    prose = [
        NewMetric(
            section=f.section_index,
            indicator=f.indicator,
            value=str(f.quantity.value),
            unit=f.quantity.unit,
            raw=f.quantity.raw,
            approximate=f.quantity.approximate,
            kind=f.kind,
            period=figure_period(report.period, f.sentence, f.clause),
            sentence=f.sentence,
        )
        for f in extract_figures(report)
    ]
    return prose + _tables_in_prose(report)


def _tables_in_prose(report: ParsedReport) -> list[NewMetric]:
    """Tables inside a report (a docx or pdf table), read cell by cell."""
    metrics = []
    for index, section in enumerate(report.sections):
        for grid in table_grids(section.text, section.heading or report.title):
            for f in table_figures(grid, default_period=report.period):
                metrics.append(_from_table(f, index, location=f"{section.heading} 所附表格"))
    return metrics


def _from_table(f: TableFigure, section: int | None, *, location: str) -> NewMetric:
    return NewMetric(
        section=section,
        indicator=f.indicator,
        value=f.value,
        unit=f.unit,
        raw=f.raw,
        approximate=f.approximate,
        kind=f.kind,
        period=f.period,
        sentence=f.row_text,
        location=location,
    )


def _table_metrics(report: ParsedReport, grids: tuple[Grid, ...]) -> list[NewMetric]:
    sections = {s.heading: i for i, s in enumerate(report.sections)}
    metrics = []
    for grid in grids:
        for f in table_figures(grid, default_period=report.period):
            metrics.append(_from_table(f, sections.get(grid.name), location=f.location))
    return metrics
