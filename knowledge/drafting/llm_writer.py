"""Drafting with a language model, under the figure guard.

The model gets the style model's text, the deterministic draft as a skeleton, the user's
values, the computed comparisons and the past values labelled as past (prompts/drafting.toml).
Its draft is checked by the draft guard; one retry names the numbers it could not trace or
that present a past value as current; if the retry fails too, None is returned and the caller
keeps the deterministic draft. Any LangChain chat model can be given (tests use fakes).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from knowledge.drafting.draftguard import guard_draft
from knowledge.drafting.writer import Draft
from knowledge.guard import Traceable
from prompts import Templates

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LlmOutcome:
    """The guarded text (None when both attempts failed) and what the guard refused."""

    text: str | None
    refused: str  # the offending numbers of the last failed attempt, "" if none


def llm_inputs(draft: Draft) -> dict[str, str]:
    """The user's values, computed comparisons and past values, one per line, labelled."""
    lines: dict[str, list[str]] = {"user": [], "computed": [], "source": []}
    for f in draft.figures:
        if f.origin == "computed":
            lines["computed"].append(f"{f.indicator}：{f.raw}（{f.source.get('working', '')}）")
        elif f.origin == "source":
            lines["source"].append(f"{f.indicator}：{f.source.get('period', '')} {f.raw}")
        else:
            lines["user"].append(f"{f.indicator}：{f.raw}")
    return {key: "\n".join(dict.fromkeys(v)) or "无" for key, v in lines.items()}


def write_with_llm(
    model: BaseChatModel,
    templates: Templates,
    *,
    request: dict[str, str],
    allowed: Sequence[Traceable],
    past_periods: Sequence[str],
) -> LlmOutcome:
    """A draft by the language model that passes the guard, or None after one retry."""
    messages: list[BaseMessage] = [
        SystemMessage(templates.render("drafting.llm_system")),
        HumanMessage(templates.render("drafting.llm_request", **request)),
    ]
    refused = ""
    for _ in range(2):
        try:
            reply = model.invoke(messages)
        except Exception:  # noqa: BLE001 - an endpoint down must not lose the draft
            log.exception("drafting model failed")
            return LlmOutcome(None, refused)
        text = str(reply.text).strip()
        verdict = guard_draft(text, allowed, past_periods)
        if verdict.ok and text:
            return LlmOutcome(text, "")
        refused = verdict.named()
        log.info("drafting model used untraceable numbers: %s", refused)
        messages += [
            AIMessage(text),
            HumanMessage(templates.render("drafting.llm_retry", numbers=refused or "空稿")),
        ]
    return LlmOutcome(None, refused)
