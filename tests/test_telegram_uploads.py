"""Uploads, /delete and a restart, end to end through python-telegram-bot and a fake Bot API,
over a store that starts empty."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.services import Services
from bot.settings import Settings
from prompts import load_templates
from storage.embeddings import E5Embeddings
from storage.queries import list_documents
from tests.botharness import (
    ADMIN,
    GROUP,
    MEMBER,
    STRANGER,
    LiveBot,
    bot_settings,
    exchange,
    probe,
    running_server,
    services_with_model,
)
from tests.conftest import SAMPLES
from tests.fakebotapi import DEADLINE, Call, FakeBotAPI, private_chat

TEMPLATES = load_templates()
SAMPLE_DOCX = SAMPLES / "青禾县教育局2024年上半年工作总结.docx"
ADMIN_CHAT = private_chat(ADMIN["id"])
MEMBER_CHAT = private_chat(MEMBER["id"])
CANTEENS = "2025年第三季度新建标准化食堂多少所？"
BRIEFING = """青禾县教育局2025年第三季度工作总结
一、后勤保障
（一）食堂建设
第三季度全县新建标准化食堂12所，改造学校厨房设施38处。
二、安全工作
第三季度开展食品安全检查21次。
"""


@pytest.fixture(scope="module")
def server() -> Iterator[FakeBotAPI]:
    with running_server() as fake:
        yield fake


@pytest.fixture(scope="module")
def settings(server: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    base = Settings(data_dir=tmp_path_factory.mktemp("bot-uploads") / "data")
    return bot_settings(server, base)


@pytest.fixture(scope="module")
def live(server: FakeBotAPI, settings: Settings, e5: E5Embeddings) -> Iterator[LiveBot]:
    bot = LiveBot(server, services_with_model(settings, e5), drafts=None).start()
    yield bot
    bot.stop()


def stored(services: Services) -> tuple[list[str], int]:
    """The stored files' names and the number of vectors."""
    with services.store.session() as session:
        names = sorted({s.file.name for s in list_documents(session=session)})
    return names, services.store.vectors.count()


def upload_and_wait(
    live: LiveBot, chat: dict[str, Any], file_name: str, content: bytes, **kw: Any
) -> Call:
    """Upload as the admin; the progress message's final text (the summary or the error)."""
    server = live.server
    mark = server.mark()
    server.upload(ADMIN, chat, file_name, content, **kw)
    probe(live, chat, ADMIN)
    edits = server.calls_since(mark, "editMessageText")
    assert edits, [c.text for c in server.calls_since(mark)]
    return edits[-1]


def test_docx_upload_is_ingested_with_progress_then_answered(
    server: FakeBotAPI, live: LiveBot
) -> None:
    before = exchange(server, MEMBER, MEMBER_CHAT, "2024年上半年学前三年幼儿入园率是多少？")
    assert "没有找到" in before.text  # the store is empty: no guess

    mark = server.mark()
    server.upload(ADMIN, ADMIN_CHAT, SAMPLE_DOCX.name, SAMPLE_DOCX.read_bytes())
    progress = server.wait_for("sendMessage", lambda c: c.chat_id == ADMIN["id"], since=mark)
    assert progress.text == TEMPLATES.render("bot.upload_downloading", name=SAMPLE_DOCX.name)
    summary = server.wait_for("editMessageText", lambda c: "导入完成" in c.text, since=mark)
    assert summary.params["message_id"] == progress.params["_message_id"]
    assert "报告 1 篇，共 27 节、29 个段落" in summary.text
    assert "《青禾县教育局2024年上半年工作总结》（2024年上半年）" in summary.text
    methods = [c.method for c in server.calls_since(mark) if c.chat_id in (ADMIN["id"], None)]
    assert methods.index("getFile") < methods.index("editMessageText")

    answer = exchange(server, MEMBER, MEMBER_CHAT, "2024年上半年学前三年幼儿入园率是多少？")
    assert "97.7%" in answer.text and "《青禾县教育局2024年上半年工作总结》" in answer.text


