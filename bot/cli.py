"""The command line (`zongjie ingest|docs|show|delete|reindex|reindex-figures|check|export|
import|chat|run`).

Each command parses, calls one service, renders."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from bot import draft_terminal, metrics_render, render, store_render, terminal
from bot.messages import describe_error
from bot.services import Services
from bot.settings import Settings
from ingest.errors import IngestError
from ingest.figure_refresh import refresh_figures, stale_documents
from knowledge.charts import trend_png
from knowledge.errors import KnowledgeError
from knowledge.evaluation import evaluate, load_questions
from knowledge.figure_eval import evaluate_figures, load_labels, load_spans
from knowledge.retrieval import MODES
from prompts import load_templates
from storage.backup import export_store, import_store
from storage.consistency import check_store, repair_store
from storage.errors import StorageError
from storage.metric_queries import indicator_names
from storage.queries import find_documents, list_documents, sections_of
from storage.reindex import reindex as reindex_store

app = typer.Typer(add_completion=False, no_args_is_help=True, help="总结 Zongjie 工作总结助手")
log = logging.getLogger("zongjie")


def _services(ctx: typer.Context) -> Services:
    services: Services = ctx.obj
    return services


def _max_mb(services: Services) -> int:
    return services.settings.max_file_bytes // (1024 * 1024)


@app.callback()
def _main(ctx: typer.Context) -> None:
    """Build the settings and services once for the command."""
    ctx.obj = Services(Settings())


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="files or folders")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Ingest files and folders into the store."""
    services = _services(ctx)
    result = terminal.run_ingest(services, paths, progress=not as_json)
    if as_json:
        typer.echo(
            json.dumps(
                render.ingest_json(result, services.templates, _max_mb(services)),
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        typer.echo(render.ingest_text(result, services.templates, _max_mb(services)))
    if result.errors and not result.documents:
        raise typer.Exit(1)


@app.command()
def docs(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """List the stored reports."""
    with _services(ctx).store.session() as session:
        summaries = list_documents(session=session)
    if as_json:
        typer.echo(json.dumps(render.docs_json(summaries), ensure_ascii=False, indent=1))
    else:
        typer.echo(render.docs_text(summaries))


@app.command()
def show(
    ctx: typer.Context, doc: Annotated[str, typer.Argument(help="id, file name or title")]
) -> None:
    """Print a report's section outline."""
    with _services(ctx).store.session() as session:
        for document in find_documents(session=session, ref=doc):
            typer.echo(
                render.outline(document, sections_of(session=session, document_id=document.id or 0))
            )


@app.command()
def delete(
    ctx: typer.Context, doc: Annotated[str, typer.Argument(help="id, file name or title")]
) -> None:
    """Delete a report (by id) or every report of a file (by file name)."""
    store = _services(ctx).store
    with store.session() as session:
        targets = find_documents(session=session, ref=doc)
    for document in targets:
        store.delete_document(document.id or 0)
        typer.echo(f"已删除：[{document.id}] {document.title}")


@app.command()
def reindex(ctx: typer.Context) -> None:
    """Re-embed every chunk with the configured embedding model."""
    services = _services(ctx)
    result = reindex_store(services.store, services.embeddings)
    typer.echo(
        f"已用 {result.model} 重建 {result.chunks} 个段落的向量（缓存命中 {result.from_cache}）。"
    )


@app.command("reindex-figures")
def reindex_figures(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", help="every report, not only stale ones")] = False,
) -> None:
    """Extract the stored reports' figures again under the current rules, from the stored text."""
    services = _services(ctx)
    result = refresh_figures(services.store, every=every)
    typer.echo(store_render.refresh_text(result, services.templates))
    if result.failed:
        raise typer.Exit(1)


@app.command()
def check(
    ctx: typer.Context,
    repair: Annotated[bool, typer.Option("--repair", help="fix what is found")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Report SQL rows and vectors that do not belong together, and figures from older
    extraction rules; exit 1 if any remain."""
    services = _services(ctx)
    report = check_store(services.store)
    stale = stale_documents(services.store)
    repaired = refreshed = None
    after, stale_after = report, stale
    if repair and not report.clean:
        repaired = repair_store(services.store, report, services.embeddings)
        after = check_store(services.store)
    if repair and stale:
        refreshed = refresh_figures(services.store)
        stale_after = stale_documents(services.store)
    if as_json:
        payload = store_render.check_json(report, repaired, after)
        payload |= store_render.figures_json(stale, refreshed, stale_after)
        payload["clean"] = after.clean and not stale_after
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        text = store_render.check_text(report, repaired, after, services.templates)
        figures = store_render.figures_text(stale, refreshed, services.templates)
        typer.echo("\n".join(part for part in (text, figures) if part))
    if not after.clean or stale_after:
        raise typer.Exit(1)


@app.command("export")
def export_backup(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(help="backup file to write")]
) -> None:
    """Write the whole store (rows and vectors with their model) to one file."""
    summary = export_store(_services(ctx).store, file)
    typer.echo(store_render.backup_text("backup.exported", file, summary, load_templates()))


@app.command("import")
def import_backup(
    ctx: typer.Context, file: Annotated[Path, typer.Argument(help="a `zongjie export` file")]
) -> None:
    """Restore a backup into an empty store."""
    summary = import_store(_services(ctx).store, file)
    typer.echo(store_render.backup_text("backup.imported", file, summary, load_templates()))


@app.command()
def metrics(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="indicator, e.g. 入园率")] = None,
    period: Annotated[str | None, typer.Option("--period", help="e.g. 2024年上半年")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
    chart: Annotated[Path | None, typer.Option("--chart", help="write a trend chart PNG")] = None,
) -> None:
    """Show stored figures of an indicator (all indicator names without a query)."""
    services = _services(ctx)
    if query is None:
        with services.store.session() as session:
            typer.echo(metrics_render.indicator_list(indicator_names(session=session)))
        return
    lookup = services.metrics.lookup(query, period=period)
    if as_json:
        typer.echo(json.dumps(metrics_render.metrics_json(lookup), ensure_ascii=False, indent=1))
    else:
        typer.echo(metrics_render.metrics_text(lookup))
    if chart is not None:
        if not lookup.series:
            raise typer.BadParameter(f"“{query}”没有可画图的序列")
        chart.write_bytes(trend_png(lookup))
        typer.echo(f"趋势图已保存：{chart}", err=True)


@app.command("eval")
def eval_questions(
    ctx: typer.Context,
    questions: Annotated[Path, typer.Argument(help="questions (JSONL: q, evidence, answer)")],
    retriever: Annotated[str, typer.Option("--retriever", help="hybrid, bm25 or dense")] = "hybrid",
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Retrieval recall/MRR and answer figure accuracy over the current store."""
    if retriever not in MODES:
        raise typer.BadParameter(f"expected one of {', '.join(MODES)}", param_hint="--retriever")
    services = _services(ctx)
    answerer = services.answerer_by(retriever)  # answers from the same retrieval mode
    result = evaluate(
        services.search,
        load_questions(questions),
        mode=retriever,
        answer_fn=lambda q: answerer.answer(q).text,
    )
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        headline = {k: v for k, v in result.items() if k != "failures"}
        typer.echo(json.dumps(headline, ensure_ascii=False))


@app.command("eval-figures")
def eval_figures(
    labels: Annotated[Path, typer.Argument(help="labelled figures (JSONL)")],
    corpus: Annotated[Path, typer.Option("--corpus", help="folder of the labelled files")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Precision and recall of figure extraction against a labelled set."""
    scores = evaluate_figures(load_labels(labels), corpus, load_spans(labels))
    summary = scores.summary()
    if as_json:
        details = {
            "misses": scores.misses,
            "false_positives": scores.false_positives,
            "wrong_kinds": scores.wrong_kinds,
        }
        typer.echo(json.dumps(summary | details, ensure_ascii=False, indent=1))
    else:
        typer.echo(json.dumps(summary, ensure_ascii=False))


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="e.g. 去年上半年入园率是多少？")],
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Answer one question with the exact figure, its sentence and its source."""
    services = _services(ctx)
    answer = services.answerer.answer(question)
    if as_json:
        text = render.answer_text(answer, question, services.templates)
        payload = render.answer_json(answer) | {"answer": text}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    else:
        typer.echo(render.answer_text(answer, question, services.templates))


@app.command()
def chat(ctx: typer.Context) -> None:
    """Answer questions read one per line from standard input."""
    terminal.chat_loop(_services(ctx), sys.stdin, sys.stdout)


@app.command()
def run(ctx: typer.Context) -> None:
    """The main job: ingest the samples into an empty store, then chat (Telegram with a token).

    With ZONGJIE_TELEGRAM_TOKEN set the chat is the Telegram bot, else the terminal."""
    services = _services(ctx)
    if services.store.vectors.count() == 0:
        result = terminal.run_ingest(services, [services.samples_dir()], progress=False)
        typer.echo(render.ingest_text(result, services.templates, _max_mb(services)), err=True)
    if services.settings.telegram_token is not None:
        _serve(services)
        return
    terminal.chat_loop(services, sys.stdin, sys.stdout)


@app.command()
def serve(ctx: typer.Context) -> None:
    """Run the Telegram bot: long polling, or a webhook when ZONGJIE_WEBHOOK_URL is set."""
    _serve(_services(ctx))


def _serve(services: Services) -> None:
    # Imported here so that the other commands do not pay for python-telegram-bot.
    from bot.telegram.access import NoAllowList
    from bot.telegram.app import WARM_UP_WAIT_SECONDS, build_application, run_bot, warm_up

    templates = services.templates
    if services.settings.telegram_token is None:
        typer.echo(templates.render("bot.no_token"), err=True)
        raise typer.Exit(1)
    try:
        application = build_application(services)
    except NoAllowList:
        typer.echo(templates.render("bot.no_allow_list"), err=True)
        raise typer.Exit(1) from None
    logging.getLogger("bot").setLevel(logging.INFO)
    warming = warm_up(services)
    try:
        run_bot(application)
    finally:
        # A daemon thread still loading the model when the interpreter shuts down can abort it
        # (a non-zero exit after a clean SIGTERM): let the warm-up finish first.
        warming.join(timeout=WARM_UP_WAIT_SECONDS)


@app.command()
def draft(
    ctx: typer.Context,
    topic: Annotated[str | None, typer.Option("--topic", help="e.g. 学前教育")] = None,
    period: Annotated[str | None, typer.Option("--period", help="e.g. 2026年上半年")] = None,
    region: Annotated[str | None, typer.Option("--region", help="e.g. 青禾县")] = None,
    value: Annotated[list[str] | None, typer.Option("--value", help="指标=值, repeatable")] = None,
    docx: Annotated[Path | None, typer.Option("--docx", help="write the draft as .docx")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print JSON")] = False,
) -> None:
    """Draft a report section: interactive, or at once with --topic (and --value ...)."""
    services = _services(ctx)
    engine = services.drafts
    if topic is None:
        draft_terminal.draft_loop(
            engine,
            services.templates,
            sys.stdin,
            sys.stdout,
            docx=docx,
            period=period,
            region=region,
        )
        return
    payload, text = draft_terminal.one_shot(
        engine, topic=topic, period=period, region=region, values=value or [], docx=docx
    )
    if payload is None:
        typer.echo(text, err=True)
        raise typer.Exit(1)
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=1) if as_json else text)


def main() -> None:
    """Entry point: run the app; known errors become one Chinese line and exit code 1."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        # Without standalone mode click returns an Exit's code instead of exiting.
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except (IngestError, StorageError, KnowledgeError) as exc:
        typer.echo(describe_error(exc, load_templates()), err=True)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        sys.exit(130)
    except typer.TyperException as exc:  # usage errors: a missing argument, a bad option value
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        sys.exit(getattr(exc, "exit_code", 2))
    except Exception as exc:  # noqa: BLE001 - the unforeseen
        log.exception("unexpected error")
        typer.echo(describe_error(exc, load_templates()), err=True)
        sys.exit(1)
