"""Ingest end to end on real SQLite, Chroma and embeddings: idempotent, atomic, cached."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from bot.services import Services
from ingest.errors import CorruptFile, UnsupportedType
from ingest.pipeline import Ingestor
from storage.embeddings import E5Embeddings, NamedEmbeddings
from storage.queries import all_chunks, list_documents
from tests.report_text import HALF_YEAR_2024, SAFETY_2024


class CountingEmbeddings(NamedEmbeddings):
    """The real model, counting how many texts it is asked to embed; can be told to fail."""

    def __init__(self, inner: E5Embeddings, *, fail: bool = False) -> None:
        self.inner, self.fail, self.embedded = inner, fail, 0
        self.model_name = inner.model_name

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if self.fail:
            raise RuntimeError("embedding service down")
        self.embedded += len(texts)
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored(services: Services) -> tuple[int, int, int]:
    with services.store.session() as session:
        docs, chunks = list_documents(session=session), all_chunks(session=session)
    return len(docs), len(chunks), services.store.vectors.count()


def test_ingest_stores_reports_sections_and_vectors(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path, "青禾县2024年上半年.txt", HALF_YEAR_2024)
    report = services.ingestor.ingest([path])
    assert report.errors == []
    [doc] = report.documents
    assert doc.status == "added"
    assert doc.title == "青禾县教育局2024年上半年工作总结"
    assert (doc.period, doc.region) == ("2024年上半年", "青禾县")
    assert doc.sections >= 5 and doc.chunks >= 5
    n_docs, n_chunks, n_vectors = _stored(services)
    assert (n_docs, n_chunks) == (1, doc.chunks) and n_vectors == n_chunks


def test_reingesting_an_unchanged_file_changes_nothing(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", HALF_YEAR_2024)
    services.ingestor.ingest([path])
    before = _stored(services)
    again = services.ingestor.ingest([path])
    assert [d.status for d in again.documents] == ["unchanged"]
    assert _stored(services) == before


def test_a_changed_file_replaces_its_previous_version(services: Services, tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", HALF_YEAR_2024)
    services.ingestor.ingest([path])
    _write(tmp_path, "a.txt", HALF_YEAR_2024.replace("97.7%", "98.1%"))
    result = services.ingestor.ingest([path])
    assert [d.status for d in result.documents] == ["replaced"]
    with services.store.session() as session:
        texts = " ".join(c.text for c in all_chunks(session=session))
    assert "98.1%" in texts and "97.7%" not in texts
    assert _stored(services)[0] == 1


def test_identical_chunks_are_embedded_once(
    services: Services, e5: E5Embeddings, tmp_path: Path
) -> None:
    counting = CountingEmbeddings(e5)
    ingestor = Ingestor(services.store, counting, max_bytes=10**6)
    ingestor.ingest([_write(tmp_path, "a.txt", HALF_YEAR_2024)])
    first = counting.embedded
    # the safety summary repeats one sentence of the half-year summary word for word
    report = ingestor.ingest([_write(tmp_path, "b.txt", SAFETY_2024)])
    assert report.chunks_from_cache >= 1
    assert counting.embedded - first == report.chunks_embedded
    assert report.chunks_embedded + report.chunks_from_cache == report.documents[0].chunks
    assert first > 0


def test_a_failing_embedding_step_stores_nothing(
    services: Services, e5: E5Embeddings, tmp_path: Path
) -> None:
    ingestor = Ingestor(services.store, CountingEmbeddings(e5, fail=True), max_bytes=10**6)
    with pytest.raises(RuntimeError):
        ingestor.ingest_file(_write(tmp_path, "a.txt", HALF_YEAR_2024))
    assert _stored(services) == (0, 0, 0)


def test_a_failing_vector_write_leaves_no_rows(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vectors = services.store.vectors
    real_add = vectors.add

    def add_half_then_fail(ids, vecs, texts, metas):  # type: ignore[no-untyped-def]
        real_add(ids[:2], vecs[:2], texts[:2], metas[:2])
        raise ConnectionError("chroma went away")

    monkeypatch.setattr(vectors, "add", add_half_then_fail)
    with pytest.raises(ConnectionError):
        services.ingestor.ingest_file(_write(tmp_path, "a.txt", HALF_YEAR_2024))
    assert _stored(services) == (0, 0, 0)


def test_a_failing_sql_commit_leaves_no_vectors(services: Services, tmp_path: Path) -> None:
    def refuse(_session):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    event.listen(services.store.engine, "commit", refuse)
    with pytest.raises(OSError):
        services.ingestor.ingest_file(_write(tmp_path, "a.txt", HALF_YEAR_2024))
    event.remove(services.store.engine, "commit", refuse)
    assert _stored(services) == (0, 0, 0)


def test_a_failing_replacement_keeps_the_old_version(
    services: Services, e5: E5Embeddings, tmp_path: Path
) -> None:
    path = _write(tmp_path, "a.txt", HALF_YEAR_2024)
    services.ingestor.ingest([path])
    before = _stored(services)
    _write(tmp_path, "a.txt", HALF_YEAR_2024 + "\n四、其他\n新增内容一句。")
    ingestor = Ingestor(services.store, CountingEmbeddings(e5, fail=True), max_bytes=10**6)
    with pytest.raises(RuntimeError):
        ingestor.ingest_file(path)
    assert _stored(services) == before


def test_bad_files_are_reported_and_the_batch_goes_on(services: Services, tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", SAFETY_2024)
    bad_type = _write(tmp_path, "photo.jpg", "not a document")
    corrupt = tmp_path / "broken.docx"
    corrupt.write_bytes(b"PK\x03\x04 definitely not a real docx")
    report = services.ingestor.ingest([bad_type, corrupt, good])
    assert [d.file for d in report.documents] == ["good.txt"]
    assert [type(f.error) for f in report.errors] == [UnsupportedType, CorruptFile]
    assert _stored(services)[0] == 1


def test_one_file_with_several_reports_gives_several_documents(
    services: Services, tmp_path: Path
) -> None:
    text = f"第1篇 {HALF_YEAR_2024}\n第2篇 {SAFETY_2024}"
    report = services.ingestor.ingest([_write(tmp_path, "合集.txt", text)])
    assert len(report.documents) == 2
    assert report.documents[1].title == "青禾县2024年校园安全工作总结"
