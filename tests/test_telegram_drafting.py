"""A whole /draft conversation in Telegram with the real drafting engine over the sample corpus:
values typed in the chat, a restart in the middle, the draft with comparisons, the .docx sent."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from bot.settings import Settings
from storage.embeddings import E5Embeddings
from tests.botharness import MEMBER, LiveBot, bot_settings, exchange, running_server
from tests.botharness import services_with_model as fresh_services
from tests.conftest import SAMPLES
from tests.fakebotapi import FakeBotAPI, private_chat

CHAT = private_chat(MEMBER["id"])


@pytest.fixture(scope="module")
def server() -> Iterator[FakeBotAPI]:
    with running_server() as fake:
        yield fake


def buttons(call) -> list[str]:  # type: ignore[no-untyped-def]
    markup = call.params.get("reply_markup") or {}
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


def test_a_draft_survives_a_restart_and_ends_in_a_docx(
    server: FakeBotAPI, e5: E5Embeddings, tmp_path: Path
) -> None:
    settings = bot_settings(server, Settings(data_dir=tmp_path / "data"))
    model = e5
    services = fresh_services(settings, model)
    assert services.ingestor.ingest([SAMPLES]).errors == []  # its own store: drafts write to it
    bot = LiveBot(server, services, drafts=None).start()
    try:
        first = exchange(server, MEMBER, CHAT, "/draft 学前教育 2026年上半年")
        assert "2026年上半年" in first.text and "范本1" in first.text
        assert "draft:生成初稿" in buttons(first)
        noted = exchange(server, MEMBER, CHAT, "入园率98.6%，新建幼儿园3所，新增学位420个")
        assert "98.6%" in noted.text and "420个" in noted.text
    finally:
        bot.stop()

    bot = LiveBot(server, fresh_services(settings, model), drafts=None).start()  # a new process
    try:
        written = exchange(server, MEMBER, CHAT, "全部跳过")
        assert "98.6%" in written.text and "比上年同期（98.3%）提高0.3个百分点" in written.text
        assert "draft:导出" in buttons(written)
        mark = server.mark()
        server.press(MEMBER, server.sent_message(written), "draft:导出")
        sent = server.wait_for("sendDocument", since=mark)
        [(name, data)] = sent.files.values()
        assert name.endswith(".docx")
        body = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert "98.6%" in body and "420个" in body
        assert exchange(server, MEMBER, CHAT, "/cancel").text  # ends the draft
    finally:
        bot.stop()
