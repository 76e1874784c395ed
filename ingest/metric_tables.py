"""Figures from metric tables: each value cell of a sheet becomes a figure citing its cell.

Two layouts are read:
- wide: indicators in rows, periods (2024年上半年, 2023年…) or 目标/完成 in columns;
- long: one figure per row with columns 指标, 年份/期间, 数值 (and optionally 单位).
Units come from a 单位 column, the indicator's own brackets ("投资（万元）"), the column
header ("2024年（万元）") or a caption line such as "单位：万元", in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import CELL_SEPARATOR, Grid, GridRow
from ingest.numbers import parse_quantity
from ingest.periods import find_period

_INDICATOR_HEADER = re.compile(r"^(?:指标|指标名称|项目|名称|内容|主要指标)")
_UNIT_HEADER = re.compile(r"^(?:单位|计量单位)$")
_VALUE_HEADER = re.compile(r"^(?:数值|数据|值|完成值|指标值)")
_PERIOD_HEADER = re.compile(r"^(?:年份|年度|期间|时间|时期|统计期)")
_TARGET_HEADER = re.compile(r"目标|计划|预期")
_ACTUAL_HEADER = re.compile(r"完成|实际|实现")
_SKIP_HEADER = re.compile(r"^(?:序号|编号|备注|说明|增减|同比|比上年|增幅|变化)")
_CAPTION_UNIT = re.compile(r"单位[:：]\s*(?P<unit>[^\s,，;；。）)]+)")
_BRACKET_UNIT = re.compile(r"[（(](?P<unit>[^（）()]{1,6})[)）]\s*$")
_KNOWN_UNITS = re.compile(
    r"^(?:%|‰|万元|亿元|元|千元|平方米|万平方米|亩|人|人次|万人|所|个|项|次|处|场|名|套|栋|间"
    r"|台|册|份|班|校|园|天|小时|学时)$"
)


@dataclass(frozen=True)
class TableFigure:
    """One value cell read as a figure."""

    indicator: str
    value: str
    unit: str
    raw: str
    approximate: bool
    kind: str
    period: str | None
    row_text: str
    location: str


def table_figures(grid: Grid, *, default_period: str | None = None) -> list[TableFigure]:
    """Every figure of one sheet, in row order; a sheet of another shape gives none."""
    header_at = _header_index(grid.rows)
    if header_at is None:
        return []
    header = grid.rows[header_at].cells
    caption_unit = _caption_unit(grid.rows[:header_at]) or _caption_unit(grid.rows)
    rows = grid.rows[header_at + 1 :]
    if _is_long(header):
        return _long_figures(grid.name, header, rows, caption_unit, default_period)
    return _wide_figures(grid.name, header, rows, caption_unit, default_period)


def _header_index(rows: tuple[GridRow, ...]) -> int | None:
    for index, row in enumerate(rows[:10]):
        filled = [c for c in row.cells if c]
        if len(filled) >= 2 and any(
            _INDICATOR_HEADER.match(c) or find_period(c, "") or _VALUE_HEADER.match(c)
            for c in filled
        ):
            return index
    return None


def _is_long(header: tuple[str, ...]) -> bool:
    return any(_VALUE_HEADER.match(c) for c in header) and any(
        _PERIOD_HEADER.match(c) for c in header
    )


def _caption_unit(rows: tuple[GridRow, ...]) -> str:
    for row in rows:
        for cell in row.cells:
            match = _CAPTION_UNIT.search(cell)
            if match and _KNOWN_UNITS.match(match["unit"]):
                return match["unit"]
    return ""


def _column(header: tuple[str, ...], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, c in enumerate(header) if pattern.match(c)), None)


def _long_figures(
    sheet: str,
    header: tuple[str, ...],
    rows: tuple[GridRow, ...],
    caption_unit: str,
    default_period: str | None,
) -> list[TableFigure]:
    name_col = _column(header, _INDICATOR_HEADER) or 0
    period_col = _column(header, _PERIOD_HEADER)
    value_col = _column(header, _VALUE_HEADER)
    unit_col = _column(header, _UNIT_HEADER)
    assert value_col is not None and period_col is not None
    figures = []
    for row in rows:
        name, period_text = _cell(row, name_col), _cell(row, period_col)
        unit = _cell(row, unit_col) if unit_col is not None else ""
        figure = _figure(
            sheet,
            row,
            value_col,
            name,
            unit or _bracket_unit(name) or caption_unit,
            "actual",
            find_period(period_text, "") or period_text or default_period,
        )
        if figure is not None:
            figures.append(figure)
    return figures


def _wide_figures(
    sheet: str,
    header: tuple[str, ...],
    rows: tuple[GridRow, ...],
    caption_unit: str,
    default_period: str | None,
) -> list[TableFigure]:
    unit_col = _column(header, _UNIT_HEADER)
    name_col = _column(header, _INDICATOR_HEADER)
    if name_col is None:
        name_col = next(i for i, c in enumerate(header) if c and not _SKIP_HEADER.match(c))
    value_cols = [
        i
        for i, c in enumerate(header)
        if c and i not in (name_col, unit_col) and not _SKIP_HEADER.match(c)
    ]
    figures = []
    last_name = ""
    for row in rows:
        # a vertically merged indicator shows once: the rows below it carry it down
        name = _cell(row, name_col) or last_name
        last_name = name
        row_unit = _cell(row, unit_col) if unit_col is not None else ""
        for col in value_cols:
            head = header[col]
            kind = "target" if _TARGET_HEADER.search(head) else "actual"
            period = _column_period(head, default_period)
            unit = row_unit or _bracket_unit(name) or _bracket_unit(head) or caption_unit
            figure = _figure(sheet, row, col, name, unit, kind, period)
            if figure is not None:
                figures.append(figure)
    return figures


def _figure(
    sheet: str, row: GridRow, col: int, name: str, unit: str, kind: str, period: str | None
) -> TableFigure | None:
    text = _cell(row, col)
    quantity = parse_quantity(text) if text else None
    if quantity is None or not name:
        return None
    indicator = _BRACKET_UNIT.sub("", name).strip() if _bracket_unit(name) else name
    unit = quantity.unit or ("" if unit in ("—", "-") else unit)
    return TableFigure(
        indicator=indicator,
        value=str(quantity.value),
        unit=unit,
        raw=text,
        approximate=quantity.approximate,
        kind=kind,
        period=period,
        row_text=CELL_SEPARATOR.join(row.cells),
        location=f"工作表“{sheet}” {_column_letter(col)}{row.number}",
    )


def _column_period(head: str, default: str | None) -> str | None:
    """A column's period; "上半年完成" in a 2024年上半年 report means 2024年上半年."""
    period = find_period(head, "")
    if period and default and not re.search(r"\d{4}", period) and default.endswith(period):
        return default
    return period or default


def _cell(row: GridRow, col: int | None) -> str:
    return row.cells[col] if col is not None and col < len(row.cells) else ""


def _bracket_unit(text: str) -> str:
    match = _BRACKET_UNIT.search(text)
    return match["unit"] if match and _KNOWN_UNITS.match(match["unit"]) else ""


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
