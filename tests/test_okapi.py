"""The numpy BM25 index and its term cache against plain reference code on small corpora."""

from __future__ import annotations

import math
import random
from pathlib import Path

import numpy as np
import pytest

from bot.services import Services
from knowledge import term_cache
from knowledge.bm25 import BM25Index, tokenize
from knowledge.okapi import Okapi, top
from knowledge.ranking import allowed_rows, largest
from knowledge.term_cache import Vocabulary

DOCS = [
    "全县 学前 三年 幼儿 入园率 达到 97.7% 入园率",
    "义务 教育 巩固率 达到 99.5%",
    "新 招聘 教师 138 人 教师 培训 教师",
    "开展 安全 检查 97 次 排查 安全 隐患",
    "",
    "入园率 目标 97% 安全",
]


def reference_scores(docs: list[list[str]], query: list[str], k1=1.2, b=0.75) -> list[float]:
    """Okapi BM25 with the Lucene idf, written out term by term for one document at a time."""
    average = sum(len(d) for d in docs) / len(docs)
    scores = []
    for doc in docs:
        norm = k1 * (1.0 - b + b * len(doc) / max(average, 1e-9))
        score = 0.0
        for term in dict.fromkeys(query):
            df = sum(term in d for d in docs)
            tf = doc.count(term)
            if df and tf:
                idf = math.log(1.0 + (len(docs) - df + 0.5) / (df + 0.5))
                score += idf * tf * (k1 + 1.0) / (tf + norm)
        scores.append(score)
    return scores


def index(docs: list[list[str]]) -> tuple[Okapi, Vocabulary]:
    vocabulary = Vocabulary()
    encoded = [vocabulary.encode(d) for d in docs]
    okapi = Okapi(
        [e.ids for e in encoded],
        [e.counts for e in encoded],
        np.array([e.length for e in encoded]),
        len(vocabulary),
    )
    return okapi, vocabulary


@pytest.mark.parametrize(
    "query", [["入园率"], ["安全", "检查", "没有的词"], ["教师", "入园率", "教师"], ["没有的词"]]
)
def test_scores_equal_the_reference(query: list[str]) -> None:
    docs = [d.split() for d in DOCS]
    okapi, vocabulary = index(docs)
    got = okapi.scores(vocabulary.lookup(query))
    assert got == pytest.approx(reference_scores(docs, query), rel=1e-12, abs=1e-12)


def test_scores_equal_the_reference_on_a_random_corpus() -> None:
    rng = random.Random(3)
    words = [f"w{i}" for i in range(40)]
    docs = [[rng.choice(words) for _ in range(rng.randint(0, 30))] for _ in range(60)]
    okapi, vocabulary = index(docs)
    for _ in range(20):
        query = rng.sample(words, 4)
        got = okapi.scores(vocabulary.lookup(query))
        assert got == pytest.approx(reference_scores(docs, query), rel=1e-12, abs=1e-12)


def test_an_id_beyond_the_index_vocabulary_scores_nothing() -> None:
    docs = [d.split() for d in DOCS]
    okapi, vocabulary = index(docs)
    new_id = vocabulary.encode(["后来才有的词"]).ids[0]  # added after the index was built
    assert not okapi.scores([new_id]).any()


def test_top_is_the_stable_descending_order_cut_at_k() -> None:
    rng = np.random.default_rng(5)
    scores = rng.integers(0, 4, 300).astype(float)  # many ties and zeros
    allowed = rng.random(300) < 0.5
    for k in (1, 5, 50, 400):
        expected = [i for i in np.argsort(-scores, kind="stable") if scores[i] > 0][:k]
        assert top(scores, k).tolist() == expected
        expected = [i for i in np.argsort(-scores, kind="stable") if scores[i] > 0 and allowed[i]]
        assert top(scores, k, allowed).tolist() == expected[:k]
    assert top(np.zeros(10), 5).tolist() == []


def test_largest_is_the_stable_descending_order_cut_at_k() -> None:
    values = np.random.default_rng(8).integers(-3, 3, 200).astype(float)
    for k in (0, 1, 7, 200, 300):
        assert largest(values, k).tolist() == np.argsort(-values, kind="stable")[:k].tolist()


def test_allowed_rows_marks_the_rows_of_the_given_documents() -> None:
    assert allowed_rows(np.array([3, 3, 5, 7]), {3, 7}).tolist() == [True, True, False, True]


def test_the_term_cache_round_trips(tmp_path: Path) -> None:
    vocabulary = Vocabulary()
    entries = {f"c{i}": vocabulary.encode(d.split()) for i, d in enumerate(DOCS)}
    path = tmp_path / "terms.npz"
    term_cache.save(path, "sig", vocabulary, entries)
    loaded = term_cache.load(path, "sig")
    assert loaded is not None
    again, loaded_entries = loaded
    assert again.terms == vocabulary.terms
    assert list(loaded_entries) == list(entries)
    for key, entry in entries.items():
        assert loaded_entries[key].ids.tolist() == entry.ids.tolist()
        assert loaded_entries[key].counts.tolist() == entry.counts.tolist()
        assert loaded_entries[key].length == entry.length


def test_a_cache_of_another_tokenizer_or_a_damaged_one_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "terms.npz"
    term_cache.save(path, "old", Vocabulary(), {})
    assert term_cache.load(path, "new") is None
    loaded = term_cache.load(path, "old")
    assert loaded is not None and loaded[1] == {}
    path.write_bytes(b"not a numpy file")
    assert term_cache.load(path, "old") is None
    assert term_cache.load(tmp_path / "missing.npz", "old") is None


def test_an_index_from_the_cache_file_searches_like_a_fresh_one(
    sample_services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = sample_services.store
    cache_file = tmp_path / "bm25_terms.npz"
    questions = ["2024年上半年入园率是多少", "安全检查多少次", "校园周边环境治理", "教师培训"]
    expected = [BM25Index(store).search(q, k=10) for q in questions]
    writer = BM25Index(store, cache_file=cache_file)
    assert [writer.search(q, k=10) for q in questions] == expected
    assert cache_file.exists()

    def no_cutting(self: Vocabulary, terms: list[str]) -> None:
        raise AssertionError("a chunk was cut again instead of read from the cache")

    monkeypatch.setattr(Vocabulary, "encode", no_cutting)
    reader = BM25Index(store, cache_file=cache_file)
    assert [reader.search(q, k=10) for q in questions] == expected


def test_tokens_of_a_chunk_map_to_their_counts() -> None:
    vocabulary = Vocabulary()
    terms = tokenize("入园率入园率达到97.7%")
    entry = vocabulary.encode(terms)
    assert entry.length == len(terms)
    counted = dict(zip(entry.ids.tolist(), entry.counts.tolist(), strict=True))
    assert counted[vocabulary.lookup(["入园率"])[0]] == terms.count("入园率")
