"""PDF → text: extract lines with pdfplumber, drop the glyph spaces extractors insert into
Chinese, and join the lines of a paragraph that the page layout wrapped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

# Characters that Chinese sets without spaces: CJK ideographs, kana, CJK and full-width
# punctuation, and the general punctuation used in Chinese text (quotes, …, —, ·).
_TIGHT = (
    "[\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014\u00b7]"
)
_SPACE = r"[ \t\u00a0\u3000]+"
_SPURIOUS_SPACE = re.compile(
    "|".join(
        [
            rf"(?<={_TIGHT}){_SPACE}(?={_TIGHT}|\d)",  # 入 园 率 / 达 97.7
            rf"(?<=[\d%％‰)]){_SPACE}(?={_TIGHT})",  # 809.8 万元 / 97.7% ， / (一) 学前
            rf"(?<=\d){_SPACE}(?=[%％‰])",  # 97.7 %
            rf"(?<=\d[.．]){_SPACE}(?={_TIGHT})",  # 1. 入园率 (a heading number)
            rf"(?<=[(]){_SPACE}(?={_TIGHT})",  # ( 一)
            rf"(?<={_TIGHT}){_SPACE}(?=[)])",  # (一 )
        ]
    )
)

# A line starting a heading: 一、 （一） (一) 1. 1、 （1） 第一章/第二部分.
_CN_NUM = "[一二三四五六七八九十百零〇]+"
HEADING_START = re.compile(
    rf"^\s*(?:{_CN_NUM}、|[（(]{_CN_NUM}[）)]|\d+[.．、](?!\d)|[（(]\d+[）)]"
    rf"|第[一二三四五六七八九十百零〇\d]+[章节篇部])"
)
# A line ending a sentence or introducing a list; closing quotes/brackets may follow.
_SENTENCE_END = re.compile(r"[。！？；：!?;:][”’」』）)]*$")
# Page numbers printed in the footer: "- 3 -", "— 3 —", "第3页", "第3页 共12页". A bare "3" is
# not matched: as a page's last line it may as well be a figure in a table.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，]?\s*共\s*\d+\s*页)?)\s*$"
)
# A line whose right edge is within this many character widths of the text block's right
# edge was wrapped by the layout rather than ended by the author.
WRAP_SLACK_CHARS = 2.0


@dataclass(frozen=True)
class PdfLine:
    """One extracted line; `wrapped` is True when it runs to the right margin."""

    text: str
    wrapped: bool = True


def remove_spurious_spaces(line: str) -> str:
    """Drop the spaces extractors put between CJK glyphs and figures; keep Latin spaces."""
    return _SPURIOUS_SPACE.sub("", line)


def join_wrapped_lines(lines: Sequence[PdfLine]) -> list[str]:
    """Join the lines of each paragraph: a wrapped line that does not end a sentence continues."""
    out: list[str] = []
    joinable = False  # whether the last output line may be continued by the next one
    for line in lines:
        text = line.text.strip()
        if not text:
            joinable = False
            continue
        if out and joinable and not HEADING_START.match(text):
            # Latin words broken across lines still need their space; Chinese needs none.
            sep = (
                " " if out[-1][-1].isascii() and out[-1][-1].isalnum() and text[0].isalnum() else ""
            )
            out[-1] += sep + text
        else:
            out.append(text)
        joinable = line.wrapped and not _SENTENCE_END.search(text)
    return out


def pages_to_text(pages: Sequence[Sequence[PdfLine]]) -> str:
    """Clean and join each page's lines; pages are separated by a newline and never joined."""
    page_texts = []
    for lines in pages:
        cleaned = [PdfLine(remove_spurious_spaces(ln.text).strip(), ln.wrapped) for ln in lines]
        cleaned = [ln for ln in cleaned if ln.text]
        if cleaned and _PAGE_NUMBER.match(cleaned[-1].text):
            cleaned.pop()  # the footer's page number is layout, not content
        page_texts.append("\n".join(join_wrapped_lines(cleaned)))
    return "\n".join(t for t in page_texts if t)


def _is_wrapped(line: dict[str, Any], right_edge: float) -> bool:
    sizes = [c.get("size", 0) for c in line.get("chars", [])]
    char_width = median(sizes) if sizes else 10.0
    return line["x1"] >= right_edge - WRAP_SLACK_CHARS * char_width


def extract_pdf_lines(path: Path) -> list[list[PdfLine]]:
    """Read each page's text lines with pdfplumber; raises whatever the parser raises."""
    import pdfplumber  # lazily: pdfminer is slow to import and only PDFs need it

    raw_pages: list[list[dict[str, Any]]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            raw_pages.append(page.extract_text_lines(strip=True, return_chars=True))
            page.close()  # free the page's cached layout objects as we go
    # The right margin is shared by all pages; one page's widest line may be a short one.
    right_edge = max((ln["x1"] for page in raw_pages for ln in page), default=0.0)
    return [[PdfLine(ln["text"], _is_wrapped(ln, right_edge)) for ln in page] for page in raw_pages]


def load_pdf_text(path: Path) -> str:
    """Extract clean text from a PDF: no glyph spaces in Chinese, wrapped lines joined."""
    return pages_to_text(extract_pdf_lines(path))
