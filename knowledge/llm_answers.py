"""Answers written by a language model, held to the figure guard.

The deterministic Answerer runs first: it finds the passages, picks the figures and does the
arithmetic. The model then writes the reply from that material only: the passages (wrapped as
data, with sentences that address a language model blanked out by ingest.injection, so
instructions inside a document are not followed), the chosen figure rows and the
computed comparisons. Every number in its reply must be traced to that material or to the
question (knowledge.guard). A reply with an untraced number is sent back once with those
numbers named; if the second reply still has one, or the model fails, the deterministic answer
is given instead. Each such event is logged. Citations are added in code, not by the model.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from ingest.injection import redact_instructions
from knowledge.answers import Answer, Answerer, AnswerFigure, cite
from knowledge.guard import Traceable, Verdict, check, traceable_in
from knowledge.llm import ModelFailed, reply_text
from knowledge.passages import Passage
from prompts import Templates

__all__ = ["LLMAnswerer"]

log = logging.getLogger("zongjie.guard")


class LLMAnswerer:
    """Answers phrased by a chat model from the deterministic answer's material, guarded."""

    def __init__(self, deterministic: Answerer, model: BaseChatModel, templates: Templates) -> None:
        self._deterministic = deterministic
        self._model = model
        self._templates = templates

    def answer(self, question: str, *, k: int = 5) -> Answer:
        """The model's answer if every number in it is traced; else the deterministic one."""
        base = self._deterministic.answer(question, k=k)
        if not base.found:
            return base  # nothing relevant: say so plainly, never let the model guess
        passages = base.sources
        allowed = _allowed(question, base)
        messages: list[BaseMessage] = [
            SystemMessage(self._templates.render("llm.answer_system")),
            HumanMessage(
                self._templates.render(
                    "llm.answer_user",
                    question=question,
                    passages=_as_data(passages),
                    figures=_figure_rows(base.figures),
                )
            ),
        ]
        guarded = self._guarded_reply(messages, allowed, len(passages), question)
        if guarded is None:
            return base
        reply, verdict = guarded
        text = reply + "\n" + self._templates.render("llm.sources", sources=_sources(passages))
        return Answer(text, _reply_figures(verdict, base.figures), passages, generated=True)

    def _guarded_reply(
        self, messages: list[BaseMessage], allowed: list[Traceable], sources: int, question: str
    ) -> tuple[str, Verdict] | None:
        """The model's reply once every number in it is traced (one retry), else None."""
        try:
            reply = reply_text(self._model, messages)
            verdict = check(reply, allowed, sources=sources)
            if verdict.ok:
                return reply, verdict
            log.warning("guard: untraced %s in a reply to %r; retrying", verdict.named(), question)
            retry = self._templates.render("llm.answer_retry", numbers=verdict.named())
            reply = reply_text(self._model, [*messages, AIMessage(reply), HumanMessage(retry)])
            verdict = check(reply, allowed, sources=sources)
        except ModelFailed as error:
            log.warning("llm: %s; the rules-based answer is given to %r", error, question)
            return None
        if verdict.ok:
            return reply, verdict
        log.warning(
            "guard: untraced %s again; the rules-based answer is given to %r",
            verdict.named(),
            question,
        )
        return None


def _allowed(question: str, base: Answer) -> list[Traceable]:
    """The numbers a reply may use: the passages', their citations', the question's, computed."""
    allowed = traceable_in([question], "user")
    for passage in base.sources:
        source = {
            "document": passage.title,
            "section": passage.section,
            "period": passage.period,
            "file": passage.file,
            "chunk_id": passage.chunk_id,
        }
        text = redact_instructions(passage.text)  # numbers of an injected order are no source
        allowed += traceable_in([text, cite(passage)], "source", source)
    for figure in base.figures:
        if figure.origin == "computed":
            allowed += traceable_in(
                [figure.raw, figure.source.get("working", "")], "computed", figure.source
            )
    return allowed


def _as_data(passages: Sequence[Passage]) -> str:
    """Passages numbered and fenced as data; a fence written inside a document is defused."""
    blocks = []
    for number, passage in enumerate(passages, 1):
        text = redact_instructions(passage.text).replace("<", "＜").replace(">", "＞")
        blocks.append(f'<资料 编号="{number}" 出处="{cite(passage)}">\n{text}\n</资料>')
    return "\n".join(blocks)


def _figure_rows(figures: Sequence[AnswerFigure]) -> str:
    """The figures the deterministic answer chose and computed, one per line."""
    rows = []
    for f in figures:
        if f.origin == "computed":
            rows.append(f"- 计算：{f.indicator} {f.source.get('working', '')}")
        else:
            rows.append(f"- {f.indicator}：{f.raw}（{f.source.get('period') or '期间未注明'}）")
    return "\n".join(rows) or "（无）"


def _sources(passages: Sequence[Passage]) -> str:
    return "\n".join(f"[{i}] {cite(p)}" for i, p in enumerate(passages, 1))


def _reply_figures(verdict: Verdict, chosen: Sequence[AnswerFigure]) -> list[AnswerFigure]:
    """The figures of the reply, each with its origin: the chosen row it repeats, or its source."""
    figures = []
    for quantity, traced in verdict.traced:
        if quantity.kind != "figure":
            continue
        same = next((f for f in chosen if f.raw == traced.quantity.raw), None)
        figures.append(
            same
            or AnswerFigure(
                quantity.raw, str(quantity.value), quantity.unit, traced.origin, "", traced.source
            )
        )
    return figures
