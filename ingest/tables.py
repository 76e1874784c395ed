"""Metric tables (.xlsx/.csv) as text: a report with one section per sheet, chunked by rows."""

from __future__ import annotations

import re

from ingest.model import CELL_SEPARATOR, ParsedChunk, ParsedReport, ParsedSection
from ingest.periods import find_period, find_placeholders
from ingest.regions import find_region

TABLE_FORMATS = frozenset({"xlsx", "csv"})
_SHEET = re.compile(r"^【工作表：(?P<name>.+)】$")
MAX_TABLE_CHUNK_CHARS = 400


def parse_table(text: str, *, title: str) -> ParsedReport:
    """One report per table file, one section per sheet (the loader's 【工作表：NAME】 lines)."""
    sections: list[ParsedSection] = []
    name, rows = "", []
    for line in (line.strip() for line in text.splitlines()):
        match = _SHEET.match(line)
        if match:
            if rows:
                sections.append(_sheet_section(name or title, rows))
            name, rows = match["name"], []
        elif line:
            rows.append(line)
    if rows:
        sections.append(_sheet_section(name or title, rows))
    # A table's period lives in its columns; only a period in the title applies to all of it.
    return ParsedReport(
        title=title,
        period=find_period(title, ""),
        region=find_region(title, "", ""),
        sections=sections,
        placeholders=find_placeholders(title),
    )


def _sheet_section(name: str, rows: list[str]) -> ParsedSection:
    return ParsedSection(heading=name, level=1, path=(name,), text="\n".join(rows))


def chunk_table(
    report: ParsedReport, *, max_chars: int = MAX_TABLE_CHUNK_CHARS
) -> list[ParsedChunk]:
    """Rows grouped up to `max_chars`, each chunk repeating the sheet's header row."""
    chunks: list[ParsedChunk] = []
    for index, section in enumerate(report.sections):
        rows = section.text.splitlines()
        header_at = next((i for i, r in enumerate(rows) if CELL_SEPARATOR in r), 0)
        lead = "\n".join(rows[: header_at + 1])
        current: list[str] = []
        first = len(chunks)
        for row in rows[header_at + 1 :]:
            if current and len(lead) + sum(len(r) + 1 for r in current) + len(row) > max_chars:
                chunks.append(ParsedChunk(index, len(chunks), "\n".join([lead, *current])))
                current = []
            current.append(row)
        if current or len(chunks) == first:
            chunks.append(ParsedChunk(index, len(chunks), "\n".join([lead, *current])))
    return chunks
