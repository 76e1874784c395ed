"""Figures from report prose: each number of an indicator becomes a cited row.

For every sentence of every section: the numbers the numbers module calls figures (dates,
document numbers and ordinals are not; nor is a number inside a title or quotation), each
paired with an indicator name by ingest.figure_names (a sentence past the bounds of
ingest.sentence_pieces, which no real one reaches, piece by piece).
The kind says what the text says: target (目标/力争/确保, or the goal half of a
"…完成情况：…" item), plan (下半年/明年/打算 sections, 计划/拟), change (比上年增加…), else
actual: a summary reports what was done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.figure_names import Named, each_named, name_quantities, noun_after
from ingest.injection import is_instruction
from ingest.model import CELL_SEPARATOR, Grid, GridRow, ParsedReport
from ingest.name_forms import programme_title, sentence_programme
from ingest.name_words import SAID_INDICATORS
from ingest.numbers import Quantity, find_quantities
from ingest.sentence_pieces import bounded_pieces

_FLATTENED_ROW = re.compile(r"\d(?:\.\d+)?%?\s+[-—]?\d+(?:\.\d+)?%?(?:\s|$)")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
# 要求/任务 ending a clause are nouns ("落实“五项管理”要求，…", "作为首要政治任务，")
_TARGET = re.compile(r"目标|力争|确保|要求(?![，,。；;])|任务(?![，,。；;])")
_ACHIEVED = re.compile(r"实际|目前")  # "目标为93%，目前达到94.1%"
# "完成年度目标的56%": the goal is what the share is of, not what the sentence aims at
_SHARE_OF_GOAL = re.compile(r"(?:占|完成)(?:年度|全年)?(?:计划|任务|目标)的?(?=\d)")
# a goal even among plans (确保 there is a plan): "力争…", "到2027年培养名师50名"
_AIMED = re.compile(r"目标|力争|任务是|到(?:19|20)\d{2}年")
_PLAN = re.compile(r"拟于|拟定|下半年|明年|打算")
# Said of one figure: "计划总投资862万元", "共需投入资金500万元", "图书馆预算造价400万元".
# A programme named 计划 ("营养改善计划补助标准", "乡村教师支持计划") plans nothing, nor does a
# share of the plan ("占年度计划的58.6%": how much of it is done).
_PLANNED = re.compile(
    r"(?<!改善|支持|培养|提升|振兴|行动|优师|特岗|国培|强基|培育)(?<!占)(?<!占年度|占全年)计划|"
    r"(?<!公共)预算|规划|需投入|"
    r"需要投入|共需|拟"
)
# A plan section's heading; a programme named in a heading ("营养改善计划提质") is no plan.
_PLAN_HEADING = re.compile(r"打算|思路|要点|安排|下半年|明年|下一步|工作计划|年计划|年度计划")
_LEVEL_UNITS = ("%", "‰", "个百分点")  # a level aimed at, never an amount planned
# "完成情况：" opens an item's result; "学时完成情况纳入…" is no mark
_DONE_MARK = re.compile(r"完成情况\s*[:：]")
_QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》")
_OWN_POINTS = re.compile(r"(?:方面|结合|战略|原则|理念)")
# "抓好三项工作：一是…": a count the report goes on to list point by point
_POINTS_LISTED = re.compile(r"^[^，,。；;：:]{0,6}[：:]\s*(?:一是|一要|首先|[（(]一[）)]|1[.、．])")
# How far back in a section a demonstrative ("这6个项目") may find the figure it repeats.
MAX_EARLIER_FIGURES = 200
_LEADING_NUMBER = re.compile(r"^[\s_]*(?:[(（]?[\d一二三四五六七八九十]+[)）]?[、.．]?|_+、)\s*")


_PART_OF_YEAR = re.compile(r"上半年|下半年|第[一二三四]季度")
_YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}年$")
_WHOLE_YEAR = re.compile(r"全年|年度|全学年")


def figure_period(report_period: str | None, sentence: str, clause: str = "") -> str | None:
    """The report's period, narrowed when a year's report says 上半年/第一季度 of the figure.

    The figure's own clause decides first: in "上半年开展活动312场，全年累计645场" the 645 is
    the whole year's; a clause that says neither takes the sentence's part of the year.
    """
    if not (report_period and _YEAR_ONLY.match(report_period)) or _WHOLE_YEAR.search(clause):
        return report_period
    part = _PART_OF_YEAR.search(clause) or _PART_OF_YEAR.search(sentence)
    return report_period + part.group() if part else report_period


@dataclass(frozen=True)
class ProseFigure:
    """One figure found in a report's text."""

    section_index: int
    indicator: str
    quantity: Quantity
    kind: str
    sentence: str
    clause: str = ""  # the words of its clause up to the number ("全年累计开展…")


