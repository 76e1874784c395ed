"""`zongjie check` finds and repairs SQL/vector mismatches; export/import round-trips a store."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from bot.services import Services
from bot.settings import Settings
from storage.backup import export_store, import_store
from storage.consistency import check_store, repair_store
from storage.embeddings import E5Embeddings
from storage.errors import BackupInvalid, StoreNotEmpty
from storage.models import Chunk, Document, SourceFile
from storage.queries import list_documents
from tests.conftest import REPO
from tests.report_text import HALF_YEAR_2024, SAFETY_2024
from tests.test_cli import run

QUESTIONS = [
    json.loads(line)["q"]
    for line in (REPO / "tests" / "data" / "sample_qa.jsonl").read_text("utf-8").splitlines()
]


@pytest.fixture
def small(services: Services, tmp_path: Path) -> Services:
    """A fresh store holding two short reports."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "半年.txt").write_text(HALF_YEAR_2024, encoding="utf-8")
    (folder / "安全.txt").write_text(SAFETY_2024, encoding="utf-8")
    assert services.ingestor.ingest([folder]).errors == []
    return services


def test_a_fresh_store_is_clean(small: Services) -> None:
    report = check_store(small.store)
    assert report.clean, report.problems()
    assert report.totals["chunks"] == report.totals["vectors"] > 0


def test_a_vector_no_chunk_owns_is_found_and_deleted(small: Services) -> None:
    store = small.store
    store.vectors.add(["deadbeef" * 4], [[0.1] * 384], ["孤立"], [{"document_id": 999}])
    report = check_store(store)
    assert report.orphan_vectors == ["deadbeef" * 4]
    assert report.problems()["orphan_vectors"] == 1 and not report.clean
    result = repair_store(store, report, small.embeddings)
    assert result.vectors_deleted == 1 and result.rows_deleted == 0
    assert check_store(store).clean
    assert "deadbeef" * 4 not in store.vectors.ids()


def test_missing_vectors_are_restored_from_the_cache(small: Services) -> None:
    store = small.store
    with store.session() as session:
        chunk_ids = sorted(session.exec(select(Chunk.id)))
    before = {v.id: v.embedding for v in store.vectors.get(chunk_ids[:3])}
    store.vectors.delete(chunk_ids[:3])
    report = check_store(store)
    assert report.chunks_without_vectors == chunk_ids[:3]
    result = repair_store(store, report, small.embeddings)
    assert result.vectors_restored == 3
    after = {v.id: v.embedding for v in store.vectors.get(chunk_ids[:3])}
    assert after.keys() == before.keys()
    for chunk_id, vector in before.items():
        assert after[chunk_id] == pytest.approx(vector, abs=1e-6)
    assert check_store(store).clean


def test_rows_of_a_vanished_report_are_found_and_deleted(small: Services) -> None:
    store = small.store
    with store.session() as session:
        document = session.exec(select(Document).order_by(Document.id)).first()
        assert document is not None
        chunk_ids = set(session.exec(select(Chunk.id).where(Chunk.document_id == document.id)))
    # A hand-edited database: the report row goes, its children stay (foreign keys off).
    with store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.execute(text("DELETE FROM document WHERE id = :i"), {"i": document.id})
        connection.execute(
            text(
                "INSERT INTO source_file (name, sha256, size, format, ingested_at)"
                " VALUES ('空.txt', 'x', 1, 'txt', '2024-01-01')"
            )
        )
        connection.commit()
    report = check_store(store)
    assert set(report.orphan_chunks) == chunk_ids
    assert report.orphan_sections and report.orphan_metrics
    assert len(report.empty_files) == 2  # the report's own file, and the new empty one
    result = repair_store(store, report, small.embeddings)
    assert result.vectors_deleted == len(chunk_ids)
    assert result.rows_deleted == (
        len(chunk_ids) + len(report.orphan_sections) + len(report.orphan_metrics) + 2
    )
    assert check_store(store).clean
    assert not chunk_ids & store.vectors.ids()
    with store.session() as session:
        assert [f.name for f in session.exec(select(SourceFile))] == ["安全.txt"]


