"""Each loader turns a good file into the text a reader sees (the bad files: test_bad_inputs)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook

from ingest.errors import UndecodableText
from ingest.loaders import SUPPORTED_SUFFIXES, decode_text, load
from ingest.office import format_number
from ingest.pdftext import PdfLine, join_wrapped_lines, pages_to_text, remove_spurious_spaces

FIXTURES = Path(__file__).parent / "fixtures"
REPORT = (
    "青禾县教育局2024年上半年工作总结\n一、学前教育\n"
    "全县学前三年毛入园率达97.7%，比上年提高1.7个百分点。"
)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".xlsx", ".csv"}


# --- txt / md ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        REPORT.encode("utf-8"),
        b"\xef\xbb\xbf" + REPORT.encode("utf-8"),
        REPORT.encode("gb18030"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030"],
)
def test_txt_encodings(tmp_path: Path, encoded: bytes) -> None:
    loaded = load(write(tmp_path / "report.txt", encoded))
    assert loaded.text == REPORT
    assert loaded.format == "txt"


def test_gb18030_only_characters(tmp_path: Path) -> None:
    text = "㐀是扩展A区汉字，GBK没有而GB18030有。"
    assert load(write(tmp_path / "a.txt", text.encode("gb18030"))).text == text


def test_utf8_is_tried_before_gb18030() -> None:
    # These UTF-8 bytes also decode as GB18030, to different characters.
    assert decode_text("教育".encode()) == "教育"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom(tmp_path: Path, encoding: str) -> None:
    # Notepad's "Unicode" and Excel's "Unicode text" save UTF-16 with a BOM.
    bom = "\ufeff".encode(encoding)
    assert load(write(tmp_path / "a.txt", bom + REPORT.encode(encoding))).text == REPORT


TRADITIONAL = "臨江區教育局工作總結：學前三年幼兒入園率達到97.7%，新建幼兒園三所，投資809.8萬元。"


def test_big5_is_not_read_as_gb18030(tmp_path: Path) -> None:
    # The same bytes are valid GB18030 (羬跋毙…), but mostly outside GB2312.
    assert TRADITIONAL.encode("cp950").decode("gb18030") != TRADITIONAL
    assert load(write(tmp_path / "big5.txt", TRADITIONAL.encode("cp950"))).text == TRADITIONAL


def test_gb18030_with_rare_characters_stays_gb18030() -> None:
    # Traditional characters written in GBK are rare in GB2312 terms but not Big5.
    assert decode_text(TRADITIONAL.encode("gb18030")) == TRADITIONAL
    # A simplified report with a rare name character is GB18030 as ever.
    named = REPORT + "校长王堃、李珺获评优秀教师。"
    assert decode_text(named.encode("gb18030")) == named


def test_shift_jis_is_refused_not_stored_as_mojibake() -> None:
    # Valid GB18030 byte for byte (敀愇嫵…), nearly every character outside GB2312.
    japanese = "日本語のテキストです。東京都の学校では、生徒数が増えています。教育委員会の報告書。"
    with pytest.raises(UndecodableText):
        decode_text(japanese.encode("shift_jis"))


def test_newlines_are_normalised(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "一、概况\r\n内容一\r二、成效\n内容二".encode())
    assert load(path).text == "一、概况\n内容一\n二、成效\n内容二"


def test_markdown_and_upper_case_suffix(tmp_path: Path) -> None:
    assert load(write(tmp_path / "notes.md", "# 标题\n正文".encode())).text == "# 标题\n正文"
    assert load(write(tmp_path / "REPORT.TXT", REPORT.encode())).text == REPORT


# --- csv ----------------------------------------------------------------------------------------


def test_csv_utf8_commas_and_quotes(tmp_path: Path) -> None:
    data = '指标,2023年,2024年\n入园率,96%,97.7%\n"投资,万元",,809.8\n\n'.encode()
    loaded = load(write(tmp_path / "m.csv", data))
    assert loaded.format == "csv"
    assert loaded.text == "指标 | 2023年 | 2024年\n入园率 | 96% | 97.7%\n投资,万元 |  | 809.8"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_encodings_and_tabs(tmp_path: Path, encoding: str) -> None:
    data = "指标\t数值\n培训教师\t8469人次\n".encode(encoding)
    assert load(write(tmp_path / "m.csv", data)).text == "指标 | 数值\n培训教师 | 8469人次"


# --- html ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>站点标题_青禾县教育局</title>
<style>p {{ color: red; }}</style><script>var x = "脚本";</script></head>
<body>
<header><a href="/">网站首页</a></header>
<nav><ul><li>首页</li><li>政务公开</li></ul></nav>
<article>
  <header><h1>青禾县教育局2024年上半年工作总结</h1></header>
  <p>一、学前教育</p>
  <p>全县学前三年毛入园率达<b>97.7%</b>，
     比上年提高1.7个百分点。<br>新增幼儿园3所。</p>
  <table><tr><th>指标</th><th>数值</th></tr><tr><td>投资</td><td>809.8万元</td></tr></table>
</article>
<footer>版权所有 青禾县教育局</footer>
</body></html>"""

