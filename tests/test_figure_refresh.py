"""Stored figures follow the current extraction rules: refreshed from the stored text, atomically.

Real SQLite, Chroma and embeddings over the sample corpus. "Older rules" are simulated the way
an older store looks: its documents' recorded rules version lowered (or the whole record table
missing, as before versions were kept) and a figure row edited, as older rules would have
written it differently.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text, update
from sqlmodel import col, select

from bot.services import Services
from bot.settings import Settings
from ingest.figure_refresh import Extract, refresh_figures, stale_documents, stored_report
from ingest.metrics import FIGURE_RULES_VERSION, report_metrics
from ingest.model import Grid, ParsedReport
from storage.consistency import check_store
from storage.embeddings import E5Embeddings, NamedEmbeddings
from storage.figure_rules import replace_figures, stale_document
from storage.models import Chunk, DocumentFigures, Metric, MetricBase
from storage.queries import find_documents
from storage.records import NewMetric
from storage.store import Store
from tests.conftest import SAMPLES
from tests.figure_fingerprint import fingerprint, load_input
from tests.test_cli import run

# The fingerprint of tests/data/figure_rules_input.json under each rules version. When this
# test fails, the extraction output changed: bump FIGURE_RULES_VERSION (ingest/metrics.py), so
# stored figures are refreshed, and add the new version's fingerprint here.
FINGERPRINTS = {
    1: "d20ceaae87150a02953d4e703129e54e4d60069e2a45d21082b6e9b079e51f76",
    2: "a302f26f2b64a2fb2781a99d3e6fa2c8cc2d99550f5df0f8fea009769efbcc86",
    3: "55f8e36cd2963346c80979303b5e7c2fe22b45a7af72ec73ab833e0aa904c750",
    4: "55f8e36cd2963346c80979303b5e7c2fe22b45a7af72ec73ab833e0aa904c750",
    5: "55f8e36cd2963346c80979303b5e7c2fe22b45a7af72ec73ab833e0aa904c750",
    6: "55f8e36cd2963346c80979303b5e7c2fe22b45a7af72ec73ab833e0aa904c750",
    7: "55f8e36cd2963346c80979303b5e7c2fe22b45a7af72ec73ab833e0aa904c750",
    8: "f4815b0539300e78aea58a5b91355bf94d1fbeb27e867729dbdb588c86463545",
    9: "f4815b0539300e78aea58a5b91355bf94d1fbeb27e867729dbdb588c86463545",
    10: "f4815b0539300e78aea58a5b91355bf94d1fbeb27e867729dbdb588c86463545",
    11: "774452271320850713c8923bda3ff7a6df813e24ffd6552d0c74a3d872a2f9d9",
    12: "774452271320850713c8923bda3ff7a6df813e24ffd6552d0c74a3d872a2f9d9",
    13: "774452271320850713c8923bda3ff7a6df813e24ffd6552d0c74a3d872a2f9d9",
    14: "c2e124afb1db3e281f9f5e4b48d40a0e901a79dfd71dd20ad5b666f1ea4bddd7",
    15: "c2e124afb1db3e281f9f5e4b48d40a0e901a79dfd71dd20ad5b666f1ea4bddd7",
    16: "c2e124afb1db3e281f9f5e4b48d40a0e901a79dfd71dd20ad5b666f1ea4bddd7",
    17: "c2e124afb1db3e281f9f5e4b48d40a0e901a79dfd71dd20ad5b666f1ea4bddd7",
    18: "c2e124afb1db3e281f9f5e4b48d40a0e901a79dfd71dd20ad5b666f1ea4bddd7",
    19: "c2e124afb1db3e281f9f5e4b48d40a0e901a79dfd71dd20ad5b666f1ea4bddd7",
    20: "76f00b39eef5d2a562b96da24d794f86f1a4b21006980f03f1c083b82d100096",
    21: "76f00b39eef5d2a562b96da24d794f86f1a4b21006980f03f1c083b82d100096",
    22: "76f00b39eef5d2a562b96da24d794f86f1a4b21006980f03f1c083b82d100096",
}

DOCX = "青禾县教育局2024年上半年工作总结.docx"
PDF = "青禾县教育局2025年上半年工作总结.pdf"
XLSX = "青禾县教育事业主要指标.xlsx"

Row = tuple[Any, ...]


def test_the_rules_version_moves_with_the_extraction_output() -> None:
    found = fingerprint(load_input())
    expected = FINGERPRINTS.get(FIGURE_RULES_VERSION)
    assert expected is not None, (
        f"add FINGERPRINTS[{FIGURE_RULES_VERSION}] = {found!r} in tests/test_figure_refresh.py"
    )
    assert found == expected, (
        "figure extraction output changed: bump FIGURE_RULES_VERSION in ingest/metrics.py and "
        f"add FINGERPRINTS[{FIGURE_RULES_VERSION + 1}] = {found!r} in tests/test_figure_refresh.py"
    )


class Remembering(NamedEmbeddings):
    """The real model; a text one of this module's stores already had embedded is not embedded
    again (every test ingests the same corpus into a store of its own)."""

    def __init__(self, inner: E5Embeddings) -> None:
        self.inner, self.model_name = inner, inner.model_name
        self.known: dict[str, list[float]] = {}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        new = [t for t in dict.fromkeys(texts) if t not in self.known]
        self.known.update(zip(new, self.inner.embed_documents(new), strict=True))
        return [self.known[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


@pytest.fixture(scope="module")
def embeddings(e5: E5Embeddings) -> Remembering:
    """The default model, shared by the module's stores."""
    return Remembering(e5)


