"""The ingest exception tree. Wording for users (Chinese) lives at the edges, keyed by class."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be ingested; nothing of it was stored."""

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(f"{path}: {detail}" if detail else path)
        self.path = path
        self.detail = detail


class UnsupportedType(IngestError):
    """The file's extension is not one Zongjie reads."""


class LegacyFormat(IngestError):
    """A legacy .doc/.wps file with no reader available: save it as .docx."""


class EmptyFile(IngestError):
    """The file has no bytes, or no text after cleaning."""


class TooLarge(IngestError):
    """The file is over the configured size limit."""


class TooMuchText(IngestError):
    """The file's text is longer than one upload may be, however small the file."""

    def __init__(self, path: str, chars: int, limit: int) -> None:
        super().__init__(path, f"{chars} characters of text (limit {limit})")
        self.chars = chars
        self.limit = limit


class CorruptFile(IngestError):
    """The file claims a format but cannot be parsed as it."""


class UnsafeArchive(IngestError):
    """A zip container (docx/xlsx) whose entry count, size or ratio looks like a zip bomb."""


class UndecodableText(IngestError):
    """A text file in none of the encodings we accept (UTF-8, UTF-8 with BOM, GB18030)."""


class MissingFile(IngestError):
    """No file at the given path."""
