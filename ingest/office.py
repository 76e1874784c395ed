"""Office Open XML readers: .docx (python-docx) and .xlsx (openpyxl) → text lines.

Callers must run `ingest.archive.check_office_zip` first; these functions trust the container.
Table rows become one line with cells joined by " | ". An empty cell inside a row is kept as
an empty position so a value stays under its column header (a figure read against the wrong
year would be an invented figure); trailing empty cells are dropped.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from ingest.model import CELL_SEPARATOR, Grid, GridRow

# Paragraph-level runs, including tracked insertions and smart tags, which w:p's own
# `text` property skips.
_RUN_XPATH = "w:r | w:hyperlink | w:ins/w:r | w:smartTag/w:r | w:fldSimple/w:r"


def join_cells(cells: list[str]) -> str:
    """One table row as a line: trailing empty cells dropped, interior ones kept."""
    while cells and not cells[-1]:
        cells.pop()
    return CELL_SEPARATOR.join(cells)


# --- .docx -----------------------------------------------------------------------------------


def _paragraph_text(p: Any) -> str:
    return "".join(r.text for r in p.xpath(_RUN_XPATH))


def _continues_hmerge(tc: Any) -> bool:
    """A legacy horizontally merged cell (w:hMerge) that continues the one to its left."""
    from docx.oxml.ns import qn

    marks = tc.xpath("./w:tcPr/w:hMerge")
    return bool(marks) and marks[0].get(qn("w:val")) != "restart"


def _docx_blocks(parent: Any) -> Iterator[str]:
    """Non-empty lines of a body, cell or content control: paragraphs and table rows in order."""
    from docx.oxml.ns import qn

    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            # A soft line break (w:br) is a line break the author typed.
            for line in _paragraph_text(child).split("\n"):
                if line.strip():
                    yield line.strip()
        elif child.tag == qn("w:tbl"):
            for tr in child.iterchildren(qn("w:tr")):
                cells = []
                for tc in tr.iterchildren(qn("w:tc")):
                    # A gridSpan cell is one w:tc, so horizontal merges are never repeated;
                    # continuations of a vertical merge stay empty like xlsx merged cells.
                    if tc.vMerge == "continue":
                        cells.append("")
                        continue
                    if _continues_hmerge(tc):
                        continue
                    cells.append(" ".join(_docx_blocks(tc)))
                if any(cells):
                    yield join_cells(cells)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_blocks(content)


def load_docx_text(path: Path) -> str:
    """Text of a .docx body: paragraphs and table rows in reading order."""
    import docx  # lazily: only .docx uploads need python-docx

    document = docx.Document(str(path))
    return "\n".join(_docx_blocks(document.element.body))


# --- .xlsx -----------------------------------------------------------------------------------


def format_number(value: float, *, percent: bool = False) -> str:
    """A number as a person reads it: 97.7 not 97.69999999999999, 12 not 12.0, 97.7% for 0.977."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if percent:
        value = value * 100
    if isinstance(value, int):
        text = str(value)
    elif value.is_integer() and abs(value) < 1e15:
        text = str(int(value))
    else:
        # 15 significant digits is what Excel shows; beyond that is binary float noise.
        text = f"{value:.15g}"
    return text + "%" if percent else text


def _xlsx_cell_text(cell: Any) -> str:
    value = None if cell is None else cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        # Excel stores 97.7% as 0.977 and shows it through the cell's number format.
        return format_number(value, percent="%" in (cell.number_format or ""))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return " ".join(str(value).split())


def _stored_rows(sheet: Any) -> list[tuple[int, list[Any]]]:
    """The rows that hold cells, each padded to its last cell; empty rows are not visited.

    A sheet's extent comes from its furthest cell: one cell at XFD1048576 in a 5 KB file makes
    it 17 billion cells, which `iter_rows` would walk without end. openpyxl has no public sparse
    iterator, so this reads the worksheet's cell map (`_cells`, keyed by (row, column)).
    """
    by_row: dict[int, dict[int, Any]] = {}
    for (row, column), cell in sheet._cells.items():
        by_row.setdefault(row, {})[column] = cell
    return [
        (row, [cells.get(c) for c in range(1, max(cells) + 1)])
        for row, cells in sorted(by_row.items())
    ]


def load_xlsx_grids(path: Path) -> list[Grid]:
    """Every worksheet with data, one GridRow per non-empty row (merged values appear once)."""
    from openpyxl import load_workbook  # lazily: only .xlsx uploads need openpyxl

    # read_only=False: only then are merged ranges known; their non-top-left cells are
    # MergedCell objects whose value is None, so a merged value is rendered once.
    workbook = load_workbook(path, read_only=False, data_only=True)
    try:
        grids = []
        for sheet in workbook.worksheets:
            rows = []
            for number, row in _stored_rows(sheet):
                cells = [_xlsx_cell_text(c) for c in row]
                while cells and not cells[-1]:
                    cells.pop()
                if cells:
                    rows.append(GridRow(number, tuple(cells)))
            if rows:
                grids.append(Grid(sheet.title, tuple(rows)))
        return grids
    finally:
        workbook.close()


def grids_text(grids: list[Grid], *, sheet_lines: bool = True) -> str:
    """Text of tables: a 【工作表：NAME】 line per sheet, then one line per row, cells joined."""
    blocks = []
    for grid in grids:
        # Columns empty in every row (a sheet that starts at column C) are not shown.
        skip = min(next(i for i, c in enumerate(r.cells) if c) for r in grid.rows)
        lines = [join_cells(list(row.cells[skip:])) for row in grid.rows]
        head = [f"【工作表：{grid.name}】"] if sheet_lines else []
        blocks.append("\n".join([*head, *(line for line in lines if line)]))
    return "\n".join(blocks)
