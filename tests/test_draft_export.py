"""The .docx export in the official-document style: page, margins, fonts (East-Asian slot),
sizes, indent, fixed line spacing, heading levels."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from knowledge.drafting.docx import draft_docx, heading_level

TEXT = (
    "一、上半年工作完成情况\n（一）学前教育普惠发展\n1.学前三年幼儿入园率。\n"
    "全县学前三年幼儿入园率预计达到98.6%，比上年同期（98.3%）提高0.3个百分点。"
)


def east_asian(run) -> str:  # type: ignore[no-untyped-def]
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_page_and_margins_follow_gb_t_9704() -> None:
    section = Document(io.BytesIO(draft_docx("标题", TEXT))).sections[0]

    def mm(length) -> float:  # type: ignore[no-untyped-def]
        return round(length.mm, 1)  # stored in twips: 210 mm reads back as 210.01

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)


def test_title_headings_and_body_have_their_fonts_and_spacing() -> None:
    document = Document(io.BytesIO(draft_docx("青禾县2026年上半年学前教育工作情况", TEXT)))
    paragraphs = [p for p in document.paragraphs if p.text]
    title, h1, h2, h3, body = paragraphs
    assert title.text == "青禾县2026年上半年学前教育工作情况"
    assert title.alignment == 1  # centred
    assert east_asian(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    assert east_asian(h1.runs[0]) == "黑体"
    assert east_asian(h2.runs[0]) == "楷体_GB2312"
    assert east_asian(h3.runs[0]) == "仿宋_GB2312" and h3.runs[0].bold
    assert east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size == Pt(16)
    assert not body.runs[0].bold
    for paragraph in (h1, body):
        fmt = paragraph.paragraph_format
        assert fmt.line_spacing == Pt(28) and fmt.line_spacing_rule == 4  # EXACTLY
        assert paragraph._p.pPr.ind.get(qn("w:firstLineChars")) == "200"
        assert fmt.first_line_indent == Pt(32)
    normal = document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_heading_levels_are_read_from_the_ordinals() -> None:
    assert [heading_level(x) for x in TEXT.splitlines()] == [1, 2, 3, 0]
    assert heading_level("(二)义务教育") == 2 and heading_level("1.5万人次参加") == 0
