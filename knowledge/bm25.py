"""BM25 over every stored chunk, its report title and heading path; rebuilt when the store moves.

Tokens are jieba words (precise mode) plus character bigrams of every run of ideographs, so a
question and a chunk segmented differently ("晒课率" vs "晒 / 课率") still share terms. Quote
marks are dropped before segmenting ("“晒课”率" reads as "晒课率"); punctuation, question words
and function words are dropped after; numbers ("116.9%", "2024") and indicator words stay.

The index itself is numpy arrays (knowledge/okapi.py); each chunk's terms are kept by chunk id,
in memory and optionally in a file (knowledge/term_cache.py), so a rebuild after an ingest or
in a new process cuts only chunks it has not seen.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from sqlmodel import col, select

from knowledge import term_cache
from knowledge.okapi import Okapi, top
from knowledge.ranking import allowed_rows
from knowledge.snapshots import Rebuilt
from knowledge.term_cache import ChunkTerms, Vocabulary
from storage.models import Chunk, Document, Section
from storage.store import Store

TOKENIZER_VERSION = 1  # bump when tokenize() changes: cached terms of older versions are dropped

# Question words, function words and report boilerplate: they match everywhere and rank nothing.
STOPWORDS = frozenset(
    """
    的 了 是 在 和 与 及 或 并 对 为 把 被 从 向 于 以 由 等 中 之 其 这 那 有 也 都 就 还 又
    个 些 年 月 日 我 我们 你 他 它 吗 呢 吧 啊 么 么样 多少 几 哪 哪些 哪个 哪天 哪里 什么
    怎么 怎样 如何 为什么 是否 是不是 多大 多长 当时 已经 一共 总共 共 一下 请问 请 给 能 会
    要 将 到 达 达到 了解 提到 情况 方面 问 告诉 时候 里 多 大约
    """.split()
)
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』")
_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]+")
_HAS_WORD = re.compile(r"\w")


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def normalise(text: str) -> str:
    """NFKC, lower case, quote marks removed: the form both questions and chunks are cut in."""
    return unicodedata.normalize("NFKC", text).lower().translate(_QUOTES)


def words(text: str) -> list[str]:
    """jieba's precise-mode words of `text`, without punctuation or stopwords."""
    return [
        w
        for w in (w.strip() for w in _jieba().lcut(normalise(text)))
        if w and _HAS_WORD.search(w) and w not in STOPWORDS
    ]


def bigrams(text: str) -> list[str]:
    """Character bigrams of each run of ideographs, marked so they never equal a word."""
    grams: list[str] = []
    for run in _IDEOGRAPHS.findall(normalise(text)):
        grams.extend("§" + run[i : i + 2] for i in range(len(run) - 1))
    return grams


def tokenize(text: str) -> list[str]:
    """The BM25 terms of a text: its words and its character bigrams."""
    return words(text) + bigrams(text)


@dataclass(frozen=True)
class IndexedChunk:
    """What the index keeps of a chunk: its id, report, and the text it was indexed by."""

    chunk_id: str
    document_id: int
    text: str
    heading: str  # the report title and the section's heading path


@dataclass(frozen=True)
class _Snapshot:
    chunks: list[IndexedChunk]
    positions: dict[str, int]  # chunk id → its row (store order)
    documents: np.ndarray  # the report id of each row
    terms: dict[str, ChunkTerms]  # by chunk id: a chunk's text never changes under its id
    okapi: Okapi


class BM25Index:
    """BM25 over the store's chunks, rebuilt whenever `Store.generation()` has moved.

    With a `cache_file`, chunks' terms are kept there between processes (see term_cache).
    """

    def __init__(
        self, store: Store, *, heading_weight: int = 1, cache_file: Path | None = None
    ) -> None:
        self._store = store
        self._heading_weight = heading_weight
        self._cache_file = cache_file
        self._vocabulary = Vocabulary()
        self._snapshot = Rebuilt(store, self._build)

    def chunks(self) -> list[IndexedChunk]:
        """The chunks of the current index, in store order."""
        return self._snapshot.get().chunks

    def positions(self) -> dict[str, int]:
        """Each indexed chunk's place in store order, by chunk id."""
        return self._snapshot.get().positions

    def search(
        self, question: str, *, k: int, document_ids: Collection[int] | None = None
    ) -> list[tuple[str, float]]:
        """The k best (chunk id, score) pairs with a positive score, optionally within reports."""
        snapshot = self._snapshot.get()
        scores = snapshot.okapi.scores(self._vocabulary.lookup(tokenize(question)))
        allowed = None if document_ids is None else allowed_rows(snapshot.documents, document_ids)
        return [(snapshot.chunks[i].chunk_id, float(scores[i])) for i in top(scores, k, allowed)]

    def _build(self, previous: _Snapshot | None) -> _Snapshot:
        chunks = self._read_chunks()
        known = previous.terms if previous is not None else self._load_cache()
        # Only chunks not cut before are cut now: an ingest costs its own chunks.
        terms = {}
        for c in chunks:
            entry = known.get(c.chunk_id)
            if entry is None:
                entry = self._vocabulary.encode(
                    tokenize(c.heading) * self._heading_weight + tokenize(c.text)
                )
            terms[c.chunk_id] = entry
        if self._cache_file is not None and any(c.chunk_id not in known for c in chunks):
            term_cache.save(self._cache_file, self._signature(), self._vocabulary, terms)
        rows = [terms[c.chunk_id] for c in chunks]
        okapi = Okapi(
            [r.ids for r in rows],
            [r.counts for r in rows],
            np.fromiter((r.length for r in rows), np.int64, count=len(rows)),
            len(self._vocabulary),
        )
        return _Snapshot(
            chunks,
            {c.chunk_id: i for i, c in enumerate(chunks)},
            np.fromiter((c.document_id for c in chunks), np.int64, count=len(chunks)),
            terms,
            okapi,
        )

    def _read_chunks(self) -> list[IndexedChunk]:
        with self._store.session() as session:
            rows = session.exec(
                select(
                    Chunk.id,
                    Chunk.document_id,
                    Chunk.text,
                    Document.title,
                    Section.heading_path,
                )
                .join(Section, col(Section.id) == Chunk.section_id)
                .join(Document, col(Document.id) == Chunk.document_id)
                .order_by(col(Chunk.document_id), col(Chunk.order))
            ).all()
        return [
            IndexedChunk(chunk_id, document_id, text, f"{title} {path}")
            for chunk_id, document_id, text, title, path in rows
        ]

    def _load_cache(self) -> dict[str, ChunkTerms]:
        """Terms kept by an earlier process; the vocabulary becomes the file's."""
        if self._cache_file is None or len(self._vocabulary):
            return {}
        loaded = term_cache.load(self._cache_file, self._signature())
        if loaded is None:
            return {}
        self._vocabulary, entries = loaded
        return entries

    def _signature(self) -> str:
        """What the cached terms depend on besides the chunk: the tokenizer and its settings."""
        stopwords = hashlib.sha256(" ".join(sorted(STOPWORDS)).encode()).hexdigest()[:16]
        jieba_version = getattr(_jieba(), "__version__", "?")
        return f"{TOKENIZER_VERSION}:{jieba_version}:{stopwords}:heading*{self._heading_weight}"
