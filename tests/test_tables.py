"""Metric tables become one report with a section per sheet, chunked by rows under their header."""

from __future__ import annotations

from ingest.tables import chunk_table, parse_table

TABLE = "\n".join(
    [
        "【工作表：主要指标】",
        "青禾县教育事业主要指标",
        "指标 | 单位 | 2024年上半年 | 2025年上半年",
        *[f"指标{i} | % | {90 + i / 10} | {91 + i / 10}" for i in range(40)],
        "【工作表：说明】",
        "数据来源 | 县教育局",
    ]
)


def test_each_sheet_is_a_section_and_the_title_gives_the_region() -> None:
    report = parse_table(TABLE, title="青禾县教育事业主要指标")
    assert [s.heading for s in report.sections] == ["主要指标", "说明"]
    assert report.region == "青禾县"
    assert report.period is None  # the periods are columns, not the whole table's


def test_every_chunk_repeats_the_header_and_no_row_is_lost() -> None:
    report = parse_table(TABLE, title="t")
    chunks = chunk_table(report, max_chars=200)
    first_sheet = [c for c in chunks if c.section_index == 0]
    assert len(first_sheet) > 1
    assert all("指标 | 单位 | 2024年上半年 | 2025年上半年" in c.text for c in first_sheet)
    rows = [
        line
        for c in first_sheet
        for line in c.text.splitlines()
        if line.startswith("指标") and "%" in line
    ]
    assert len(rows) == 40
    assert [c.text for c in chunks if c.section_index == 1] == ["数据来源 | 县教育局"]
