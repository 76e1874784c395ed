"""Terminal flows: ingest with a progress bar, and the line-by-line chat."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from bot.render import answer_text
from bot.services import Services
from ingest.pipeline import IngestReport, expand_paths
from storage.queries import list_documents


def run_ingest(services: Services, paths: Iterable[Path], *, progress: bool) -> IngestReport:
    """Ingest `paths`, showing a progress bar on stderr when asked."""
    files = list(expand_paths(paths))
    if not progress:
        return services.ingestor.ingest(files)
    with tqdm(total=len(files), unit="文件", desc="导入", leave=False) as bar:

        def step(name: str) -> None:
            bar.set_postfix_str(name[:30])
            bar.update(1)

        return services.ingestor.ingest(files, progress=step)


def chat_loop(services: Services, lines: TextIO, out: TextIO) -> None:
    """One question per input line until EOF or an empty line; each answered with cited passages."""
    templates = services.templates
    store = services.store
    interactive = lines.isatty()
    if interactive:
        out.write(
            templates.render(
                "chat.welcome", documents=_count_docs(services), chunks=store.vectors.count()
            )
            + "\n"
        )
    for raw in lines:
        question = raw.strip()
        if not question:
            if interactive:
                break
            continue
        answer = services.answerer.answer(question)
        out.write(f"问：{question}\n{answer_text(answer, question, templates)}\n\n")
        out.flush()


def _count_docs(services: Services) -> int:
    with services.store.session() as session:
        return len(list_documents(session=session))
