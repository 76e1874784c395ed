"""Deterministic answers: the asked figure first, quoted exactly and cited; no guessing."""

from __future__ import annotations

import re

import pytest

from bot.services import Services

NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture
def samples(sample_services: Services) -> Services:
    """The session's sample-corpus store."""
    return sample_services


@pytest.mark.parametrize(
    ("question", "figure", "title"),
    [
        ("2025年上半年新招聘教师多少人？", "138人", "青禾县教育局2025年上半年工作总结"),
        ("2024年上半年入园率的目标是多少？", "96%", "青禾县教育局2024年上半年工作总结"),
        ("2024年上半年入园率是多少？", "97.7%", None),
        ("2024年上半年教育项目建设投资多少？", "809.8万元", None),
    ],
)
def test_the_answer_leads_with_the_figure_and_cites_it(
    samples: Services, question: str, figure: str, title: str | None
) -> None:
    answer = samples.answerer.answer(question)
    first_line = answer.text.splitlines()[0]
    assert figure in first_line, answer.text
    assert "出处：《" in answer.text
    if title:
        assert f"《{title}》" in answer.text
    assert answer.figures and answer.figures[0].origin == "source"


def test_every_number_in_an_answer_is_traceable(samples: Services) -> None:
    for question in ("入园率比上年提高了多少？", "排查安全隐患多少处？", "资助学生多少人次？"):
        answer = samples.answerer.answer(question)
        allowed = " ".join(p.text + p.section + (p.period or "") + p.title for p in answer.sources)
        allowed += " ".join(str(f.source) + f.raw for f in answer.figures)
        for number in NUMBER.findall(answer.text):
            assert number in allowed, (question, number, answer.text)


def test_a_comparison_is_computed_and_shows_its_inputs(samples: Services) -> None:
    answer = samples.answerer.answer("2025年上半年教育项目建设投资与上年相比变化多少？")
    computed = [f for f in answer.figures if f.origin == "computed"]
    if computed:  # the source may already state the change; then it is quoted, not computed
        assert computed[0].source["working"] in answer.text
    assert "316.7" in answer.text


def test_nothing_relevant_is_said_plainly(samples: Services) -> None:
    answer = samples.answerer.answer("火星基地的氧气储量是多少？")
    assert not answer.found and answer.figures == []
