"""The real Zongjie bot, run exactly as `zongjie serve` runs it (bot.telegram.app.run_bot), in a
thread, against the fake Bot API of tests/fakebotapi.py."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from bot.services import Services
from bot.settings import Settings
from bot.telegram.app import build_application, run_bot
from bot.telegram.context import ZongjieApplication
from bot.telegram.drafting import DraftConversations
from storage.embeddings import NamedEmbeddings
from tests.fakebotapi import (
    BOT_USER,
    DEADLINE,
    TOKEN,
    Call,
    FakeBotAPI,
    group_chat,
    private_chat,
    user,
)

ADMIN = user(101, "王主任")  # in ZONGJIE_ADMIN_USERS
MEMBER = user(102, "李科员")  # in ZONGJIE_ALLOWED_USERS
COLLEAGUE = user(103, "赵老师")  # in no list, but a member of the allowed group
STRANGER = user(999, "陌生人")  # in no list
GROUP = group_chat(-1001, "教育局办公室")  # in ZONGJIE_ALLOWED_CHATS
OTHER_GROUP = group_chat(-2002, "外部群")  # in no list
BOT_MENTION = f"@{BOT_USER['username']}"


@contextmanager
def running_server() -> Iterator[FakeBotAPI]:
    """A fake Bot API for the block; afterwards, checks the bot called no unknown method."""
    fake = FakeBotAPI().start()
    try:
        yield fake
    finally:
        fake.stop()
    assert fake.unknown == [], f"the bot called methods the fake does not know: {fake.unknown}"


def bot_settings(server: FakeBotAPI, base: Settings, **overrides: Any) -> Settings:
    """`base` (data directory…) with the token, the fake server's URL and the test allow-lists."""
    values: dict[str, Any] = {
        "telegram_token": TOKEN,
        "telegram_base_url": server.base_url,
        "allowed_users": frozenset({MEMBER["id"]}),
        "allowed_chats": frozenset({GROUP["id"]}),
        "admin_users": frozenset({ADMIN["id"]}),
    }
    return Settings(**(base.model_dump() | values | overrides))


def services_over(settings: Settings, shared: Services) -> Services:
    """Services with `settings` that share `shared`'s store and loaded embedding model."""
    services = Services(settings)
    services.__dict__["store"] = shared.store
    services.__dict__["embeddings"] = shared.embeddings
    return services


def services_with_model(settings: Settings, model: NamedEmbeddings) -> Services:
    """New services over `settings`' data directory; only the loaded model is shared."""
    services = Services(settings)
    services.__dict__["embeddings"] = model
    return services


class LiveBot:
    """Runs the bot in its own thread and event loop until `stop()`."""

    def __init__(self, server: FakeBotAPI, services: Services, drafts: DraftConversations | None):
        self.server = server
        self.services = services
        self.app: ZongjieApplication = build_application(services, drafts=drafts)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread = threading.Thread(target=self._run, name="live-bot", daemon=True)

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)
        run_bot(self.app, handle_signals=False)

    def start(self) -> LiveBot:
        """Start, and return once the bot is long-polling for updates (or its webhook is set)."""
        mark = self.server.mark()
        self._thread.start()
        settings = self.services.settings
        if not settings.webhook_url:
            self.server.wait_for("getUpdates", since=mark)
            return self
        # PTB sets the webhook, then opens its port: wait for both
        self.server.wait_for("setWebhook", since=mark)
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            try:
                socket.create_connection(
                    (settings.webhook_listen, settings.webhook_port), 5
                ).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("the webhook port never opened")
        return self

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The bot's event loop (for calls into it from a test's thread)."""
        assert self._loop is not None, "the bot has not started"
        return self._loop

    def stop(self) -> None:
        """Stop as on SIGTERM: the updater confirms what it fetched, the app shuts down."""
        if not self._thread.is_alive():
            return  # already stopped (a test restarted the bot)
        assert self._loop is not None
        self._loop.call_soon_threadsafe(self.app.stop_running)
        self._thread.join(60)
        assert not self._thread.is_alive(), "the bot did not stop"


def exchange(server: FakeBotAPI, sender: dict[str, Any], chat: dict[str, Any], text: str) -> Call:
    """Send `text` and wait for the bot's first message in that chat after it."""
    mark = server.mark()
    server.say(sender, chat, text)
    return server.wait_for("sendMessage", lambda c: c.chat_id == chat["id"], since=mark)


def probe(bot: LiveBot, chat: dict[str, Any], sender: dict[str, Any] = MEMBER) -> None:
    """Send /whoami and wait for its reply, then until no update is in progress: every update
    pushed before the probe, in any chat, has then been fully handled.

    Updates reach their handlers in order and each takes its place in the update processor
    before the next does (bot/telegram/ordering.py), so once the probe's own reply is sent,
    the ones still running are those the processor counts."""
    server = bot.server
    mark = server.mark()
    server.say(sender, chat, "/whoami")
    server.wait_for("sendMessage", lambda c: "会话 ID" in c.text, since=mark)
    processor = bot.app.update_processor
    deadline = time.monotonic() + DEADLINE
    while processor.current_concurrent_updates:
        if time.monotonic() > deadline:
            raise AssertionError("updates still in progress after the probe's reply")
        time.sleep(0.01)


__all__ = ["ADMIN", "COLLEAGUE", "GROUP", "MEMBER", "OTHER_GROUP", "STRANGER", "private_chat"]
