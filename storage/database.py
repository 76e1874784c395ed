"""SQL engine and schema: SQLite by default, PostgreSQL by URL; the same tables on both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import String, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.ext.compiler import compiles
from sqlmodel import SQLModel, create_engine

from storage import models  # noqa: F401  (registers the tables on SQLModel.metadata)

# Any fixed number: two processes starting on an empty PostgreSQL database at once take turns.
_SCHEMA_LOCK = 7_357_001


@compiles(String, "postgresql")
def _unbounded_varchar(type_: String, compiler: Any, **kw: Any) -> str:
    """PostgreSQL's VARCHAR(n) rejects a longer value where SQLite stores it.

    The store must accept the same documents on both, so on PostgreSQL string columns are
    VARCHAR without a limit (as fast as TEXT there); the lengths in models.py stay as
    documentation of what is expected.
    """
    return "VARCHAR"


def make_engine(url: str) -> Engine:
    """Create an engine for `url` and make sure the schema exists."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    create_schema(engine)
    return engine


def create_schema(engine: Engine) -> None:
    """Create missing tables; on PostgreSQL under an advisory lock, so concurrent starts agree."""
    if engine.dialect.name != "postgresql":
        SQLModel.metadata.create_all(engine)
        return
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
        SQLModel.metadata.create_all(connection)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets readers (questions) go on while an ingest writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
