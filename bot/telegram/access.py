"""Who may use the bot, and whether a message is addressed to it at all.

An update passes if its user is an allowed user or an admin, or it comes from an allowed chat
(then every member of that chat may use the bot there), or `allow_all` is set. Admins may upload
and delete; other allowed users upload only when `all_users_may_upload` is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from telegram import Message, MessageEntity, Update

from bot.settings import Settings

MAX_REMEMBERED_STRANGERS = 10_000  # refused once each; beyond this the memory starts over


class NoAllowList(Exception):
    """No allow-list is configured and `allow_all` was not said: the bot must not start."""


@dataclass
class Access:
    """The allow-lists and roles, and the strangers already told no."""

    users: frozenset[int]
    chats: frozenset[int]
    admins: frozenset[int]
    allow_all: bool = False
    all_may_upload: bool = False
    _refused: set[int] = field(default_factory=set)

    @classmethod
    def from_settings(cls, settings: Settings) -> Access:
        """The policy of `settings`; NoAllowList when it would let anyone in by accident."""
        policy = cls(
            users=settings.allowed_users,
            chats=settings.allowed_chats,
            admins=settings.admin_users,
            allow_all=settings.allow_all,
            all_may_upload=settings.all_users_may_upload,
        )
        if not (policy.users or policy.chats or policy.admins or policy.allow_all):
            raise NoAllowList("set ZONGJIE_ALLOWED_USERS / ZONGJIE_ALLOWED_CHATS or ALLOW_ALL")
        return policy

    def allows(self, user_id: int, chat_id: int) -> bool:
        """May this user use the bot in this chat?"""
        if self.allow_all or chat_id in self.chats:
            return True
        return user_id in self.users or user_id in self.admins

    def is_admin(self, user_id: int) -> bool:
        """May this user delete reports (and upload)?"""
        return user_id in self.admins

    def may_upload(self, user_id: int, chat_id: int) -> bool:
        """May this user add documents to the store?"""
        return self.is_admin(user_id) or (self.all_may_upload and self.allows(user_id, chat_id))

    def first_refusal(self, user_id: int) -> bool:
        """True the first time a stranger is refused; later messages get no reply at all."""
        if user_id in self._refused:
            return False
        if len(self._refused) >= MAX_REMEMBERED_STRANGERS:
            self._refused.clear()
        self._refused.add(user_id)
        return True


def addressed(update: Update, bot_id: int, bot_username: str) -> bool:
    """Is this update for the bot: a private message, a button of ours, or in a group a
    command, a mention of the bot, or a reply to one of its messages?"""
    if update.callback_query is not None:
        return True
    message = update.message
    if message is None or message.from_user is None:
        return False  # edits, channel posts, membership changes: not questions
    if message.chat.type == message.chat.PRIVATE:
        return True
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot_id:
        return True
    return mentions(message, bot_id, bot_username) or command_for_us(message, bot_username)


def mentions(message: Message, bot_id: int, bot_username: str) -> bool:
    """Does the text or caption @-mention the bot?"""
    wanted = f"@{bot_username}".lower()
    for entity, text in _entities(message):
        if entity.type == MessageEntity.MENTION and text.lower() == wanted:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
    return False


def command_for_us(message: Message, bot_username: str) -> bool:
    """A leading /command, bare or addressed to this bot (not `/cmd@otherbot`)."""
    for entity, text in _entities(message):
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            _, at, target = text.partition("@")
            return not at or target.lower() == bot_username.lower()
    return False


def strip_mention(text: str, bot_username: str) -> str:
    """The question without the @-mention of the bot."""
    cleaned = re.sub(rf"@{re.escape(bot_username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(cleaned.split())


def _entities(message: Message) -> list[tuple[MessageEntity, str]]:
    parsed = message.parse_entities() if message.text else message.parse_caption_entities()
    return list(parsed.items())
