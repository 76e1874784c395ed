"""The sample corpus ingests into sensible reports, and the pipeline makes no number."""

from __future__ import annotations

import re

import pytest

from bot.services import Services
from ingest import loaders
from storage.queries import all_chunks
from tests.conftest import SAMPLES

NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture
def ingested(sample_services: Services) -> Services:
    """The session's sample-corpus store."""
    return sample_services


def test_every_sample_file_becomes_a_dated_report_of_the_county(ingested: Services) -> None:
    report = ingested.ingestor.ingest([SAMPLES])
    found = {(d.file, d.period, d.region, d.status) for d in report.documents}
    assert found == {
        ("青禾县教育局2024年上半年工作总结.docx", "2024年上半年", "青禾县", "unchanged"),
        ("青禾县教育局2025年上半年工作总结.pdf", "2025年上半年", "青禾县", "unchanged"),
        ("青禾县2024年校园安全工作总结.txt", "2024年", "青禾县", "unchanged"),
        ("青禾县教育事业主要指标.xlsx", None, "青禾县", "unchanged"),
    }


def test_every_number_in_a_chunk_stands_in_its_source_file(ingested: Services) -> None:
    texts = {p.name: loaders.load(p).text for p in SAMPLES.iterdir() if p.is_file()}
    numbers = {name: set(NUMBER.findall(text)) for name, text in texts.items()}
    with ingested.store.session() as session:
        from storage.models import Document, SourceFile

        for chunk in all_chunks(session=session):
            doc = session.get(Document, chunk.document_id)
            assert doc is not None
            file = session.get(SourceFile, doc.source_file_id)
            assert file is not None
            for number in NUMBER.findall(chunk.text):
                assert number in numbers[file.name], (file.name, number, chunk.text)
            # rows of a table stay rows: cells of two rows are never glued together
            for line in chunk.text.splitlines():
                if " | " in line:
                    assert line in texts[file.name].splitlines(), line
