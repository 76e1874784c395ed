"""The one settings object: environment variables with the ZONGJIE_ prefix, built at the edge."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the Bot API's download limit for bots


class Settings(BaseSettings):
    """Everything configurable about Zongjie; see the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="ZONGJIE_", env_file=None, extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    chroma_url: str | None = None
    embedding_model: str | None = None
    max_file_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    samples_dir: Path | None = None

    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout: float = 60.0  # seconds per model call; on timeout the rules-based answer is given

    telegram_token: SecretStr | None = None

    @model_validator(mode="after")
    def _llm_complete(self) -> Settings:
        if bool(self.llm_base_url) != bool(self.llm_model):
            raise ValueError(
                "ZONGJIE_LLM_BASE_URL and ZONGJIE_LLM_MODEL go together: set both to use a "
                "language model, or neither to answer without one"
            )
        return self

    def resolved_database_url(self) -> str:
        """The SQL URL: the configured one, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'zongjie.sqlite3').resolve()}"

    def chroma_dir(self) -> Path:
        """Where the embedded Chroma keeps its files when no server URL is set."""
        return self.data_dir / "chroma"
