"""The object graph, built once at an entry point from the settings and passed down."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from bot.settings import Settings
from ingest.pipeline import Ingestor
from knowledge.answers import Answerer, Answering
from knowledge.bm25 import BM25Index
from knowledge.drafting.engine import DraftEngine
from knowledge.llm import make_chat_model
from knowledge.llm_answers import LLMAnswerer
from knowledge.metrics import MetricService
from knowledge.retrieval import ModeSearch, Retriever
from prompts import Templates, load_templates
from storage.database import make_engine
from storage.embeddings import NamedEmbeddings, make_embeddings
from storage.store import Store
from storage.vectors import open_vectors

REPO_SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
BM25_CACHE_FILE = "bm25_terms.npz"


class Services:
    """Zongjie's collaborators; the heavy ones (embeddings) are made on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @cached_property
    def templates(self) -> Templates:
        """Reply templates from prompts/."""
        return load_templates()

    @cached_property
    def store(self) -> Store:
        """SQL and vectors."""
        settings = self.settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.resolved_database_url())
        vectors = open_vectors(
            path=settings.chroma_dir(),
            url=settings.chroma_url,
            collection=settings.chroma_collection,
        )
        return Store(engine, vectors)

    @cached_property
    def embeddings(self) -> NamedEmbeddings:
        """The configured embedding model."""
        return make_embeddings(self.settings.embedding_model)

    @cached_property
    def ingestor(self) -> Ingestor:
        """Files into the store."""
        return Ingestor(self.store, self.embeddings, max_bytes=self.settings.max_file_bytes)

    @cached_property
    def metrics(self) -> MetricService:
        """Stored figures by indicator."""
        return MetricService(self.store)

    @cached_property
    def search(self) -> Retriever:
        """Passages for a question: BM25 and dense fused."""
        # The chunks' BM25 terms are kept beside the store: a new process need not cut them all.
        index = BM25Index(self.store, cache_file=self.settings.data_dir / BM25_CACHE_FILE)
        return Retriever(self.store, self.embeddings, index=index)

    @cached_property
    def answerer(self) -> Answering:
        """Cited answers to questions: phrased by the language model when one is configured."""
        return self.answerer_by("hybrid")

    def answerer_by(self, mode: str) -> Answering:
        """An answerer whose passages come from one retrieval mode (hybrid, bm25 or dense)."""
        search = self.search if mode == "hybrid" else ModeSearch(self.search, mode)
        rules = Answerer(self.store, search, self.metrics)
        model = self.chat_model
        return rules if model is None else LLMAnswerer(rules, model, self.templates)

    @cached_property
    def chat_model(self) -> BaseChatModel | None:
        """The configured language model, or None to answer and draft by rules."""
        settings = self.settings
        if not (settings.llm_base_url and settings.llm_model):
            return None
        key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
        return make_chat_model(
            settings.llm_base_url, settings.llm_model, key, timeout=settings.llm_timeout
        )

    @cached_property
    def drafts(self) -> DraftEngine:
        """Drafting conversations: by analogy, or by the language model when one is configured."""
        return DraftEngine(self.store, self.templates, chat_model=self.chat_model)

    def samples_dir(self) -> Path:
        """The bundled sample corpus (or the configured one)."""
        return self.settings.samples_dir or REPO_SAMPLES