def _open(data: Path, embeddings: NamedEmbeddings) -> Services:
    services = Services(Settings(data_dir=data))
    services.__dict__["embeddings"] = embeddings
    return services


@pytest.fixture
def stored(tmp_path: Path, embeddings: Remembering) -> Services:
    """The sample corpus ingested into a fresh store (changed by the tests)."""
    services = _open(tmp_path / "data", embeddings)
    assert services.ingestor.ingest([SAMPLES]).errors == []
    return services


def _document_id(store: Store, file: str) -> int:
    with store.session() as session:
        [document] = find_documents(session=session, ref=file)
    assert document.id is not None
    return document.id


def _figures(store: Store, document_id: int | None = None) -> list[Row]:
    """Figure rows (id, document, section, then the figure), in id order; one document's or all."""
    query = select(Metric).order_by(col(Metric.id))
    if document_id is not None:
        query = query.where(Metric.document_id == document_id)
    with store.session() as session:
        return [
            (m.id, m.document_id, m.section_id, *m.model_dump(include=FIGURE_FIELDS).values())
            for m in session.exec(query)
        ]


FIGURE_FIELDS = set(MetricBase.model_fields)


def _content(rows: list[Row]) -> list[Row]:
    """The rows without their ids: what a re-extraction must give back."""
    return [row[1:] for row in rows]


def _versions(store: Store) -> dict[int, int]:
    with store.session() as session:
        rows = session.exec(select(DocumentFigures.document_id, DocumentFigures.rules_version))
        return dict(rows.all())


def make_stale(store: Store, document_id: int) -> int:
    """Make a document look as older rules left it: version 0, one figure's value different."""
    with store.session() as session:
        session.exec(  # type: ignore[call-overload]
            update(DocumentFigures)
            .where(col(DocumentFigures.document_id) == document_id)
            .values(rules_version=0)
        )
        figure = session.exec(select(Metric).where(Metric.document_id == document_id)).first()
        assert figure is not None and figure.id is not None
        figure.value, figure.raw = "999", "999"
        session.add(figure)
        session.commit()
        return figure.id


def _untouched(store: Store) -> tuple[set[str], set[str]]:
    with store.session() as session:
        return set(session.exec(select(Chunk.id))), store.vectors.ids()


def test_a_current_store_is_left_alone(stored: Services) -> None:
    store = stored.store
    before = _figures(store)
    assert stale_documents(store) == []
    result = refresh_figures(store)
    assert (result.documents, result.figures, result.failed) == (0, 0, [])
    assert _figures(store) == before  # not even rewritten: the ids are the same


def test_extracting_again_from_the_stored_text_gives_the_ingested_figures(
    stored: Services,
) -> None:
    """Prose, a docx table and an xlsx metric table, rebuilt from SQL rows alone."""
    store = stored.store
    before = _figures(store)
    chunks = _untouched(store)
    result = refresh_figures(store, every=True)
    assert result.documents == len(_versions(store)) == 4 and result.figures == len(before)
    after = _figures(store)
    assert after != before  # new rows (new ids)...
    assert _content(after) == _content(before)  # ...with exactly the same figures
    assert _untouched(store) == chunks


def test_older_figures_are_refreshed_when_the_store_is_opened_for_ingest(
    stored: Services, embeddings: Remembering
) -> None:
    store = stored.store
    docx = _document_id(store, DOCX)
    original = _content(_figures(store, docx))
    others = [row for row in _figures(store) if row[1] != docx]
    make_stale(store, docx)
    chunks = _untouched(store)
    assert stale_documents(store) == [docx]

    reopened = _open(stored.settings.data_dir, embeddings)
    report = reopened.ingestor.ingest([SAMPLES])
    assert {d.status for d in report.documents} == {"unchanged"}
    assert _content(_figures(reopened.store, docx)) == original
    assert _versions(reopened.store)[docx] == FIGURE_RULES_VERSION
    assert [row for row in _figures(reopened.store) if row[1] != docx] == others
    assert _untouched(reopened.store) == chunks
    assert check_store(reopened.store).clean


