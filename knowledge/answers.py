"""Answers without an LLM: the figure the question asks for, quoted exactly, with its sentence
and citation; up to two further sources; comparisons computed in code. Never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from ingest.numbers import parse_quantity
from knowledge import indicators
from knowledge.compare import IncomparableUnits, compare
from knowledge.metrics import KIND_NAMES, MetricService
from knowledge.passages import Passage
from knowledge.queryparse import period_in, period_matches
from storage.metric_queries import metrics_in_sections
from storage.models import Metric
from storage.store import Store

_ASKS = re.compile(r"多少|几[个所人项次处名场份万]|是什么|哪[天年些]|什么时候|比例|几成")
_WANTS_TARGET = re.compile(r"目标|定的|计划|要求|任务")
_WANTS_ACTUAL = re.compile(r"实际|完成|预计|达到|实现|已经|建成")
_WANTS_COMPARISON = re.compile(r"相比|比较|对比|变化|增减|比上年|比去年|较上年|同比")
_PERIOD_WORDS = re.compile(
    r"(?:19|20)\d{2}年?|[上下]半年|第?[一二三四]季度|去年|今年|上年|同期|多少|是|的|目标|实际|完成"
)
MIN_RELEVANCE = 0.2  # share of the question's character pairs found in the best passage
FURTHER_SOURCES = 2
RANK_PENALTY = 0.4  # a lower passage's figure must answer much better to lead
MIN_FIGURE_SCORE = 0.3


class PassageSearch(Protocol):
    """Anything that finds passages for a question (the hybrid retriever)."""

    def search(self, question: str, *, k: int = 5) -> list[Passage]: ...


@dataclass(frozen=True)
class AnswerFigure:
    """A number in an answer and where it comes from: a source, the user, or arithmetic."""

    raw: str
    value: str
    unit: str
    origin: str  # source | user | computed
    indicator: str
    source: dict[str, Any]


@dataclass
class Answer:
    """The reply text, the figures in it, and the passages it drew on."""

    text: str
    figures: list[AnswerFigure] = field(default_factory=list)
    sources: list[Passage] = field(default_factory=list)
    found: bool = True
    generated: bool = False  # phrased by a language model (and passed the figure guard)


def _pairs(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def relevance(question: str, text: str) -> float:
    """The share of the question's Chinese character pairs that the text contains."""
    wanted = _pairs(indicators.normalise(question))
    return len(wanted & _pairs(text)) / len(wanted) if wanted else 0.0


def cite(passage: Passage, period: str | None = None) -> str:
    """A passage's citation: 《report》 section path（period）."""
    section = f" {passage.section}" if passage.section else ""
    return f"《{passage.title}》{section}（{period or passage.period or '期间未注明'}）"


def shown(metric: Metric) -> str:
    """A figure as the source shows it: a table cell gets its column's unit ("97.7" → "97.7%")."""
    if metric.unit and not metric.raw.endswith(metric.unit):
        return f"{metric.raw}{metric.unit}"
    return metric.raw


def source_of(passage: Passage, sentence: str) -> dict[str, Any]:
    """The citation of a figure, as data."""
    return {
        "document": passage.title,
        "section": passage.section,
        "period": passage.period,
        "file": passage.file,
        "chunk_id": passage.chunk_id,
        "sentence": sentence,
    }


class Answering(Protocol):
    """Anything that answers a question: the rules-based Answerer or the guarded LLMAnswerer."""

    def answer(self, question: str, *, k: int = 5) -> Answer: ...


