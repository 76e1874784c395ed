"""Clean text → reports (a file may hold several) → nested sections along the report's headings."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from ingest.headings import RANK, marker_of, parse_heading, split_glued_top
from ingest.model import CELL_SEPARATOR, ParsedReport, ParsedSection
from ingest.periods import find_period, find_placeholders
from ingest.regions import find_region

# "第1篇 县教育局上半年工作总结暨下半年工作思路 5000字"; (?<!\d) reads a run of digits once
# rather than from each of its digits, for each length of the title tried.
REPORT_HEADER = re.compile(
    r"^第\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*篇\s*[:：、.．]?\s*(?P<title>.*?)"
    r"\s*(?:[(（]?\s*(?:约|共|全文)?\s*(?<!\d)\d+\s*字\s*[)）]?)?$"
)
# "教育局季度工作总结一" … "教育局季度工作总结二": a title repeated with the next numeral.
SERIES_TITLE = re.compile(r"^(?P<stem>.+?)(?P<num>[一二三四五六七八九十]{1,3}|\d{1,2})$")
TITLE_WORDS = re.compile(r"总结|报告|要点|计划|汇报|思路")
TITLE_PUNCT = re.compile(r"[。！？；!?;，,：:]")
MAX_TITLE_CHARS = 50
TITLE_SEARCH_LINES = 5  # a single report's title is among its first few lines

MAX_DEPTH = 4
PREFACE_MAX_CHARS = 300  # text before the first report header longer than this is a report
# A line broken inside a sentence ends in an ideograph or comma; it may continue on the next line.
OPEN_ENDING = re.compile(r"[\u4e00-\u9fff0-9A-Za-z，,、]$")
INNER_PUNCT = re.compile(r"[，,、；;]")
MIN_BROKEN_LINE = 20
LONG_LINE = 40


def parse_reports(text: str, *, fallback_title: str) -> list[ParsedReport]:
    """Split cleaned text into reports with titles, periods, regions and nested sections."""
    lines = [line.strip() for line in text.split("\n")]
    headers = _report_headers(lines)
    if not headers:
        return [_build_report(None, lines, fallback_title)]
    blocks: list[tuple[str | None, list[str]]] = []
    prefix = lines[: headers[0][0]]
    if not _is_preface(prefix):
        blocks.append((None, prefix))
    for (start, title), nxt in zip(headers, [*headers[1:], (len(lines), "")], strict=True):
        blocks.append((title or None, lines[start + 1 : nxt[0]]))
    return [_build_report(title, body, fallback_title) for title, body in blocks]


def is_title(line: str) -> bool:
    """A title-like line: short, names a summary/report/plan, no sentence punctuation."""
    return (
        0 < len(line) <= MAX_TITLE_CHARS
        and TITLE_WORDS.search(line) is not None
        and TITLE_PUNCT.search(line) is None
        and marker_of(line) is None
    )


def _report_headers(lines: list[str]) -> list[tuple[int, str]]:
    """(line index, title) of each report header: "第N篇 …" lines, else a numbered title series."""
    headers = []
    for i, line in enumerate(lines):
        m = REPORT_HEADER.match(line)
        # "第3篇论文获省一等奖。" is a sentence; a header's title has no sentence punctuation.
        if m and len(m["title"]) <= MAX_TITLE_CHARS and not TITLE_PUNCT.search(m["title"]):
            headers.append((i, m["title"]))
    return headers or _series_headers(lines)


def _series_headers(lines: list[str]) -> list[tuple[int, str]]:
    """Title lines that share a stem and count up from 一 (or 1): "…总结一", "…总结二"."""
    by_stem: dict[str, list[tuple[int, str, int]]] = {}
    for i, line in enumerate(lines):
        m = SERIES_TITLE.match(line)
        if m and is_title(line) and TITLE_WORDS.search(m["stem"]):
            num = m["num"]
            value = int(num) if num.isdigit() else "一二三四五六七八九十".find(num) + 1
            by_stem.setdefault(m["stem"], []).append((i, line, value))
    best: list[tuple[int, str]] = []
    for entries in by_stem.values():
        numbers = [value for _, _, value in entries]
        if len(entries) >= 2 and numbers == list(range(1, len(numbers) + 1)):
            if len(entries) > len(best):
                best = [(i, line) for i, line, _ in entries]
    return best


def _is_preface(lines: list[str]) -> bool:
    """Text before the first report header that is only a banner or a generic introduction."""
    content = [line for line in lines if line]
    has_headings = any(parse_heading(line) for line in content)
    return not has_headings and sum(len(line) for line in content) <= PREFACE_MAX_CHARS


def _build_report(title: str | None, lines: list[str], fallback_title: str) -> ParsedReport:
    lines = list(lines)
    title_zone: list[str] = []
    if title is None:
        title = _take_title(lines) or fallback_title
    else:
        first = next((i for i, line in enumerate(lines) if line), None)
        if first is not None and is_title(lines[first]):
            title_zone.append(lines.pop(first))  # a subtitle under a "第N篇" header
    # Scraped pages repeat the title above the text; a copy near the top is not content.
    repeats = {title, *title_zone}
    head = [i for i, line in enumerate(lines) if line][:TITLE_SEARCH_LINES]
    lines = [line for i, line in enumerate(lines) if not (i in head and line in repeats)]

    sections = build_sections(lines)
    full_title = " ".join([title, *title_zone])
    # The opening is the preamble, or the first section when the report starts with a heading.
    opening = "\n".join(filter(None, (sections[0].heading, sections[0].text))) if sections else ""
    body = "\n".join("\n".join((s.heading, s.text)) for s in sections)
    return ParsedReport(
        title=title,
        period=find_period(full_title, opening),
        region=find_region(full_title, opening, body),
        sections=sections,
        placeholders=find_placeholders(full_title, body),
    )


def _take_title(lines: list[str]) -> str | None:
    """Remove and return the first title-like line among the first lines, before any heading."""
    for i in [i for i, line in enumerate(lines) if line][:TITLE_SEARCH_LINES]:
        if parse_heading(lines[i]):
            return None
        if is_title(lines[i]):
            return lines.pop(i)
    return None


@dataclass
class _Open:
    """A heading whose section is still open on the outline stack."""

    kind: str
    number: int | None
    index: int


def build_sections(lines: list[str]) -> list[ParsedSection]:
    """Nest the lines of one report into a preamble and sections along its headings."""
    sections: list[ParsedSection] = []
    paragraphs: list[list[str]] = []
    preamble: list[str] = []
    stack: list[_Open] = []
    top_number = 0  # the last 一、二、 number, to recognise a glued "。三、…" heading
    joinable = False
    queue = deque(lines)
    while queue:
        line = queue.popleft()
        if not line:
            joinable = False
            continue
        continuing = {o.number + 1 for o in stack if o.kind == "arabic" and o.number}
        head = parse_heading(line, continuing=continuing)
        depth = _depth(head.kind, stack) if head else None
        if head is not None and depth is not None:
            del stack[depth - 1 :]
            parent = stack[-1].index if stack else None
            path = (*(sections[parent].path if parent is not None else ()), head.heading)
            sections.append(ParsedSection(head.heading, depth, path, "", parent))
            paragraphs.append([head.body] if head.body else [])
            stack.append(_Open(head.kind, head.number, len(sections) - 1))
            if head.kind == "cn" and head.number:
                top_number = head.number
            joinable = _may_continue(head.body)
            continue
        glued = split_glued_top(line, top_number + 1) if top_number else None
        if glued is not None:
            line, rest = glued
            queue.appendleft(rest)
        target = paragraphs[stack[-1].index] if stack else preamble
        if joinable and target and CELL_SEPARATOR not in line:
            target[-1] += line
        else:
            target.append(line)
        joinable = glued is None and _may_continue(target[-1])

    for section, texts in zip(sections, paragraphs, strict=True):
        section.text = "\n".join(texts)
    if not preamble:
        return sections
    for section in sections:
        section.parent = None if section.parent is None else section.parent + 1
    return [ParsedSection("", 0, (), "\n".join(preamble), None), *sections]


def _depth(kind: str, stack: list[_Open]) -> int | None:
    """Depth of a new heading of this kind under the open ones; None past MAX_DEPTH."""
    kinds = [o.kind for o in stack]
    if kind in kinds:
        keep = kinds.index(kind)  # a sibling of the open heading of the same kind
    elif kind == "dash":
        keep = len(stack)  # "——" lines are sub-points of the current heading
    else:
        keep = len(stack)
        while keep and RANK[kinds[keep - 1]] > RANK[kind]:
            keep -= 1
    return keep + 1 if keep < MAX_DEPTH else None


def _may_continue(paragraph: str) -> bool:
    """True when a paragraph looks broken mid-sentence, so the next line continues it."""
    if not paragraph or not OPEN_ENDING.search(paragraph):
        return False
    if CELL_SEPARATOR in paragraph:
        return False  # a table row (from a docx table) is never half a sentence
    if len(paragraph) >= LONG_LINE:
        return True
    # A shorter line continues only when it is already a run of phrases, not a bare title.
    return len(paragraph) >= MIN_BROKEN_LINE and INNER_PUNCT.search(paragraph) is not None
