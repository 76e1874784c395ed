"""The Telegram side of /draft against a scripted engine: buttons, replies routed to the draft,
the .docx sent, /cancel. `ScriptedDrafts` isolates the bot's half of the `DraftConversations`
contract; tests/test_telegram_drafting.py drives the real engine end to end.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.settings import Settings
from bot.telegram.drafting import Choice, DraftReply
from prompts import load_templates
from storage.embeddings import E5Embeddings
from tests.botharness import (
    MEMBER,
    LiveBot,
    bot_settings,
    exchange,
    running_server,
    services_with_model,
)
from tests.fakebotapi import FakeBotAPI, private_chat

TEMPLATES = load_templates()
CHAT = private_chat(MEMBER["id"])
DOCX = b"PK\x03\x04 the engine's .docx bytes"


class ScriptedDrafts:
    """A minimal engine honouring the contract: one draft per (chat, user), None when none."""

    def __init__(self) -> None:
        self.values: dict[tuple[int, int], list[str]] = {}

    def start(self, *, chat_id: int, user_id: int, topic: str) -> DraftReply:
        self.values[(chat_id, user_id)] = []
        return DraftReply(
            f"主题：{topic}。请选择参照的往期小节：",
            (Choice("2024年上半年 学前教育", "model:7"), Choice("跳过", "skip")),
        )

    def reply(self, *, chat_id: int, user_id: int, text: str) -> DraftReply | None:
        if (chat_id, user_id) not in self.values:
            return None
        self.values[(chat_id, user_id)].append(text)
        return DraftReply(f"已记录：{text}", (Choice("导出", "export"),))

    def choose(self, *, chat_id: int, user_id: int, value: str) -> DraftReply | None:
        if (chat_id, user_id) not in self.values:
            return None
        if value == "export":
            return DraftReply("草稿已生成。", docx=DOCX, docx_name="学前教育.docx")
        return DraftReply(f"已选择 {value}，请发送本期数据。")

    def cancel(self, *, chat_id: int, user_id: int) -> bool:
        return self.values.pop((chat_id, user_id), None) is not None


@pytest.fixture(scope="module")
def server() -> Iterator[FakeBotAPI]:
    with running_server() as fake:
        yield fake


@pytest.fixture(scope="module")
def settings(server: FakeBotAPI, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return bot_settings(server, Settings(data_dir=tmp_path_factory.mktemp("draft") / "data"))


def test_a_draft_conversation_through_the_seam(
    server: FakeBotAPI, settings: Settings, e5: E5Embeddings
) -> None:
    engine = ScriptedDrafts()
    bot = LiveBot(server, services_with_model(settings, e5), drafts=engine).start()
    try:
        assert exchange(server, MEMBER, CHAT, "/draft").text == TEMPLATES.render("bot.draft_usage")
        first = exchange(server, MEMBER, CHAT, "/draft 学前教育")
        keyboard = first.params["reply_markup"]["inline_keyboard"]
        assert [b["callback_data"] for row in keyboard for b in row] == [
            "draft:model:7",
            "draft:skip",
        ]

        mark = server.mark()
        server.press(MEMBER, server.sent_message(first), "draft:model:7")
        chosen = server.wait_for("sendMessage", lambda c: c.chat_id == CHAT["id"], since=mark)
        assert chosen.text == "已选择 model:7，请发送本期数据。"
        assert server.calls_since(mark, "answerCallbackQuery")
        assert server.calls_since(mark, "editMessageReplyMarkup")  # buttons used once

        values = exchange(server, MEMBER, CHAT, "入园率98.1%，新建幼儿园3所")
        assert values.text == "已记录：入园率98.1%，新建幼儿园3所"  # the draft's, not an answer
        assert engine.values[(CHAT["id"], MEMBER["id"])] == ["入园率98.1%，新建幼儿园3所"]

        mark = server.mark()
        server.press(MEMBER, server.sent_message(values), "draft:export")
        sent = server.wait_for("sendDocument", since=mark)
        assert sent.chat_id == CHAT["id"]
        assert list(sent.files.values()) == [("学前教育.docx", DOCX)]

        assert exchange(server, MEMBER, CHAT, "/cancel").text == TEMPLATES.render("bot.cancel_done")
        after = exchange(server, MEMBER, CHAT, "入园率是多少")  # a question again
        assert after.text == TEMPLATES.render("answer.not_found", question="入园率是多少")
    finally:
        bot.stop()
