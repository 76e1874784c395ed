"""The store keeps SQL and Chroma in step: writes, replacements, deletes, the model check."""

from __future__ import annotations

import pytest

from bot.services import Services
from storage.errors import DocumentNotFound, EmbeddingModelMismatch
from storage.queries import all_chunks, find_documents, list_documents
from storage.records import NewChunk, NewDocument, NewFile, NewSection


def _file(name: str, texts: list[str], sha: str = "a" * 64) -> NewFile:
    sections = [
        NewSection(level=1, heading="一、概况", heading_path="一、概况", text="", parent=None)
    ]
    chunks = [
        NewChunk(section=0, text=t, text_hash=f"h{i}{sha}", vector=[1.0, float(i)])
        for i, t in enumerate(texts)
    ]
    doc = NewDocument("测试报告", "2024年上半年", "青禾县", "report", [], sections, chunks)
    return NewFile(name, sha, 10, "txt", [doc], {})


def test_write_then_read_back(services: Services) -> None:
    store = services.store
    store.write_file(_file("a.txt", ["甲", "乙"]), model="m1")
    with store.session() as session:
        [summary] = list_documents(session=session)
        assert (summary.sections, summary.chunks) == (1, 2)
        assert {c.id for c in all_chunks(session=session)} == store.vectors.ids()
    assert store.stored_model() == "m1"


def test_replacing_a_file_removes_its_old_rows_and_vectors(services: Services) -> None:
    store = services.store
    store.write_file(_file("a.txt", ["甲", "乙"]), model="m1")
    result = store.write_file(_file("a.txt", ["丙"], sha="b" * 64), model="m1")
    assert result.replaced
    with store.session() as session:
        chunks = all_chunks(session=session)
    assert [c.text for c in chunks] == ["丙"]
    assert store.vectors.ids() == {chunks[0].id}


def test_another_model_is_refused_naming_reindex(services: Services) -> None:
    services.store.write_file(_file("a.txt", ["甲"]), model="m1")
    with pytest.raises(EmbeddingModelMismatch, match="zongjie reindex"):
        services.store.check_model("m2")


def test_delete_document_removes_rows_and_vectors(services: Services) -> None:
    store = services.store
    store.write_file(_file("a.txt", ["甲", "乙"]), model="m1")
    with store.session() as session:
        [doc] = find_documents(session=session, ref="a.txt")
    store.delete_document(doc.id or 0)
    assert store.vectors.count() == 0
    with store.session() as session:
        assert list_documents(session=session) == []
        with pytest.raises(DocumentNotFound):
            find_documents(session=session, ref="a.txt")


def test_generation_moves_with_every_change(services: Services) -> None:
    store = services.store
    seen = [store.generation()]
    store.write_file(_file("a.txt", ["甲"]), model="m1")
    seen.append(store.generation())
    with store.session() as session:
        [doc] = find_documents(session=session, ref="a.txt")
    store.delete_document(doc.id or 0)
    seen.append(store.generation())
    assert len(set(seen)) == 3
