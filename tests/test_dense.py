"""The in-memory dense index and the report catalog agree with Chroma and with the filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import delete, select

from bot.services import Services
from knowledge.dense import DenseIndex
from knowledge.queryparse import SearchFilters, filters_from_question, supported
from knowledge.reports import ReportCatalog
from storage.models import Document, EmbeddingCacheEntry
from tests.report_text import HALF_YEAR_2024

QUESTIONS = ["入园率是多少", "安全检查开展了多少次", "校园周边环境怎么治理", "教师招聘"]


def _reports(services: Services) -> list[tuple[int, str | None, str | None]]:
    with services.store.session() as session:
        rows = session.exec(select(Document.id, Document.period, Document.region)).all()
    return [(i or 0, p, r) for i, p, r in rows]


def test_a_filtered_search_finds_what_chroma_finds(sample_services: Services) -> None:
    store, e5 = sample_services.store, sample_services.embeddings
    dense = DenseIndex(store, e5.model_name)
    ids = [i for i, _, _ in _reports(sample_services)]
    for question in QUESTIONS:
        vector = e5.embed_query(question)
        for admitted in (ids, ids[:1], ids[1:3]):
            where = {"document_id": {"$in": admitted}}
            expected = store.vectors.query(vector, 8, where)
            found = dense.search(vector, 8, set(admitted))
            assert [c for c, _ in found] == [h.chunk_id for h in expected]
            for (_, similarity), hit in zip(found, expected, strict=True):
                assert similarity == pytest.approx(1.0 - hit.distance, abs=1e-5)
    assert dense.search(e5.embed_query("入园率"), 5, {-1}) == []


def test_the_dense_index_sees_an_ingest_and_reads_chroma_when_the_cache_lacks_vectors(
    services: Services, tmp_path: Path
) -> None:
    dense = DenseIndex(services.store, services.embeddings.model_name)
    path = tmp_path / "半年总结.txt"
    path.write_text(HALF_YEAR_2024, encoding="utf-8")
    assert dense.search(services.embeddings.embed_query("入园率"), 3, {1, 2, 3}) == []
    [document] = services.ingestor.ingest([path]).documents
    with services.store.session() as session:  # vectors only in Chroma, as in an old store
        session.exec(delete(EmbeddingCacheEntry))  # type: ignore[call-overload]
        session.commit()
    vector = services.embeddings.embed_query("入园率是多少")
    found = dense.search(vector, 3, {document.id})
    expected = services.store.vectors.query(vector, 3, {"document_id": document.id})
    assert found and [c for c, _ in found] == [h.chunk_id for h in expected]


@pytest.mark.parametrize(
    "filters",
    [
        SearchFilters(period="2024年上半年"),
        SearchFilters(period="2025年"),
        SearchFilters(region="青禾县"),
        SearchFilters(region="金湾区"),
        SearchFilters(period="2024年", region="青禾县"),
        SearchFilters(document_ids=frozenset({1, 3})),
    ],
)
def test_the_catalog_admits_what_the_filters_admit(
    sample_services: Services, filters: SearchFilters
) -> None:
    reports = _reports(sample_services)
    expected = {i for i, period, region in reports if filters.admits(i, period, region)}
    assert ReportCatalog(sample_services.store).admitted(filters) == expected
    assert ReportCatalog(sample_services.store).admitted(SearchFilters()) is None


@pytest.mark.parametrize(
    "question",
    [
        "2024年上半年入园率是多少？",
        "青禾县2019年培训了多少教师？",
        "金湾区有几所学校？",
        "xx县入园率",
    ],
)
def test_the_catalog_reads_question_filters_as_over_every_report(
    sample_services: Services, question: str
) -> None:
    reports = _reports(sample_services)
    regions = {r for _, _, r in reports if r}
    expected = supported(filters_from_question(question, regions=regions), reports)
    assert ReportCatalog(sample_services.store).question_filters(question) == expected
