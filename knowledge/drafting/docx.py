"""A draft as a .docx in the official-document style (GB/T 9704 basics).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 二号 (22 pt)
方正小标宋简体, centred; body 三号 (16 pt) 仿宋_GB2312, first line indented two characters,
line spacing fixed at 28 pt; headings "一、" 黑体, "（一）" 楷体_GB2312, "1." bold 仿宋.
Chinese fonts are set on the East-Asian slot (w:eastAsia), which Word uses for CJK text;
machines without these fonts substitute their own, and the names stay in the file.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
LEVEL_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT}
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
LINE = Pt(28)
_LEVELS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d{1,2}[.．、](?!\d)")),
)


def heading_level(line: str) -> int:
    """1 for "一、…", 2 for "（一）…", 3 for "1.…", 0 for body text."""
    return next((level for level, pattern in _LEVELS if pattern.match(line)), 0)


def draft_docx(title: str, text: str) -> bytes:
    """The .docx bytes of a titled draft whose lines are headings and paragraphs."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _east_asian(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.font.name = BODY_FONT

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _spacing(heading, indent=False)
    _run(heading, title, TITLE_FONT, TITLE_SIZE)
    document.add_paragraph()  # the blank line under the title
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        level = heading_level(line)
        paragraph = document.add_paragraph()
        _spacing(paragraph, indent=True)
        run = _run(paragraph, line, LEVEL_FONTS.get(level, BODY_FONT), BODY_SIZE)
        run.bold = level == 3
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _spacing(paragraph: Paragraph, *, indent: bool) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        # two characters, in character units so it follows the font size
        ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), "200")
        fmt.first_line_indent = BODY_SIZE * 2


def _run(paragraph: Paragraph, text: str, font: str, size: Pt):  # type: ignore[no-untyped-def]
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.name = font
    _east_asian(run._element.get_or_add_rPr(), font)
    return run


def _east_asian(rpr, font: str) -> None:  # type: ignore[no-untyped-def]
    fonts = rpr.get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(slot), font)
