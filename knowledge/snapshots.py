"""A value derived from the store's chunks (an index), rebuilt whenever the store has moved."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from storage.store import Store

T = TypeVar("T")


class Rebuilt(Generic[T]):
    """`build(previous)` run again whenever `Store.generation()` has changed since the last build.

    The generation is read before `build` reads the store: a write in between makes the next
    call rebuild again, so the value is never older than the store it is asked about. One
    rebuild runs at a time; readers holding an older value finish on it undisturbed.
    """

    def __init__(self, store: Store, build: Callable[[T | None], T]) -> None:
        self._store = store
        self._build = build
        self._current: tuple[int, T] | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        """The value for the store as it is now."""
        generation = self._store.generation()
        current = self._current
        if current is not None and current[0] == generation:
            return current[1]
        with self._lock:
            current = self._current
            if current is None or current[0] != generation:
                current = (generation, self._build(current[1] if current else None))
                self._current = current
        return current[1]
