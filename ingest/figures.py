"""Figures from report prose: each number of an indicator becomes a cited row.

For every sentence of every section: the numbers the numbers module calls figures (dates,
document numbers and ordinals are not), each paired with an indicator name:
- enumerations pair by order: "入园率、巩固率、升学率分别达96%、99.9%、98.5%";
- otherwise the words before the number in its clause ("培训教师8469人次");
- a comparison ("比去年增加25人", "增长率69.4%") is a change of the figure before it;
- a bare value after "、" ("资助1126人次、56.30万元") continues the previous figure's subject.
The kind says what the text says: target (目标/力争/确保, or the goal half of a
"…完成情况：…" item), plan (下半年/明年/打算 sections, 计划/拟), change (比上年增加…), else
actual: a summary reports what was done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.injection import is_instruction
from ingest.model import CELL_SEPARATOR, Grid, GridRow, ParsedReport
from ingest.numbers import Quantity, find_quantities

_FLATTENED_ROW = re.compile(r"\d(?:\.\d+)?%?\s+[-—]?\d+(?:\.\d+)?%?(?:\s|$)")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_CLAUSE_BREAK = re.compile(r"[，,：:（(）)“”\"《》]")
_ENUM = re.compile(r"分别(?:预计)?(?:达到了?|达|为|是|占|增长|提高|完成|有|下降|减少|增加)?")
_NAME_SPLIT = re.compile(r"[、和及与]")
_CHANGE = re.compile(
    r"(?:比|较|同比|环比)[^，,。]{0,12}?(?:增加|减少|增长|提高|下降|降低|上升|多|少)了?"
    r"|(?:增加|减少|增长|提高|下降|降低|上升)了?$|增长率|增幅|降幅|提高了?|下降了?"
)
# Words that say how a figure stands, not what it measures: cut from the name's ends.
_LEAD_FILLER = re.compile(
    r"^(?:其中|另外|此外|同时|全年|今年|上半年|下半年|目前|截至目前|截止目前|现已|已经|已|共|累计|"
    r"全县|全区|全市|我县|我区|我市|我局|县|区|共计|总计|合计|一是|二是|三是|四是|五是|并|且|还|均|都)+"
)
_TAIL_FILLER = re.compile(
    r"(?:预计分别达到|预计达到|预计达|预计|分别达到|分别达|分别为|分别|已达到|已达|已经达到|达到了|达到|"
    r"达|为|是|共计|共有|共|计|累计|约|近|超过|逾|有|占|完成了?|实现了?|提升至|提高到|提高至|增至|"
    r"降至|保持在|稳定在|控制在|不低于|不少于|以上|的|了)+$"
)
_TARGET = re.compile(r"目标|力争|确保|要求|任务")
_PLAN = re.compile(r"计划|拟于|拟定|下半年|明年|打算")
_PLAN_HEADING = re.compile(r"打算|计划|思路|要点|安排|下半年|明年")
_DONE_MARK = "完成情况"
_CJK = re.compile(r"[\u4e00-\u9fff]")
_UNIT_SUFFIX = {"元": "金额", "平方米": "面积", "%": "比例"}


_PART_OF_YEAR = re.compile(r"上半年|下半年|第[一二三四]季度")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}年$")


def figure_period(report_period: str | None, sentence: str) -> str | None:
    """The report's period, narrowed when a year's report says 上半年/第一季度 in the sentence."""
    part = _PART_OF_YEAR.search(sentence)
    if report_period and part and _YEAR_ONLY.match(report_period):
        return report_period + part.group()
    return report_period


@dataclass(frozen=True)
class ProseFigure:
    """One figure found in a report's text."""

    section_index: int
    indicator: str
    quantity: Quantity
    kind: str
    sentence: str


def extract_figures(report: ParsedReport) -> list[ProseFigure]:
    """Every indicator figure of a report's sentences, in reading order (tables left out)."""
    found: list[ProseFigure] = []
    for index, section in enumerate(report.sections):
        text = prose_of(section.text)
        plan_section = any(_PLAN_HEADING.search(h) for h in section.path)
        done_at = text.find(_DONE_MARK)
        for match in _SENTENCE.finditer(text):
            sentence = match.group().strip()
            if not sentence or is_instruction(sentence):
                continue  # an order to a language model states no figure (ingest/injection.py)
            position = ""
            if done_at >= 0:
                position = "after" if done_at <= match.start() else "before"
            context = _Context(plan_section, position)
            found.extend(_sentence_figures(index, sentence, context))
    return found


