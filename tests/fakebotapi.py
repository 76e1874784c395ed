"""A fake Telegram Bot API on 127.0.0.1, for end-to-end tests through python-telegram-bot.

The bot under test is pointed at it with ZONGJIE_TELEGRAM_BASE_URL. It answers the methods the
bot uses (getMe, getUpdates as a real long poll, sendMessage, editMessageText,
editMessageReplyMarkup, sendChatAction, sendDocument, sendPhoto, getFile and the file download,
answerCallbackQuery, setMyCommands, deleteWebhook, setWebhook), records every call, and returns
an error for anything else (recorded in `unknown`). The server runs in its own event-loop
thread; tests push updates and wait on recorded calls from the test thread, with a generous
deadline and never an assertion on timing.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakeupdates import BOT_USERNAME, UpdateMaker, group_chat, private_chat, user

TOKEN = "4242:fake-token-for-tests"
BOT_USER: dict[str, Any] = {
    "id": 4242,
    "is_bot": True,
    "first_name": "总结助手",
    "username": BOT_USERNAME,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
DEADLINE = 120.0  # seconds to wait for an expected call: generous, only reached on failure
_JSON_FIELDS = {
    "reply_markup",
    "commands",
    "allowed_updates",
    "entities",
    "caption_entities",
    "reply_parameters",
    "link_preview_options",
    "scope",
}
__all__ = ["BOT_USER", "TOKEN", "Call", "FakeBotAPI", "group_chat", "private_chat", "user"]
# Methods whose whole answer is `true`.
_ACKNOWLEDGED = {
    "sendChatAction",
    "answerCallbackQuery",
    "setMyCommands",
    "deleteWebhook",
    "setWebhook",
}
_INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "file_size"}


@dataclass
class Call:
    """One request the bot made: the method, its parameters, any uploaded files."""

    seq: int
    method: str
    params: dict[str, Any]
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)  # when it arrived (for benchmarks only)

    @property
    def chat_id(self) -> int | None:
        """The chat the call is about, if any."""
        value = self.params.get("chat_id")
        return value if isinstance(value, int) else None

    @property
    def text(self) -> str:
        """The message text or caption (empty if neither)."""
        return str(self.params.get("text") or self.params.get("caption") or "")


class FakeBotAPI(UpdateMaker):
    """The fake server; `start()` it, point the bot at `base_url`, `stop()` it at the end."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.port = 0
        self.calls: list[Call] = []
        self.unknown: list[str] = []
        self._cond = threading.Condition()
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._lock = threading.Lock()
        self._updates: list[dict[str, Any]] = []
        self._files: dict[str, tuple[str, bytes]] = {}  # file_id → (file_path, content)
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._new_update: asyncio.Event | None = None
        self._closing = False
        self._runner: web.AppRunner | None = None

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> FakeBotAPI:
        """Listen on a free port of 127.0.0.1."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(30)
        return self

    def stop(self) -> None:
        """Close the server and its loop (a long poll still waiting returns at once)."""

        def close_polls() -> None:
            self._closing = True
            assert self._new_update is not None
            self._new_update.set()

        self._loop.call_soon_threadsafe(close_polls)
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)

    @property
    def base_url(self) -> str:
        """python-telegram-bot's base_url for this server (the token is appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """python-telegram-bot's base_file_url for this server."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def _serve(self) -> None:
        self._new_update = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.*}", self._download)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    # -- what tests do --------------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> int:
        """Queue an update (without update_id) for the bot's next getUpdates; its id."""
        update_id = next(self._ids)
        body = {"update_id": update_id, **update}

        def add() -> None:
            self._updates.append(body)
            assert self._new_update is not None
            self._new_update.set()

        self._loop.call_soon_threadsafe(add)
        return update_id

    def sent_message(self, call: Call) -> dict[str, Any]:
        """The message object the bot got back for a send/edit call."""
        message_id = call.params.get("message_id") or call.params["_message_id"]
        return self._messages[(call.chat_id or 0, message_id)]

    def mark(self) -> int:
        """A position in the call log: later waits look only after it."""
        with self._cond:
            return len(self.calls)

    def calls_since(self, mark: int, method: str | None = None) -> list[Call]:
        """The calls recorded after `mark` (of one method if given)."""
        with self._cond:
            return [c for c in self.calls[mark:] if method is None or c.method == method]

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] = lambda call: True,
        *,
        since: int = 0,
        timeout: float = DEADLINE,
    ) -> Call:
        """The first call of `method` after `since` that satisfies `predicate` (waiting)."""

        def found() -> Call | None:
            return next(
                (c for c in self.calls[since:] if c.method == method and predicate(c)), None
            )

        with self._cond:
            if self._cond.wait_for(lambda: found() is not None, timeout):
                result = found()
                assert result is not None
                return result
            seen = [f"{c.method}: {c.text[:80]!r}" for c in self.calls[since:]]
        raise AssertionError(f"no {method} call as expected within {timeout} s; saw {seen}")

    # -- the API --------------------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _parse(request)
        handler = getattr(self, f"_m_{method}", None)
        if method in _ACKNOWLEDGED:
            self._record(method, params, files)
            return web.json_response({"ok": True, "result": True})
        if method == "getUpdates":  # recorded on arrival: a long poll may then wait a while
            self._record(method, params, files)
            return web.json_response({"ok": True, "result": await self._m_getUpdates(params)})
        if handler is None:
            self.unknown.append(method)
            self._record(method, params, files)
            return _error(404, "Not Found: method not found")
        try:
            result = await handler(params, files)
        except LookupError as exc:
            self._record(method, params, files)
            return _error(400, f"Bad Request: {exc}")
        self._record(method, params, files)
        return web.json_response({"ok": True, "result": result})

    def _record(self, method: str, params: dict[str, Any], files: dict[str, Any]) -> None:
        with self._cond:
            self.calls.append(Call(len(self.calls), method, params, files))
            self._cond.notify_all()

    async def _download(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        for file_path, content in self._files.values():
            if file_path == path and request.match_info["token"] == self.token:
                return web.Response(body=content)
        return web.Response(status=404)

    async def _m_getMe(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return BOT_USER

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        assert self._new_update is not None
        while not self._updates and not self._closing:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except TimeoutError:
                break
        return self._updates[: int(params.get("limit") or 100)]

    def _bot_message(self, chat_id: int, **fields: Any) -> dict[str, Any]:
        chat = self._chats.get(chat_id, {"id": chat_id, "type": "private"})
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            **{k: v for k, v in fields.items() if v is not None},
        }
        self._messages[(chat_id, message["message_id"])] = message
        return message

    async def _m_sendMessage(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        message = self._bot_message(
            params["chat_id"], text=params["text"], reply_markup=params.get("reply_markup")
        )
        params["_message_id"] = message["message_id"]
        return message

    def _edit(self, params: dict[str, Any]) -> dict[str, Any]:
        """Edit a sent message: new text if given; the keyboard replaced (or removed)."""
        message = self._messages.get((params["chat_id"], params["message_id"]))
        if message is None:
            raise LookupError("message to edit not found")
        if "text" in params:
            message["text"] = params["text"]
        message.pop("reply_markup", None)
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _m_editMessageText(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self._edit(params)

    async def _m_editMessageReplyMarkup(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        return self._edit(params)

    async def _m_sendDocument(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        name, content = next(iter(files.values()))
        document = {
            "file_id": f"sent-{next(self._ids)}",
            "file_unique_id": f"su{len(self.calls)}",
            "file_name": name,
            "file_size": len(content),
        }
        message = self._bot_message(
            params["chat_id"], document=document, caption=params.get("caption")
        )
        params["_message_id"] = message["message_id"]
        return message

    async def _m_sendPhoto(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        _, content = next(iter(files.values()))
        photo = [
            {
                "file_id": f"photo-{next(self._ids)}",
                "file_unique_id": f"pu{len(self.calls)}",
                "width": 840,
                "height": 480,
                "file_size": len(content),
            }
        ]
        message = self._bot_message(params["chat_id"], photo=photo, caption=params.get("caption"))
        params["_message_id"] = message["message_id"]
        return message

    async def _m_getFile(self, params: dict[str, Any], files: dict[str, Any]) -> Any:
        file_id = params["file_id"]
        if file_id not in self._files:
            raise LookupError("invalid file_id")
        file_path, content = self._files[file_id]
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(content),
            "file_path": file_path,
        }


async def _parse(request: web.Request) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """Form or multipart fields (JSON-valued ones decoded) and uploaded files."""
    params: dict[str, Any] = {}
    files: dict[str, tuple[str, bytes]] = {}
    if request.content_type == "application/json":
        params = await request.json()
    elif request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = (value.filename, value.file.read())
            elif key in _JSON_FIELDS:
                params[key] = json.loads(value)
            elif key in _INT_FIELDS and value.lstrip("-").isdigit():
                params[key] = int(value)
            else:
                params[key] = value
    params.update({k: v for k, v in request.query.items() if k not in params})
    return params, files


def _error(status: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": status, "description": description}, status=status
    )
