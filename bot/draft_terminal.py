"""`zongjie draft`: the drafting conversation in a terminal, and its one-shot --json form."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, TextIO

from knowledge.drafting.engine import DraftEngine, Reply
from prompts import Templates

CLI_CHAT = "cli"  # the terminal's one chat: a draft left open is resumed next time


def render_reply(reply: Reply) -> str:
    """The reply text and its choices, numbered so a digit picks one."""
    lines = [reply.text]
    if reply.choices:
        lines.append("  ".join(f"[{i}] {c.label}" for i, c in enumerate(reply.choices, 1)))
    return "\n".join(lines)


def draft_loop(
    engine: DraftEngine,
    templates: Templates,
    lines: TextIO,
    out: TextIO,
    *,
    docx: Path | None,
    period: str | None = None,
    region: str | None = None,
    chat_id: str = CLI_CHAT,
) -> None:
    """Talk until EOF or an empty line; the draft stays open in the store for next time."""
    reply = engine.resume(chat_id)
    if not reply.active:
        out.write(templates.render("draft.cli_topic") + "\n")
        out.flush()
        topic = lines.readline().strip()
        if not topic:
            return
        reply = engine.start(chat_id, topic, period, region)
    while True:
        out.write(render_reply(reply) + "\n> ")
        out.flush()
        if reply.export:
            out.write(save_export(engine, templates, chat_id, docx) + "\n> ")
        if not reply.active:
            return
        message = lines.readline()
        if not message.strip():
            out.write("\n" + templates.render("draft.cli_paused") + "\n")
            return
        message = message.strip()
        if message.isdigit() and 1 <= int(message) <= len(reply.choices):
            message = reply.choices[int(message) - 1].data
        reply = engine.handle(chat_id, message)


def save_export(engine: DraftEngine, templates: Templates, chat_id: str, docx: Path | None) -> str:
    """Write the draft's .docx and its plain-text copy; say where."""
    export = engine.export(chat_id)
    path = docx or Path(export.filename)
    path.write_bytes(export.docx)
    text_path = path.with_suffix(".txt")
    text_path.write_text(export.text, encoding="utf-8")
    return templates.render("draft.cli_saved", docx=str(path), text=str(text_path))


def one_shot(
    engine: DraftEngine,
    *,
    topic: str,
    period: str | None,
    region: str | None,
    values: list[str],
    docx: Path | None,
) -> tuple[dict[str, Any] | None, str]:
    """Draft without questions: (the JSON result, or None on a refused value; the reply text)."""
    chat_id = f"cli-once-{uuid.uuid4().hex[:12]}"
    reply = engine.start(chat_id, topic, period, region)
    if not reply.active:
        return None, reply.text
    try:
        if values:
            reply = engine.handle(chat_id, "；".join(values))
            if reply.error:
                return None, reply.text
        result = engine.result(chat_id)
        if docx is not None:
            docx.write_bytes(engine.export(chat_id).docx)
        keys = ("raw", "value", "unit", "origin", "indicator", "source")
        payload = {
            "draft": result.draft,
            "figures": [{k: f[k] for k in keys} for f in result.figures],
            "missing": result.missing,
            "model_sections": result.model_sections,
        }
        return payload, result.draft
    finally:
        engine.finish(chat_id)
