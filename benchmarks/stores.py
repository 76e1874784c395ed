"""A fresh store for a benchmark run: its work folder and the environment that points at it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path


def backend_name(servers: bool) -> str:
    """How the figures name the backend."""
    return "postgresql+chroma-server" if servers else "sqlite+chroma"


@contextmanager
def fresh_store(*, servers: bool) -> Iterator[tuple[dict[str, str], Path]]:
    """(environment, work folder): SQLite and embedded Chroma in the folder, or with `servers`
    a throwaway PostgreSQL and Chroma server on 127.0.0.1 (tests/servers.py), stopped after."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stop:
        work = Path(tmp)
        env = {**os.environ, "ZONGJIE_DATA_DIR": str(work / "data"), "HF_HUB_OFFLINE": "1"}
        env.pop("ZONGJIE_EMBEDDING_MODEL", None)
        if servers:
            from tests.servers import start_chroma, start_postgres

            postgres = start_postgres()
            stop.callback(postgres.stop)
            chroma = start_chroma()
            stop.callback(chroma.stop)
            env["ZONGJIE_DATABASE_URL"] = postgres.create_database("bench")
            env["ZONGJIE_CHROMA_URL"] = chroma.url
        else:
            env["ZONGJIE_DATABASE_URL"] = f"sqlite:///{work / 'data' / 'zongjie.sqlite3'}"
        yield env, work
