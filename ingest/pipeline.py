"""Files → clean text → reports → sections → chunks → vectors, stored all-or-nothing per file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest import loaders
from ingest.chunker import chunk_report
from ingest.cleaning import clean
from ingest.errors import EmptyFile, IngestError, MissingFile
from ingest.figure_refresh import FigureRefresh, encode_grids, needs_file, refresh_figures
from ingest.metrics import FIGURE_RULES_VERSION, report_metrics
from ingest.model import LoadedText, ParsedReport
from ingest.structure import parse_reports
from ingest.tables import TABLE_FORMATS, chunk_table, parse_table
from storage.embeddings import NamedEmbeddings
from storage.figure_rules import stale_document, stale_document_ids
from storage.models import PATH_SEP
from storage.queries import documents_of_file
from storage.records import NewChunk, NewDocument, NewFile, NewSection
from storage.store import Store

Progress = Callable[[str], None]


@dataclass(frozen=True)
class IngestedDocument:
    """One report of an ingested file and what happened to it."""

    id: int
    file: str
    title: str
    period: str | None
    region: str | None
    status: str  # added | unchanged | replaced
    sections: int
    chunks: int


@dataclass(frozen=True)
class FileFailure:
    """A file that could not be ingested; nothing of it was stored."""

    path: str
    error: IngestError


@dataclass
class IngestReport:
    """The outcome of one ingest run over many files."""

    documents: list[IngestedDocument] = field(default_factory=list)
    errors: list[FileFailure] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_from_cache: int = 0


def text_hash(text: str) -> str:
    """The embedding cache key of a chunk text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Ingestor:
    """Reads files and writes them to the store; a failing file leaves nothing behind."""

    def __init__(self, store: Store, embeddings: NamedEmbeddings, *, max_bytes: int) -> None:
        self._store = store
        self._embeddings = embeddings
        self._max_bytes = max_bytes
        self._figures_refreshed: FigureRefresh | None = None

    def refresh_stale_figures(self) -> FigureRefresh:
        """Bring figures from older extraction rules up to date, once per opened store."""
        if self._figures_refreshed is None:
            self._figures_refreshed = refresh_figures(self._store)
        return self._figures_refreshed

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> IngestReport:
        """Ingest files and folders (recursively); a bad file is reported and the rest go on."""
        self._store.check_model(self._embeddings.model_name)
        report = IngestReport()
        for path in expand_paths(paths):
            if progress:
                progress(path.name)
            try:
                report.documents.extend(self.ingest_file(path, report=report))
            except IngestError as exc:
                report.errors.append(FileFailure(str(path), exc))
        return report

    def ingest_file(
        self, path: Path, *, name: str | None = None, report: IngestReport | None = None
    ) -> list[IngestedDocument]:
        """Ingest one file under `name` (default: its file name); raises IngestError."""
        name = name or path.name
        self.refresh_stale_figures()
        if not path.is_file():
            raise MissingFile(str(path), "no such file")
        # An unchanged file is known by its hash before any parsing; the loader's checks
        # (size, type) still come first for a file that could not have been stored.
        size = path.stat().st_size
        if 0 < size <= self._max_bytes:
            with path.open("rb") as f:
                sha256 = hashlib.file_digest(f, "sha256").hexdigest()
            existing = self._store.find_file(name=name) or self._store.find_file(sha256=sha256)
            if existing is not None and existing.sha256 == sha256:
                # ...but an old metric table whose figures only its file can refresh is read
                if existing.name != name or not self._needs_file(existing.id):
                    return self._describe(existing.id, existing.name, status="unchanged")
        loaded = loaders.load(path, max_bytes=self._max_bytes)

        reports = self._parse(loaded.text, loaded.format, title=Path(name).stem)
        new_file = self._build(name, sha256, size, loaded, reports, report)
        result = self._store.write_file(new_file, model=self._embeddings.model_name)
        stored = self._store.find_file(name=name)
        assert stored is not None and stored.id is not None
        return self._describe(stored.id, name, status="replaced" if result.replaced else "added")

    def _parse(self, text: str, fmt: str, *, title: str) -> list[ParsedReport]:
        if fmt in TABLE_FORMATS:
            return [parse_table(text, title=title)]
        reports = [r for r in parse_reports(clean(text), fallback_title=title) if r.sections]
        if not reports:
            raise EmptyFile(title, "no text left after cleaning")
        return reports

    def _build(
        self,
        name: str,
        sha256: str,
        size: int,
        loaded: LoadedText,
        reports: list[ParsedReport],
        run: IngestReport | None,
    ) -> NewFile:
        fmt = loaded.format
        documents: list[NewDocument] = []
        chunker = chunk_table if fmt in TABLE_FORMATS else chunk_report
        pieces_per_doc = [chunker(r) for r in reports]
        texts = [p.text for pieces in pieces_per_doc for p in pieces]
        vectors, new_entries = self._embed(texts, run)
        for parsed, pieces in zip(reports, pieces_per_doc, strict=True):
            sections = [
                NewSection(
                    level=s.level,
                    heading=s.heading,
                    heading_path=PATH_SEP.join(s.path),
                    text=s.text,
                    parent=s.parent,
                )
                for s in parsed.sections
            ]
            chunks = [
                NewChunk(p.section_index, p.text, text_hash(p.text), vectors[text_hash(p.text)])
                for p in pieces
            ]
            documents.append(
                NewDocument(
                    title=parsed.title,
                    period=parsed.period,
                    region=parsed.region,
                    kind="table" if fmt in TABLE_FORMATS else "report",
                    placeholders=parsed.placeholders,
                    sections=sections,
                    chunks=chunks,
                    metrics=report_metrics(parsed, loaded.grids),
                    figure_rules=FIGURE_RULES_VERSION,
                    figure_grids=encode_grids(loaded.grids),
                )
            )
        return NewFile(name, sha256, size, fmt, documents, new_entries)

    def _needs_file(self, file_id: int | None) -> bool:
        """Whether a stored file is a metric table with figures of older rules that the store
        cannot refresh (it was stored before its cells were kept)."""
        with self._store.session() as session:
            ids = stale_document_ids(session=session, version=FIGURE_RULES_VERSION, file_id=file_id)
            stale = [stale_document(session=session, document_id=i) for i in ids]
        return any(s is not None and needs_file(s) for s in stale)

    def _embed(
        self, texts: list[str], run: IngestReport | None
    ) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
        """Vectors by text hash: from the cache where possible, each distinct text embedded once."""
        model = self._embeddings.model_name
        by_hash = {text_hash(t): t for t in texts}
        vectors = self._store.cached_vectors(list(by_hash), model)
        missing = [h for h in by_hash if h not in vectors]
        fresh = self._embeddings.embed_documents([by_hash[h] for h in missing]) if missing else []
        new_entries = dict(zip(missing, fresh, strict=True))
        vectors.update(new_entries)
        if run is not None:
            run.chunks_embedded += len(missing)
            run.chunks_from_cache += len(texts) - len(missing)
        return vectors, new_entries

    def _describe(self, file_id: int | None, name: str, *, status: str) -> list[IngestedDocument]:
        assert file_id is not None
        with self._store.session() as session:
            summaries = documents_of_file(session=session, file_id=file_id)
        return [
            IngestedDocument(
                id=s.document.id or 0,
                file=name,
                title=s.document.title,
                period=s.document.period,
                region=s.document.region,
                status=status,
                sections=s.sections,
                chunks=s.chunks,
            )
            for s in summaries
        ]


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and the readable files inside folders (hidden files skipped), sorted."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(p.startswith(".") for p in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child
        else:
            yield path  # a missing file is reported by the loader
