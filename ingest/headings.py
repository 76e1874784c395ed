"""Heading markers of work summaries (第一部分 一、 （一） 1. （1） —— _、) and where a heading
ends.

A numbered line is often a whole paragraph ("2.事业发展水平。城乡学前三年…"): its heading is
the first sentence, or the first phrase when that sentence is long, and the rest is body text.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

CN_NUMERAL = "[一二三四五六七八九十]{1,3}"

# Marker kinds, from the outermost to the innermost in the usual outline.
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "part",
        re.compile(rf"^第(?P<num>{CN_NUMERAL})部分\s*[、：:．.]?\s*"),
    ),  # 第二部分 2025年工作要点
    ("cn", re.compile(rf"^(?P<num>{CN_NUMERAL})\s*[、．.]\s*")),
    ("paren_cn", re.compile(rf"^[（(]\s*(?P<num>{CN_NUMERAL})\s*[）)]\s*[、，,．.]?\s*")),
    ("arabic", re.compile(r"^(?P<num>\d{1,2})\s*[.．、]\s*")),
    (
        "paren_arabic",
        re.compile(r"^(?:[（(]\s*(?P<num>\d{1,2})\s*[）)]|(?P<num2>\d{1,2})[）)])\s*"),
    ),
    ("circled", re.compile(r"^(?P<circled>[①-⑳])\s*")),
    ("blank", re.compile(r"^[_＿]+\s*[、.．]\s*")),  # template numbering left blank: "_、"
    ("dash", re.compile(r"^(?:——|－－|--)\s*")),
)
# Canonical nesting rank, used only when a marker kind is new in the current branch.
RANK = {
    "part": -1,
    "cn": 0,
    "paren_cn": 1,
    "dash": 1.5,
    "arabic": 2,
    "blank": 2,
    "paren_arabic": 3,
    "circled": 3,
}

MAX_HEADING_CHARS = 60  # a heading is short; a longer first sentence is a paragraph
MIN_PHRASE_CJK = 6  # a first phrase shorter than this ("2—3月") is not a heading on its own

SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*")
CLAUSE_END = re.compile(r"[，,；;：:]")
DIGIT = re.compile(r"\d")
CJK = re.compile(r"[\u4e00-\u9fff]")
# "一、二级考试…", "一、二、三年级…" and "1.5万元…" start with a numeral but are not headings.
CN_NOT_A_HEADING = re.compile(rf"^{CN_NUMERAL}(?:[级等类、]|年级)")
DECIMAL = re.compile(r"^\d{1,2}[.．]\d")
# "3.20**年3月14日…": a date right after "3." is an item of a running list, not 3.20.
DATE_AFTER_MARKER = re.compile(r"^\d{1,2}[.．](?:(?:19|20)(?:\d{2}|\*\*)\s*年|\d{1,2}\s*月)")
# A new top-level heading glued to the end of a paragraph: "…操作性。三、突出重点,…".
GLUED_TOP = re.compile(rf"(?<=[。！？!?])\s*(?P<num>{CN_NUMERAL})、")

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass(frozen=True)
class Heading:
    """A heading found at the start of a line: its marker kind, number, text and the body left."""

    kind: str
    number: int | None
    heading: str
    body: str


def cn_to_int(numeral: str) -> int:
    """Value of a Chinese numeral up to 99 (一, 十, 十二, 二十, 二十三)."""
    if "十" not in numeral:
        return CN_DIGITS.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return CN_DIGITS.get(tens, 1) * 10 + CN_DIGITS.get(ones, 0)


def marker_of(line: str) -> tuple[str, int | None, int] | None:
    """(kind, number, end of marker) when the line starts with a heading marker."""
    for kind, pattern in MARKERS:
        m = pattern.match(line)
        if m is None or m.end() >= len(line):
            continue
        groups = m.groupdict()
        raw = groups.get("num") or groups.get("num2") or groups.get("circled")
        if kind in ("part", "cn", "paren_cn") and raw:
            number: int | None = cn_to_int(raw)
        elif kind == "circled" and raw:
            number = ord(raw) - ord("①") + 1
        else:
            number = int(raw) if raw else None
        return kind, number, m.end()
    return None


def parse_heading(line: str, *, continuing: Collection[int] = ()) -> Heading | None:
    """The heading at the start of `line`, or None when the line is body text.

    "3.20**年3月…" (a date right after "3.") reads as a decimal unless 3 is in `continuing`,
    the arabic numbers that would continue a running "1. 2." list.
    """
    found = marker_of(line)
    if found is None:
        return None
    kind, number, end = found
    content = line[end:]
    if kind == "cn" and CN_NOT_A_HEADING.match(content):
        return None
    if kind == "arabic" and DECIMAL.match(line):
        if number not in continuing or not DATE_AFTER_MARKER.match(line):
            return None
    heading, body = split_heading(line, end)
    if heading is None:
        return None
    return Heading(kind, number, heading, body)


def split_heading(line: str, marker_end: int) -> tuple[str | None, str]:
    """(heading, body) of a numbered line; (None, line) when no heading can be cut from it."""
    content = line[marker_end:]
    first = SENTENCE_END.search(content)
    if first is None or first.end() == len(content):
        if len(line) <= MAX_HEADING_CHARS:
            return line, ""
    elif marker_end + first.end() <= MAX_HEADING_CHARS:
        sentence = content[: first.end()]
        rest = content[first.end() :].strip()
        # A first sentence carrying figures stays in the body too, so chunks keep every figure.
        body = content if DIGIT.search(sentence) else rest
        return line[: marker_end + first.end()], body
    phrase_end = _phrase_end(content)
    if phrase_end is None or marker_end + phrase_end > MAX_HEADING_CHARS:
        return None, line
    # The phrase is part of a sentence: the body keeps the whole sentence.
    return line[: marker_end + phrase_end], content


def _phrase_end(content: str) -> int | None:
    """End of the first phrase holding at least MIN_PHRASE_CJK ideographs, before any full stop."""
    stop = SENTENCE_END.search(content)
    limit = stop.start() if stop else len(content)
    ideographs, counted = 0, 0  # counted as the clauses go, not again from the start each time
    for m in CLAUSE_END.finditer(content, 0, limit):
        ideographs += len(CJK.findall(content, counted, m.start()))
        counted = m.start()
        if ideographs >= MIN_PHRASE_CJK:
            return m.start()
    return None


def split_glued_top(line: str, expected: int) -> tuple[str, str] | None:
    """Split "…。三、突出重点…" into paragraph and heading when 三 is the next top-level number."""
    for m in GLUED_TOP.finditer(line):
        rest = line[m.start() :].strip()
        if cn_to_int(m.group("num")) != expected or CN_NOT_A_HEADING.match(line[m.end() :]):
            continue
        first = SENTENCE_END.search(rest)
        # Only a heading-sized phrase: "…。三、四年级学生…" is a sentence, not a heading.
        if len(rest[: first.end()] if first else rest) <= MAX_HEADING_CHARS and m.end() < len(line):
            return line[: m.start()].rstrip(), rest
    return None