def test_the_same_file_again_says_it_is_already_stored(server: FakeBotAPI, live: LiveBot) -> None:
    before = stored(live.services)
    final = upload_and_wait(live, ADMIN_CHAT, SAMPLE_DOCX.name, SAMPLE_DOCX.read_bytes())
    assert TEMPLATES.render("bot.upload_unchanged", name=SAMPLE_DOCX.name) in final.text
    assert stored(live.services) == before


def test_oversize_upload_is_refused_before_downloading(server: FakeBotAPI, live: LiveBot) -> None:
    before = stored(live.services)
    mark = server.mark()
    server.upload(ADMIN, ADMIN_CHAT, "大文件.pdf", b"%PDF-1.4 tiny", declared_size=25_000_000)
    probe(live, ADMIN_CHAT, ADMIN)
    replies = [c.text for c in server.calls_since(mark, "sendMessage")]
    assert TEMPLATES.render("error.too_large", name="大文件.pdf", limit_mb=20) in replies
    assert server.calls_since(mark, "getFile") == []
    assert stored(live.services) == before


def test_corrupt_upload_is_refused_and_nothing_is_stored(server: FakeBotAPI, live: LiveBot) -> None:
    before = stored(live.services)
    final = upload_and_wait(live, ADMIN_CHAT, "坏文件.docx", b"PK\x03\x04 not really a docx")
    assert final.text == TEMPLATES.render("error.corrupt_file", name="坏文件.docx")
    assert stored(live.services) == before


@pytest.mark.parametrize(
    ("name", "key"),
    [("照片.jpg", "error.unsupported_type"), ("旧版总结.doc", "error.legacy_format")],
)
def test_unreadable_types_are_refused_before_downloading(
    server: FakeBotAPI, live: LiveBot, name: str, key: str
) -> None:
    mark = server.mark()
    server.upload(ADMIN, ADMIN_CHAT, name, b"\xff\xd8\xff\xe0 whatever")
    probe(live, ADMIN_CHAT, ADMIN)
    assert TEMPLATES.render(key, name=name) in [c.text for c in server.calls_since(mark)]
    assert server.calls_since(mark, "getFile") == []


def test_only_admins_upload_and_strangers_touch_nothing(server: FakeBotAPI, live: LiveBot) -> None:
    before = stored(live.services)
    mark = server.mark()
    server.upload(MEMBER, MEMBER_CHAT, "简报.txt", BRIEFING.encode())
    server.upload(STRANGER, private_chat(STRANGER["id"]), "简报.txt", BRIEFING.encode())
    server.upload(ADMIN, GROUP, "简报.txt", BRIEFING.encode())  # in a group, not addressed
    probe(live, ADMIN_CHAT, ADMIN)
    texts = [c.text for c in server.calls_since(mark, "sendMessage")]
    assert TEMPLATES.render("bot.upload_not_allowed") in texts
    assert TEMPLATES.render("bot.refused", user_id=STRANGER["id"]) in texts
    assert server.calls_since(mark, "getFile") == []
    assert [c for c in server.calls_since(mark) if c.chat_id == GROUP["id"]] == []
    assert stored(live.services) == before


