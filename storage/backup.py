"""`zongjie export` / `zongjie import`: the whole store in one file, restored exactly.

The file is gzip-compressed JSON lines: a header naming the format and the embedding model,
every row of every table (parents first, each table in primary-key order), every chunk's
vector (float32, base64) with its text and metadata, and a footer with the counts, so a cut-off
file is refused rather than half restored. Everything is written in a fixed order with a zero
gzip timestamp: exporting a restored store gives the same bytes again, on SQLite or PostgreSQL,
embedded Chroma or a server.

Only the vectors of stored chunks are exported (orphans are not part of the store); a chunk
whose vector is missing stops the export and names `zongjie check --repair`.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import numpy as np
from sqlalchemy import Column, DateTime, LargeBinary, Table, func, insert, select, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from storage.errors import BackupInvalid, StoreInconsistent, StoreNotEmpty
from storage.models import Chunk, EmbeddingCacheEntry
from storage.store import Store
from storage.vectors import StoredVector

FORMAT = "zongjie-backup"
VERSION = 1
_BATCH = 1000


@dataclass(frozen=True)
class BackupSummary:
    """What an export wrote or an import restored."""

    rows: dict[str, int]
    vectors: int
    model: str | None


def _tables() -> list[Table]:
    return list(SQLModel.metadata.sorted_tables)  # parents before children


def _stored_type(column: Column[Any]) -> Any:
    """The SQL type under a SQLModel decorator (AutoString, UTCDateTime)."""
    return getattr(column.type, "impl", column.type)


def _encode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(_stored_type(column), DateTime):
        # In UTC whatever the server's time zone, so equal stores give equal files.
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(_stored_type(column), LargeBinary):
        return base64.b64encode(value).decode("ascii")
    return value


def _decode(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(_stored_type(column), DateTime):
        return datetime.fromisoformat(value)
    if isinstance(_stored_type(column), LargeBinary):
        return base64.b64decode(value)
    return value


def _line(out: IO[str], record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    out.write("\n")


def export_store(store: Store, path: Path) -> BackupSummary:
    """Write the whole store to `path`."""
    model = store.stored_model()
    counts: dict[str, int] = {}
    chunk_hashes: dict[str, str] = {}
    cached: set[str] = set()
    tmp = path.with_name(path.name + ".part")
    with store.engine.connect() as connection, _open_write(tmp) as out:
        if connection.dialect.name == "postgresql":  # one snapshot for every table
            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        _line(out, {"format": FORMAT, "version": VERSION, "model": model})
        for table in _tables():
            counts[table.name] = 0
            for row in _rows(connection, table):
                _line(out, {"table": table.name, "row": row})
                counts[table.name] += 1
                if table.name == Chunk.__tablename__:
                    chunk_hashes[row["id"]] = row["text_hash"]
                elif table.name == EmbeddingCacheEntry.__tablename__ and row["model"] == model:
                    cached.add(row["text_hash"])
        for vector in _chunk_vectors(store, sorted(chunk_hashes)):
            record: dict[str, Any] = {
                "id": vector.id,
                "text": vector.text,
                "metadata": vector.metadata,
            }
            if chunk_hashes[vector.id] not in cached:  # else the cache row holds it exactly
                data = np.asarray(vector.embedding, dtype=np.float32).tobytes()
                record["embedding"] = base64.b64encode(data).decode("ascii")
            _line(out, {"vector": record})
        _line(out, {"end": {"rows": counts, "vectors": len(chunk_hashes)}})
    tmp.replace(path)
    return BackupSummary(rows=counts, vectors=len(chunk_hashes), model=model)


def _chunk_vectors(store: Store, chunk_ids: list[str]) -> Iterator[StoredVector]:
    """The stored vectors of these chunks, in order; every chunk must have one."""
    for start in range(0, len(chunk_ids), _BATCH):
        wanted = chunk_ids[start : start + _BATCH]
        found = store.vectors.get(wanted)
        if len(found) != len(wanted):
            raise StoreInconsistent(
                f"{len(wanted) - len(found)} chunks have no vector; "
                "run `zongjie check --repair` first"
            )
        yield from found


def _rows(connection: Connection, table: Table) -> Iterator[dict[str, Any]]:
    query = select(table).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=_BATCH).execute(query)
    for row in result.mappings():
        yield {c.name: _encode(c, row[c.name]) for c in table.columns}


def import_store(store: Store, path: Path) -> BackupSummary:
    """Restore a backup into an empty store; all or nothing."""
    _require_empty(store)
    with store.engine.connect() as connection:
        transaction = connection.begin()
        restorer = _Restorer(connection, store)
        try:
            header, end = restorer.run(_read_records(path))
            if connection.dialect.name == "postgresql":
                _advance_sequences(connection)
            if header.get("model"):
                store.vectors.set_model_name(header["model"])
            transaction.commit()
        except BaseException:
            transaction.rollback()
            store.vectors.delete(restorer.added)
            raise
    return BackupSummary(rows=end["rows"], vectors=end["vectors"], model=header.get("model"))


class _Restorer:
    """Inserts a backup's rows in batches (in the caller's transaction) and adds its vectors."""

    def __init__(self, connection: Connection, store: Store) -> None:
        self._connection = connection
        self._store = store
        self._tables = {t.name: t for t in _tables()}
        self._model: str | None = None
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._counts: dict[str, int] = {}
        self._chunk_hashes: dict[str, str] = {}
        self._vectors: list[dict[str, Any]] = []
        self.added: list[str] = []

    def run(self, records: Iterator[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Restore every record; returns the file's header and footer."""
        header = next(records, None)
        if not header or header.get("format") != FORMAT or header.get("version") != VERSION:
            raise BackupInvalid(f"not a {FORMAT} version {VERSION} file")
        self._model = header.get("model")
        for record in records:
            if "table" in record:
                self._row(record["table"], record["row"])
            elif "vector" in record:
                self._flush_rows()
                self._vectors.append(record["vector"])
                if len(self._vectors) >= _BATCH:
                    self._flush_vectors()
            elif "end" in record:
                self._flush_rows()
                self._flush_vectors()
                end = record["end"]
                restored = {name: self._counts.get(name, 0) for name in end["rows"]}
                if restored != end["rows"] or len(self.added) != end["vectors"]:
                    raise BackupInvalid("the counts do not match the footer")
                return header, end
            else:
                raise BackupInvalid(f"unknown record {sorted(record)}")
        raise BackupInvalid("the file ends early (no footer): an incomplete copy?")

    def _row(self, name: str, data: dict[str, Any]) -> None:
        table = self._tables.get(name)
        if table is None:
            raise BackupInvalid(f"unknown table {name!r}")
        if name not in self._rows:
            self._flush_rows()  # a new table starts: every parent row is in
        row = {c.name: _decode(c, data.get(c.name)) for c in table.columns}
        self._rows.setdefault(name, []).append(row)
        self._counts[name] = self._counts.get(name, 0) + 1
        if name == Chunk.__tablename__:
            self._chunk_hashes[row["id"]] = row["text_hash"]
        if len(self._rows[name]) >= _BATCH:
            self._flush_rows()

    def _flush_rows(self) -> None:
        for name, rows in self._rows.items():
            if rows:
                self._connection.execute(insert(self._tables[name]), rows)
        self._rows.clear()

    def _flush_vectors(self) -> None:
        if not self._vectors:
            return
        cached = self._cached([self._chunk_hashes.get(v["id"], "") for v in self._vectors])
        embeddings = []
        for vector in self._vectors:
            encoded = vector.get("embedding")
            data = (
                base64.b64decode(encoded)
                if encoded
                else cached.get(self._chunk_hashes[vector["id"]])
            )
            if data is None:
                raise BackupInvalid(f"no vector for chunk {vector['id']}")
            embeddings.append(np.frombuffer(data, np.float32).tolist())
        self._store.vectors.add(
            [v["id"] for v in self._vectors],
            embeddings,
            [v["text"] for v in self._vectors],
            [v["metadata"] for v in self._vectors],
        )
        self.added.extend(v["id"] for v in self._vectors)
        self._vectors.clear()

    def _cached(self, hashes: list[str]) -> dict[str, bytes]:
        """Vectors of the backup's model from the cache rows restored above."""
        table = EmbeddingCacheEntry.__table__  # type: ignore[attr-defined]
        query = select(table.c.text_hash, table.c.vector).where(
            table.c.model == self._model, table.c.text_hash.in_(set(hashes))
        )
        return {h: bytes(v) for h, v in self._connection.execute(query)}


