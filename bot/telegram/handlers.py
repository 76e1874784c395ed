"""Questions and read-only commands: each parses, makes one service call in a worker thread,
renders and replies."""

from __future__ import annotations

import asyncio

from telegram import Message, Update
from telegram.constants import ChatAction

from bot.messages import describe_error
from bot.render import outline
from bot.services import Services
from bot.telegram import drafting, views
from bot.telegram.access import strip_mention
from bot.telegram.context import ZongjieContext
from bot.telegram.replies import Line, send, send_text, showing
from knowledge.charts import trend_png
from knowledge.errors import ChartFontMissing
from storage.errors import DocumentNotFound
from storage.metric_queries import indicator_names
from storage.queries import find_documents, list_documents, sections_of

MAX_LISTED_INDICATORS = 40


def _message(update: Update) -> Message:
    message = update.effective_message
    assert message is not None
    return message


async def answer_question(message: Message, context: ZongjieContext, question: str) -> None:
    """Answer from the store, with the figure, its sentence and a short citation."""
    async with showing(message):
        answer = await asyncio.to_thread(context.services.answerer.answer, question)
    await send(message, views.answer_lines(answer, question, context.templates))


async def on_text(update: Update, context: ZongjieContext) -> None:
    """Any text addressed to the bot: the draft in progress takes it, else it is a question."""
    message = _message(update)
    text = strip_mention(message.text or "", context.bot.username)
    if not text:
        await send_text(message, context.templates.render("bot.ask_usage"))
        return
    if await drafting.continue_draft(update, context, text):
        return
    await answer_question(message, context, text)


async def ask(update: Update, context: ZongjieContext) -> None:
    """/ask 问题."""
    message = _message(update)
    question = " ".join(context.args or [])
    if not question:
        await send_text(message, context.templates.render("bot.ask_usage"))
        return
    await answer_question(message, context, question)


def _counts(services: Services) -> tuple[int, int]:
    with services.store.session() as session:
        documents = len(list_documents(session=session))
    return documents, services.store.vectors.count()


async def start(update: Update, context: ZongjieContext) -> None:
    """/start: what the bot does and how much it knows."""
    documents, chunks = await asyncio.to_thread(_counts, context.services)
    text = context.templates.render("bot.start", documents=documents, chunks=chunks)
    await send_text(_message(update), text)


async def whoami(update: Update, context: ZongjieContext) -> None:
    """/whoami: the user's and the chat's ids, and the user's role."""
    message = _message(update)
    user_id = update.effective_user.id if update.effective_user else 0
    access = context.access
    if access.is_admin(user_id):
        role = "bot.role.admin"
    elif access.may_upload(user_id, message.chat_id):
        role = "bot.role.uploader"
    else:
        role = "bot.role.user"
    text = context.templates.render(
        "bot.whoami",
        user_id=user_id,
        chat_id=message.chat_id,
        role=context.templates.render(role),
    )
    await send_text(message, text)


async def docs(update: Update, context: ZongjieContext) -> None:
    """/docs: the stored reports."""

    def listing() -> list[Line]:
        with context.services.store.session() as session:
            return views.docs_lines(list_documents(session=session), context.templates)

    await send(_message(update), await asyncio.to_thread(listing))


async def show(update: Update, context: ZongjieContext) -> None:
    """/show 编号或标题: a report's section outline."""
    message = _message(update)
    ref = " ".join(context.args or [])
    if not ref:
        await send_text(message, context.templates.render("bot.show_usage"))
        return

    def outlines() -> str:
        with context.services.store.session() as session:
            return "\n\n".join(
                outline(d, sections_of(session=session, document_id=d.id or 0))
                for d in find_documents(session=session, ref=ref)
            )

    try:
        text = await asyncio.to_thread(outlines)
    except DocumentNotFound:
        text = context.templates.render("bot.document_not_found", ref=ref)
    await send_text(message, text)


async def metrics(update: Update, context: ZongjieContext) -> None:
    """/metrics 指标: a small table of the stored figures, then the trend chart as a photo."""
    message = _message(update)
    templates = context.templates
    services = context.services
    query = " ".join(context.args or [])
    if not query:

        def names() -> list[str]:
            with services.store.session() as session:
                return indicator_names(session=session)

        found = await asyncio.to_thread(names)
        if not found:
            await send_text(message, templates.render("bot.metrics_empty_store"))
            return
        more = "……" if len(found) > MAX_LISTED_INDICATORS else ""
        listed = "、".join(found[:MAX_LISTED_INDICATORS]) + more
        await send_text(message, templates.render("bot.metrics_usage", indicators=listed))
        return
    async with showing(message):
        lookup = await asyncio.to_thread(services.metrics.lookup, query)
    if not lookup.rows:
        await send_text(message, templates.render("bot.metrics_none", query=query))
        return
    await send(message, views.metrics_lines(lookup, templates))
    if not lookup.series:
        return
    async with showing(message, ChatAction.UPLOAD_PHOTO):
        try:
            png = await asyncio.to_thread(trend_png, lookup)
        except ChartFontMissing as exc:
            await send_text(message, describe_error(exc, templates))
            return
        caption = templates.render("bot.metrics_chart_caption", indicator=lookup.indicators[0])
        await message.reply_photo(png, caption=caption)


async def unknown_command(update: Update, context: ZongjieContext) -> None:
    """A command the bot does not have."""
    await send_text(_message(update), context.templates.render("bot.unknown_command"))


async def unsupported(update: Update, context: ZongjieContext) -> None:
    """Photos, voice, stickers…: say what the bot can take instead."""
    await send_text(_message(update), context.templates.render("bot.unsupported_message"))
