"""/draft in the chat: the Telegram side of the drafting conversation.

The bot needs four calls from the drafting engine, all keyed by (chat id, user id) and all
keeping their state in SQL, so a restart resumes a draft where it stopped. `DraftConversations`
names them; `draft_conversations` returns the engine's adapter (bot/telegram/draft_engine.py).
A message goes to the draft in progress, if any; otherwise it is a question.

Each call returns a `DraftReply`: text to show, optional choices (inline buttons; their `value`
comes back through `choose`), and optionally a finished .docx to send.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction

from bot.services import Services
from bot.telegram.context import ZongjieContext
from bot.telegram.replies import send_text, showing

CALLBACK_PREFIX = "draft:"
MAX_VALUE_BYTES = 64 - len(CALLBACK_PREFIX)  # Telegram's callback_data limit is 64 bytes
BUTTONS_PER_ROW = 2


@dataclass(frozen=True)
class Choice:
    """One button: its label, and the value `choose` receives when it is pressed."""

    label: str
    value: str

    def __post_init__(self) -> None:
        if len(self.value.encode("utf-8")) > MAX_VALUE_BYTES:
            raise ValueError(f"choice value over {MAX_VALUE_BYTES} bytes: {self.value!r}")


@dataclass(frozen=True)
class DraftReply:
    """What to send: text, buttons (e.g. which past section to follow, skip, export, cancel)
    and, on export, the .docx bytes and its file name."""

    text: str
    choices: tuple[Choice, ...] = field(default_factory=tuple)
    docx: bytes | None = None
    docx_name: str = "草稿.docx"


class DraftConversations(Protocol):
    """The drafting engine as the bot drives it; one draft in progress per chat and user.

    Calls are blocking (the bot runs them in a worker thread) and must persist their state.
    """

    def start(self, *, chat_id: int, user_id: int, topic: str) -> DraftReply:
        """Begin (or restart) a draft on `topic` (free words, may include a period)."""
        ...

    def reply(self, *, chat_id: int, user_id: int, text: str) -> DraftReply | None:
        """The user's next message in the draft; None when no draft is in progress."""
        ...

    def choose(self, *, chat_id: int, user_id: int, value: str) -> DraftReply | None:
        """A button was pressed; None when no draft is in progress (a stale button)."""
        ...

    def cancel(self, *, chat_id: int, user_id: int) -> bool:
        """Drop the draft in progress; False when there was none."""
        ...


def draft_conversations(services: Services) -> DraftConversations:
    """The drafting engine (knowledge/drafting) as the bot drives it."""
    from bot.telegram.draft_engine import EngineDrafts  # it imports this module's types

    return EngineDrafts(services.drafts)


def keyboard(choices: tuple[Choice, ...]) -> InlineKeyboardMarkup | None:
    """Inline buttons for the choices, two to a row."""
    if not choices:
        return None
    buttons = [
        InlineKeyboardButton(c.label, callback_data=CALLBACK_PREFIX + c.value) for c in choices
    ]
    rows = [buttons[i : i + BUTTONS_PER_ROW] for i in range(0, len(buttons), BUTTONS_PER_ROW)]
    return InlineKeyboardMarkup(rows)


async def show(message: Message, reply: DraftReply) -> None:
    """Send a draft reply: its text with buttons, then the .docx if there is one."""
    await send_text(message, reply.text, keyboard(reply.choices))
    if reply.docx is not None:
        async with showing(message, ChatAction.UPLOAD_DOCUMENT):
            await message.reply_document(reply.docx, filename=reply.docx_name)


async def on_draft(update: Update, context: ZongjieContext) -> None:
    """/draft 主题: start a drafting conversation."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    drafts = context.zongjie.drafts
    topic = " ".join(context.args or [])
    if not topic:
        await send_text(message, context.templates.render("bot.draft_usage"))
        return
    async with showing(message):
        reply = await asyncio.to_thread(
            drafts.start, chat_id=message.chat_id, user_id=user.id, topic=topic
        )
    await show(message, reply)


async def continue_draft(update: Update, context: ZongjieContext, text: str) -> bool:
    """Pass a message to the draft in progress; False when there is none (it is a question)."""
    message = update.effective_message
    user = update.effective_user
    drafts = context.zongjie.drafts
    if message is None or user is None:
        return False
    async with showing(message):
        reply = await asyncio.to_thread(
            drafts.reply, chat_id=message.chat_id, user_id=user.id, text=text
        )
    if reply is None:
        return False
    await show(message, reply)
    return True


async def on_choice(update: Update, context: ZongjieContext) -> None:
    """A draft button was pressed."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    message = query.message
    drafts = context.zongjie.drafts
    if not isinstance(message, Message):
        return
    value = (query.data or "").removeprefix(CALLBACK_PREFIX)
    async with showing(message):
        reply = await asyncio.to_thread(
            drafts.choose, chat_id=message.chat_id, user_id=query.from_user.id, value=value
        )
    await message.edit_reply_markup(None)  # a choice is made once
    if reply is None:
        await send_text(message, context.templates.render("bot.cancel_nothing"))
        return
    await show(message, reply)


async def on_cancel(update: Update, context: ZongjieContext) -> None:
    """/cancel: drop the draft in progress."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    drafts = context.zongjie.drafts
    cancelled = await asyncio.to_thread(drafts.cancel, chat_id=message.chat_id, user_id=user.id)
    key = "bot.cancel_done" if cancelled else "bot.cancel_nothing"
    await send_text(message, context.templates.render(key))
