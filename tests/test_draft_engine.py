"""The drafting conversation through the engine's plain API, over a real SQL store: topic,
outline, values in one message or one by one, revisions, restart, one draft per chat."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.services import Services
from knowledge.drafting.engine import DraftEngine
from prompts import load_templates
from storage.store import Store
from tests.draft_fixtures import copy_store

T = load_templates()
TODAY = date(2026, 6, 20)  # the default period is then 2026年上半年


@pytest.fixture
def store(sample_services: Services, tmp_path: Path) -> Store:
    return copy_store(sample_services, tmp_path)


@pytest.fixture
def engine(store: Store) -> DraftEngine:
    return DraftEngine(store, T, today=TODAY)


def test_start_shows_past_sections_and_their_figures_and_asks(engine: DraftEngine) -> None:
    reply = engine.start("c1", "学前教育")
    assert "起草“学前教育”部分（2026年上半年）" in reply.text
    assert (
        "范本1：《青禾县教育局2025年上半年工作总结》（一）学前教育普惠发展（2025年上半年）"
        in reply.text
    )
    assert "要点：1.学前三年幼儿入园率。；2.学前教育资源扩充。" in reply.text
    assert "学前三年幼儿入园率：98.3%（2025年上半年）" in reply.text
    assert "当前请提供「学前三年幼儿入园率」" in reply.text
    assert [c.data for c in reply.choices] == ["生成初稿", "跳过", "全部跳过", "改用范本2", "取消"]


def test_unknown_topic_says_so_and_keeps_nothing(engine: DraftEngine) -> None:
    reply = engine.start("c1", "航天发射")
    assert not reply.active and "没有找到与“航天发射”相关的往期材料" in reply.text
    assert not engine.resume("c1").active


def test_a_period_without_a_year_is_refused(engine: DraftEngine) -> None:
    reply = engine.start("c1", "学前教育", "上半年")
    assert reply.error and "无法识别期间“上半年”" in reply.text
    engine.start("c1", "学前教育", "2026年上半年")
    assert engine.handle("c1", "期间为明年").error
    assert engine.handle("c1", "期间为2027年上半年").text.startswith("已更新：2027年上半年")


def test_values_in_one_message_one_by_one_skipped_and_refused(engine: DraftEngine) -> None:
    engine.start("c1", "学前教育")
    reply = engine.handle("c1", "入园率98.6%，新建幼儿园3所，新增学位420个")
    assert (
        "已记录：学前三年幼儿入园率 98.6%、新建、改扩建公办幼儿园 3所、新增学位 420个。"
        in reply.text
    )
    assert "当前请提供「普惠性幼儿园覆盖率」" in reply.text
    reply = engine.handle("c1", "90.1")  # a bare number answers the indicator asked for
    assert "普惠性幼儿园覆盖率 90.1%" in reply.text
    reply = engine.handle("c1", "跳过")
    assert "已跳过：新认定普惠性民办幼儿园。" in reply.text
    reply = engine.handle("c1", "98%")  # the results were asked first, then the targets
    assert "已记录：学前三年幼儿入园率目标 98%。" in reply.text
    bad = engine.handle("c1", "不知道")
    assert bad.error and "没能从“不知道”中读出数值，未作改动" in bad.text
    reply = engine.handle("c1", "全部跳过")
    assert "初稿（2026年上半年，范本：《青禾县教育局2025年上半年工作总结》" in reply.text
    assert "目标：全县学前三年幼儿入园率达98%。" in reply.text
    assert "预计达到98.6%，比上年同期（98.3%）提高0.3个百分点，超过目标0.6个百分点。" in reply.text
    assert "全县普惠性幼儿园覆盖率达90.1%，比上年同期（89.2%）提高0.9个百分点" in reply.text
    assert "新增学位420个，比上年同期（360个）增加60个，增长16.7%" in reply.text
    assert "【待补充：新认定普惠性民办幼儿园】" in reply.text
    assert "比较均由程序计算：学前三年幼儿入园率：98.6% − 98.3% = 0.3个百分点" in reply.text
    assert reply.choices[0].data == "导出"


def test_a_value_in_the_wrong_unit_is_refused_whole(engine: DraftEngine) -> None:
    engine.start("c1", "教师队伍")
    reply = engine.handle("c1", "培训教师9500人次，新招聘教师98%")
    assert reply.error and "「新招聘教师」的单位应为“人”，收到的是“98%”" in reply.text
    draft = engine.result("c1").draft
    assert "9500" not in draft  # nothing of the refused message was kept


def test_revisions_rewrite_and_reguard_the_draft(engine: DraftEngine) -> None:
    engine.start("c1", "学前教育")
    engine.handle("c1", "入园率98.6%，新增学位420个")
    engine.handle("c1", "生成初稿")
    reply = engine.handle("c1", "入园率改为98.3%")
    assert "全县学前三年幼儿入园率预计达到98.3%，比上年同期（98.3%）持平" in reply.text
    reply = engine.handle("c1", "把第2点移到最前")
    draft = engine.result("c1").draft
    assert draft.splitlines()[1] == "1.学前教育资源扩充。"
    assert "2.学前三年幼儿入园率。" in draft
    engine.handle("c1", "删除第1点")
    draft = engine.result("c1").draft
    assert "学前教育资源扩充" not in draft and "1.学前三年幼儿入园率。" in draft
    engine.handle("c1", "恢复原结构")
    engine.handle("c1", "删除待补充")
    draft = engine.result("c1").draft
    assert "目标：" not in draft and "新建、改扩建公办幼儿园【" not in draft
    assert "完成情况：全县学前三年幼儿入园率预计达到98.3%" in draft
    engine.handle("c1", "补充：新认定普惠性民办幼儿园4所，惠及幼儿1200名")
    draft = engine.result("c1").draft
    assert draft.endswith("新认定普惠性民办幼儿园4所，惠及幼儿1200名。")
    engine.handle("c1", "缩短")
    short = engine.result("c1").draft
    assert "二是开展幼小科学衔接实验" not in short and "新增学位420个" in short
    assert engine.handle("c1", "删除第9点").error
    assert engine.handle("c1", "扩写").error  # needs a language model


def test_another_model_can_be_followed(engine: DraftEngine) -> None:
    engine.start("c1", "学前教育")
    engine.handle("c1", "入园率98.6%")
    reply = engine.handle("c1", "改用范本2")
    assert "已改用范本：《青禾县教育局2024年上半年工作总结》（一）学前教育普惠发展" in reply.text
    result = engine.result("c1")
    assert result.model_sections[0]["period"] == "2024年上半年"
    assert "禾丰镇中心幼儿园" in result.draft and "98.6%" in result.draft


def test_a_restart_loses_nothing(store: Store) -> None:
    first = DraftEngine(store, T, today=TODAY)
    first.start("c1", "校园安全")
    first.handle("c1", "安全检查60次，排查隐患100处")
    first.handle("c1", "生成初稿")
    before = first.result("c1").draft
    again = DraftEngine(store, T, today=TODAY)  # a new process over the same database
    reply = again.resume("c1")
    assert "继续起草“校园安全”" in reply.text and before in reply.text
    again.handle("c1", "已整改98处")
    draft = again.result("c1").draft
    assert "已整改98处，比上年同期（108处）减少10处" in draft
    assert "上半年开展安全检查60次，比上年同期（52次）增加8次，增长15.4%" in draft


def test_one_draft_per_chat_cancel_and_separate_chats(engine: DraftEngine) -> None:
    engine.start("c1", "学前教育")
    engine.start("c2", "教师队伍")
    reply = engine.start("c1", "校园安全")
    assert "原有的未完成草稿已放弃" in reply.text
    assert "校园安全" in engine.resume("c1").text
    assert "教师队伍" in engine.resume("c2").text
    assert not engine.cancel("c1").active
    assert not engine.resume("c1").active
    assert engine.handle("c1", "入园率98%").text.startswith("当前没有进行中的草稿")
    assert "教师队伍" in engine.resume("c2").text


def test_export_gives_docx_and_text(engine: DraftEngine) -> None:
    engine.start("c1", "教师队伍", "2026年上半年", "青禾县")
    engine.handle("c1", "培训教师9500人次")
    reply = engine.handle("c1", "导出")
    assert reply.export
    export = engine.export("c1")
    assert export.filename == "青禾县2026年上半年教师队伍工作情况.docx"
    assert export.docx[:2] == b"PK"
    assert export.text.startswith("青禾县2026年上半年教师队伍工作情况\n\n（三）教师队伍建设")
    assert "上半年共培训教师9500人次，比上年同期（9125人次）增加375人次" in export.text
