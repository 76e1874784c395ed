"""Stored documents' figures brought up to the current extraction rules, from the stored text.

Figures are extracted at ingest, and an unchanged file is never read again; so when the rules
change (FIGURE_RULES_VERSION in ingest/metrics.py), the documents stored under older rules are
read again from what the store holds: their sections, and for a metric table its cells. A
document's figure rows are replaced in one transaction; its chunks and vectors are not touched,
since its text has not changed. Runs when a store is opened for ingest, and on demand
(`zongjie reindex-figures`, `zongjie check --repair`).

The one thing the store cannot give back is the cells of a metric table stored before they were
kept: its text has lost the sheet's row and column numbers that its figures cite. Such a table
is left as it is and named, and uploading its file again re-reads it (ingest/pipeline.py).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.metrics import FIGURE_RULES_VERSION, report_metrics
from ingest.model import Grid, GridRow, ParsedReport, ParsedSection
from storage.figure_rules import (
    StaleDocument,
    replace_figures,
    stale_document,
    stale_document_ids,
)
from storage.records import NewMetric
from storage.store import Store

log = logging.getLogger(__name__)

Extract = Callable[[ParsedReport, tuple[Grid, ...]], list[NewMetric]]


@dataclass
class FigureRefresh:
    """What a refresh did."""

    version: int  # the rules the figures now follow
    documents: int = 0  # documents whose figures were extracted again
    figures: int = 0  # the figure rows those documents now have
    failed: list[int] = field(default_factory=list)  # ids kept with their old figures
    need_file: list[str] = field(default_factory=list)  # files to upload again (old tables)


def stale_documents(store: Store, *, version: int = FIGURE_RULES_VERSION) -> list[int]:
    """Ids of the documents whose figures were extracted under older rules."""
    with store.session() as session:
        return stale_document_ids(session=session, version=version)


def refresh_figures(
    store: Store,
    *,
    every: bool = False,
    version: int = FIGURE_RULES_VERSION,
    extract: Extract = report_metrics,
) -> FigureRefresh:
    """Extract again the figures of every document older than `version` (all with `every`).

    A document that fails (its extraction raises, or the write does) keeps its old figures and
    is logged and listed; the others go on.
    """
    result = FigureRefresh(version)
    with store.session() as session:
        ids = stale_document_ids(session=session, version=version, every=every)
    for document_id in ids:
        with store.session() as session:
            stale = stale_document(session=session, document_id=document_id)
        if stale is None:  # deleted meanwhile
            continue
        if needs_file(stale):
            result.need_file.append(stale.file)
            continue
        try:
            metrics = extract(stored_report(stale), decode_grids(stale.grids))
            if replace_figures(store, stale, metrics, version=version, every=every):
                result.documents += 1
                result.figures += len(metrics)
        except Exception:  # noqa: BLE001 - one document's failure must not stop the others
            log.exception("figures of document %s not refreshed; its old ones stay", document_id)
            result.failed.append(document_id)
    if ids:
        log.info("figures of %d documents refreshed to rules %d", result.documents, version)
    return result


def needs_file(stale: StaleDocument) -> bool:
    """A metric table stored before its cells were kept: only its file can give its figures."""
    return stale.document.kind == "table" and not stale.grids


def stored_report(stale: StaleDocument) -> ParsedReport:
    """The report as ingest parsed it, rebuilt from its stored rows (headings, paths, text)."""
    index = {section.id: i for i, section in enumerate(stale.sections)}
    sections: list[ParsedSection] = []
    for row in stale.sections:
        parent = index[row.parent_id] if row.parent_id is not None else None
        if parent is not None:
            path = (*sections[parent].path, row.heading)
        else:  # a top heading, or the preamble (level 0), which has no path
            path = (row.heading,) if row.level > 0 else ()
        sections.append(ParsedSection(row.heading, row.level, path, row.text, parent))
    document = stale.document
    return ParsedReport(
        title=document.title,
        period=document.period,
        region=document.region,
        sections=sections,
        placeholders=json.loads(document.placeholders or "[]"),
    )


def encode_grids(grids: tuple[Grid, ...]) -> str:
    """A metric table's cells as JSON for the store ("" for none)."""
    if not grids:
        return ""
    sheets = [{"name": g.name, "rows": [[r.number, list(r.cells)] for r in g.rows]} for g in grids]
    return json.dumps(sheets, ensure_ascii=False)


def decode_grids(text: str) -> tuple[Grid, ...]:
    """The cells `encode_grids` stored."""
    if not text:
        return ()
    return tuple(
        Grid(sheet["name"], tuple(GridRow(number, tuple(cells)) for number, cells in sheet["rows"]))
        for sheet in json.loads(text)
    )