def test_zongjie_check_exits_1_until_repaired(tmp_path: Path) -> None:
    data = tmp_path / "data"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "安全.txt").write_text(SAFETY_2024, encoding="utf-8")
    assert run(data, "ingest", str(folder)).returncode == 0
    clean = run(data, "check")
    assert clean.returncode == 0 and "资料库一致" in clean.stdout, clean.stderr
    services = Services(Settings(data_dir=data))
    services.store.vectors.add(["0" * 32], [[0.5] * 384], ["孤立"], [{"document_id": 7}])
    found = run(data, "check", "--json")
    assert found.returncode == 1
    assert json.loads(found.stdout)["found"]["orphan_vectors"] == ["0" * 32]
    fixed = run(data, "check", "--repair")
    assert fixed.returncode == 0, fixed.stderr
    assert "无主向量 1 个" in fixed.stdout and "已修复" in fixed.stdout
    assert "资料库一致" in fixed.stdout


def _fresh(tmp_path: Path, name: str, e5: E5Embeddings) -> Services:
    services = Services(Settings(data_dir=tmp_path / name))
    services.__dict__["embeddings"] = e5
    return services


def test_export_import_export_gives_the_same_bytes_and_answers(
    sample_services: Services, tmp_path: Path, e5: E5Embeddings
) -> None:
    first = tmp_path / "first.zjb"
    exported = export_store(sample_services.store, first)
    restored = _fresh(tmp_path, "restored", e5)
    imported = import_store(restored.store, first)
    assert imported == exported
    assert exported.vectors == restored.store.vectors.count() > 0
    second = tmp_path / "second.zjb"
    export_store(restored.store, second)
    assert first.read_bytes() == second.read_bytes()
    with sample_services.store.session() as a, restored.store.session() as b:
        assert [(s.document, s.sections, s.chunks) for s in list_documents(session=a)] == [
            (s.document, s.sections, s.chunks) for s in list_documents(session=b)
        ]
    for question in QUESTIONS:
        original = sample_services.answerer.answer(question)
        copy = restored.answerer.answer(question)
        assert copy.text == original.text, question
    assert check_store(restored.store).clean


def test_import_refuses_a_store_that_is_not_empty(small: Services, tmp_path: Path) -> None:
    backup = tmp_path / "b.zjb"
    export_store(small.store, backup)
    before = small.store.vectors.count()
    with pytest.raises(StoreNotEmpty):
        import_store(small.store, backup)
    assert small.store.vectors.count() == before


def test_a_cut_off_backup_restores_nothing(
    small: Services, tmp_path: Path, e5: E5Embeddings
) -> None:
    backup = tmp_path / "b.zjb"
    export_store(small.store, backup)
    lines = gzip.decompress(backup.read_bytes()).splitlines(keepends=True)
    cut = tmp_path / "cut.zjb"
    cut.write_bytes(gzip.compress(b"".join(lines[:-1])))  # everything but the footer
    target = _fresh(tmp_path, "target", e5)
    with pytest.raises(BackupInvalid):
        import_store(target.store, cut)
    assert target.store.vectors.count() == 0
    with target.store.session() as session:
        assert list_documents(session=session) == []
    garbage = tmp_path / "garbage.zjb"
    garbage.write_bytes(b"not a backup")
    with pytest.raises(BackupInvalid):
        import_store(target.store, garbage)


def test_zongjie_export_and_import_on_the_command_line(tmp_path: Path) -> None:
    data, copy = tmp_path / "data", tmp_path / "copy"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "半年.txt").write_text(HALF_YEAR_2024, encoding="utf-8")
    assert run(data, "ingest", str(folder)).returncode == 0
    backup = tmp_path / "store.zjb"
    exported = run(data, "export", str(backup))
    assert exported.returncode == 0 and "已导出" in exported.stdout, exported.stderr
    imported = run(copy, "import", str(backup))
    assert imported.returncode == 0 and "导入：记录" in imported.stdout, imported.stderr
    again = run(copy, "import", str(backup))
    assert again.returncode == 1 and "只能导入到空的资料库" in again.stderr
    question = "2024年上半年入园率是多少？"
    assert run(copy, "ask", question).stdout == run(data, "ask", question).stdout
    assert "97.7%" in run(copy, "ask", question).stdout
