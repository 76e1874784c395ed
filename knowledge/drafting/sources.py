"""Past sections on a topic: the style models a draft follows, their figures, last values.

A model is a stored section with everything under it ("（一）学前教育普惠发展" with its "1."
and "2." points), or a whole report whose title names the topic ("校园安全工作总结"). Models
are ranked by how well their heading (or title) names the topic, how much of the topic their
text carries, whether they report figures, and how recent they are; plan sections
("下半年工作打算") rank low, since a summary reports what was done.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import Session, col, select

from ingest.figures import ProseFigure, extract_figures
from ingest.model import ParsedReport, ParsedSection
from ingest.numbers import Quantity, parse_quantity
from knowledge import indicators
from knowledge.answers import relevance, shown
from knowledge.drafting.periods import Period, read_period, same_period_before
from storage.metric_queries import metrics_for
from storage.models import PATH_SEP, Document, Section
from storage.store import Store

# The bureau's other words for a topic; either side finds the other.
TOPIC_WORDS: tuple[tuple[str, ...], ...] = (
    ("学前教育", "幼儿教育", "幼儿园", "学前"),
    ("校园安全", "学校安全", "安全工作", "平安校园", "安全稳定"),
    ("教师队伍", "师资", "队伍建设", "教师培训", "师德"),
    ("事业发展", "事业发展水平", "主要指标", "目标任务"),
    ("学生资助", "资助"),
    ("项目建设", "校舍建设", "教育投入", "基础设施"),
)
_PLAN = re.compile(r"打算|计划|思路|要点|下半年|明年|存在的?问题|主要问题")
_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]、?|\d+[.．、]|——)\s*"
)
MIN_HEADING = 0.5  # a heading (or title) must name the topic at least this well
SHOWN = 2  # models shown to the user


@dataclass(frozen=True)
class Block:
    """One heading of a model and the text directly under it."""

    section_id: int
    level: int
    heading: str
    text: str


@dataclass(frozen=True)
class ModelSection:
    """A past section (or report) a draft can follow, with where it comes from."""

    key: str  # "s12" for a section and what is under it, "d3" for a whole report
    document_id: int
    document: str
    section: str  # the heading path, or "" for a whole report
    period: str | None
    region: str | None
    placeholders: tuple[str, ...]
    blocks: tuple[Block, ...]
    score: float

    @property
    def label(self) -> str:
        """How the user sees it: 《title》 heading."""
        heading = self.section.split(PATH_SEP)[-1] if self.section else ""
        return f"《{self.document}》{heading}"

    def figures(self) -> list[tuple[int, ProseFigure]]:
        """(block index, figure) for every figure of the model, read as ingest reads them.

        Headings are read as text of their own, so "11.职业资格四级达90%" counts too.
        """
        parsed: list[ParsedSection] = []
        owners: list[int] = []
        for index, block in enumerate(self.blocks):
            parsed += [ParsedSection(block.heading, block.level, (), block.heading)]
            parsed += [ParsedSection(block.heading, block.level, (), block.text)]
            owners += [index, index]
        report = ParsedReport(self.document, self.period, self.region, parsed)
        return [(owners[f.section_index], f) for f in extract_figures(report)]


@dataclass(frozen=True)
class PastValue:
    """The last stored value of an indicator, from the same part of an earlier year."""

    indicator: str
    quantity: Quantity
    raw: str
    period: str
    when: str  # how the draft names that period: "上年同期"
    document: str


def topic_variants(topic: str) -> list[str]:
    """The topic and the bureau's other words for it."""
    words = [topic]
    for group in TOPIC_WORDS:
        if any(w in topic or topic in w for w in group):
            words += [w for w in group if w not in words]
    return words


def heading_match(topic: str, heading: str) -> float:
    """How well a heading (ordinal dropped) names the topic or one of its variants."""
    bare = _ORDINAL.sub("", heading)
    return max(indicators.similarity(w, bare) for w in topic_variants(topic))


def find_models(store: Store, topic: str, draft: Period | None) -> list[ModelSection]:
    """Past sections and reports on `topic`, best first."""
    with store.session() as session:
        documents = {d.id: d for d in session.exec(select(Document))}
        sections = list(session.exec(select(Section).order_by(col(Section.id))))
    children: dict[int | None, list[Section]] = defaultdict(list)
    for section in sections:
        children[section.parent_id].append(section)
    by_id = {s.id: s for s in sections}
    found: list[ModelSection] = []
    for section in sections:
        if section.level < 1 or _PLAN.search(section.heading_path):
            continue
        match = heading_match(topic, section.heading)
        if match >= MIN_HEADING and _under_best_match(section, by_id, topic, match):
            subtree = _subtree(section, children)
            document = documents[section.document_id]
            found.append(_model(f"s{section.id}", document, section.heading_path, subtree))
    for document in documents.values():
        if heading_match(topic, document.title) >= MIN_HEADING:
            whole = [
                s
                for s in sections
                if s.document_id == document.id and s.level >= 1 and not _PLAN.search(s.heading)
            ]
            if whole:
                found.append(_model(f"d{document.id}", document, "", whole))
    scored = [_with_score(m, topic, draft) for m in found if any(b.text for b in m.blocks)]
    return sorted(scored, key=lambda m: -m.score)