PAGE_TEXT = (
    "青禾县教育局2024年上半年工作总结\n一、学前教育\n"
    "全县学前三年毛入园率达97.7%，比上年提高1.7个百分点。\n新增幼儿园3所。\n"
    "指标 | 数值\n投资 | 809.8万元"
)


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [
        ("utf-8", "utf-8"),
        ("gb2312", "gb18030"),
        ("gbk", "gbk"),
        ("utf-8", "gb18030"),
        ("gb2312", "utf-8"),
    ],
    ids=["utf-8", "declared-gb2312", "declared-gbk", "wrong-utf-8", "stale-gb2312"],
)
def test_html(tmp_path: Path, charset: str, encoding: str) -> None:
    data = PAGE.format(charset=charset).encode(encoding)
    loaded = load(write(tmp_path / "page.html", data))
    assert loaded.format == "html"
    assert loaded.text == PAGE_TEXT


def test_html_without_declaration_and_htm_suffix(tmp_path: Path) -> None:
    data = "<p>培训教师8469人次</p><div>第二段</div>".encode("gb18030")
    assert load(write(tmp_path / "page.htm", data)).text == "培训教师8469人次\n第二段"


# --- docx ---------------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("青禾县教育局2024年上半年工作总结")
    doc.add_paragraph("一、主要指标完成情况如下：")
    table = doc.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "主要指标"  # spans the row
    for col, text in enumerate(["类别", "指标", "数值"]):
        table.cell(1, col).text = text
    table.cell(2, 0).merge(table.cell(3, 0)).text = "学前教育"  # spans two rows
    table.cell(2, 1).text, table.cell(2, 2).text = "入园率", "97.7%"
    table.cell(3, 1).text, table.cell(3, 2).text = "新增幼儿园", "3所"
    doc.add_paragraph("二、下半年工作打算")
    doc.add_paragraph("")  # empty paragraphs carry no text
    run = doc.add_paragraph("继续扩大普惠性资源。").add_run()
    run.add_break()
    run.add_text("力争入园率达到98%。")
    doc.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_reading_order(tmp_path: Path) -> None:
    loaded = load(make_docx(tmp_path / "report.docx"))
    assert loaded.format == "docx"
    assert loaded.text.split("\n") == [
        "青禾县教育局2024年上半年工作总结",
        "一、主要指标完成情况如下：",
        "主要指标",  # a horizontal merge appears once
        "类别 | 指标 | 数值",
        "学前教育 | 入园率 | 97.7%",
        " | 新增幼儿园 | 3所",  # a vertical merge's continuation stays empty
        "二、下半年工作打算",
        "继续扩大普惠性资源。",
        "力争入园率达到98%。",
    ]


