"""SQLModel tables: files, documents (one per report), sections, chunks, the embedding cache."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, LargeBinary, Text
from sqlmodel import Field, SQLModel


def _now() -> datetime:
    return datetime.now(UTC)


class SourceFileBase(SQLModel):
    name: str = Field(index=True, unique=True, max_length=512)
    sha256: str = Field(max_length=64)
    size: int
    format: str = Field(max_length=16)


class SourceFile(SourceFileBase, table=True):
    """One ingested file; a file with the same name and new content replaces it."""

    __tablename__ = "source_file"
    id: int | None = Field(default=None, primary_key=True)
    ingested_at: datetime = Field(default_factory=_now)


class DocumentBase(SQLModel):
    title: str = Field(max_length=512)
    period: str | None = Field(default=None, index=True, max_length=64)
    region: str | None = Field(default=None, index=True, max_length=64)
    kind: str = Field(default="report", max_length=16)
    index_in_file: int = 0
    placeholders: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class Document(DocumentBase, table=True):
    """One report: a file holding three reports gives three documents."""

    __tablename__ = "document"
    id: int | None = Field(default=None, primary_key=True)
    source_file_id: int = Field(foreign_key="source_file.id", index=True)


class SectionBase(SQLModel):
    order: int
    level: int
    heading: str = Field(sa_column=Column(Text, nullable=False))
    heading_path: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))


class Section(SectionBase, table=True):
    """A heading and its own text; `heading_path` joins the headings above it with PATH_SEP."""

    __tablename__ = "section"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    parent_id: int | None = Field(default=None)


class ChunkBase(SQLModel):
    order: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    text_hash: str = Field(max_length=64, index=True)


class Chunk(ChunkBase, table=True):
    """A retrieval unit; its id is also its vector's id in Chroma."""

    __tablename__ = "chunk"
    id: str = Field(primary_key=True, max_length=32)
    document_id: int = Field(foreign_key="document.id", index=True)
    section_id: int = Field(foreign_key="section.id", index=True)


class MetricBase(SQLModel):
    indicator: str = Field(index=True, max_length=128)
    value: str = Field(max_length=64)  # the exact decimal as text: never a float
    unit: str = Field(default="", max_length=32)
    raw: str = Field(max_length=128)
    approximate: bool = False
    kind: str = Field(default="unknown", max_length=16)  # target|actual|plan|change|unknown
    period: str | None = Field(default=None, index=True, max_length=64)
    region: str | None = Field(default=None, max_length=64)
    sentence: str = Field(sa_column=Column(Text, nullable=False))
    location: str = Field(default="", max_length=128)  # a table cell: 工作表 第N行 第M列


class Metric(MetricBase, table=True):
    """One reported figure, with the sentence (or table cell) it came from."""

    __tablename__ = "metric"
    id: int | None = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id", index=True)
    section_id: int | None = Field(default=None, foreign_key="section.id")


class DocumentFigures(SQLModel, table=True):
    """Which figure-extraction rules made a document's figures, and what they were read from.

    A table of its own rather than a column of `document`, so a store made before it opens as
    it is (the schema only ever gains tables): a document without a row has figures of old rules.
    `grids` keeps a metric table's cells as JSON, since its stored text has lost the sheet's row
    and column numbers the figures cite; it is empty for prose.
    """

    __tablename__ = "document_figures"
    document_id: int = Field(primary_key=True, foreign_key="document.id")
    rules_version: int = 0
    grids: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class EmbeddingCacheEntry(SQLModel, table=True):
    """A vector already computed for this exact text by this model."""

    __tablename__ = "embedding_cache"
    text_hash: str = Field(primary_key=True, max_length=64)
    model: str = Field(primary_key=True, max_length=256)
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class StoreSetting(SQLModel, table=True):
    """Facts about the store itself, e.g. which embedding model made its vectors."""

    __tablename__ = "store_setting"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))


PATH_SEP = " > "


class DraftSessionBase(SQLModel):
    chat_id: str = Field(index=True, max_length=128)
    status: str = Field(default="active", max_length=16)  # active | finished | cancelled
    topic: str = Field(max_length=128)
    period: str = Field(default="", max_length=64)
    region: str = Field(default="", max_length=64)
    state: str = Field(sa_column=Column(Text, nullable=False))  # the conversation, as JSON


class DraftSession(DraftSessionBase, table=True):
    """One drafting conversation: at most one active per chat, kept across restarts."""

    __tablename__ = "draft_session"
    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=_now)
    updated_at: datetime = Field(default_factory=_now)