def load_model(store: Store, key: str) -> ModelSection | None:
    """A model by its key (as kept in a conversation), read afresh from the store."""
    with store.session() as session:
        if key.startswith("d"):
            document = session.get(Document, int(key[1:]))
            root = None
        else:
            root = session.get(Section, int(key[1:]))
            document = session.get(Document, root.document_id) if root else None
        if document is None:
            return None
        query = select(Section).where(Section.document_id == document.id)
        sections = list(session.exec(query.order_by(col(Section.id))))
    if root is None:
        whole = [s for s in sections if s.level >= 1 and not _PLAN.search(s.heading)]
        return _model(key, document, "", whole) if whole else None
    children: dict[int | None, list[Section]] = defaultdict(list)
    for section in sections:
        children[section.parent_id].append(section)
    return _model(key, document, root.heading_path, _subtree(root, children))


def _under_best_match(
    section: Section, by_id: dict[int | None, Section], topic: str, match: float
) -> bool:
    """False when an ancestor names the topic as well: the ancestor is the model."""
    parent = by_id.get(section.parent_id)
    while parent is not None:
        if heading_match(topic, parent.heading) >= max(MIN_HEADING, match):
            return False
        parent = by_id.get(parent.parent_id)
    return True


def _subtree(root: Section, children: dict[int | None, list[Section]]) -> list[Section]:
    out = [root]
    for child in children.get(root.id, []):
        out += _subtree(child, children)
    return out


def _model(key: str, document: Document, path: str, sections: list[Section]) -> ModelSection:
    top = min(s.level for s in sections)
    blocks = tuple(
        Block(s.id or 0, s.level - top + 1, s.heading.strip(), s.text.strip()) for s in sections
    )
    return ModelSection(
        key=key,
        document_id=document.id or 0,
        document=document.title,
        section=path,
        period=document.period,
        region=document.region,
        placeholders=tuple(json.loads(document.placeholders or "[]")),
        blocks=blocks,
        score=0.0,
    )


def _with_score(model: ModelSection, topic: str, draft: Period | None) -> ModelSection:
    """Heading match, topic share of the text, figures, recency and the same part of year."""
    heading = model.section.split(PATH_SEP)[-1] if model.section else model.document
    text = "".join(b.heading + b.text for b in model.blocks)
    score = 2 * heading_match(topic, heading) + relevance(topic, text)
    score += 0.3 * min(1.0, sum(ch.isdigit() for ch in text) / 20)
    period = read_period(model.period)
    if period is not None and period.year is not None:
        score += 0.2 + 0.02 * (period.year - 2000)
        if draft is not None and draft.year is not None and period.year >= draft.year:
            score -= 0.5  # a model from the period being written (or later) is no past
    if period is not None and draft is not None and period.part == draft.part:
        score += 0.3
    if not model.section:
        score -= 0.2  # a whole report is a looser model than a section
    return ModelSection(**{**model.__dict__, "score": round(score, 4)})


def past_value(
    session: Session, indicator: str, draft: Period, region: str | None, prefer: int = 0
) -> PastValue | None:
    """The indicator's latest actual value from the same part of an earlier year.

    Among equal candidates, one of the report `prefer` (the style model) is cited.
    """
    best: tuple[tuple[int, int, int], PastValue] | None = None
    for row in metrics_for(session=session, indicators=[indicator]):
        period = read_period(row.metric.period)
        when = same_period_before(draft, period) if period else None
        if when is None or row.metric.kind not in ("actual", "unknown") or period is None:
            continue
        quantity = parse_quantity(f"{row.metric.value}{row.metric.unit}")
        if quantity is None:
            continue
        same_region = int(not region or row.document.region == region)
        rank = (period.year or 0, same_region, int(row.document.id == prefer))
        written = parse_quantity(row.metric.raw)
        raw = row.metric.raw if written and written.unit else shown(row.metric)  # a table cell
        value = PastValue(
            indicator,
            quantity,
            raw,
            row.metric.period or "",
            when,
            row.document.title,
        )
        if best is None or rank > best[0]:
            best = (rank, value)
    return best[1] if best else None
