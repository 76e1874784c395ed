"""The one settings object: environment variables with the ZONGJIE_ prefix, built at the edge."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the Bot API's download limit for bots
# Telegram ids, written "123, 456" (or with spaces, semicolons or Chinese commas) in the env.
IdSet = Annotated[frozenset[int], NoDecode]


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
    llm_timeout: float = 60.0  # seconds per model call; on timeout the rules-based answer is given

    telegram_token: SecretStr | None = None
    telegram_base_url: str | None = None  # python-telegram-bot's base_url: ".../bot"
    telegram_base_file_url: str | None = None  # derived from telegram_base_url when unset
    allowed_users: IdSet = frozenset()
    allowed_chats: IdSet = frozenset()
    admin_users: IdSet = frozenset()
    allow_all: bool = False  # serve anyone: must be said explicitly
    all_users_may_upload: bool = False  # else only admins upload
    webhook_url: str | None = None  # the public URL Telegram posts to; unset: long polling
    webhook_secret: SecretStr | None = None  # unset: a random one per start
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_path: str | None = None  # unset: the path of webhook_url

    @field_validator("allowed_users", "allowed_chats", "admin_users", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        """Comma-separated ids from the environment become a set of ints."""
        if isinstance(value, str):
            return frozenset(int(part) for part in re.split(r"[\s,;，；]+", value) if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

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

    def telegram_file_url(self) -> str | None:
        """The Bot API file URL: the configured one, or the one beside the base URL."""
        if self.telegram_base_file_url or not self.telegram_base_url:
            return self.telegram_base_file_url
        head, sep, tail = self.telegram_base_url.rstrip("/").rpartition("/")
        return f"{head}/file/{tail}" if sep else None

    def chroma_dir(self) -> Path:
        """Where the embedded Chroma keeps its files when no server URL is set."""
        return self.data_dir / "chroma"
