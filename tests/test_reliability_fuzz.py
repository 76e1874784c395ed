"""231 broken uploads from a seeded generator (benchmarks/fuzz_inputs.py) through the whole ingest.

Each either gets an IngestError, which the edge turns into a clear Chinese sentence, with
nothing of it stored; or it is stored whole (a damaged file can still hold readable text) and
the store stays consistent. Nothing else may escape. The embeddings are LangChain's
deterministic fake: what is under test is reading and storing, on real SQLite and Chroma
(tests/test_integration_servers.py runs the same set on PostgreSQL and a Chroma server).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.embeddings import DeterministicFakeEmbedding
from sqlmodel import func, select

from benchmarks.fuzz_inputs import broken_inputs
from bot.messages import describe_error
from bot.services import Services
from bot.settings import Settings
from ingest.errors import IngestError
from ingest.pipeline import Ingestor
from prompts import load_templates
from storage.consistency import check_store
from storage.embeddings import NamedEmbeddings
from storage.models import Chunk, SourceFile
from storage.store import Store

_CJK = re.compile(r"[\u4e00-\u9fff]")


class FakeEmbeddings(NamedEmbeddings):
    """LangChain's deterministic fake, 384-dimensional like e5-small, under its own name."""

    model_name = "fake:deterministic-384"

    def __init__(self) -> None:
        self._fake = DeterministicFakeEmbedding(size=384)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """One fixed vector per text."""
        return self._fake.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """One fixed vector per text."""
        return self._fake.embed_query(text)


@dataclass
class FuzzOutcome:
    """How the broken inputs ended: error classes, ingested ones, and what went wrong."""

    errors: Counter[str] = field(default_factory=Counter)
    ingested: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Inputs tried."""
        return sum(self.errors.values()) + len(self.ingested)


def _sizes(store: Store) -> tuple[int, int, int]:
    with store.session() as session:
        files = session.exec(select(func.count()).select_from(SourceFile)).one()
        chunks = session.exec(select(func.count()).select_from(Chunk)).one()
    return files, chunks, store.vectors.count()


def fuzz_store(services: Services, folder: Path) -> FuzzOutcome:
    """Ingest every broken input into `services`' store and record how each ended."""
    templates = load_templates()
    ingestor = Ingestor(services.store, FakeEmbeddings(), max_bytes=20 * 1024 * 1024)
    outcome = FuzzOutcome()
    folder.mkdir(parents=True, exist_ok=True)
    for name, data, kind in broken_inputs():
        path = folder / name
        path.write_bytes(data)
        before = _sizes(services.store)
        try:
            documents = ingestor.ingest_file(path)
        except IngestError as exc:
            message = describe_error(exc, templates)
            if not _CJK.search(message) or message == templates.render("error.internal"):
                outcome.failures.append(f"{name}: unclear message {message!r}")
            if _sizes(services.store) != before:
                outcome.failures.append(f"{name}: {type(exc).__name__} but something was stored")
            outcome.errors[type(exc).__name__] += 1
        except Exception as exc:  # noqa: BLE001 - the finding this test exists for
            outcome.failures.append(f"{name} ({kind}): escaped {type(exc).__name__}: {exc}"[:300])
        else:
            if not documents or any(d.chunks == 0 for d in documents):
                outcome.failures.append(f"{name}: stored without chunks")
            outcome.ingested.append(name)
        finally:
            path.unlink()
    report = check_store(services.store)
    if not report.clean:
        outcome.failures.append(f"store inconsistent: {report.problems()}")
    return outcome


def test_broken_inputs_get_a_clear_error_or_are_stored_whole(tmp_path: Path) -> None:
    services = Services(Settings(data_dir=tmp_path / "data"))
    outcome = fuzz_store(services, tmp_path / "inputs")
    assert outcome.failures == []
    assert outcome.total >= 200
    # Most are refused; the rest are readable despite the damage (and were stored whole).
    assert sum(outcome.errors.values()) > outcome.total // 2
    print(
        f"\nfuzz: {outcome.total} inputs, errors {dict(outcome.errors)}, "
        f"ingested {len(outcome.ingested)}"
    )
