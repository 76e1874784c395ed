"""Plain data passed between the ingest stages: loaded text → reports → sections → chunks."""

from __future__ import annotations

from dataclasses import dataclass, field

CELL_SEPARATOR = " | "  # how every loader joins the cells of a table row into a line of text


@dataclass(frozen=True)
class GridRow:
    """One non-empty row of a sheet: its 1-based row number and its cells' text by column."""

    number: int
    cells: tuple[str, ...]  # index 0 is column 1; empty strings keep the columns aligned


@dataclass(frozen=True)
class Grid:
    """One sheet of a metric table (.xlsx sheet, or the whole .csv), rows as written."""

    name: str
    rows: tuple[GridRow, ...]


@dataclass(frozen=True)
class LoadedText:
    """A file turned into text; `format` names the loader (txt, docx, pdf, html, xlsx, csv).

    Tables (.xlsx/.csv) also keep their `grids`, so figures can cite sheet, row and column.
    """

    text: str
    format: str
    grids: tuple[Grid, ...] = ()


@dataclass
class ParsedSection:
    """One heading and the text directly under it (children's text excluded).

    `path` is the heading path from the report's top, e.g. ("一、上半年…", "(一)目标…", "2.事业").
    The report's preamble (text before the first heading) is a section with level 0 and an
    empty path.
    `parent` is the index of the parent section in the report's `sections` list, or None.
    """

    heading: str
    level: int
    path: tuple[str, ...]
    text: str
    parent: int | None = None


@dataclass
class ParsedReport:
    """One report inside a file: title, period and region (None when unknown or a placeholder)."""

    title: str
    period: str | None
    region: str | None
    sections: list[ParsedSection] = field(default_factory=list)
    placeholders: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedChunk:
    """A retrieval unit: whole sentences of one section, at most a few hundred characters."""

    section_index: int
    order: int
    text: str
