"""Sections → chunks: whole sentences of one section, at most MAX_CHUNK_CHARS characters each."""

from __future__ import annotations

import re

from ingest.model import ParsedChunk, ParsedReport

MAX_CHUNK_CHARS = 300

# A sentence ends at 。！？；!?; and keeps the closing quotes or brackets that follow.
SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)》]*|$)")
CLAUSE = re.compile(r"[^，,]*(?:[，,]+|$)")


def chunk_report(report: ParsedReport, *, max_chars: int = MAX_CHUNK_CHARS) -> list[ParsedChunk]:
    """Chunks of each section in order; `order` counts from 0 within its section."""
    chunks: list[ParsedChunk] = []
    for index, section in enumerate(report.sections):
        text = section.text.strip()
        # A heading without body text is still worth finding ("5.做好…录入工作。").
        pieces = pack(text, max_chars) if text else pack(section.heading.strip(), max_chars)
        chunks.extend(ParsedChunk(index, order, piece) for order, piece in enumerate(pieces))
    return chunks


def pack(text: str, max_chars: int) -> list[str]:
    """Pack whole sentences into pieces of at most max_chars; paragraphs join with a newline."""
    pieces: list[str] = []
    current = ""
    for paragraph in (p.strip() for p in text.split("\n")):
        if not paragraph:
            continue
        first_in_paragraph = True
        for unit in _units(paragraph, max_chars):
            glue = "\n" if first_in_paragraph and current else ""
            if current and len(current) + len(glue) + len(unit) > max_chars:
                pieces.append(current)
                current, glue = "", ""
            current += glue + unit
            first_in_paragraph = False
    if current:
        pieces.append(current)
    return pieces


def sentences(paragraph: str) -> list[str]:
    """The sentences of one paragraph, each with its end mark."""
    return [s for s in SENTENCE.findall(paragraph) if s.strip()]


def _units(paragraph: str, max_chars: int) -> list[str]:
    """Sentences; one longer than max_chars is cut at commas, then hard-cut."""
    units: list[str] = []
    for sentence in sentences(paragraph):
        if len(sentence) <= max_chars:
            units.append(sentence)
            continue
        for clause in _pack_parts([c for c in CLAUSE.findall(sentence) if c], max_chars):
            units.extend(clause[i : i + max_chars] for i in range(0, len(clause), max_chars))
    return units


def _pack_parts(parts: list[str], max_chars: int) -> list[str]:
    """Join consecutive parts while they fit in max_chars."""
    packed: list[str] = []
    for part in parts:
        if packed and len(packed[-1]) + len(part) <= max_chars:
            packed[-1] += part
        else:
            packed.append(part)
    return packed
