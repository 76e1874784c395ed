"""Writing a conversation's draft: the deterministic draft by analogy, optionally polished by
a language model, always through the draft guard before it is kept or shown."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from knowledge import indicators
from knowledge.drafting.draftguard import guard_draft
from knowledge.drafting.llm_writer import llm_inputs, write_with_llm
from knowledge.drafting.periods import Period, read_period
from knowledge.drafting.sources import ModelSection, past_value
from knowledge.drafting.state import Conversation
from knowledge.drafting.writer import Draft, DraftRequest, write
from prompts import Templates
from storage.metric_queries import indicator_names
from storage.store import Store


class Composer:
    """Writes drafts for conversations."""

    def __init__(
        self, store: Store, templates: Templates, chat_model: BaseChatModel | None
    ) -> None:
        self._store = store
        self._t = templates
        self._llm = chat_model

    def compose(self, state: Conversation, model: ModelSection) -> None:
        """Write the draft from the state, guard it, and keep it in the state."""
        draft = self.deterministic(state, model)
        text, note = draft.text, ""
        if self._llm is not None:
            outcome = write_with_llm(
                self._llm,
                self._t,
                request=self._llm_request(state, model, draft),
                allowed=draft.allowed,
                past_periods=draft.past_periods,
            )
            if outcome.text is not None:
                text = outcome.text
            else:
                note = self._t.render("draft.llm_fallback", numbers=outcome.refused or "—")
        verdict = guard_draft(text, draft.allowed, draft.past_periods)
        refused = (*verdict.verdict.untraced, *verdict.misplaced_past)
        for q in sorted(refused, key=lambda q: -q.span[0]):
            # A safety net the writer should never need: a number it cannot trace is not sent.
            text = text[: q.span[0]] + self._t.render("draft.unverified") + text[q.span[1] :]
        state.stage, state.draft = "draft", text
        state.figures = [f.__dict__ for f in draft.figures]
        state.missing = draft.missing
        if note:
            state.history.append({"role": "note", "text": note})

    def deterministic(self, state: Conversation, model: ModelSection) -> Draft:
        """The draft by analogy, with each value's same period last year from the store."""
        period = read_period(state.period) or Period(None, "")
        region = state.region or model.region
        past = {}
        with self._store.session() as session:
            names = indicator_names(session=session)
            for given in state.values:
                best = indicators.match(given.indicator, names) if given.kind == "actual" else []
                if best and (
                    value := past_value(session, best[0][0], period, region, model.document_id)
                ):
                    past[given.indicator] = value
        request = DraftRequest(
            model, state.values, past, period, state.region or None, state.layout
        )
        return write(request, self._t)

    def _llm_request(
        self, state: Conversation, model: ModelSection, draft: Draft
    ) -> dict[str, str]:
        style = "\n".join(part for b in model.blocks for part in (b.heading, b.text) if part)
        if state.longer:
            key = "drafting.llm_longer"
        else:
            key = "drafting.llm_shorter" if state.layout.short else "drafting.llm_same"
        return {
            "topic": state.topic,
            "period": state.period,
            "style": style,
            "skeleton": draft.text,
            "instruction": self._t.render(key),
            **llm_inputs(draft),
        }
