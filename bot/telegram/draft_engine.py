"""The drafting engine (knowledge/drafting) behind the bot's /draft seam (bot/telegram/drafting.py).

The engine keys a conversation by one string; in Telegram a draft belongs to a chat and a user,
so the key is "tg:<chat id>:<user id>" (two colleagues in one group each have their own draft).
The engine's choices carry the message they stand for ("跳过", "导出"), which is what a pressed
button sends back to `handle`; an engine reply asking for the export gets the .docx attached.
"""

from __future__ import annotations

import re

from bot.telegram.drafting import Choice, DraftReply
from knowledge.drafting.engine import DraftEngine
from knowledge.drafting.replies import Reply

# "/draft 学前教育 2026年上半年": a period written with the topic is the period to draft
_PERIOD = re.compile(r"(?:19|20)\d{2}年(?:上半年|下半年|前三季度|第[一二三四]季度|全年)?")


def conversation_key(chat_id: int, user_id: int) -> str:
    """The engine's key for one user's draft in one chat."""
    return f"tg:{chat_id}:{user_id}"


class EngineDrafts:
    """DraftConversations over a DraftEngine; state stays in the engine's SQL tables."""

    def __init__(self, engine: DraftEngine) -> None:
        self._engine = engine

    def start(self, *, chat_id: int, user_id: int, topic: str) -> DraftReply:
        period = _PERIOD.search(topic)
        words = _PERIOD.sub(" ", topic).strip() if period else topic
        reply = self._engine.start(
            conversation_key(chat_id, user_id), words or topic, period.group() if period else None
        )
        return self._shown(chat_id, user_id, reply)

    def reply(self, *, chat_id: int, user_id: int, text: str) -> DraftReply | None:
        key = conversation_key(chat_id, user_id)
        if not self._engine.in_progress(key):
            return None  # no draft: the message is a question
        return self._shown(chat_id, user_id, self._engine.handle(key, text))

    def choose(self, *, chat_id: int, user_id: int, value: str) -> DraftReply | None:
        return self.reply(chat_id=chat_id, user_id=user_id, text=value)

    def cancel(self, *, chat_id: int, user_id: int) -> bool:
        key = conversation_key(chat_id, user_id)
        if not self._engine.in_progress(key):
            return False
        self._engine.cancel(key)
        return True

    def _shown(self, chat_id: int, user_id: int, reply: Reply) -> DraftReply:
        choices = tuple(Choice(c.label, c.data) for c in reply.choices)
        if not reply.export:
            return DraftReply(reply.text, choices)
        export = self._engine.export(conversation_key(chat_id, user_id))
        return DraftReply(reply.text, choices, export.docx, export.filename)
