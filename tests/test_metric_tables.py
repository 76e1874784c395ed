"""Metric tables: wide and long layouts, units from every place they hide, cells cited."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from ingest import loaders
from ingest.metric_tables import table_figures


def _rows(path: Path) -> list[tuple[str, str, str, str | None, str, str]]:
    loaded = loaders.load(path)
    return [
        (f.indicator, f.value, f.unit, f.period, f.kind, f.location)
        for grid in loaded.grids
        for f in table_figures(grid)
    ]


def test_wide_sheet_with_merged_title_unit_line_and_bracket_units(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.merge_cells("A1:D1")
    ws["A1"] = "青禾县教育事业主要指标"
    ws.merge_cells("A2:D2")
    ws["A2"] = "单位：万元"
    ws.append(["指标", "年度目标", "2023年", "2024年"])
    ws.append(["教育项目建设投资", 900, 700, 809.8])
    ws.append(["入园率（%）", 96, 96.2, 97.7])
    ws.merge_cells("A6:A7")
    ws["A6"], ws["B6"], ws["C6"], ws["D6"] = "校舍面积（平方米）", None, 12000, 12650
    ws["C7"], ws["D7"] = 11000, 11800
    wb.save(tmp_path / "t.xlsx")
    rows = _rows(tmp_path / "t.xlsx")
    assert rows[:3] == [
        ("教育项目建设投资", "900", "万元", None, "target", "工作表“指标” B4"),
        ("教育项目建设投资", "700", "万元", "2023年", "actual", "工作表“指标” C4"),
        ("教育项目建设投资", "809.8", "万元", "2024年", "actual", "工作表“指标” D4"),
    ]
    assert ("入园率", "97.7", "%", "2024年", "actual", "工作表“指标” D5") in rows
    # the merged indicator carries down to the row below it, and the title is no figure
    assert ("校舍面积", "11800", "平方米", "2024年", "actual", "工作表“指标” D7") in rows
    assert all(r[0] != "青禾县教育事业主要指标" for r in rows)
    assert len(rows) == 3 + 3 + 4


def test_long_format_csv_in_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "长表.csv"
    text = (
        "指标,年份,数值,单位\n入园率,2023年,96.2,%\n入园率,2024年,97.7,%\n"
        "培训教师,2024年,8469,人次\n"
    )
    path.write_bytes(text.encode("gb18030"))
    assert _rows(path) == [
        ("入园率", "96.2", "%", "2023年", "actual", "工作表“长表” C2"),
        ("入园率", "97.7", "%", "2024年", "actual", "工作表“长表” C3"),
        ("培训教师", "8469", "人次", "2024年", "actual", "工作表“长表” C4"),
    ]


def test_csv_in_utf16_with_tabs(tmp_path: Path) -> None:
    # Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
    path = tmp_path / "指标.csv"
    path.write_bytes("指标\t年份\t数值\t单位\n入园率\t2024年\t97.7\t%\n".encode("utf-16"))
    assert _rows(path) == [("入园率", "97.7", "%", "2024年", "actual", "工作表“指标” C2")]


def test_a_sheet_of_another_shape_gives_no_figures(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("学校,校长\n青禾一中,张三\n", encoding="utf-8")
    assert _rows(path) == []
