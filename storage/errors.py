"""The storage exception tree."""

from __future__ import annotations


class StorageError(Exception):
    """Something in SQL, Chroma or the embeddings went wrong."""


class EmbeddingModelMismatch(StorageError):
    """The store was built with another embedding model; `zongjie reindex` rebuilds it."""

    def __init__(self, stored: str, configured: str) -> None:
        super().__init__(
            f"the store's vectors were made by {stored!r} but the configured model is "
            f"{configured!r}; run `zongjie reindex` to re-embed with the configured model"
        )
        self.stored = stored
        self.configured = configured


class EmbeddingModelUnavailable(StorageError):
    """The configured embedding model cannot be loaded offline."""


class DocumentNotFound(StorageError):
    """No stored document matches the given id or name."""

    def __init__(self, ref: str) -> None:
        super().__init__(ref)
        self.ref = ref


class VectorStoreUnavailable(StorageError):
    """The Chroma server (or its files) could not be reached."""


class StoreNotEmpty(StorageError):
    """A backup is restored only into an empty store."""


class BackupInvalid(StorageError):
    """The file is not a complete Zongjie backup."""


class StoreInconsistent(StorageError):
    """SQL and vectors disagree; `zongjie check --repair` puts them right."""
