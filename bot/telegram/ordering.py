"""Updates of different chats are handled at once; one chat's updates in the order they came.

By default python-telegram-bot handles one update at a time, so a colleague's question waited
for someone else's upload to be embedded (minutes for a long file). Handled all at once, a
chat's second message could overtake its first: a draft's next answer before its question.
This processor gives each chat its own queue. Writes stay one at a time (the application's
write lock), and the work itself runs in threads (asyncio.to_thread in the handlers).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Updates in progress or waiting for their chat at once; beyond it, updates wait to start.
MAX_CONCURRENT_UPDATES = 64


class PerChatOrder(BaseUpdateProcessor):
    """Runs each update once the updates before it from the same chat are done."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._queues: dict[int, _ChatQueue] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine  # nothing to keep in order with
            return
        queue = self._queues.setdefault(chat.id, _ChatQueue())
        queue.waiting += 1
        try:
            async with queue.lock:  # asyncio.Lock wakes its waiters first come, first served
                await coroutine
        finally:
            queue.waiting -= 1
            if not queue.waiting:
                del self._queues[chat.id]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


class _ChatQueue:
    """One chat's lock and how many of its updates hold or wait for it."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.waiting = 0