def _read_records(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)
    except (OSError, EOFError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BackupInvalid(f"{path} is not a readable backup ({type(exc).__name__})") from exc


def _require_empty(store: Store) -> None:
    with store.engine.connect() as connection:
        for table in _tables():
            if connection.execute(select(func.count()).select_from(table)).scalar():
                raise StoreNotEmpty(f"table {table.name} has rows")
    if store.vectors.count():
        raise StoreNotEmpty("the vector collection is not empty")


def _advance_sequences(connection: Connection) -> None:
    """Rows came with their ids: move each id sequence past them, as inserts would have."""
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (
                column.autoincrement == "auto" and column.type.python_type is int
            ):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                        f'COALESCE(MAX("{column.name}"), 1), MAX("{column.name}") IS NOT NULL) '
                        f'FROM "{table.name}"'
                    )
                )


@contextmanager
def _open_write(path: Path) -> Iterator[IO[str]]:
    """A gzip text stream with a zero timestamp and no name inside, so equal stores give
    equal bytes; the file is removed if writing fails."""
    try:
        with (
            path.open("wb") as raw,
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as packed,
            io.TextIOWrapper(packed, encoding="utf-8", newline="\n") as out,
        ):
            yield out
    except BaseException:
        path.unlink(missing_ok=True)
        raise