def test_a_store_from_before_rules_versions_opens_and_is_brought_up_to_date(
    stored: Services, embeddings: Remembering
) -> None:
    """No record table at all; the metric table's cells were not kept, so its file is read."""
    store = stored.store
    pdf, xlsx = _document_id(store, PDF), _document_id(store, XLSX)
    by_file = {f: _figures(store, _document_id(store, f)) for f in (DOCX, PDF, XLSX)}
    make_stale(store, pdf)
    chunks, _ = _untouched(store)
    with store.session() as session:
        table_chunks = set(session.exec(select(Chunk.id).where(Chunk.document_id == xlsx)))
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE document_figures"))

    reopened = _open(stored.settings.data_dir, embeddings)  # the table is created again, empty
    assert len(stale_documents(reopened.store)) == 4
    result = refresh_figures(reopened.store)
    assert result.documents == 3 and result.need_file == [XLSX]
    assert stale_documents(reopened.store) == [_document_id(reopened.store, XLSX)]

    report = reopened.ingestor.ingest([SAMPLES])
    statuses = {d.file: d.status for d in report.documents}
    assert statuses.pop(XLSX) == "replaced" and set(statuses.values()) == {"unchanged"}
    assert stale_documents(reopened.store) == []
    for file, figures in by_file.items():
        refreshed = _figures(reopened.store, _document_id(reopened.store, file))
        # the table was stored anew (new document and section ids): compare the figures
        assert [r[3:] for r in refreshed] == [r[3:] for r in figures]
    kept, vectors = _untouched(reopened.store)
    assert chunks - kept == table_chunks  # the reports' chunks stayed; the table's were replaced
    assert vectors == kept and check_store(reopened.store).clean


def _refused_for(title: str) -> Extract:
    """report_metrics, except that one report's rows end with a row the database refuses."""

    def extract(report: ParsedReport, grids: tuple[Grid, ...]) -> list[NewMetric]:
        metrics = report_metrics(report, grids)
        if report.title == title:
            metrics.append(replace(metrics[0], sentence=None))  # type: ignore[arg-type]
        return metrics

    return extract


def test_a_failure_mid_refresh_keeps_that_documents_old_figures(stored: Services) -> None:
    store = stored.store
    docx, pdf = _document_id(store, DOCX), _document_id(store, PDF)
    pdf_figures = _content(_figures(store, pdf))
    make_stale(store, docx)
    make_stale(store, pdf)
    old_docx = _figures(store, docx)
    with store.session() as session:
        stale = stale_document(session=session, document_id=docx)
    assert stale is not None
    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    result = refresh_figures(store, extract=_refused_for(stale.document.title))

    assert result.failed == [docx] and result.documents == 1
    assert any(s.startswith("DELETE FROM metric") for s in statements)  # it got that far
    assert _figures(store, docx) == old_docx  # the old rows, ids and the edited value alike
    assert _versions(store)[docx] == 0 and stale_documents(store) == [docx]
    assert _content(_figures(store, pdf)) == pdf_figures  # the other document was refreshed
    assert _versions(store)[pdf] == FIGURE_RULES_VERSION


def test_a_document_another_process_refreshed_is_not_written_twice(stored: Services) -> None:
    store = stored.store
    pdf = _document_id(store, PDF)
    make_stale(store, pdf)
    with store.session() as session:
        stale = stale_document(session=session, document_id=pdf)
    assert stale is not None
    metrics = report_metrics(stored_report(stale), ())
    assert replace_figures(store, stale, metrics, version=FIGURE_RULES_VERSION)
    once = _figures(store, pdf)
    # the same snapshot again, as a second process that read it before the first wrote
    assert not replace_figures(store, stale, metrics, version=FIGURE_RULES_VERSION)
    assert _figures(store, pdf) == once and len(once) == len(metrics)


def test_zongjie_check_and_reindex_figures(tmp_path: Path, embeddings: Remembering) -> None:
    data = tmp_path / "data"
    services = _open(data, embeddings)
    assert services.ingestor.ingest([SAMPLES / PDF]).errors == []
    pdf = _document_id(services.store, PDF)
    make_stale(services.store, pdf)

    found = run(data, "check", "--json")
    assert found.returncode == 1
    payload = json.loads(found.stdout)
    assert (payload["stale_figures"], payload["clean"]) == ([pdf], False)

    fixed = run(data, "check", "--repair")
    assert fixed.returncode == 0, fixed.stderr
    assert "1 篇报告的数字是按旧版提取规则提取的" in fixed.stdout
    assert f"已按第 {FIGURE_RULES_VERSION} 版提取规则重新提取 1 篇报告的数字" in fixed.stdout
    assert stale_documents(services.store) == []

    forced = run(data, "reindex-figures", "--all")
    assert forced.returncode == 0, forced.stderr
    figures = len(_figures(services.store))
    assert f"重新提取 1 篇报告的数字，共 {figures} 条" in forced.stdout
    assert "无需更新" in run(data, "reindex-figures").stdout


def assert_refresh_restores(services: Services, file: str) -> None:
    """Used on PostgreSQL too: a stale, edited document is refreshed back to its figures."""
    store = services.store
    document_id = _document_id(store, file)
    original = _content(_figures(store, document_id))
    edited = make_stale(store, document_id)
    result = refresh_figures(store)
    assert result.documents == 1 and result.failed == []
    assert _content(_figures(store, document_id)) == original
    assert edited not in {row[0] for row in _figures(store, document_id)}
    assert stale_documents(store) == []
    assert refresh_figures(store).documents == 0


def test_refresh_restores_on_sqlite(stored: Services) -> None:
    assert_refresh_restores(stored, DOCX)
