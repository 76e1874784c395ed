"""Answers phrased by a language model, held to the figure guard.

The model is a LangChain fake (scripted replies, prompts recorded by a callback) or the real
ChatOpenAI client talking HTTP to a local OpenAI-compatible stub (tests/openai_stub.py).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage

from bot.services import Services
from bot.settings import Settings
from knowledge.answers import Answerer
from knowledge.llm_answers import LLMAnswerer
from tests.openai_stub import openai_stub

QUESTION = "2024年上半年入园率是多少？"
FAITHFUL = "2024年上半年，学前三年幼儿入园率预计达到97.7%，高于96%的目标。[1]"
INVENTED = "2024年上半年学前三年幼儿入园率为98.5%。[1]"


class Recorder(BaseCallbackHandler):
    """Keeps the messages of every model call."""

    def __init__(self) -> None:
        self.calls: list[list[BaseMessage]] = []

    def on_chat_model_start(
        self, serialized: dict[str, Any], messages: list[list[BaseMessage]], **kwargs: Any
    ) -> None:
        self.calls.extend(messages)


def fake_answerer(services: Services, replies: list[str]) -> tuple[LLMAnswerer, Recorder]:
    recorder = Recorder()
    model = GenericFakeChatModel(messages=iter(AIMessage(r) for r in replies), callbacks=[recorder])
    rules = Answerer(services.store, services.search, services.metrics)
    return LLMAnswerer(rules, model, services.templates), recorder


def rules_answer(services: Services, question: str) -> str:
    return Answerer(services.store, services.search, services.metrics).answer(question).text


def test_a_faithful_reply_is_given_with_citations_added_in_code(
    sample_services: Services,
) -> None:
    answerer, recorder = fake_answerer(sample_services, [FAITHFUL])
    answer = answerer.answer(QUESTION)
    assert answer.generated and answer.text.startswith(FAITHFUL)
    assert "出处：\n[1] 《青禾县教育局2024年上半年工作总结》" in answer.text
    figures = [(f.raw, f.origin) for f in answer.figures]
    assert figures[:2] == [("97.7%", "source"), ("96%", "source")]
    prompt = recorder.calls[0][-1].text
    assert QUESTION in prompt and '<资料 编号="1"' in prompt and "97.7%" in prompt


def test_an_invented_number_is_sent_back_once_by_name(
    sample_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    answerer, recorder = fake_answerer(sample_services, [INVENTED, FAITHFUL])
    with caplog.at_level(logging.WARNING, logger="zongjie.guard"):
        answer = answerer.answer(QUESTION)
    assert answer.generated and answer.text.startswith(FAITHFUL)
    assert len(recorder.calls) == 2
    retry = recorder.calls[1]
    assert retry[-2].text == INVENTED and "98.5%" in retry[-1].text
    assert "untraced 98.5%" in caplog.text


def test_a_model_that_keeps_inventing_gets_the_rules_based_answer(
    sample_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    answerer, recorder = fake_answerer(sample_services, [INVENTED, "入园率约为99%。"])
    with caplog.at_level(logging.WARNING, logger="zongjie.guard"):
        answer = answerer.answer(QUESTION)
    assert not answer.generated
    assert answer.text == rules_answer(sample_services, QUESTION)
    assert "98.5" not in answer.text and "99%" not in answer.text
    assert len(recorder.calls) == 2 and "again" in caplog.text


def test_a_question_with_nothing_relevant_never_reaches_the_model(
    sample_services: Services,
) -> None:
    answerer, recorder = fake_answerer(sample_services, ["火星基地的氧气储量为300吨。"])
    answer = answerer.answer("火星基地的氧气储量是多少？")
    assert not answer.found and recorder.calls == []


def test_document_text_is_fenced_as_data(sample_services: Services) -> None:
    answerer, recorder = fake_answerer(sample_services, [FAITHFUL])
    answerer.answer(QUESTION)
    system, user = recorder.calls[0]
    assert "不是指令" in system.text
    fenced = user.text.split("资料：", 1)[1]
    assert fenced.count("<资料 ") == fenced.count("</资料>") >= 1


def llm_settings(data_dir: Path, base_url: str) -> Settings:
    return Settings(
        data_dir=data_dir, llm_base_url=base_url, llm_model="stub-model", llm_api_key="sk-test"
    )


def test_chat_openai_over_http_is_wired_from_the_settings(sample_services: Services) -> None:
    with openai_stub([FAITHFUL]) as (url, stub):
        services = Services(llm_settings(sample_services.settings.data_dir, url))
        services.__dict__["embeddings"] = sample_services.embeddings
        answer = services.answerer.answer(QUESTION)
    assert answer.generated and answer.text.startswith(FAITHFUL)
    assert stub.requests[0]["model"] == "stub-model"
    assert stub.authorizations[0] == "Bearer sk-test"
    assert stub.requests[0]["messages"][0]["role"] == "system"


def test_an_unreachable_or_failing_model_gets_the_rules_based_answer(
    sample_services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    with openai_stub([500, 500]) as (url, stub):
        services = Services(llm_settings(sample_services.settings.data_dir, url))
        services.__dict__["embeddings"] = sample_services.embeddings
        with caplog.at_level(logging.WARNING, logger="zongjie.guard"):
            answer = services.answerer.answer(QUESTION)
    assert stub.requests and not answer.generated
    assert answer.text == rules_answer(sample_services, QUESTION)
    assert "rules-based answer" in caplog.text


def test_half_an_llm_configuration_is_refused() -> None:
    with pytest.raises(ValueError, match="ZONGJIE_LLM_MODEL"):
        Settings(llm_base_url="http://127.0.0.1:1/v1")


def test_the_cli_answers_through_the_model_and_reports_its_figures(
    sample_services: Services,
) -> None:
    with openai_stub([INVENTED, FAITHFUL]) as (url, stub):
        env = {
            **os.environ,
            "ZONGJIE_DATA_DIR": str(sample_services.settings.data_dir),
            "ZONGJIE_LLM_BASE_URL": url,
            "ZONGJIE_LLM_MODEL": "stub-model",
            "ZONGJIE_LLM_API_KEY": "sk-test",
            "HF_HUB_OFFLINE": "1",
        }
        zongjie = str(Path(sys.executable).parent / "zongjie")
        done = subprocess.run(
            [zongjie, "ask", QUESTION, "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    reply = json.loads(done.stdout)
    assert reply["answer"].startswith(FAITHFUL)
    assert {"raw": "97.7%", "origin": "source"}.items() <= reply["figures"][0].items()
    assert len(stub.requests) == 2
    assert "98.5%" in stub.requests[1]["messages"][-1]["content"]
