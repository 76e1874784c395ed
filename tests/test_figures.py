"""Figures from prose: indicators paired right, targets told from actuals, non-figures left out."""

from __future__ import annotations

from ingest.figures import extract_figures, prose_of, table_grids
from ingest.model import ParsedReport, ParsedSection


def _report(*texts: str, heading: str = "1.事业发展水平。") -> ParsedReport:
    sections = [ParsedSection(heading, 1, (heading,), text) for text in texts]
    return ParsedReport("青禾县教育局2024年上半年工作总结", "2024年上半年", "青禾县", sections)


def _rows(report: ParsedReport) -> list[tuple[str, str, str, str]]:
    return [(f.indicator, f.quantity.raw, f.quantity.unit, f.kind) for f in extract_figures(report)]


def test_enumerations_pair_by_order_and_targets_precede_the_result() -> None:
    text = (
        "学前三年幼儿入园率、义务教育巩固率、初中毕业生升学率分别达96%、99.5%、98%。\n"
        "完成情况：学前三年幼儿入园率、义务教育巩固率、初中毕业生升学率预计分别达到97.7%、99.8%和98.6%。"
    )
    assert _rows(_report(text)) == [
        ("学前三年幼儿入园率", "96%", "%", "target"),
        ("义务教育巩固率", "99.5%", "%", "target"),
        ("初中毕业生升学率", "98%", "%", "target"),
        ("学前三年幼儿入园率", "97.7%", "%", "actual"),
        ("义务教育巩固率", "99.8%", "%", "actual"),
        ("初中毕业生升学率", "98.6%", "%", "actual"),
    ]


def test_counts_money_and_breakdowns() -> None:
    text = (
        "上半年共资助学生6817人次，发放资助资金476.98万元。"
        "其中，学前教育幼儿资助1126人次、56.30万元。新建幼儿园3所，培训教师8469人次。"
    )
    rows = _rows(_report(text))
    assert [r[:3] for r in rows] == [
        ("资助学生", "6817人次", "人次"),
        ("发放资助资金", "476.98万元", "万元"),
        ("学前教育幼儿资助", "1126人次", "人次"),
        ("学前教育幼儿资助金额", "56.30万元", "万元"),
        ("新建幼儿园", "3所", "所"),
        ("培训教师", "8469人次", "人次"),
    ]


def test_changes_belong_to_the_figure_they_compare() -> None:
    rows = _rows(_report("新招聘教师138人，比上年同期增加12人；入园率提高0.6个百分点。"))
    assert rows == [
        ("新招聘教师", "138人", "人", "actual"),
        ("新招聘教师", "12人", "人", "change"),
        ("入园率", "0.6个百分点", "个百分点", "change"),
    ]


def test_dates_document_numbers_and_set_phrases_are_not_figures() -> None:
    text = "1月9日，我局印发青教〔2024〕8号文件，落实“一岗双责”，开展安全检查46次。"
    assert _rows(_report(text)) == [("开展安全检查", "46次", "次", "actual")]


def test_approximate_figures_keep_their_marker() -> None:
    [figure] = extract_figures(_report("在建校舍项目总建筑面积近2万平方米。"))
    assert figure.quantity.raw == "近2万平方米" and figure.quantity.approximate


def test_plans_are_plans() -> None:
    report = _report("力争全年新增学位600个以上。", heading="三、下半年工作打算")
    assert [f.kind for f in extract_figures(report)] == ["plan"]


def test_table_rows_are_read_as_tables_not_prose() -> None:
    text = (
        "主要指标见下表。\n指标 | 单位 | 年度目标 | 上半年完成\n入园率 | % | 96 | 97.7\n其后正文。"
    )
    assert "|" not in prose_of(text)
    [grid] = table_grids(text, "表1")
    assert [r.cells for r in grid.rows][1] == ("入园率", "%", "96", "97.7")


def test_numbers_flattened_from_a_pdf_table_are_not_guessed() -> None:
    assert _rows(_report("学前三年幼儿入园率 % 97.7 98.3 +0.6")) == []
