"""The bot end to end through python-telegram-bot and a fake Bot API: questions in private and
in groups, commands, /metrics with its chart, strangers, and the error handler."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.services import Services
from prompts import load_templates
from tests.botharness import (
    ADMIN,
    BOT_MENTION,
    COLLEAGUE,
    GROUP,
    MEMBER,
    OTHER_GROUP,
    STRANGER,
    LiveBot,
    bot_settings,
    exchange,
    probe,
    running_server,
    services_over,
)
from tests.fakebotapi import FakeBotAPI, private_chat, user

TEMPLATES = load_templates()
QUESTION_2024 = "2024年上半年学前三年幼儿入园率是多少？"
QUESTION_2025 = "2025年上半年学前三年幼儿入园率是多少？"
VISITOR = user(998, "访客")


@pytest.fixture(scope="module")
def server() -> Iterator[FakeBotAPI]:
    with running_server() as fake:
        yield fake


@pytest.fixture(scope="module")
def live(server: FakeBotAPI, sample_services: Services) -> Iterator[LiveBot]:
    """The bot over the sample corpus (read-only: nothing here writes to the store)."""
    settings = bot_settings(server, sample_services.settings)
    bot = LiveBot(server, services_over(settings, sample_services), drafts=None).start()
    yield bot
    bot.stop()


def test_startup_registers_chinese_commands(server: FakeBotAPI, live: LiveBot) -> None:
    call = server.wait_for("setMyCommands")
    commands = {c["command"]: c["description"] for c in call.params["commands"]}
    assert set(commands) == {
        "start", "help", "ask", "draft", "cancel", "docs", "show", "metrics", "delete", "whoami"
    }  # fmt: skip
    assert commands["metrics"] == TEMPLATES.render("bot.cmd.metrics")
    assert server.wait_for("deleteWebhook")


def test_private_question_gets_the_figure_and_its_citation(
    server: FakeBotAPI, live: LiveBot
) -> None:
    chat = private_chat(MEMBER["id"])
    mark = server.mark()
    server.say(MEMBER, chat, QUESTION_2024)
    reply = server.wait_for("sendMessage", lambda c: c.chat_id == chat["id"], since=mark)
    lead = reply.text.split("\n")[0]
    assert lead.startswith("<b>") and "学前三年幼儿入园率：97.7%" in lead
    assert "出处：" in reply.text and "《青禾县教育局2024年上半年工作总结》" in reply.text
    assert reply.params["parse_mode"] == "HTML"
    typing = server.calls_since(mark, "sendChatAction")
    assert any(c.params["action"] == "typing" and c.seq < reply.seq for c in typing)


def test_ask_command_answers_the_year_asked(server: FakeBotAPI, live: LiveBot) -> None:
    reply = exchange(server, ADMIN, private_chat(ADMIN["id"]), f"/ask {QUESTION_2025}")
    assert "98.3%" in reply.text and "97.7%" not in reply.text.split("\n")[0]


def test_group_answers_only_when_addressed(server: FakeBotAPI, live: LiveBot) -> None:
    mark = server.mark()
    server.say(COLLEAGUE, GROUP, QUESTION_2024)  # not addressed: ignored
    server.say(COLLEAGUE, GROUP, f"/ask@other_bot {QUESTION_2024}")  # another bot's command
    probe(live, GROUP)
    replies = server.calls_since(mark, "sendMessage")
    assert [c.text for c in replies if "97.7" in c.text] == []

    answer = exchange(server, COLLEAGUE, GROUP, f"{BOT_MENTION} {QUESTION_2024}")
    assert "97.7%" in answer.text

    mark = server.mark()
    bot_message = server.sent_message(answer)
    server.say(COLLEAGUE, GROUP, QUESTION_2025, reply_to=bot_message)
    followup = server.wait_for("sendMessage", lambda c: c.chat_id == GROUP["id"], since=mark)
    assert "98.3%" in followup.text

    command = exchange(server, COLLEAGUE, GROUP, f"/ask@zongjie_test_bot {QUESTION_2025}")
    assert "98.3%" in command.text


def test_metrics_sends_a_small_table_and_the_trend_chart(server: FakeBotAPI, live: LiveBot) -> None:
    chat = private_chat(MEMBER["id"])
    mark = server.mark()
    server.say(MEMBER, chat, "/metrics 入园率")
    table = server.wait_for("sendMessage", lambda c: c.chat_id == chat["id"], since=mark)
    assert "学前三年幼儿入园率" in table.text
    assert "2024年上半年" in table.text and "97.7" in table.text and "98.3" in table.text
    photo = server.wait_for("sendPhoto", lambda c: c.chat_id == chat["id"], since=mark)
    (_, png), *_ = photo.files.values()
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    assert "学前三年幼儿入园率" in photo.params["caption"]


def test_stranger_is_refused_once_with_their_id_and_nothing_else(
    server: FakeBotAPI, live: LiveBot
) -> None:
    chat = private_chat(STRANGER["id"])
    mark = server.mark()
    server.say(STRANGER, chat, QUESTION_2024)
    server.say(STRANGER, chat, QUESTION_2025)
    server.say(STRANGER, chat, "/metrics 入园率")
    server.say(STRANGER, OTHER_GROUP, f"{BOT_MENTION} {QUESTION_2024}")
    server.say(VISITOR, OTHER_GROUP, f"{BOT_MENTION} {QUESTION_2024}")  # a second stranger
    probe(live, private_chat(MEMBER["id"]))
    to_stranger = [c for c in server.calls_since(mark) if c.chat_id == STRANGER["id"]]
    assert [c.method for c in to_stranger] == ["sendMessage"]
    assert to_stranger[0].text == TEMPLATES.render("bot.refused", user_id=STRANGER["id"])
    in_other_group = [c for c in server.calls_since(mark) if c.chat_id == OTHER_GROUP["id"]]
    assert [c.text for c in in_other_group] == [
        TEMPLATES.render("bot.refused", user_id=VISITOR["id"])
    ]
    assert server.calls_since(mark, "sendPhoto") == []


def test_a_member_of_an_allowed_group_may_use_the_bot_there(
    server: FakeBotAPI, live: LiveBot
) -> None:
    whoami = exchange(server, COLLEAGUE, GROUP, "/whoami@zongjie_test_bot")
    assert str(COLLEAGUE["id"]) in whoami.text and str(GROUP["id"]) in whoami.text


def test_commands_in_chinese(server: FakeBotAPI, live: LiveBot) -> None:
    chat = private_chat(MEMBER["id"])
    expected = {
        "/start": "资料库中现有 4 篇报告",
        "/help": "/metrics — " + TEMPLATES.render("bot.cmd.metrics"),
        "/docs": "《青禾县教育局2025年上半年工作总结》",
        "/show 青禾县教育局2024年上半年工作总结": "（一）学前教育普惠发展",
        "/show 不存在的报告": TEMPLATES.render("bot.document_not_found", ref="不存在的报告"),
        "/whoami": f"您的用户 ID：{MEMBER['id']}",
        "/draft 学前教育": "往期是这样写的",
        "/cancel": TEMPLATES.render("bot.cancel_done"),
        "/delete 3": TEMPLATES.render("bot.not_admin"),
        "/nosuch": TEMPLATES.render("bot.unknown_command"),
        "/ask": TEMPLATES.render("bot.ask_usage"),
    }
    for command, wanted in expected.items():
        assert wanted in exchange(server, MEMBER, chat, command).text, command


def test_unexpected_failure_is_logged_and_reported_without_internals(
    server: FakeBotAPI, live: LiveBot, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken:
        def answer(self, question: str) -> None:
            raise RuntimeError("secret internals: /srv/zongjie/db password=hunter2")

    working = live.services.answerer
    live.services.__dict__["answerer"] = Broken()
    chat = private_chat(MEMBER["id"])
    try:
        with caplog.at_level(logging.ERROR, logger="bot.telegram.app"):
            reply = exchange(server, MEMBER, chat, QUESTION_2024)
    finally:
        live.services.__dict__["answerer"] = working
    assert reply.text == TEMPLATES.render("error.internal")
    failure = [r for r in caplog.records if r.exc_info]
    assert failure and "secret internals" in str(failure[0].exc_info[1])