def extract_figures(report: ParsedReport) -> list[ProseFigure]:
    """Every indicator figure of a report's sentences, in reading order (tables left out)."""
    found: list[ProseFigure] = []
    for index, section in enumerate(report.sections):
        text = prose_of(section.text)
        if section.heading and not _echoed(section.heading, text):
            text = f"{section.heading}\n{text}"  # "2.目前我区共有无证幼儿园109所。" is a heading
        plan_section = any(_PLAN_HEADING.search(h) for h in section.path)
        done_at = mark.start() if (mark := _DONE_MARK.search(text)) else -1
        earlier: list[Named] = []  # figures named so far in the section, for back-references
        previous = ""  # the sentence before, for a count its own sentence does not name
        title = ""  # what the line's first sentence says it is about ("一是学前教育资助。")
        line_programme = ""  # the programme the line's first sentence opens with
        aimed: tuple[Named, ...] = ()  # the figures before the 完成情况 mark: the item's goals
        for match in _SENTENCE.finditer(text):
            sentence = match.group().strip()
            if match.start() == 0 or text[match.start() - 1] == "\n":
                title, line_programme = programme_title(sentence), sentence_programme(sentence)
            if not sentence or is_instruction(sentence):
                continue  # an order to a language model states no figure (ingest/injection.py)
            position = ""
            if done_at >= 0:
                position = "after" if done_at <= match.start() else "before"
                aimed = aimed or (tuple(earlier) if position == "after" else ())
            for piece in bounded_pieces(sentence):  # an endless sentence is named in pieces
                context = _Context(plan_section, position, previous, title, line_programme, aimed)
                found.extend(_sentence_figures(index, piece, context, earlier))
                del earlier[:-MAX_EARLIER_FIGURES]  # naming copies it for every figure
                previous = piece
    return found


def _echoed(heading: str, text: str) -> bool:
    """Whether the text repeats its heading (scraped pages do), so its figures are read once."""
    words = _LEADING_NUMBER.sub("", heading).strip()[:12]
    return bool(words) and words in text[: len(heading) + 20]


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
    previous: str = ""  # the sentence before
    title: str = ""  # the programme its line is titled with
    line_programme: str = ""  # the programme its line's first sentence opens with
    aimed: tuple[Named, ...] = ()  # after a 完成情况 mark, the figures aimed at before it


def _sentence_figures(
    index: int, sentence: str, context: _Context, earlier: list[Named]
) -> list[ProseFigure]:
    quantities = [
        q for q in find_quantities(sentence, figures_only=True) if _is_figure(sentence, q)
    ]
    if not quantities:
        return []
    figures: list[ProseFigure] = []
    for item in name_quantities(
        sentence,
        quantities,
        earlier,
        context.previous,
        context.title,
        context.line_programme,
        context.aimed,
    ):
        earlier.append(item)
        if not item.indicator:
            continue
        q = item.quantity
        change = item.is_change or "个百分点" in q.unit
        # a goal word governs what follows it: "目标：入园率达96%", not "356场，…要求做到…";
        # a change aimed at is a goal too: "目标：近视率较上年降低1个百分点以上"
        kind = _kind(sentence[: q.span[1]], item.clause, context)
        if kind == "plan" and q.base_unit in _LEVEL_UNITS:
            kind = "target"  # a rate is a level aimed at, not an amount planned
        kind = "change" if change and kind != "target" else kind
        for indicator in each_named(sentence, item):
            figures.append(ProseFigure(index, indicator, q, kind, sentence, item.clause))
    return figures


def _is_figure(sentence: str, q: Quantity) -> bool:
    """Whether a number states a figure. Not: a number inside a title or quotation, part of a
    name (《安全常识100条》, “六个一”); a count of characters (二十四字, 6万多字), which measures
    a text; a percentage over 100 worn as an adjective ("101%服务"); a Chinese-numeral count of
    the report's own points ("从三个方面", "两大战略", "三项工作：一是…"); the indicators said
    before ("上述三项指标")."""
    head, tail = sentence[: q.span[0]], sentence[q.span[1] :]
    inside = head.count("《") > head.count("》") or head.count("“") > head.count("”")
    slogan = q.unit == "%" and q.value > 100 and bool(noun_after(tail))
    rhetoric = not q.raw[:1].isdigit() and bool(
        _OWN_POINTS.match(tail) or _POINTS_LISTED.match(tail)
    )
    pointer = any(m.start("count") == q.span[0] for m in SAID_INDICATORS.finditer(sentence))
    return not (inside or slogan or rhetoric or pointer or q.unit.endswith("字"))


def _kind(sentence: str, clause: str, context: _Context) -> str:
    # A summary reports what was done: a figure is an actual unless the text says otherwise.
    if context.position == "before":
        return "target"
    if context.position == "after":
        return "actual"
    sentence, clause = _QUOTED.sub("", sentence), _QUOTED.sub("", clause)  # “特岗计划” is a name
    sentence, clause = _SHARE_OF_GOAL.sub("", sentence), _SHARE_OF_GOAL.sub("", clause)
    if _ACHIEVED.search(clause):
        return "actual"  # "目标为85%，实际达到87.4%"
    if context.plan_section and _AIMED.search(sentence):
        return "target"  # a plan section's "力争…达到88%" still names a goal
    if context.plan_section or _PLAN.search(sentence) or _PLANNED.search(clause):
        return "plan"
    if _TARGET.search(sentence):
        return "target"
    return "actual"
