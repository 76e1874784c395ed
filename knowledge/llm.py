"""The optional language model: any OpenAI-compatible endpoint through LangChain's ChatOpenAI.

DeepSeek, Qwen (DashScope), Ollama, vLLM and llama.cpp's server all speak the OpenAI chat
API; only the base URL, model name and key differ. langchain_openai is imported here, on
first use, so a deployment without a model never pays for it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

__all__ = ["ModelFailed", "make_chat_model", "reply_text"]

log = logging.getLogger("zongjie.llm")

NO_KEY = "not-needed"  # local servers (Ollama, llama.cpp) take any key; the client needs one


class ModelFailed(Exception):
    """The model could not be reached or gave no usable reply."""


def make_chat_model(
    base_url: str, model: str, api_key: str | None, *, timeout: float = 60.0
) -> BaseChatModel:
    """A chat model for an OpenAI-compatible endpoint; deterministic (temperature 0)."""
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(
        base_url=base_url,
        model=model,
        api_key=api_key or NO_KEY,
        temperature=0,
        timeout=timeout,
        max_retries=1,
    )


def reply_text(model: BaseChatModel, messages: Sequence[BaseMessage]) -> str:
    """The model's reply to `messages` as plain text; ModelFailed on any failure."""
    try:
        reply = model.invoke(list(messages))
    except Exception as error:  # network, HTTP status, timeout, bad JSON: all mean "no reply"
        raise ModelFailed(f"{type(error).__name__}: {error}") from error
    text = str(reply.text)  # the text blocks of the reply, whatever the provider's format
    if not text.strip():
        raise ModelFailed("empty reply")
    return text.strip()
