"""What the bot shows: answers with short citations, report lists, metric tables and upload
summaries, as styled lines (replies.py escapes and splits them)."""

from __future__ import annotations

from collections import Counter

from bot.render import answer_text
from bot.telegram.replies import Line, plain
from ingest.pipeline import IngestedDocument
from knowledge.answers import Answer, shown
from knowledge.metrics import KIND_NAMES, MetricLookup
from prompts import Templates
from storage.models import PATH_SEP
from storage.queries import DocumentSummary

CITATION_HEADINGS = 2  # a citation keeps the last two headings of its section path
METRIC_ROWS = 12  # rows of the small /metrics table
_CITATION_STARTS = ("出处：",)


def short_path(line: str) -> str:
    """`…《title》 一、A > （一）B > 1.C（period）` → `…《title》 …（一）B > 1.C（period）`."""
    parts = line.split(PATH_SEP)
    if len(parts) <= CITATION_HEADINGS:
        return line
    head, mark, _ = parts[0].rpartition("》 ")
    if not mark:
        return line
    return f"{head}》 …" + PATH_SEP.join(parts[-CITATION_HEADINGS:])


def answer_lines(answer: Answer, question: str, templates: Templates) -> list[Line]:
    """The answer: its leading figure in bold, citations shortened and in italics."""
    text = answer_text(answer, question, templates)
    if not answer.found:
        return plain(text)
    lines = []
    for i, raw in enumerate(text.split("\n")):
        line = short_path(raw)
        if i == 0 and answer.figures:
            lines.append(Line(line, "b"))
        elif line.startswith(_CITATION_STARTS):
            lines.append(Line(line, "i"))
        else:
            lines.append(Line(line))
    return lines


def docs_lines(summaries: list[DocumentSummary], templates: Templates) -> list[Line]:
    """One line per stored report, with its id for /show and /delete."""
    if not summaries:
        return plain(templates.render("bot.docs_empty"))
    lines = [Line(templates.render("bot.docs_head", documents=len(summaries)), "b")]
    unknown = templates.render("bot.period_unknown")
    for s in summaries:
        d = s.document
        lines.append(
            Line(f"#{d.id} 《{d.title}》 {d.period or unknown} · {s.sections}节/{s.chunks}段")
        )
    return lines


def metrics_lines(lookup: MetricLookup, templates: Templates) -> list[Line]:
    """A small table: one line per distinct (period, kind, value), with how many sources say it."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for r in lookup.rows:
        m = r.metric
        counts[(m.period or "", KIND_NAMES.get(m.kind, ""), shown(m), m.indicator)] += 1
    unknown = templates.render("bot.period_unknown")
    lines = [Line("、".join(lookup.indicators[:5]), "b")]
    ordered = sorted(counts.items(), key=lambda item: (item[0][0] or "~", item[0][3]))
    for (period, kind, value, indicator), n in ordered[:METRIC_ROWS]:
        name = "" if indicator == lookup.indicators[0] else f"{indicator} "
        sources = f" ×{n}处" if n > 1 else ""
        lines.append(Line(f"{period or unknown} {name}{kind or '—'} {value}{sources}"))
    if len(ordered) > METRIC_ROWS:
        lines.append(Line(templates.render("bot.metrics_more", count=len(ordered) - METRIC_ROWS)))
    if lookup.series:
        trend = " → ".join(f"{p.period} {shown(p.rows[0].metric)}" for p in lookup.series)
        lines.append(Line(templates.render("bot.metrics_series", trend=trend), "i"))
    for c in lookup.conflicts:
        values = "；".join(f"{shown(r.metric)}（《{r.document.title}》）" for r in c.rows)
        text = templates.render(
            "bot.metrics_conflict", indicator=c.indicator, period=c.period or "", values=values
        )
        lines.append(Line(text))
    return lines


def upload_summary(
    name: str, documents: list[IngestedDocument], figures: dict[int, int], templates: Templates
) -> str:
    """What an upload did: counts, then one line per report; an unchanged file says so."""
    if documents and all(d.status == "unchanged" for d in documents):
        head = [templates.render("bot.upload_unchanged", name=documents[0].file)]
    else:
        head = [
            templates.render(
                "bot.upload_done",
                name=name,
                reports=len(documents),
                sections=sum(d.sections for d in documents),
                chunks=sum(d.chunks for d in documents),
                figures=sum(figures.get(d.id, 0) for d in documents),
            )
        ]
        if any(d.status == "replaced" for d in documents):
            head.append(templates.render("bot.upload_replaced", name=name))
    unknown = templates.render("bot.period_unknown")
    reports = [
        templates.render(
            "bot.upload_report",
            id=d.id,
            title=d.title,
            period=f"（{d.period or unknown}）",
            sections=d.sections,
            chunks=d.chunks,
            figures=figures.get(d.id, 0),
        )
        for d in documents
    ]
    return "\n".join(head + reports)