def prose_of(text: str) -> str:
    """The text without table rows: " | " rows are read as tables, cell by cell; rows a PDF
    flattened into space-separated numbers ("入园率 % 97.7 98.3") are left alone, since
    which column a number stood in (which year, target or actual) is lost."""
    return "\n".join(
        line
        for line in text.splitlines()
        if CELL_SEPARATOR not in line and not _FLATTENED_ROW.search(line)
    )


def table_grids(text: str, name: str) -> list[Grid]:
    """Runs of table rows inside a section's text, each as a grid (row numbers count lines)."""
    grids: list[Grid] = []
    rows: list[GridRow] = []
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if CELL_SEPARATOR in line:
            rows.append(GridRow(number, tuple(c.strip() for c in line.split(CELL_SEPARATOR))))
        elif rows:
            grids.append(Grid(name, tuple(rows)))
            rows = []
    return grids


@dataclass(frozen=True)
class _Context:
    plan_section: bool
    position: str  # "before"/"after" a 完成情况 mark in the section, or ""


def _sentence_figures(index: int, sentence: str, context: _Context) -> list[ProseFigure]:
    quantities = find_quantities(sentence, figures_only=True)
    if not quantities:
        return []
    names = _enumeration_names(sentence, quantities)
    figures: list[ProseFigure] = []
    previous: ProseFigure | None = None
    for q in quantities:
        before = _clause_before(sentence, q, previous)
        is_change = bool(_CHANGE.search(before))
        if q in names:
            indicator = names[q]
        elif is_change and previous is not None:
            indicator = previous.indicator
        else:
            # "入园率提高0.6个百分点": the name is what changed, without the verb
            indicator = _name_from(_CHANGE.sub("", before) if is_change else before)
            if not indicator and previous is not None and _joined_by_list(sentence, previous, q):
                indicator = previous.indicator + _unit_suffix(q, previous)
        if not indicator:
            continue
        kind = "change" if is_change or "个百分点" in q.unit else _kind(sentence, context)
        figure = ProseFigure(index, indicator, q, kind, sentence)
        figures.append(figure)
        if not is_change:
            previous = figure
    return figures


def _enumeration_names(sentence: str, quantities: list[Quantity]) -> dict[Quantity, str]:
    """Names paired by order with the values after each "分别…" in the sentence."""
    pairs: dict[Quantity, str] = {}
    for match in _ENUM.finditer(sentence):
        head = _CLAUSE_BREAK.split(sentence[: match.start()])[-1]
        names = [_name_from(n) for n in _NAME_SPLIT.split(head)]
        names = [n for n in names if n]
        values = _listed_after(sentence, match.end(), quantities)
        if len(names) == len(values) and len(names) > 1:
            pairs.update(zip(values, names, strict=True))
    return pairs


def _listed_after(sentence: str, start: int, quantities: list[Quantity]) -> list[Quantity]:
    """The run of values right after `start`, joined by 、 or 和 (and, at the end, 和/及)."""
    run: list[Quantity] = []
    cursor = start
    for q in quantities:
        if q.span[0] < start:
            continue
        gap = sentence[cursor : q.span[0]]
        if run and gap.strip() not in ("、", "和", "及", ",", "，", "与"):
            break
        if not run and gap.strip():
            break
        run.append(q)
        cursor = q.span[1]
    return run


def _clause_before(sentence: str, q: Quantity, previous: ProseFigure | None) -> str:
    """The words between the last clause break (or the previous figure) and this number."""
    start = 0
    if previous is not None and previous.sentence == sentence:
        start = previous.quantity.span[1]
    text = sentence[start : q.span[0]]
    return _CLAUSE_BREAK.split(text)[-1]


def _name_from(text: str) -> str:
    """An indicator name from the words before a number: fillers and verbs cut from its ends."""
    name = text.strip().strip("、，,。；;")
    for _ in range(3):
        name = _TAIL_FILLER.sub("", _LEAD_FILLER.sub("", name)).strip()
    return name if len(_CJK.findall(name)) >= 2 else ""


def _joined_by_list(sentence: str, previous: ProseFigure, q: Quantity) -> bool:
    gap = sentence[previous.quantity.span[1] : q.span[0]].strip()
    return gap in ("、", "，", ",", "和", "及")


def _unit_suffix(q: Quantity, previous: ProseFigure) -> str:
    if q.base_unit == previous.quantity.base_unit:
        return ""
    return _UNIT_SUFFIX.get(q.base_unit, "")


def _kind(sentence: str, context: _Context) -> str:
    # A summary reports what was done: a figure is an actual unless the text says otherwise.
    if context.position == "before":
        return "target"
    if context.position == "after":
        return "actual"
    if context.plan_section or _PLAN.search(sentence):
        return "plan"
    if _TARGET.search(sentence):
        return "target"
    return "actual"
