"""Every template the code may render, with the variables it passes."""

from __future__ import annotations

CATALOG: dict[str, frozenset[str]] = {
    # errors shown to users, one per exception class (bot/messages.py maps them)
    "error.unsupported_type": frozenset({"name"}),
    "error.legacy_format": frozenset({"name"}),
    "error.empty_file": frozenset({"name"}),
    "error.too_large": frozenset({"name", "limit_mb"}),
    "error.corrupt_file": frozenset({"name"}),
    "error.unsafe_archive": frozenset({"name"}),
    "error.undecodable_text": frozenset({"name"}),
    "error.missing_file": frozenset({"name"}),
    "error.ingest_other": frozenset({"name"}),
    "error.model_mismatch": frozenset({"stored", "configured"}),
    "error.model_unavailable": frozenset({"detail"}),
    "error.document_not_found": frozenset({"ref"}),
    "error.vector_store_unavailable": frozenset({"detail"}),
    "error.internal": frozenset(),
    "error.chart_font_missing": frozenset(),
    "error.store_not_empty": frozenset(),
    "error.backup_invalid": frozenset(),
    "error.store_inconsistent": frozenset(),
    # the terminal chat
    "chat.welcome": frozenset({"documents", "chunks"}),
    "answer.not_found": frozenset({"question"}),
    "ingest.summary": frozenset({"files", "documents", "added", "unchanged", "replaced", "errors"}),
    # zongjie check / export / import
    "check.clean": frozenset({"files", "documents", "chunks", "vectors"}),
    "check.problems": frozenset(
        {
            "orphan_vectors",
            "chunks_without_vectors",
            "orphan_chunks",
            "orphan_sections",
            "orphan_metrics",
            "orphan_documents",
            "empty_files",
        }
    ),
    "check.repaired": frozenset({"vectors_deleted", "rows_deleted", "vectors_restored"}),
    "backup.exported": frozenset({"path", "rows", "vectors", "model"}),
    "backup.imported": frozenset({"path", "rows", "vectors", "model"}),
}