def test_docx_whose_main_part_has_another_name(tmp_path: Path) -> None:
    # Some writers (Office online) save word/document2.xml; the package's _rels/.rels says so.
    with zipfile.ZipFile(make_docx(tmp_path / "a.docx")) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    parts["word/document2.xml"] = parts.pop("word/document.xml")
    parts["word/_rels/document2.xml.rels"] = parts.pop("word/_rels/document.xml.rels")
    for name in ("_rels/.rels", "[Content_Types].xml"):
        parts[name] = parts[name].replace(b"word/document.xml", b"word/document2.xml")
    renamed = tmp_path / "renamed.docx"
    with zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert load(renamed).text == load(tmp_path / "a.docx").text


# --- xlsx ---------------------------------------------------------------------------------------


def make_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "学前教育"
    ws.merge_cells("A1:C1")
    ws["A1"] = "青禾县2024年教育指标"
    ws.append(["指标", "2023年", "2024年"])
    ws.append(["入园率", 0.96, 0.977])
    ws["B3"].number_format = ws["C3"].number_format = "0.0%"
    ws.append(["投资（万元）", 700, 809.8])
    ws.append(["误差", 0.1 + 0.2, 97.69999999999999])
    ws.append([])
    ws.append(["新增幼儿园", None, 3.0])
    ws.merge_cells("A8:A9")
    ws["A8"] = "培训"
    ws["B8"], ws["B9"] = "教师", "校长"
    ws["C8"], ws["C9"] = 8469, 120
    ws.append(["统计日期", dt.datetime(2024, 6, 30), True])
    wb.create_sheet("空表")
    other = wb.create_sheet("安全")
    other.append(["危险校舍（平方米）", 22093])
    wb.save(path)
    return path


def test_xlsx_sheets_rows_merged_cells_and_numbers(tmp_path: Path) -> None:
    loaded = load(make_xlsx(tmp_path / "metrics.xlsx"))
    assert loaded.format == "xlsx"
    assert loaded.text.split("\n") == [
        "【工作表：学前教育】",
        "青禾县2024年教育指标",  # merged A1:C1 appears once
        "指标 | 2023年 | 2024年",
        "入园率 | 96% | 97.7%",
        "投资（万元） | 700 | 809.8",
        "误差 | 0.3 | 97.7",
        "新增幼儿园 |  | 3",
        "培训 | 教师 | 8469",
        " | 校长 | 120",  # merged A8:A9 appears once
        "统计日期 | 2024-06-30 | TRUE",
        "【工作表：安全】",  # the empty sheet has no heading
        "危险校舍（平方米） | 22093",
    ]


def test_xlsx_grids_keep_sheet_row_and_column(tmp_path: Path) -> None:
    loaded = load(make_xlsx(tmp_path / "metrics.xlsx"))
    first = loaded.grids[0]
    assert [g.name for g in loaded.grids] == ["学前教育", "安全"]
    row = next(r for r in first.rows if r.cells[0] == "入园率")
    assert (row.number, row.cells) == (3, ("入园率", "96%", "97.7%"))
    assert next(r for r in first.rows if r.cells[1:] == ("校长", "120")).number == 9


def test_csv_grid_numbers_rows_as_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "指标.csv"
    path.write_text("指标,2024年\n\n入园率,97.7%\n", encoding="utf-8")
    [grid] = load(path).grids
    assert grid.name == "指标"
    assert [(r.number, r.cells) for r in grid.rows] == [
        (1, ("指标", "2024年")),
        (3, ("入园率", "97.7%")),
    ]


@pytest.mark.parametrize(
    ("value", "percent", "text"),
    [
        (97.7, False, "97.7"),
        (12.0, False, "12"),
        (8469, False, "8469"),
        (0.977, True, "97.7%"),
        (0.1 + 0.2, False, "0.3"),
        (-1.5, False, "-1.5"),
        (1, True, "100%"),
    ],
)
def test_format_number(value: float, percent: bool, text: str) -> None:
    assert format_number(value, percent=percent) == text


# --- pdf ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_text() -> str:
    loaded = load(FIXTURES / "report_cn.pdf")
    assert loaded.format == "pdf"
    return loaded.text