def test_delete_asks_an_admin_to_confirm(server: FakeBotAPI, live: LiveBot) -> None:
    upload_and_wait(live, ADMIN_CHAT, "简报.txt", BRIEFING.encode())
    assert "12所" in exchange(server, MEMBER, MEMBER_CHAT, CANTEENS).text

    confirm = exchange(server, ADMIN, ADMIN_CHAT, "/delete 第三季度工作总结")
    buttons = confirm.params["reply_markup"]["inline_keyboard"][0]
    yes, no = (b["callback_data"] for b in buttons)
    message = server.sent_message(confirm)

    mark = server.mark()
    server.press(STRANGER, message, yes)  # a stranger's press: refused, nothing deleted
    server.press(MEMBER, message, yes)  # not an admin: refused, nothing deleted
    server.press(ADMIN, message, no)
    cancelled = server.wait_for("editMessageText", since=mark)
    assert cancelled.text == TEMPLATES.render("bot.delete_cancelled")
    alerts = [c.params.get("text") for c in server.calls_since(mark, "answerCallbackQuery")]
    assert TEMPLATES.render("bot.not_admin") in alerts
    assert "简报.txt" in stored(live.services)[0]

    confirm = exchange(server, ADMIN, ADMIN_CHAT, "/delete 第三季度工作总结")
    mark = server.mark()
    server.press(ADMIN, server.sent_message(confirm), yes)
    deleted = server.wait_for("editMessageText", since=mark)
    assert deleted.text.startswith("已删除") and "第三季度工作总结" in deleted.text
    assert "简报.txt" not in stored(live.services)[0]
    assert "12所" not in exchange(server, MEMBER, MEMBER_CHAT, CANTEENS).text


PLAYGROUNDS = "2025年第四季度新建标准化运动场多少个？"
FOURTH_QUARTER = """青禾县教育局2025年第四季度工作总结
一、体育设施
第四季度全县新建标准化运动场7个。
"""


def test_an_upload_holds_up_its_own_chat_only(server: FakeBotAPI, live: LiveBot) -> None:
    # Hold the write lock as a long ingest would, so the upload waits inside its handler.
    loop = live.loop
    asyncio.run_coroutine_threadsafe(live.app.write_lock.acquire(), loop).result(DEADLINE)
    try:
        mark = server.mark()
        server.upload(ADMIN, ADMIN_CHAT, "四季度简报.txt", FOURTH_QUARTER.encode())
        ingesting = TEMPLATES.render("bot.upload_ingesting", name="四季度简报.txt")
        server.wait_for("editMessageText", lambda c: c.text == ingesting, since=mark)
        server.say(ADMIN, ADMIN_CHAT, PLAYGROUNDS)  # behind the upload in its chat
        # Another chat is answered meanwhile (handled one at a time, it waited for the upload).
        assert exchange(server, MEMBER, MEMBER_CHAT, CANTEENS).text
        released = server.mark()
    finally:
        loop.call_soon_threadsafe(live.app.write_lock.release)
    done = server.wait_for("editMessageText", lambda c: "导入完成" in c.text, since=mark)
    # The admin's question, asked after the upload, is answered after it, from the new file.
    reply = server.wait_for("sendMessage", lambda c: c.chat_id == ADMIN["id"], since=released)
    calls = server.calls_since(mark)
    assert calls.index(done) < calls.index(reply)
    assert "7个" in reply.text


def test_a_restart_keeps_the_store_and_pending_confirmations(
    server: FakeBotAPI, live: LiveBot, settings: Settings, e5: E5Embeddings, tmp_path: Path
) -> None:
    upload_and_wait(live, ADMIN_CHAT, "简报.txt", BRIEFING.encode())
    before_restart = exchange(server, MEMBER, MEMBER_CHAT, CANTEENS)
    assert "12所" in before_restart.text
    confirm = exchange(server, ADMIN, ADMIN_CHAT, "/delete 简报.txt")
    live.stop()

    restarted = LiveBot(server, services_with_model(settings, e5), drafts=None).start()
    try:
        mark = server.mark()
        assert "12所" in exchange(server, MEMBER, MEMBER_CHAT, CANTEENS).text
        yes = confirm.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        server.press(ADMIN, server.sent_message(confirm), yes)
        deleted = server.wait_for("editMessageText", since=mark)
        assert "第三季度工作总结" in deleted.text
        assert "简报.txt" not in stored(restarted.services)[0]
        # updates handled before the restart were confirmed, not handled twice
        answers = [c for c in server.calls_since(before_restart.seq + 1) if "12所" in c.text]
        assert len(answers) == 1
    finally:
        restarted.stop()
