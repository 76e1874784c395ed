"""Hybrid retrieval over real SQLite, Chroma and e5: fresh BM25, filters, fusion quality."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.services import Services
from bot.settings import Settings
from knowledge.bm25 import BM25Index, bigrams, tokenize, words
from knowledge.evaluation import evaluate, load_questions
from knowledge.queryparse import SearchFilters, filters_from_question, period_matches
from knowledge.retrieval import Retriever
from storage.embeddings import E5Embeddings
from storage.queries import find_documents
from tests.conftest import REPO, SAMPLES
from tests.report_text import HALF_YEAR_2024

SAMPLE_QA = REPO / "tests" / "data" / "sample_qa.jsonl"
TRACK_REPORT = """青禾县教育局2024年第三季度体育工作简报
一、场地建设
本季度为乡村学校新铺设塑胶跑道4条，投入资金120万元。
二、体育活动
组织全县中小学生田径运动会，参赛学生1260人。
"""


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory, e5: E5Embeddings) -> Services:
    """The sample corpus ingested once for the module."""
    services = Services(Settings(data_dir=tmp_path_factory.mktemp("retrieval") / "data"))
    services.__dict__["embeddings"] = e5
    assert services.ingestor.ingest([SAMPLES]).errors == []
    return services


@pytest.fixture(scope="module")
def retriever(samples: Services) -> Retriever:
    """A Retriever over the ingested samples."""
    return Retriever(samples.store, samples.embeddings)


def _ingest(services: Services, folder: Path, name: str, text: str) -> int:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    report = services.ingestor.ingest([path])
    assert report.errors == []
    return report.documents[0].id


# -- tokens and question filters (no store) --------------------------------------------------
def test_tokens_keep_numbers_and_indicators_and_drop_question_words() -> None:
    terms = words("全区“晒课”率达116.9%，是多少？")
    assert "116.9%" in terms and "多少" not in terms and "是" not in terms
    assert "§晒课" in bigrams("“晒课”率") and "§课率" in bigrams("“晒课”率")
    assert set(tokenize("晒课率是多少")) & set(tokenize("全区“晒课”率达116.9%"))


@pytest.mark.parametrize(
    ("question", "period", "region"),
    [
        ("2024年上半年全县入园率是多少？", "2024年上半年", None),
        ("青禾县2023年安全检查做了几次？", "2023年", "青禾县"),
        ("二〇二四年第一季度培训了多少教师？", "2024年第一季度", None),
        ("xx县20**年上半年入园率是多少？", None, None),
        ("某县2024年3月召开了什么会？", None, None),
        ("去年上半年入园率是多少？", None, None),
    ],
)
def test_filters_are_read_from_what_the_question_names(
    question: str, period: str | None, region: str | None
) -> None:
    found = filters_from_question(question, regions=["青禾县", "金湾区"])
    assert (found.period, found.region) == (period, region)


def test_a_period_filter_selects_by_year_and_keeps_unknown_periods() -> None:
    assert period_matches("2024年下半年", "2024年上半年")  # the 上半年 report holds the plan
    assert period_matches("2024年上半年", "2024年")
    assert not period_matches("2024年上半年", "2025年上半年")
    assert period_matches("2024年", None) and period_matches("2024年", "上半年")


# -- the BM25 index follows the store ----------------------------------------------------------
def test_bm25_sees_an_ingest_and_a_delete_at_once(services: Services, tmp_path: Path) -> None:
    retriever = Retriever(services.store, services.embeddings)
    _ingest(services, tmp_path, "半年总结.txt", HALF_YEAR_2024)
    before = retriever.search("塑胶跑道铺了几条？", k=3, mode="bm25")
    assert all("塑胶跑道" not in p.text for p in before)

    track_id = _ingest(services, tmp_path, "体育简报.txt", TRACK_REPORT)
    [top] = retriever.search("塑胶跑道铺了几条？", k=1, mode="bm25")
    assert "塑胶跑道4条" in top.text and top.document_id == track_id

    services.store.delete_document(track_id)
    after = retriever.search("塑胶跑道铺了几条？", k=3, mode="bm25")
    assert all(p.document_id != track_id for p in after)
    assert all("塑胶跑道" not in p.text for p in retriever.search("塑胶跑道", k=3))


def test_a_cached_index_sees_an_ingest_and_a_new_process_sees_it_too(
    services: Services, tmp_path: Path
) -> None:
    cache_file = tmp_path / "bm25_terms.npz"
    index = BM25Index(services.store, cache_file=cache_file)
    _ingest(services, tmp_path, "半年总结.txt", HALF_YEAR_2024)
    assert index.search("塑胶跑道", k=3) == []
    track_id = _ingest(services, tmp_path, "体育简报.txt", TRACK_REPORT)
    found = index.search("塑胶跑道", k=3)
    assert found and found == BM25Index(services.store).search("塑胶跑道", k=3)
    # A later process starts from the file, which holds the new chunk's terms.
    assert BM25Index(services.store, cache_file=cache_file).search("塑胶跑道", k=3) == found
    services.store.delete_document(track_id)
    assert BM25Index(services.store, cache_file=cache_file).search("塑胶跑道", k=3) == []
    assert index.search("塑胶跑道", k=3) == []


def test_concurrent_readers_share_one_fresh_index(services: Services, tmp_path: Path) -> None:
    retriever = Retriever(services.store, services.embeddings)
    _ingest(services, tmp_path, "体育简报.txt", TRACK_REPORT)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: retriever.index.search("田径运动会", k=2), range(16)))
    assert all(r == results[0] and r for r in results)


# -- filters -------------------------------------------------------------------------------------
def test_a_named_year_keeps_reports_of_other_years_out(retriever: Retriever) -> None:
    for mode in ("hybrid", "bm25", "dense"):
        passages = retriever.search("2025年上半年新招聘教师多少人？", k=10, mode=mode)
        assert passages
        assert all(p.period is None or "2025" in p.period for p in passages), mode
    top = retriever.search("2024年上半年新招聘教师多少人？", k=3)
    assert any("新招聘教师126人" in p.text for p in top)


def test_given_filters_are_hard(retriever: Retriever, samples: Services) -> None:
    with samples.store.session() as session:
        [safety] = find_documents(session=session, ref="青禾县2024年校园安全工作总结.txt")
    only = SearchFilters(document_ids=frozenset({safety.id or 0}))
    passages = retriever.search("安全检查开展了多少次？", k=5, filters=only)
    assert passages and {p.document_id for p in passages} == {safety.id}
    assert retriever.search("新招聘教师多少人？", filters=SearchFilters(region="金湾区")) == []


def test_a_year_no_report_is_of_does_not_filter(services: Services, tmp_path: Path) -> None:
    retriever = Retriever(services.store, services.embeddings)
    _ingest(services, tmp_path, "半年总结.txt", HALF_YEAR_2024)
    assert retriever.search("培训教师多少人次？", filters=SearchFilters(period="2019年")) == []
    # No stored report is of 2019: the answer gets the nearest passages, labelled 2024.
    assert retriever.filters_for("2019年培训教师多少人次？") == SearchFilters()
    passages = retriever.search("2019年培训教师多少人次？", k=3)
    assert passages and all(p.period == "2024年上半年" for p in passages)
    assert retriever.filters_for("2024年培训教师多少人次？").period == "2024年"


def test_placeholders_and_stored_regions(retriever: Retriever) -> None:
    assert retriever.filters_for("xx县2025年上半年紧密型教育集团有几个？").region is None
    assert retriever.filters_for("青禾县2025年上半年紧密型教育集团有几个？").region == "青禾县"
    assert retriever.filters_for("金湾区2025年上半年紧密型教育集团有几个？").region is None
    [top] = retriever.search("xx县2025年上半年紧密型教育集团增加到几个？", k=1)
    assert "紧密型教育集团增至7个" in top.text


def test_an_unknown_mode_is_an_error(retriever: Retriever) -> None:
    with pytest.raises(ValueError, match="mode"):
        retriever.search("入园率", mode="sparse")


# -- fusion quality --------------------------------------------------------------------------------
def test_hybrid_beats_or_equals_each_part_on_the_sample_questions(retriever: Retriever) -> None:
    questions = load_questions(SAMPLE_QA)
    results = {m: evaluate(retriever, questions, mode=m) for m in ("bm25", "dense", "hybrid")}
    hybrid = results["hybrid"]
    for part in ("bm25", "dense"):
        for metric in ("recall@1", "recall@5", "mrr@10"):
            assert hybrid[metric] >= results[part][metric], (part, metric, results)
    assert hybrid["recall@5"] == 1.0, hybrid["failures"]
