"""User-facing (Chinese) wording for errors: the one place exceptions become sentences."""

from __future__ import annotations

from pathlib import Path

from ingest import errors as ingest_errors
from knowledge.errors import ChartFontMissing
from prompts import Templates
from storage import errors as storage_errors

_INGEST_KEYS: list[tuple[type[ingest_errors.IngestError], str]] = [
    (ingest_errors.UnsupportedType, "error.unsupported_type"),
    (ingest_errors.LegacyFormat, "error.legacy_format"),
    (ingest_errors.EmptyFile, "error.empty_file"),
    (ingest_errors.CorruptFile, "error.corrupt_file"),
    (ingest_errors.UnsafeArchive, "error.unsafe_archive"),
    (ingest_errors.UndecodableText, "error.undecodable_text"),
    (ingest_errors.MissingFile, "error.missing_file"),
]

# Storage errors whose message takes no detail.
_STORAGE_KEYS: list[tuple[type[storage_errors.StorageError], str]] = [
    (storage_errors.StoreNotEmpty, "error.store_not_empty"),
    (storage_errors.BackupInvalid, "error.backup_invalid"),
    (storage_errors.StoreInconsistent, "error.store_inconsistent"),
]


def _in_wan(count: int) -> str:
    """A count in 万 as Chinese writes it: 200000 → "20万", 150000 → "15万", 5000 → "5000"."""
    return f"{count / 10_000:g}万" if count >= 10_000 else str(count)


def describe_error(exc: BaseException, templates: Templates, *, max_mb: int = 20) -> str:
    """One clear Chinese sentence for `exc`; internals never reach the user."""
    if isinstance(exc, ingest_errors.IngestError):
        name = Path(exc.path).name
        if isinstance(exc, ingest_errors.TooLarge):
            return templates.render("error.too_large", name=name, limit_mb=max_mb)
        if isinstance(exc, ingest_errors.TooMuchText):
            return templates.render("error.too_much_text", name=name, limit=_in_wan(exc.limit))
        for cls, key in _INGEST_KEYS:
            if isinstance(exc, cls):
                return templates.render(key, name=name)
        return templates.render("error.ingest_other", name=name)
    if isinstance(exc, storage_errors.EmbeddingModelMismatch):
        return templates.render(
            "error.model_mismatch", stored=exc.stored, configured=exc.configured
        )
    if isinstance(exc, storage_errors.EmbeddingModelUnavailable):
        return templates.render("error.model_unavailable", detail=str(exc))
    if isinstance(exc, storage_errors.DocumentNotFound):
        return templates.render("error.document_not_found", ref=exc.ref)
    if isinstance(exc, storage_errors.VectorStoreUnavailable):
        return templates.render("error.vector_store_unavailable", detail=str(exc))
    for cls, key in _STORAGE_KEYS:
        if isinstance(exc, cls):
            return templates.render(key)
    if isinstance(exc, ChartFontMissing):
        return templates.render("error.chart_font_missing")
    return templates.render("error.internal")
