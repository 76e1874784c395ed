"""Text and JSON renderings of results for the command line."""

from __future__ import annotations

import json
from typing import Any

from bot.messages import describe_error
from ingest.pipeline import IngestReport
from knowledge.answers import Answer
from prompts import Templates
from storage.models import Document, Section
from storage.queries import DocumentSummary


def ingest_json(result: IngestReport, templates: Templates, max_mb: int) -> dict[str, Any]:
    """The `zongjie ingest --json` shape: one entry per report, and the errors."""
    return {
        "documents": [
            {
                "id": d.id,
                "file": d.file,
                "title": d.title,
                "period": d.period,
                "region": d.region,
                "status": d.status,
                "sections": d.sections,
                "chunks": d.chunks,
            }
            for d in result.documents
        ],
        "errors": [
            {"path": f.path, "error": describe_error(f.error, templates, max_mb=max_mb)}
            for f in result.errors
        ],
        "chunks_embedded": result.chunks_embedded,
        "chunks_from_cache": result.chunks_from_cache,
    }


def ingest_text(result: IngestReport, templates: Templates, max_mb: int) -> str:
    """One line per report, one per error, and a summary line."""
    lines = [
        f"[{d.status}] #{d.id} 《{d.title}》 {d.period or '期间未知'} {d.region or ''}"
        f" —— {d.sections} 节 / {d.chunks} 段".replace("  ", " ")
        for d in result.documents
    ]
    lines += [f"[失败] {describe_error(f.error, templates, max_mb=max_mb)}" for f in result.errors]
    statuses = [d.status for d in result.documents]
    lines.append(
        templates.render(
            "ingest.summary",
            files=len({d.file for d in result.documents}) + len(result.errors),
            documents=len(result.documents),
            added=statuses.count("added"),
            unchanged=statuses.count("unchanged"),
            replaced=statuses.count("replaced"),
            errors=len(result.errors),
        )
    )
    return "\n".join(lines)


def docs_json(summaries: list[DocumentSummary]) -> dict[str, Any]:
    """The `zongjie docs --json` shape."""
    return {
        "documents": [
            {
                "id": s.document.id,
                "file": s.file.name,
                "title": s.document.title,
                "period": s.document.period,
                "region": s.document.region,
                "kind": s.document.kind,
                "placeholders": json.loads(s.document.placeholders or "[]"),
                "sections": s.sections,
                "chunks": s.chunks,
            }
            for s in summaries
        ]
    }


def docs_text(summaries: list[DocumentSummary]) -> str:
    """One line per stored report."""
    if not summaries:
        return "资料库是空的。用 `zongjie ingest 文件或文件夹` 导入工作总结。"
    return "\n".join(
        f"#{s.document.id}\t{s.document.title}\t{s.document.period or '—'}\t"
        f"{s.document.region or '—'}\t{s.file.name}\t{s.sections}节/{s.chunks}段"
        for s in summaries
    )


def outline(document: Document, sections: list[Section]) -> str:
    """A report's headings, indented by level."""
    head = f"#{document.id} 《{document.title}》 {document.period or ''} {document.region or ''}"
    lines = [head.rstrip()]
    lines += ["  " * s.level + s.heading for s in sections if s.level > 0]
    return "\n".join(lines)


def answer_text(answer: Answer, question: str, templates: Templates) -> str:
    """The reply to a question: the answer, or a plain "not found"."""
    if not answer.found:
        return templates.render("answer.not_found", question=question)
    return answer.text


def answer_json(answer: Answer) -> dict[str, Any]:
    """The `zongjie ask --json` shape."""
    return {
        "answer": answer.text,
        "found": answer.found,
        "generated_by": "llm" if answer.generated else "rules",
        "figures": [
            {
                "raw": f.raw,
                "value": f.value,
                "unit": f.unit,
                "origin": f.origin,
                "indicator": f.indicator,
                "source": f.source,
            }
            for f in answer.figures
        ],
        "sources": [
            {
                "document": p.title,
                "section": p.section,
                "period": p.period,
                "chunk_id": p.chunk_id,
                "text": p.text,
                "score": round(p.score, 4),
            }
            for p in answer.sources
        ],
    }
