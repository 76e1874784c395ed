"""BM25 over every stored chunk, its report title and heading path; rebuilt when the store moves.

Tokens are jieba words (precise mode) plus character bigrams of every run of ideographs, so a
question and a chunk segmented differently ("晒课率" vs "晒 / 课率") still share terms. Quote
marks are dropped before segmenting ("“晒课”率" reads as "晒课率"); punctuation, question words
and function words are dropped after; numbers ("116.9%", "2024") and indicator words stay.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from sqlmodel import col, select

from storage.models import Chunk, Document, Section
from storage.store import Store

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


class _Okapi:
    """Okapi BM25 (k1, b) over term lists, with an inverted index so a query costs its postings."""

    def __init__(self, docs: list[list[str]], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.size = len(docs)
        lengths = np.array([len(d) for d in docs], dtype=np.float64)
        average = lengths.mean() if self.size else 1.0
        self._norm = k1 * (1.0 - b + b * lengths / max(average, 1e-9))
        self._k1 = k1
        postings: dict[str, dict[int, int]] = {}
        for index, doc in enumerate(docs):
            for term in doc:
                row = postings.setdefault(term, {})
                row[index] = row.get(index, 0) + 1
        self._postings = {
            term: (np.fromiter(row.keys(), np.int64), np.fromiter(row.values(), np.float64))
            for term, row in postings.items()
        }

    def scores(self, query: list[str]) -> np.ndarray:
        """The BM25 score of every document for the distinct terms of `query`."""
        total = np.zeros(self.size)
        for term in dict.fromkeys(query):
            if term not in self._postings:
                continue
            rows, tf = self._postings[term]
            # The Lucene idf: never negative, so a common term still counts a little.
            idf = np.log(1.0 + (self.size - len(rows) + 0.5) / (len(rows) + 0.5))
            total[rows] += idf * tf * (self._k1 + 1.0) / (tf + self._norm[rows])
        return total


@dataclass(frozen=True)
class _Snapshot:
    generation: int
    chunks: list[IndexedChunk]
    terms: dict[str, list[str]]  # by chunk id: a chunk's text never changes under its id
    okapi: _Okapi


class BM25Index:
    """BM25 over the store's chunks, rebuilt whenever `Store.generation()` has moved."""

    def __init__(self, store: Store, *, heading_weight: int = 1) -> None:
        self._store = store
        self._heading_weight = heading_weight
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    def chunks(self) -> list[IndexedChunk]:
        """The chunks of the current index, in store order."""
        return self._current().chunks

    def scores(self, question: str) -> tuple[list[IndexedChunk], np.ndarray]:
        """Every indexed chunk and its BM25 score for `question` (0 for no shared term)."""
        snapshot = self._current()
        return snapshot.chunks, snapshot.okapi.scores(tokenize(question))

    def search(
        self, question: str, *, k: int, document_ids: Collection[int] | None = None
    ) -> list[tuple[str, float]]:
        """The k best (chunk id, score) pairs with a positive score, optionally within reports."""
        chunks, scores = self.scores(question)
        order = np.argsort(-scores, kind="stable")
        found: list[tuple[str, float]] = []
        for index in order:
            if scores[index] <= 0 or len(found) == k:
                break
            chunk = chunks[index]
            if document_ids is None or chunk.document_id in document_ids:
                found.append((chunk.chunk_id, float(scores[index])))
        return found

    def _current(self) -> _Snapshot:
        generation = self._store.generation()
        snapshot = self._snapshot
        if snapshot is not None and snapshot.generation == generation:
            return snapshot
        # One rebuild at a time: a reader that finds the index stale waits for it, while
        # readers already holding a snapshot finish on it undisturbed.
        with self._lock:
            snapshot = self._snapshot
            if snapshot is None or snapshot.generation != generation:
                snapshot = self._build(generation, snapshot)
                self._snapshot = snapshot
        return snapshot

    def _build(self, generation: int, previous: _Snapshot | None) -> _Snapshot:
        # The generation is read before the chunks: a write in between makes the next
        # search rebuild again, never keeps a stale index.
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
        chunks = [
            IndexedChunk(chunk_id, document_id, text, f"{title} {path}")
            for chunk_id, document_id, text, title, path in rows
        ]
        # Only chunks new since the last snapshot are cut: an ingest costs its own chunks.
        known = previous.terms if previous is not None else {}
        terms = {
            c.chunk_id: known.get(c.chunk_id)
            or tokenize(c.heading) * self._heading_weight + tokenize(c.text)
            for c in chunks
        }
        return _Snapshot(generation, chunks, terms, _Okapi([terms[c.chunk_id] for c in chunks]))
