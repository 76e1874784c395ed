"""Drafting with a language model (LangChain fakes): the guard checks every draft, one retry
names the numbers it refused, and a model that keeps inventing falls back to the
deterministic draft."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel, GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatResult

from bot.services import Services
from knowledge.drafting.engine import DraftEngine
from prompts import load_templates
from storage.store import Store
from tests.draft_fixtures import copy_store

T = load_templates()
TODAY = date(2026, 6, 20)
GOOD = (
    "（三）教师队伍建设\n1.教师培训。\n"
    "上半年全县共培训教师9500人次，比上年同期（9125人次）增加375人次，增长4.1%，"
    "培训内容聚焦新课标落地和作业设计。"
)
INVENTED = GOOD + "新招聘教师160人。"  # 160人 was never given
PAST_AS_NEW = "（三）教师队伍建设\n上半年全县共培训教师9125人次，比上年同期增加375人次。"


class RecordingFake(GenericFakeChatModel):
    """A fake chat model that keeps the messages of every call."""

    calls: list[list[BaseMessage]] = []

    def _generate(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> ChatResult:
        self.calls.append(list(messages))
        return super()._generate(messages, *args, **kwargs)


def fake(*texts: str) -> RecordingFake:
    replies: Iterator[AIMessage] = iter([AIMessage(t) for t in texts])
    return RecordingFake(messages=replies, calls=[])


@pytest.fixture
def store(sample_services: Services, tmp_path: Path) -> Store:
    return copy_store(sample_services, tmp_path)


def draft_with(store: Store, model: Any) -> tuple[str, str]:
    engine = DraftEngine(store, T, chat_model=model, today=TODAY)
    engine.start("c1", "教师队伍")
    engine.handle("c1", "培训教师9500人次")
    reply = engine.handle("c1", "生成初稿")
    return engine.result("c1").draft, reply.text


def test_a_draft_that_passes_the_guard_is_used(store: Store) -> None:
    model = fake(GOOD)
    draft, _ = draft_with(store, model)
    assert draft == GOOD
    prompt = model.calls[0][1].content
    assert "培训教师：9500人次" in prompt  # the user's value
    assert "培训教师：375人次（9500人次 − 9125人次 = 375人次）" in prompt  # computed, shown
    assert "培训教师：2025年上半年 9125人次" in prompt  # the past value, labelled as past
    assert "只能作为上年同期等往期数据出现" in prompt


def test_one_retry_names_the_invented_number(store: Store) -> None:
    model = fake(INVENTED, GOOD)
    draft, _ = draft_with(store, model)
    assert draft == GOOD
    retry = model.calls[1][-1].content
    assert "160人" in retry and "重新输出全文" in retry


def test_a_model_that_keeps_inventing_falls_back_to_the_deterministic_draft(store: Store) -> None:
    draft, reply = draft_with(store, FakeListChatModel(responses=[INVENTED, INVENTED]))
    assert "160人" not in draft
    assert "深化“青禾名师”培养工程" in draft  # the model section's own phrasing
    assert "上半年共培训教师9500人次，比上年同期（9125人次）增加375人次" in draft
    assert "大模型稿中有无法核实的数字：160人，已改用按范本生成的稿件" in reply


def test_a_past_value_written_as_the_current_one_is_refused(store: Store) -> None:
    draft, reply = draft_with(store, FakeListChatModel(responses=[PAST_AS_NEW, PAST_AS_NEW]))
    assert "培训教师9125人次" not in draft
    assert "9125人次" in reply and "已改用按范本生成的稿件" in reply


def test_longer_is_asked_of_the_model(store: Store) -> None:
    model = fake(GOOD, GOOD)
    engine = DraftEngine(store, T, chat_model=model, today=TODAY)
    engine.start("c1", "教师队伍")
    engine.handle("c1", "培训教师9500人次")
    engine.handle("c1", "生成初稿")
    reply = engine.handle("c1", "扩写")
    assert not reply.error
    assert "适当扩写" in model.calls[-1][1].content
