"""Sending text to Telegram: HTML-escaped, styled by line, split under the 4096 limit at line
or sentence boundaries, with "typing…" shown while the work runs."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message
from telegram.constants import ChatAction, MessageLimit, ParseMode
from telegram.error import TelegramError

log = logging.getLogger(__name__)

LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096, counted after entity parsing, in UTF-16 units
ACTION_EVERY = 4.0  # seconds; Telegram shows a chat action for about five
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_SOFT_BREAK = re.compile(r"(?<=[，、,：:\s])")
_TAGS = {"": ("", ""), "b": ("<b>", "</b>"), "i": ("<i>", "</i>")}


@dataclass(frozen=True)
class Line:
    """One line of a reply and its style: "" plain, "b" bold, "i" italic."""

    text: str
    style: str = ""


def units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def plain(text: str) -> list[Line]:
    """Unstyled lines of `text`."""
    return [Line(t) for t in text.split("\n")]


def split_long(text: str, limit: int = LIMIT) -> list[str]:
    """Cut one overlong line at sentence ends, else at commas and spaces, else anywhere."""
    return _split(text, limit, [_SENTENCE_END, _SOFT_BREAK])


def _split(text: str, limit: int, patterns: list[re.Pattern[str]]) -> list[str]:
    if units(text) <= limit:
        return [text]
    if not patterns:  # no boundary left: cut between characters (never inside one)
        return _pack(list(text), limit)
    out: list[str] = []
    for piece in _pack(patterns[0].split(text), limit):
        out += _split(piece, limit, patterns[1:])
    return [p for p in out if p]


def _pack(parts: Iterable[str], limit: int) -> list[str]:
    """Greedily join parts into pieces of at most `limit` units (a part over it stays whole)."""
    pieces: list[str] = []
    current = ""
    for part in parts:
        candidate = current + part
        if current and units(candidate) > limit:
            pieces.append(current)
            current = part
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def chunks(lines: Sequence[Line], limit: int = LIMIT) -> list[list[Line]]:
    """Lines grouped into messages of at most `limit` visible units each."""
    messages: list[list[Line]] = []
    current: list[Line] = []
    size = 0
    for line in lines:
        for piece in split_long(line.text, limit):
            extra = units(piece) + (1 if current else 0)  # the newline joining it
            if current and size + extra > limit:
                messages.append(current)
                current, size = [], 0
                extra = units(piece)
            current.append(Line(piece, line.style))
            size += extra
    if current:
        messages.append(current)
    return [m for m in messages if any(line.text.strip() for line in m)]


def to_html(lines: Sequence[Line]) -> str:
    """Escaped HTML of styled lines."""
    out = []
    for line in lines:
        opening, closing = _TAGS[line.style] if line.text.strip() else ("", "")
        out.append(f"{opening}{html.escape(line.text, quote=False)}{closing}")
    return "\n".join(out)


async def send(
    message: Message, lines: Sequence[Line], markup: InlineKeyboardMarkup | None = None
) -> list[Message]:
    """Reply with `lines`, split as needed; a keyboard goes on the last part."""
    parts = chunks(lines)
    sent = []
    for i, part in enumerate(parts):
        sent.append(
            await message.reply_text(
                to_html(part),
                parse_mode=ParseMode.HTML,
                reply_markup=markup if i == len(parts) - 1 else None,
                disable_web_page_preview=True,
            )
        )
    return sent


async def send_text(
    message: Message, text: str, markup: InlineKeyboardMarkup | None = None
) -> list[Message]:
    """Reply with plain text (escaped, split as needed)."""
    return await send(message, plain(text), markup)


async def edit_text(message: Message, text: str) -> None:
    """Replace a progress message's text; what does not fit follows as new messages."""
    parts = chunks(plain(text))
    await message.edit_text(to_html(parts[0]), parse_mode=ParseMode.HTML)
    for part in parts[1:]:
        await message.reply_text(to_html(part), parse_mode=ParseMode.HTML)


@asynccontextmanager
async def showing(message: Message, action: str = ChatAction.TYPING) -> AsyncIterator[None]:
    """Show a chat action ("typing…") in the message's chat until the block ends: sent once
    before the work starts, then renewed while it lasts."""

    async def act() -> None:
        try:
            await message.get_bot().send_chat_action(message.chat_id, action)
        except TelegramError as exc:  # a missed "typing" must never fail the reply
            log.debug("chat action failed: %s", exc)

    async def renew() -> None:
        while True:
            await asyncio.sleep(ACTION_EVERY)
            await act()

    await act()
    task = asyncio.create_task(renew())
    try:
        yield
    finally:
        task.cancel()