@pytest.mark.parametrize(
    "figure",
    [
        "入园率达97.7%",
        "提高1.7个百分点",
        "投资809.8万元",
        "校舍22093平方米",
        "培训教师8469人次",
        "巩固率达99.9%",
        "2024年上半年",
    ],
)
def test_pdf_figures_without_spurious_spaces(pdf_text: str, figure: str) -> None:
    assert figure in pdf_text


def test_pdf_lines_headings_wraps_and_pages(pdf_text: str) -> None:
    assert pdf_text.split("\n") == [
        "青禾县教育局2024年上半年工作总结",
        "一、主要工作完成情况",
        "（一）学前教育普及普惠",
        # Three lines on the page, one sentence here.
        "1.入园率稳步提高。全县学前三年毛入园率达97.7%，比上年提高1.7个百分点，"
        "新增普惠性幼儿园3所，城乡幼儿园办园条件得到明显改善，家长对学前教育的满意度持续上升。",
        "2.办学条件改善。全年累计投资809.8万元，改造校舍22093平方米。",
        "义务教育巩固率达99.9%。",
        "（二）教师队伍建设",
        "组织暑期全员培训，培训教师8469人次，覆盖全县中小学和幼儿园。",
        # Page 2 starts on its own line; the footers' "- 1 -" and "- 2 -" are gone.
        "二、下半年工作打算",
        "(一)继续扩大普惠性学前教育资源",
        "1、新建幼儿园2所",
        "力争年底前全县入园率达到98%以上。",
    ]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("入 园 率 达 97.7 % ，", "入园率达97.7%，"),
        ("投资 809.8 万元", "投资809.8万元"),
        ("2024 年 上半年", "2024年上半年"),
        ("（ 一 ） 学前教育", "（一）学前教育"),
        ("( 一 ) 学前教育", "(一)学前教育"),
        ("1. 入园率", "1.入园率"),
        ("“ 双减 ” 政策", "“双减”政策"),
        ("use the PDF export", "use the PDF export"),
        ("Zongjie 助手 PDF 报告", "Zongjie 助手 PDF 报告"),  # Latin next to CJK keeps its space
        ("学校 3 5 7", "学校3 5 7"),  # table columns of figures stay apart
    ],
)
def test_remove_spurious_spaces(raw: str, clean: str) -> None:
    assert remove_spurious_spaces(raw) == clean


def test_join_wrapped_lines() -> None:
    lines = [
        PdfLine("一、基本情况", wrapped=False),
        PdfLine("今年以来，全县共投资"),
        PdfLine("809.8万元，改造校舍。"),  # ends its sentence at the margin
        PdfLine("（一）学前教育", wrapped=False),
        PdfLine("入园率达到"),
        PdfLine("1.7个百分点，"),  # "1.7" is a figure, not a "1." heading
        PdfLine("2.下半年"),  # a heading never continues the line above
        PdfLine("打算", wrapped=False),
        PdfLine("表格最后一行", wrapped=False),  # short: the author ended the line
        PdfLine("The summary is"),
        PdfLine("written in Chinese.", wrapped=False),
    ]
    assert join_wrapped_lines(lines) == [
        "一、基本情况",
        "今年以来，全县共投资809.8万元，改造校舍。",
        "（一）学前教育",
        "入园率达到1.7个百分点，",
        "2.下半年打算",
        "表格最后一行",
        "The summary is written in Chinese.",
    ]


def test_pages_are_never_joined_and_lose_their_page_numbers() -> None:
    pages = [
        [PdfLine("第一页的句子没有"), PdfLine("- 1 -", wrapped=False)],
        [PdfLine("结束。"), PdfLine("第2页 共3页", wrapped=False)],
        [PdfLine("新增幼儿园 | 3", wrapped=False), PdfLine("3", wrapped=False)],
    ]
    # A bare number may be a table's figure, so it stays.
    assert pages_to_text(pages) == "第一页的句子没有\n结束。\n新增幼儿园 | 3\n3"
