"""Drafting by analogy: new values into the model's sentences, comparisons computed in code,
nothing old carried forward as new."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import Services
from ingest.numbers import find_quantities, parse_quantity
from knowledge.drafting.draftguard import guard_draft
from knowledge.drafting.layout import Layout
from knowledge.drafting.periods import Period, read_period
from knowledge.drafting.sources import Block, ModelSection, PastValue, find_models
from knowledge.drafting.values import Given, parse_values
from knowledge.drafting.writer import DraftRequest, model_figures, write
from knowledge.guard import traceable_in
from prompts import load_templates

T = load_templates()
P2026 = Period(2026, "上半年")


def model_of(text: str, heading: str = "（一）学前教育", period: str = "2025年上半年", **kw):
    """A one-block model section with this text."""
    return ModelSection(
        key="s1",
        document_id=1,
        document="xx县教育局2025年上半年工作总结",
        section=heading,
        period=period,
        region=kw.get("region"),
        placeholders=(),
        blocks=(Block(1, 1, heading, text),),
        score=1.0,
    )


def past(indicator: str, raw: str) -> PastValue:
    q = parse_quantity(raw)
    assert q is not None
    return PastValue(indicator, q, raw, "2025年上半年", "上年同期", "往期总结")


def given(indicator: str, raw: str, kind: str = "actual") -> Given:
    return Given(indicator, indicator, kind, raw, f"{indicator}{raw}")


def test_percent_changes_are_percentage_points_not_growth() -> None:
    model = model_of("全县学前三年幼儿入园率预计达到96%，比上年同期提高0.5个百分点。")
    request = DraftRequest(
        model,
        [given("学前三年幼儿入园率", "97.7%")],
        {"学前三年幼儿入园率": past("学前三年幼儿入园率", "96%")},
        P2026,
        None,
    )
    draft = write(request, T)
    assert "97.7%，比上年同期（96%）提高1.7个百分点" in draft.text
    assert "增长1.7%" not in draft.text and "0.5" not in draft.text
    computed = [f for f in draft.figures if f.origin == "computed"]
    assert [(f.raw, f.source["working"]) for f in computed] == [
        ("1.7个百分点", "97.7% − 96% = 1.7个百分点")
    ]


def test_counts_get_difference_and_growth_and_targets_are_compared() -> None:
    model = model_of(
        "目标：新招聘教师120人。完成情况：新招聘教师138人，比上年同期增加12人，超过目标18人。"
    )
    request = DraftRequest(
        model,
        [given("新招聘教师", "150人"), given("新招聘教师", "140人", "target")],
        {"新招聘教师": past("新招聘教师", "138人")},
        P2026,
        None,
    )
    text = write(request, T).text
    assert "目标：新招聘教师140人。" in text
    assert "新招聘教师150人，比上年同期（138人）增加12人，增长8.7%，超过目标10人。" in text
    assert "18人" not in text


def test_nothing_of_the_model_is_carried_forward_without_values() -> None:
    model = model_of(
        "2025年上半年，xx县开展安全检查52次，排查隐患112处。4月2日起开展专项整治（x教〔2025〕3号）。"
    )
    draft = write(DraftRequest(model, [], {}, P2026, "青禾县"), T)
    assert "青禾县" in draft.text and "xx县" not in draft.text
    assert draft.text.startswith("（一）学前教育\n2026年上半年，青禾县开展安全检查【待补充：")
    assert "【待补充：日期】" in draft.text and "【待补充：文号】" in draft.text
    figures = [q for q in find_quantities(draft.text) if q.kind not in ("ordinal",)]
    assert [q.raw for q in figures] == ["2026年"]
    assert guard_draft(draft.text, draft.allowed).ok


def test_sentences_without_supplied_figures_can_be_dropped() -> None:
    model = model_of("开展安全检查52次。排查隐患112处。全县未发生重大安全事故。")
    values = [given("开展安全检查", "60次")]
    marked = write(DraftRequest(model, values, {}, P2026, None), T)
    dropped = write(DraftRequest(model, values, {}, P2026, None, Layout(missing="drop")), T)
    assert marked.text.endswith(
        "开展安全检查60次。排查隐患【待补充：排查隐患】。全县未发生重大安全事故。"
    )
    assert dropped.text.endswith("开展安全检查60次。全县未发生重大安全事故。")
    assert marked.missing == ["排查隐患"]


def test_enumerations_are_filled_in_order_and_compared_in_one_sentence() -> None:
    model = model_of(
        "入园率、巩固率、升学率预计分别达到98.3%、99.9%、98.4%。其中，巩固率比上年同期提高0.1个百分点。"
    )
    values = [given("入园率", "98.6%"), given("巩固率", "99.9%"), given("升学率", "98.2%")]
    pasts = {"入园率": past("入园率", "98.3%"), "升学率": past("升学率", "98.4%")}
    text = write(DraftRequest(model, values, pasts, P2026, None), T).text
    assert "分别达到98.6%、99.9%、98.2%。" in text
    assert (
        "其中，入园率比上年同期（98.3%）提高0.3个百分点，升学率比上年同期（98.4%）下降0.2个百分点。"
        in text
    )
    assert "0.1个百分点" not in text


def test_past_values_only_pass_the_guard_when_presented_as_past() -> None:
    allowed = (
        traceable_in(["98.6%"], "user")
        + traceable_in(["0.3个百分点"], "computed")
        + traceable_in(["98.3%"], "past")
    )
    assert guard_draft("入园率98.6%，比上年同期（98.3%）提高0.3个百分点。", allowed).ok
    assert guard_draft("入园率98.6%，上年同期为98.3%。", allowed).ok
    assert guard_draft("2025年上半年为98.3%。", allowed, ["2025年上半年"]).ok
    wrong = guard_draft("入园率达98.3%，比上年同期提高0.3个百分点。", allowed)
    assert not wrong.ok and wrong.named() == "98.3%"
    assert not guard_draft("入园率达98.3%比上年同期提高", allowed).ok
    assert guard_draft("入园率99%。", allowed).named() == "99%"


def test_the_sample_models_are_found_and_filled(sample_services: Services, tmp_path: Path) -> None:
    period = read_period("2026年上半年")
    models = find_models(sample_services.store, "学前教育", period)
    assert models[0].label == "《青禾县教育局2025年上半年工作总结》（一）学前教育普惠发展"
    assert models[1].period == "2024年上半年"
    slots = model_figures(models[0], T)
    assert ("学前三年幼儿入园率", "actual") in slots and ("新增学位", "actual") in slots
    names = {name: q.base_unit for (name, _), q in slots.items()}
    values = parse_values(
        "入园率98.6%，新建幼儿园3所，新增学位420个，幼儿园保育员40人", names, None
    )
    assert values is not None
    assert [(g.indicator, g.raw) for g in values] == [
        ("学前三年幼儿入园率", "98.6%"),
        ("新建、改扩建公办幼儿园", "3所"),  # said short: 新建幼儿园
        ("新增学位", "420个"),
        ("幼儿园保育员", "40人"),  # no indicator of the model in 人: a new one
    ]
    assert values[-1].new and not values[0].new


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("入园率改为98.3%", [("入园率", "actual", "98.3%")]),
        ("入园率目标97%", [("入园率目标", "target", "97%")]),
        (
            "培训教师=9500人次；新招聘教师 150人",
            [("培训教师", "actual", "9500人次"), ("新招聘教师", "actual", "150人")],
        ),
        ("98.1%", [("入园率", "actual", "98.1%")]),
        ("跳过吧", None),
    ],
)
def test_values_are_read_as_typed(text: str, expected: list | None) -> None:
    found = parse_values(text, {}, ("入园率", "actual"))
    assert (None if found is None else [(g.name, g.kind, g.raw) for g in found]) == expected


def test_a_name_said_short_is_the_one_indicator_it_shortens() -> None:
    public = {"新建、改扩建公办幼儿园": "所", "新增学位": "个"}
    (given,) = parse_values("新建幼儿园3所", public)  # type: ignore[misc]
    assert (given.indicator, given.new) == ("新建、改扩建公办幼儿园", False)
    both = {**public, "新建、改扩建民办幼儿园": "所"}
    (given,) = parse_values("新建幼儿园3所", both)  # type: ignore[misc]
    assert (given.indicator, given.new) == ("新建幼儿园", True)  # which one? a new indicator
    (given,) = parse_values("新建幼儿园3个", public)  # type: ignore[misc]
    assert given.new  # not in the unit of 所
