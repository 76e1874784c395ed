"""What a writer hands the store: one file's reports, sections and embedded chunks."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NewSection:
    """A section to store; `parent` indexes the same document's `sections` list."""

    level: int
    heading: str
    heading_path: str
    text: str
    parent: int | None


@dataclass(frozen=True)
class NewChunk:
    """A chunk to store with its vector; `section` indexes the document's `sections` list."""

    section: int
    text: str
    text_hash: str
    vector: list[float]


@dataclass(frozen=True)
class NewMetric:
    """A figure to store; `section` indexes the document's `sections` list (None for none)."""

    section: int | None
    indicator: str
    value: str
    unit: str
    raw: str
    approximate: bool
    kind: str
    period: str | None
    sentence: str
    location: str = ""


@dataclass
class NewDocument:
    """One report of the file."""

    title: str
    period: str | None
    region: str | None
    kind: str
    placeholders: list[str]
    sections: list[NewSection] = field(default_factory=list)
    chunks: list[NewChunk] = field(default_factory=list)
    metrics: list[NewMetric] = field(default_factory=list)
    figure_rules: int = 0  # the extraction rules' version that made `metrics` (0: unknown, old)
    figure_grids: str = ""  # a metric table's cells as JSON, to extract its figures again


@dataclass(frozen=True)
class NewFile:
    """A whole file, written at once or not at all."""

    name: str
    sha256: str
    size: int
    format: str
    documents: list[NewDocument]
    new_cache_entries: dict[str, list[float]]
