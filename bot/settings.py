"""The one settings object: environment variables with the ZONGJIE_ prefix, built at the edge."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the Bot API's download limit for bots


class Settings(BaseSettings):
    """Everything configurable about Zongjie; see the README's configuration table."""

    model_config = SettingsConfigDict(env_prefix="ZONGJIE_", env_file=None, extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    chroma_url: str | None = None
    chroma_collection: str = "zongjie_chunks"
    embedding_model: str | None = None
    max_file_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    samples_dir: Path | None = None

    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None

    telegram_token: SecretStr | None = None

    def resolved_database_url(self) -> str:
        """The SQL URL: the configured one, or a SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'zongjie.sqlite3').resolve()}"

    def chroma_dir(self) -> Path:
        """Where the embedded Chroma keeps its files when no server URL is set."""
        return self.data_dir / "chroma"
