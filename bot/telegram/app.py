"""Wiring: the application, its handlers, the access gate, the error handler, and running it
by long polling (the default) or by webhook."""

from __future__ import annotations

import logging
import secrets
import threading
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlparse

from telegram import BotCommand, Update
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.messages import describe_error
from bot.services import Services
from bot.settings import Settings
from bot.telegram import admin, drafting, handlers, uploads
from bot.telegram.access import Access, addressed
from bot.telegram.context import ZongjieApplication, ZongjieContext
from bot.telegram.drafting import DraftConversations
from bot.telegram.ordering import PerChatOrder
from bot.telegram.replies import send_text

log = logging.getLogger(__name__)

Handler = Callable[[Update, ZongjieContext], Awaitable[None]]
UPDATE_TYPES = [Update.MESSAGE, Update.CALLBACK_QUERY]  # all the bot listens to


async def help_command(update: Update, context: ZongjieContext) -> None:
    """/help: every command with its Chinese description."""
    assert update.effective_message is not None
    templates = context.templates
    listing = "\n".join(f"/{name} — {templates.render(f'bot.cmd.{name}')}" for name, _ in COMMANDS)
    await send_text(update.effective_message, templates.render("bot.help", commands=listing))


# The commands, in the order /help and Telegram's menu show them; descriptions: bot.cmd.NAME.
COMMANDS: list[tuple[str, Handler]] = [
    ("start", handlers.start),
    ("help", help_command),
    ("ask", handlers.ask),
    ("draft", drafting.on_draft),
    ("cancel", drafting.on_cancel),
    ("docs", handlers.docs),
    ("show", handlers.show),
    ("metrics", handlers.metrics),
    ("delete", admin.delete),
    ("whoami", handlers.whoami),
]


async def gate(update: Update, context: ZongjieContext) -> None:
    """Runs before every handler: ignore what is not addressed to the bot; refuse strangers
    once, politely, with their id, and process nothing of theirs."""
    bot = context.bot
    if not addressed(update, bot.id, bot.username):
        raise ApplicationHandlerStop
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        raise ApplicationHandlerStop
    if context.access.allows(user.id, chat.id):
        return
    log.info("refused user %s in chat %s", user.id, chat.id)  # ids only: nothing of the content
    first = context.access.first_refusal(user.id)
    text = context.templates.render("bot.refused", user_id=user.id)
    if update.callback_query is not None:
        await update.callback_query.answer(text if first else None, show_alert=first)
    elif first and update.effective_message is not None:
        await update.effective_message.reply_text(text)
    raise ApplicationHandlerStop


async def on_error(update: object, context: ZongjieContext) -> None:
    """Log the failure with its traceback; tell the user plainly, without internals."""
    log.error("handling an update failed", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    error = context.error or RuntimeError("unknown")
    try:
        await update.effective_message.reply_text(describe_error(error, context.templates))
    except Exception:  # noqa: BLE001 - the apology itself failed: the log has the cause
        log.exception("could not report the error to the user")


async def _post_init(app: Any) -> None:
    """Register the command menu with Telegram once the bot is known."""
    templates = app.services.templates
    await app.bot.set_my_commands(
        [BotCommand(name, templates.render(f"bot.cmd.{name}")) for name, _ in COMMANDS]
    )
    log.info("Zongjie bot @%s is up", app.bot.username)


def build_application(
    services: Services,
    *,
    access: Access | None = None,
    drafts: DraftConversations | None = None,
) -> ZongjieApplication:
    """The bot for `services.settings` (token, Bot API URL, allow-lists); NoAllowList when
    nobody is allowed and ALLOW_ALL is not set."""
    settings = services.settings
    if settings.telegram_token is None:
        raise ValueError("ZONGJIE_TELEGRAM_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token.get_secret_value())
        .application_class(
            ZongjieApplication,
            kwargs={
                "services": services,
                "access": access or Access.from_settings(settings),
                "drafts": drafts if drafts is not None else drafting.draft_conversations(services),
            },
        )
        .context_types(ContextTypes(context=ZongjieContext))
        .rate_limiter(AIORateLimiter())
        .concurrent_updates(PerChatOrder())
        .post_init(_post_init)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    file_url = settings.telegram_file_url()
    if file_url:
        builder = builder.base_file_url(file_url)
    app = builder.build()
    assert isinstance(app, ZongjieApplication)
    register(app)
    return app


def register(app: ZongjieApplication) -> None:
    """The gate first, then commands, buttons, documents, text, and the error handler."""
    app.add_handler(TypeHandler(Update, gate), group=-1)
    for name, callback in COMMANDS:
        app.add_handler(CommandHandler(name, callback))
    for prefix, on_button in (
        (admin.CALLBACK_PREFIX, admin.on_delete_choice),
        (drafting.CALLBACK_PREFIX, drafting.on_choice),
    ):
        app.add_handler(CallbackQueryHandler(on_button, pattern=f"^{prefix}"))
    app.add_handler(MessageHandler(filters.Document.ALL, uploads.on_document))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.on_text))
    app.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    app.add_handler(MessageHandler(filters.ALL, handlers.unsupported))
    app.add_error_handler(on_error)


def run_bot(app: ZongjieApplication, *, handle_signals: bool = True) -> None:
    """Serve until stopped: a webhook when ZONGJIE_WEBHOOK_URL is set, else long polling.

    Without `handle_signals` (a bot run in a thread, as the tests do) only
    `app.stop_running()` stops it."""
    settings = app.services.settings
    extra: dict[str, Any] = {} if handle_signals else {"stop_signals": None}
    if settings.webhook_url:
        secret = (
            settings.webhook_secret.get_secret_value()
            if settings.webhook_secret
            else secrets.token_urlsafe(32)  # Telegram echoes it; spoofed posts lack it
        )
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=webhook_path(settings),
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=UPDATE_TYPES,
            **extra,
        )
    else:
        app.run_polling(allowed_updates=UPDATE_TYPES, **extra)


def webhook_path(settings: Settings) -> str:
    """The local path the webhook listens on: the configured one, or the public URL's path."""
    if settings.webhook_path is not None:
        return settings.webhook_path.strip("/")
    return urlparse(settings.webhook_url or "").path.strip("/")


# How long a stopping bot waits for the warm-up to finish before the interpreter shuts down.
WARM_UP_WAIT_SECONDS = 30.0


def warm_up(services: Services) -> threading.Thread:
    """Load the embedding model and the search index (and refresh stale figures) in the
    background, so the first question does not wait for them and the bot starts polling at once."""

    def load() -> None:
        try:
            # The bot takes uploads: figures from older extraction rules are refreshed now.
            services.ingestor.refresh_stale_figures()
            services.search.search("预热", k=1)
        except Exception:  # noqa: BLE001 - the first real question will report it properly
            log.warning("warm-up failed", exc_info=True)

    thread = threading.Thread(target=load, name="zongjie-warm-up", daemon=True)
    thread.start()
    return thread
