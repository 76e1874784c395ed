"""The drafting conversation: one engine for every face (command line now, Telegram next).

start(chat_id, topic, period, region) finds past sections on the topic and asks for this
period's figures; handle(chat_id, text) takes values, commands and revisions; export(chat_id)
gives the .docx and a plain-text copy; cancel, resume and finish end or pick up a draft.
Replies are data (text plus choices whose `data` is a message handle() understands), so a
face can show choices as buttons. The state lives in SQL: a new engine over the same store
carries on where the last one stopped. One draft in progress per chat.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from langchain_core.language_models import BaseChatModel

from knowledge import indicators
from knowledge.drafting import replies
from knowledge.drafting.commands import Command, read_command
from knowledge.drafting.composer import Composer
from knowledge.drafting.docx import draft_docx
from knowledge.drafting.layout import Layout
from knowledge.drafting.periods import Period, current_half_year, read_period
from knowledge.drafting.replies import Reply
from knowledge.drafting.sources import ModelSection, find_models, load_model
from knowledge.drafting.state import Conversation
from knowledge.drafting.values import Given, parse_values
from knowledge.drafting.writer import model_figures
from knowledge.errors import KnowledgeError
from prompts import Templates
from storage.drafts import active_draft, close_draft, open_draft, save_draft
from storage.store import Store

OFFERED = 3  # past sections offered to choose from


class BadPeriod(KnowledgeError):
    """The period given for a draft cannot be read."""


@dataclass(frozen=True)
class Export:
    """The draft as a .docx and as plain text, with a file name."""

    docx: bytes
    text: str
    filename: str


@dataclass(frozen=True)
class DraftResult:
    """The draft and its figures, for --json."""

    draft: str
    figures: list[dict[str, object]]
    missing: list[str]
    model_sections: list[dict[str, str | None]] = field(default_factory=list)


class DraftEngine:
    """Drafting conversations over the store."""

    def __init__(
        self,
        store: Store,
        templates: Templates,
        *,
        chat_model: BaseChatModel | None = None,
        today: date | None = None,
    ) -> None:
        self._store = store
        self._t = templates
        self._llm = chat_model
        self._composer = Composer(store, templates, chat_model)
        self._today = today

    # -- the conversation ------------------------------------------------------------------
    def start(
        self, chat_id: str, topic: str, period: str | None = None, region: str | None = None
    ) -> Reply:
        """Begin a draft on `topic`: show past sections and their figures, ask for values."""
        try:
            draft_period = self._period(period)
        except BadPeriod:
            message = self._t.render("draft.bad_period", period=period)
            return Reply(message, active=False, error=True)
        models = find_models(self._store, topic, draft_period)[:OFFERED]
        if not models:
            return Reply(self._t.render("draft.not_found", topic=topic), active=False)
        state = Conversation(
            topic, draft_period.text, region or "", [m.key for m in models], models[0].key
        )
        replaced = self._active(chat_id) is not None
        with self._store.session() as session:
            open_draft(
                session=session,
                chat_id=chat_id,
                topic=topic,
                period=state.period,
                region=state.region,
                state=state.to_json(),
            )
        intro = replies.outline(self._t, state, models, self._last_values(models[0], state))
        reply = self._ask(state, models[0], intro, replaced=replaced)
        self._save(chat_id, state, f"起草 {topic}", reply)
        return reply

    def handle(self, chat_id: str, text: str) -> Reply:
        """Take one message (or a choice's data) in the chat's draft."""
        loaded = self._load(chat_id)
        if loaded is None:
            return Reply(self._t.render("draft.no_active"), active=False)
        state, model = loaded
        command = read_command(text)
        if command is not None and command.name in ("cancel", "finish"):
            return self.cancel(chat_id) if command.name == "cancel" else self.finish(chat_id)
        reply = (
            self._command(state, model, command) if command else self._values(state, model, text)
        )
        self._save(chat_id, state, text, reply)
        return reply

    def in_progress(self, chat_id: str) -> bool:
        """Whether the chat has a draft in progress."""
        return self._active(chat_id) is not None

    def resume(self, chat_id: str) -> Reply:
        """Where the chat's draft stands: the draft so far, or the figures still wanted."""
        loaded = self._load(chat_id)
        if loaded is None:
            return Reply(self._t.render("draft.no_active"), active=False)
        state, model = loaded
        if state.stage == "draft":
            return self._show(state, model, self._t.render("draft.resumed", topic=state.topic))
        return self._ask(state, model, self._t.render("draft.resumed", topic=state.topic))

    def cancel(self, chat_id: str) -> Reply:
        """Give up the chat's draft."""
        return self._close(chat_id, "cancelled", "draft.cancelled")

    def finish(self, chat_id: str) -> Reply:
        """End the chat's draft as done (it can be exported before)."""
        return self._close(chat_id, "finished", "draft.finished")

    def export(self, chat_id: str) -> Export:
        """The chat's draft as .docx bytes and plain text (written first if not yet)."""
        state, model = self._written(chat_id)
        title = self._t.render(
            "drafting.docx_title",
            region=state.region or model.region or "",
            period=state.period,
            topic=state.topic,
        )
        text = f"{title}\n\n{state.draft}\n"
        name = f"{title}.docx".replace("/", "-")
        return Export(draft_docx(title, state.draft), text, name)

    def result(self, chat_id: str) -> DraftResult:
        """The chat's current draft with its figures (written first if not yet)."""
        state, model = self._written(chat_id)
        sections = [
            {"document": model.document, "section": model.section or None, "period": model.period}
        ]
        return DraftResult(state.draft, state.figures, state.missing, sections)

    def _written(self, chat_id: str) -> tuple[Conversation, ModelSection]:
        """The chat's draft, written now if it is still collecting values."""
        loaded = self._load(chat_id)
        if loaded is None:
            raise KnowledgeError("no draft in progress")
        state, model = loaded
        if state.stage != "draft":
            self._composer.compose(state, model)
            self._save(chat_id, state, "生成初稿", None)
        return state, model

    # -- steps ---------------------------------------------------------------------------
    def _values(self, state: Conversation, model: ModelSection, text: str) -> Reply:
        slots = model_figures(model, self._t)
        pending = self._pending(state, slots)
        known = {name: q.base_unit for (name, _), q in reversed(list(slots.items()))}
        given = parse_values(text, known, pending[0] if pending else None)
        if given is None:
            return self._again(state, model, self._t.render("draft.unreadable", text=text))
        checked: list[Given] = []
        for g in given:
            slot = slots.get((g.indicator, g.kind)) or slots.get((g.indicator, "actual"))
            fixed = replies.with_unit(g, slot)
            if fixed is None:
                unit = slot.unit if slot else ""
                message = self._t.render(
                    "draft.unit_mismatch", name=g.indicator, unit=unit, raw=g.raw
                )
                return self._again(state, model, message)
            checked.append(fixed)
        state.give(checked)
        note = self._t.render("draft.recorded", items=replies.listing(checked, self._t))
        if state.stage == "draft" or not self._pending(state, slots):
            self._composer.compose(state, model)
            return self._show(state, model, note)
        return self._ask(state, model, note)

    def _command(self, state: Conversation, model: ModelSection, command: Command) -> Reply:
        name, t = command.name, self._t
        if name == "export":
            if state.stage != "draft":
                self._composer.compose(state, model)
            return replace(self._show(state, model, t.render("draft.exporting")), export=True)
        if name == "show":
            return (
                self._show(state, model, "")
                if state.stage == "draft"
                else self._ask(state, model, "")
            )
        if name in ("skip", "skip_all"):
            return self._skip(state, model, command)
        if name == "model":
            return self._choose_model(state, command.numbers[0])
        if name in ("region", "period"):
            if name == "period":
                try:
                    state.period = self._period(command.text).text
                except BadPeriod:
                    message = t.render("draft.bad_period", period=command.text)
                    return self._again(state, model, message)
            else:
                state.region = command.text
            return self._rewrite_or_ask(state, model, t.render("draft.updated", what=command.text))
        if name == "longer" and self._llm is None:
            return self._again(state, model, t.render("draft.needs_llm"))
        points = self._points(state, model)
        layout = replies.revised_layout(state.layout, command, points)
        if isinstance(layout, str):
            shown = len(state.layout.arranged(points))
            return self._again(state, model, t.render(layout, count=shown))
        state.layout, state.longer = (
            layout,
            (name == "longer") or (state.longer and name != "shorter"),
        )
        if name == "write" or state.stage == "draft":
            self._composer.compose(state, model)
            return self._show(state, model, "")
        return self._ask(state, model, t.render("draft.noted"))

    def _skip(self, state: Conversation, model: ModelSection, command: Command) -> Reply:
        slots = model_figures(model, self._t)
        pending = self._pending(state, slots)
        if command.name == "skip_all" or not pending:
            state.skipped += [list(p) for p in pending]
            self._composer.compose(state, model)
            return self._show(state, model, "")
        target = pending[0]
        if command.text:
            names = [p[0] for p in pending]
            best = indicators.match(command.text, names)
            target = pending[names.index(best[0][0])] if best else target
        state.skipped.append(list(target))
        note = self._t.render("draft.skipped", name=target[0])
        if not self._pending(state, slots):
            self._composer.compose(state, model)
            return self._show(state, model, note)
        return self._ask(state, model, note)

    def _choose_model(self, state: Conversation, number: int) -> Reply:
        if not 1 <= number <= len(state.models):
            return Reply(self._t.render("draft.no_such_model", count=len(state.models)), error=True)
        state.model = state.models[number - 1]
        state.layout = Layout(missing=state.layout.missing, extras=state.layout.extras)
        model = self._model(state)
        if model is None:
            return Reply(self._t.render("draft.model_gone"))
        note = self._t.render("draft.model_chosen", label=model.label)
        return self._rewrite_or_ask(state, model, note)

    def _rewrite_or_ask(self, state: Conversation, model: ModelSection, note: str) -> Reply:
        if state.stage == "draft":
            self._composer.compose(state, model)
            return self._show(state, model, note)
        return self._ask(state, model, note)

    # -- replies -------------------------------------------------------------------------
    def _ask(
        self, state: Conversation, model: ModelSection, note: str, *, replaced: bool = False
    ) -> Reply:
        pending = self._pending(state, model_figures(model, self._t))
        return replies.ask_reply(self._t, state, pending, note, replaced=replaced)

    def _show(self, state: Conversation, model: ModelSection, note: str) -> Reply:
        return replies.draft_reply(self._t, state, model, note)

    def _again(self, state: Conversation, model: ModelSection, message: str) -> Reply:
        base = (
            self._show(state, model, "") if state.stage == "draft" else self._ask(state, model, "")
        )
        return Reply(message, base.choices, error=True)

    # -- state ---------------------------------------------------------------------------
    def _pending(self, state: Conversation, slots: dict) -> list[tuple[str, str]]:
        given = {g.key() for g in state.values}
        skipped = {tuple(s) for s in state.skipped}
        keys = [k for k in slots if k not in given and k not in skipped]
        return sorted(keys, key=lambda k: k[1] != "actual")  # this period's results first

    def _points(self, state: Conversation, model: ModelSection) -> int:
        return self._composer.deterministic(state, model).points

    def _last_values(self, model: ModelSection, state: Conversation) -> list[tuple[str, str, str]]:
        slots = model_figures(model, self._t)
        return [(name, kind, q.raw) for (name, kind), q in slots.items()]

    def _period(self, text: str | None) -> Period:
        if not text:
            return current_half_year(self._today or date.today())
        period = read_period(text)
        if period is None or period.year is None:
            raise BadPeriod(text)
        return period

    def _model(self, state: Conversation) -> ModelSection | None:
        return load_model(self._store, state.model)

    def _active(self, chat_id: str):  # type: ignore[no-untyped-def]
        with self._store.session() as session:
            return active_draft(session=session, chat_id=chat_id)

    def _load(self, chat_id: str) -> tuple[Conversation, ModelSection] | None:
        row = self._active(chat_id)
        if row is None:
            return None
        state = Conversation.from_json(row.state)
        model = self._model(state)
        if model is None:  # the report it followed was deleted
            with self._store.session() as session:
                close_draft(session=session, draft=row, status="cancelled")
            return None
        return state, model

    def _save(self, chat_id: str, state: Conversation, said: str, reply: Reply | None) -> None:
        state.history.append({"role": "user", "text": said})
        if reply is not None:
            state.history.append({"role": "bot", "text": reply.text})
        with self._store.session() as session:
            row = active_draft(session=session, chat_id=chat_id)
            if row is not None:
                save_draft(
                    session=session,
                    draft=row,
                    state=state.to_json(),
                    period=state.period,
                    region=state.region,
                )

    def _close(self, chat_id: str, status: str, key: str) -> Reply:
        with self._store.session() as session:
            row = active_draft(session=session, chat_id=chat_id)
            if row is None:
                return Reply(self._t.render("draft.no_active"), active=False)
            close_draft(session=session, draft=row, status=status)
            return Reply(self._t.render(key, topic=row.topic), active=False)