class Answerer:
    """The deterministic answerer: extractive, cited, arithmetic in code."""

    def __init__(self, store: Store, search: PassageSearch, metrics: MetricService) -> None:
        self._store = store
        self._search = search
        self._metrics = metrics

    def answer(self, question: str, *, k: int = 5) -> Answer:
        """Answer `question` from the stored documents, or say plainly that nothing was found."""
        passages = self._search.search(question, k=k)
        if (
            not passages
            or relevance(question, passages[0].text + passages[0].section) < MIN_RELEVANCE
        ):
            return Answer(text="", sources=passages, found=False)
        chosen = self._figures(question, passages)
        lines: list[str] = []
        figures: list[AnswerFigure] = []
        if chosen:
            lead = []
            for passage, metric in chosen:
                kind = KIND_NAMES.get(metric.kind, "")
                lead.append(
                    f"{metric.indicator}：{shown(metric)}" + (f"（{kind}）" if kind else "")
                )
                figures.append(
                    AnswerFigure(
                        metric.raw,
                        metric.value,
                        metric.unit,
                        "source",
                        metric.indicator,
                        source_of(passage, metric.sentence),
                    )
                )
            lines.append("；".join(lead) + "。")
            passage, metric = chosen[0]
            lines.append(f"原文：“{metric.sentence}”")
            where = f"，{metric.location}" if metric.location else ""
            lines.append(f"出处：{cite(passage, metric.period)}{where}")
            lines += self._comparison(question, chosen[0][1], figures)
            used = {p.chunk_id for p, _ in chosen}
        else:
            passage = passages[0]
            lines.append(f"相关内容：“{passage.text}”")
            lines.append(f"出处：{cite(passage)}")
            used = {passage.chunk_id}
        others = [p for p in passages if p.chunk_id not in used][:FURTHER_SOURCES]
        if others:
            lines.append("其他来源：")
            lines += [f"{i}. {cite(p)}：{_snippet(p.text)}" for i, p in enumerate(others, 1)]
        return Answer("\n".join(lines), figures, passages)

    def _figures(self, question: str, passages: list[Passage]) -> list[tuple[Passage, Metric]]:
        """The stored figures of the top passages that best answer the question."""
        top = passages[:3]
        with self._store.session() as session:
            metrics = metrics_in_sections(session=session, section_ids=[p.section_id for p in top])
        scored: list[tuple[float, int, Passage, Metric]] = []
        wanted_period = period_in(question)
        for rank, passage in enumerate(top):
            for order, metric in enumerate(
                m for m in metrics if m.section_id == passage.section_id
            ):
                if metric.raw not in passage.text:
                    continue
                if not period_matches(wanted_period, metric.period):
                    continue  # the question names another year
                score = _figure_score(question, metric, passage.text) - RANK_PENALTY * rank
                scored.append((score, rank * 1000 + order, passage, metric))
        scored.sort(key=lambda s: (-s[0], s[1]))
        if not scored or scored[0][0] < MIN_FIGURE_SCORE:
            return []  # no stored figure clearly answers: quote the passage instead
        wanted = max(1, len(_ASKS.findall(question)))
        best = scored[0][0]
        chosen = [s for s in scored if s[0] >= best - 0.35][:wanted]
        chosen.sort(key=lambda s: s[1])  # in reading order
        return [(p, m) for _, _, p, m in chosen]

    def _comparison(self, question: str, metric: Metric, figures: list[AnswerFigure]) -> list[str]:
        """With a comparison asked for: the change from the previous period, computed."""
        if not _WANTS_COMPARISON.search(question):
            return []
        # The same county's series: another county's figure is no "上年" of this one.
        series = self._metrics.lookup(metric.indicator, region=metric.region).series
        current = next((i for i, p in enumerate(series) if p.period == metric.period), None)
        if current is None or current == 0:
            return []
        before = series[current - 1].rows[0].metric
        old = parse_quantity(f"{before.value}{before.unit}")
        new = parse_quantity(f"{metric.value}{metric.unit}")
        if old is None or new is None:
            return []
        try:
            result = compare(old, new)
        except IncomparableUnits:
            return []
        figures.append(
            AnswerFigure(
                f"{result.difference}{result.unit}",
                str(result.difference),
                result.unit,
                "computed",
                metric.indicator,
                {"inputs": [before.raw, metric.raw], "working": result.working()},
            )
        )
        return [f"与{before.period}（{before.raw}）相比：{result.text}（计算：{result.working()}）"]


def _figure_score(question: str, metric: Metric, passage_text: str) -> float:
    """How well a figure answers the question: its name, its clause and the kind asked for."""
    # either the name is mostly in the question, or the question's subject is mostly in the name
    subject = _PERIOD_WORDS.sub("", question)
    name = (
        max(relevance(metric.indicator, question), relevance(subject, metric.indicator))
        if metric.indicator
        else 0.0
    )
    at = passage_text.find(metric.raw)
    clause = passage_text[max(0, at - 30) : at]
    score = 0.6 * name + 0.4 * relevance(question, clause)
    if metric.kind == "target":
        # a plain "是多少" asks what happened; the goal only when the question says so
        score += 0.3 if _WANTS_TARGET.search(question) else -0.15
    if metric.kind == "actual" and _WANTS_ACTUAL.search(question):
        score += 0.2
    if metric.kind == "change" and not _WANTS_COMPARISON.search(question):
        score -= 0.1
    return score


def _snippet(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
