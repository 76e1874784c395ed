"""The BM25 terms of each chunk as term ids, and a file that keeps them between processes.

Cutting a chunk with jieba costs a few milliseconds, so 100k chunks take minutes: a new process
(`zongjie ask`, a restarted bot) reads the terms back from the file instead and cuts only the
chunks it does not find. Entries are keyed by chunk id; a chunk's text, report title and
heading path never change under its id, so an entry is never stale, and the chunks to index
always come from the store itself, so the file can never make the index lag. A file written
with another tokenizer (its signature) is ignored; a missing or unreadable one is rebuilt.
"""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from knowledge.okapi import TERM_COUNT, TERM_ID

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChunkTerms:
    """A chunk's distinct term ids, how often each occurs, and its length in terms."""

    ids: np.ndarray
    counts: np.ndarray
    length: int


class Vocabulary:
    """Term ↔ id; ids only grow, so the ids of older snapshots stay valid."""

    def __init__(self, terms: list[str] | None = None) -> None:
        self.terms: list[str] = list(terms or [])
        self._ids = {term: i for i, term in enumerate(self.terms)}

    def __len__(self) -> int:
        return len(self.terms)

    def encode(self, terms: list[str]) -> ChunkTerms:
        """A chunk's terms as ids (new terms get new ids)."""
        ids = np.fromiter((self._id(t) for t in terms), TERM_ID, count=len(terms))
        distinct, counts = np.unique(ids, return_counts=True)
        return ChunkTerms(distinct, counts.astype(TERM_COUNT), len(terms))

    def lookup(self, terms: list[str]) -> list[int]:
        """The ids of the known terms among `terms`, in order, each once."""
        found = (self._ids.get(t) for t in dict.fromkeys(terms))
        return [i for i in found if i is not None]

    def _id(self, term: str) -> int:
        known = self._ids.get(term)
        if known is None:
            known = self._ids[term] = len(self.terms)
            self.terms.append(term)
        return known


def save(
    path: Path, signature: str, vocabulary: Vocabulary, entries: dict[str, ChunkTerms]
) -> None:
    """Write the entries and their vocabulary to `path` at once (a reader sees old or new)."""
    encoded = [t.encode("utf-8") for t in vocabulary.terms]
    values = list(entries.values())
    sizes = np.fromiter((len(e.ids) for e in values), np.int64, count=len(values))
    arrays = {
        "signature": np.array(signature),
        "vocabulary": np.frombuffer(b"".join(encoded), np.uint8),
        "term_bytes": np.fromiter((len(t) for t in encoded), np.int64, count=len(encoded)),
        "chunk_ids": np.array(list(entries), dtype=str),
        "sizes": sizes,
        "ids": np.concatenate([e.ids for e in values]) if values else np.zeros(0, TERM_ID),
        "counts": np.concatenate([e.counts for e in values]) if values else np.zeros(0, TERM_COUNT),
        "lengths": np.fromiter((e.length for e in values), np.int64, count=len(values)),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **arrays)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(path: Path, signature: str) -> tuple[Vocabulary, dict[str, ChunkTerms]] | None:
    """The vocabulary and entries of `path`; None if absent, unreadable or of another tokenizer."""
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["signature"]) != signature:
                return None
            blob = data["vocabulary"].tobytes()
            ends = np.cumsum(data["term_bytes"])
            starts = (ends - data["term_bytes"]).tolist()
            terms = [blob[a:b].decode("utf-8") for a, b in zip(starts, ends.tolist(), strict=True)]
            entries = _entries(data)
    except FileNotFoundError:
        return None
    except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, never fatal
        log.warning("ignoring the BM25 term cache %s: %s", path, exc)
        return None
    return Vocabulary(terms), entries


def _entries(data: np.lib.npyio.NpzFile) -> dict[str, ChunkTerms]:
    if not len(data["sizes"]):
        return {}
    splits = np.cumsum(data["sizes"])[:-1]
    ids, counts = np.split(data["ids"], splits), np.split(data["counts"], splits)
    lengths = data["lengths"].tolist()
    return {
        str(chunk_id): ChunkTerms(i, c, n)
        for chunk_id, i, c, n in zip(data["chunk_ids"], ids, counts, lengths, strict=True)
    }
