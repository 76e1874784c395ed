"""Shared fixtures: real SQLite and Chroma in tmp_path, the real default embeddings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import Services
from bot.settings import Settings
from storage.embeddings import E5Embeddings

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "corpus"


@pytest.fixture(scope="session")
def e5() -> E5Embeddings:
    """The default offline embeddings, loaded once."""
    return E5Embeddings()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings whose data directory is a fresh temporary folder."""
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def services(settings: Settings, e5: E5Embeddings) -> Services:
    """Services over a fresh store, sharing the session's embeddings."""
    services = Services(settings)
    services.__dict__["embeddings"] = e5  # share the loaded model across tests
    return services


@pytest.fixture(scope="session")
def sample_services(tmp_path_factory: pytest.TempPathFactory, e5: E5Embeddings) -> Services:
    """A store holding the bundled sample corpus, ingested once for the session (read-only)."""
    services = Services(Settings(data_dir=tmp_path_factory.mktemp("samples") / "data"))
    services.__dict__["embeddings"] = e5
    assert services.ingestor.ingest([SAMPLES]).errors == []
    return services
