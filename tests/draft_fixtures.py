"""A private copy of the sample store for drafting tests: drafts write conversation rows, and
the session's sample store is shared read-only."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.services import Services
from storage.database import make_engine
from storage.store import Store


def copy_store(sample_services: Services, folder: Path) -> Store:
    """A store over a copy of the sample corpus's SQL (vectors shared; drafting never uses them)."""
    source = sample_services.settings.resolved_database_url().removeprefix("sqlite:///")
    target = folder / "draft.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return Store(make_engine(f"sqlite:///{target}"), sample_services.store.vectors)
