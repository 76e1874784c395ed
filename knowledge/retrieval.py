"""Hybrid retrieval: BM25 and dense candidates fused by weighted normalised scores.

Each ranking contributes its `depth` best chunks within the admitted reports. A candidate's
score is the weighted mean of its BM25 score divided by the best BM25 score, and its cosine
similarity min-max scaled over the dense candidates (a ranking that missed it gives 0); then
two small lexical bonuses: the share of question words found in its report title or heading
path, and the share of question words that stand right before a figure in its text ("入园率
预计达到97.7%" for "入园率是多少"). Weights were tuned on shared/eval/dev_qa.jsonl and checked
on tests/data/sample_qa.jsonl and a paraphrase set; see benchmarks/retrieval_eval.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.bm25 import BM25Index, IndexedChunk, normalise, words
from knowledge.dense import DenseIndex
from knowledge.passages import Passage, load_passages
from knowledge.queryparse import SearchFilters
from knowledge.reports import ReportCatalog
from storage.embeddings import NamedEmbeddings
from storage.store import Store

__all__ = ["MODES", "FusionSettings", "ModeSearch", "Retriever", "SearchFilters"]

MODES: tuple[str, ...] = ("hybrid", "bm25", "dense")
_NUMBER = re.compile(r"[\d.%]+")
# After the word: optionally more items of an enumeration ("入园率、巩固率…分别达96%"),
# then a few characters within the clause, then a digit.
_FIGURE_AFTER = r"(?:、[^、,。;!?\n]{1,20})*[^,。;!?\n\d]{0,6}\d"


@dataclass(frozen=True)
class FusionSettings:
    """The tuned knobs of the hybrid ranking (see benchmarks/retrieval_eval.md)."""

    depth: int = 50  # candidates taken from each ranking
    bm25_weight: float = 1.0
    dense_weight: float = 1.0
    heading_weight: float = 0.1  # bonus x share of question words in title or heading path
    figure_weight: float = 0.1  # bonus x share of question words standing before a figure


class Retriever:
    """Passages for a question by BM25, dense similarity, or both fused; with report filters."""

    def __init__(
        self,
        store: Store,
        embeddings: NamedEmbeddings,
        *,
        settings: FusionSettings | None = None,
        index: BM25Index | None = None,
    ) -> None:
        self._store = store
        self._embeddings = embeddings
        self.settings = settings or FusionSettings()
        self.index = index or BM25Index(store)
        self.dense = DenseIndex(store, embeddings.model_name)
        self._reports = ReportCatalog(store)

    def search(
        self,
        question: str,
        *,
        k: int = 5,
        mode: str = "hybrid",
        filters: SearchFilters | None = None,
    ) -> list[Passage]:
        """The k best passages, best first; filters read from the question unless given.

        Given filters are hard: nothing outside them is returned. Filters read from the
        question are soft: a year or region no stored report is known to carry is dropped,
        so such a question still gets the nearest passages, each labelled with its own
        period and region for the answer to show, rather than nothing (see queryparse).
        """
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; expected one of {MODES}")
        admitted = self._admitted(question, filters)
        if mode == "bm25":
            scored = self.index.search(question, k=k, document_ids=admitted)
        elif mode == "dense":
            scored = self._dense(question, k, admitted)
        else:
            scored = self._hybrid(question, k, admitted)
        with self._store.session() as session:
            return load_passages(session, scored)

    def filters_for(self, question: str) -> SearchFilters:
        """The soft filters a question implies: a year and a region it names that reports carry."""
        return self._reports.question_filters(question)

    def _admitted(self, question: str, filters: SearchFilters | None) -> set[int] | None:
        """The report ids a search may return; None for every report."""
        if filters is None:
            filters = self._reports.question_filters(question)
        return self._reports.admitted(filters)

    def _dense(self, question: str, k: int, admitted: set[int] | None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest chunks within the admitted reports."""
        if admitted is not None and not admitted:
            return []
        self._store.check_model(self._embeddings.model_name)
        vector = self._embeddings.embed_query(question)
        if admitted is not None:  # Chroma's metadata filters are slow at scale: see dense.py
            return self.dense.search(vector, k, admitted)
        return [(h.chunk_id, 1.0 - h.distance) for h in self._store.vectors.query(vector, k)]

    def _hybrid(self, question: str, k: int, admitted: set[int] | None) -> list[tuple[str, float]]:
        settings = self.settings
        depth = max(settings.depth, k)
        lexical = _scaled(dict(self.index.search(question, k=depth, document_ids=admitted)), 0.0)
        dense = _scaled(dict(self._dense(question, depth, admitted)), None)
        chunks, position = self.index.chunks(), self.index.positions()
        terms = question_terms(question)
        total = settings.bm25_weight + settings.dense_weight
        fused: list[tuple[str, float]] = []
        for chunk_id in lexical.keys() | dense.keys():
            score = settings.bm25_weight * lexical.get(chunk_id, 0.0)
            score = (score + settings.dense_weight * dense.get(chunk_id, 0.0)) / total
            if chunk_id in position:  # a chunk written after the index snapshot gets no bonus
                chunk = chunks[position[chunk_id]]
                score += settings.heading_weight * heading_share(terms, chunk)
                score += settings.figure_weight * figure_share(terms, chunk)
            fused.append((chunk_id, score))
        fused.sort(key=lambda pair: (-pair[1], position.get(pair[0], len(position))))
        return fused[:k]


def _scaled(scores: dict[str, float], floor: float | None) -> dict[str, float]:
    """Scores scaled to [0, 1]: divided by the best (floor 0), or min-max (floor None)."""
    if not scores:
        return {}
    high = max(scores.values())
    low = min(scores.values()) if floor is None else floor
    if high <= low:
        return dict.fromkeys(scores, 1.0)
    return {key: (value - low) / (high - low) for key, value in scores.items()}


def question_terms(question: str) -> list[str]:
    """The question's content words (two characters or more, not numbers) for the bonuses."""
    return list(
        dict.fromkeys(w for w in words(question) if len(w) >= 2 and not _NUMBER.fullmatch(w))
    )


def heading_share(terms: list[str], chunk: IndexedChunk) -> float:
    """The share of `terms` found in the chunk's report title or heading path."""
    if not terms:
        return 0.0
    heading = normalise(chunk.heading)
    return sum(term in heading for term in terms) / len(terms)


def figure_share(terms: list[str], chunk: IndexedChunk) -> float:
    """The share of `terms` followed in the chunk's text, within their clause, by a figure."""
    if not terms:
        return 0.0
    text = normalise(chunk.text)
    found = sum(re.search(re.escape(t) + _FIGURE_AFTER, text) is not None for t in terms)
    return found / len(terms)


@dataclass(frozen=True)
class ModeSearch:
    """A Retriever held to one mode, for an Answerer (e.g. to evaluate answers by BM25 alone)."""

    retriever: Retriever
    mode: str

    def search(self, question: str, *, k: int = 5) -> list[Passage]:
        return self.retriever.search(question, k=k, mode=self.mode)
