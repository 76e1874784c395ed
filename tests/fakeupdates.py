"""Updates as Telegram would send them: users, chats, messages with their entities, documents
and button presses, for the fake Bot API of tests/fakebotapi.py to hand to the bot."""

from __future__ import annotations

import itertools
import time
from typing import Any

BOT_USERNAME = "zongjie_test_bot"


def user(user_id: int, name: str = "张科员") -> dict[str, Any]:
    """A Telegram user object."""
    return {"id": user_id, "is_bot": False, "first_name": name, "language_code": "zh-hans"}


def private_chat(user_id: int) -> dict[str, Any]:
    """The private chat of a user with the bot."""
    return {"id": user_id, "type": "private", "first_name": "张科员"}


def group_chat(chat_id: int, title: str = "教育局办公室") -> dict[str, Any]:
    """A supergroup the bot is a member of."""
    return {"id": chat_id, "type": "supergroup", "title": title}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities_of(text: str, username: str = BOT_USERNAME) -> list[dict[str, Any]]:
    """The entities Telegram would attach: a leading /command and @-mentions of the bot."""
    found = []
    if text.startswith("/"):
        command = text.split()[0]
        found.append({"type": "bot_command", "offset": 0, "length": _utf16(command)})
    mention = f"@{username}"
    at = text.find(mention)
    if at >= 0 and not text.startswith("/"):
        found.append({"type": "mention", "offset": _utf16(text[:at]), "length": _utf16(mention)})
    return found


class UpdateMaker:
    """Builds and pushes updates; the server provides `push` and keeps the files and chats."""

    _chats: dict[int, dict[str, Any]]
    _files: dict[str, tuple[str, bytes]]
    _ids: itertools.count[int]
    _message_ids: itertools.count[int]

    def push(self, update: dict[str, Any]) -> int:
        raise NotImplementedError

    def message(
        self,
        sender: dict[str, Any],
        chat: dict[str, Any],
        text: str | None = None,
        *,
        reply_to: dict[str, Any] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """A user's message (its entities computed as Telegram would); not yet pushed."""
        self._chats[chat["id"]] = chat
        body: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": sender,
            **extra,
        }
        if text is not None:
            body["text"] = text
            if entities := entities_of(text):
                body["entities"] = entities
        if reply_to is not None:
            body["reply_to_message"] = reply_to
        return body

    def say(self, sender: dict[str, Any], chat: dict[str, Any], text: str, **kw: Any) -> int:
        """Push a text message; its update id."""
        return self.push({"message": self.message(sender, chat, text, **kw)})

    def upload(
        self,
        sender: dict[str, Any],
        chat: dict[str, Any],
        file_name: str,
        content: bytes,
        *,
        declared_size: int | None = None,
        caption: str | None = None,
    ) -> str:
        """Push a document message whose file the bot can download; the file id."""
        file_id = f"file-{next(self._ids)}"
        self._files[file_id] = (f"documents/{file_id}/{file_name}", content)
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "file_size": len(content) if declared_size is None else declared_size,
        }
        extra: dict[str, Any] = {"document": document}
        if caption is not None:
            extra["caption"] = caption
            if entities := entities_of(caption):
                extra["caption_entities"] = entities
        self.push({"message": self.message(sender, chat, **extra)})
        return file_id

    def press(self, sender: dict[str, Any], bot_message: dict[str, Any], data: str) -> int:
        """Push a press of an inline button on one of the bot's messages."""
        query = {
            "id": f"cq-{next(self._ids)}",
            "from": sender,
            "chat_instance": "ci-1",
            "data": data,
            "message": bot_message,
        }
        return self.push({"callback_query": query})
