"""A document sent to the bot is ingested: permission, type and size checked before anything is
downloaded, a progress message edited as it goes, then a summary or a plain Chinese error."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from telegram import Document, Message, Update
from telegram.constants import ChatAction, FileSizeLimit

from bot.messages import describe_error
from bot.services import Services
from bot.telegram import views
from bot.telegram.context import ZongjieContext
from bot.telegram.replies import edit_text, send_text, showing
from ingest.errors import IngestError, LegacyFormat, TooLarge, UnsupportedType
from ingest.loaders import LEGACY_SUFFIXES, SUPPORTED_SUFFIXES
from ingest.pipeline import IngestReport
from storage.metric_queries import count_metrics

BOT_API_DOWNLOAD_LIMIT = FileSizeLimit.FILESIZE_DOWNLOAD  # bots may download at most 20 MB
DOWNLOAD_TIMEOUT = 120.0  # seconds for the file itself, far longer than an API call's
_UNSAFE_NAME_CHARS = str.maketrans({c: "_" for c in '/\\:*?"<>|\x00'})


def safe_name(file_name: str | None) -> str:
    """The upload's file name without any folder part or characters a file system refuses."""
    if not file_name:
        return ""
    name = file_name.replace("\\", "/").rsplit("/", 1)[-1].translate(_UNSAFE_NAME_CHARS).strip()
    return "" if name in {".", ".."} else name


def refusal(document: Document, name: str, limit: int) -> IngestError | None:
    """Why this file cannot be taken, judged from its name and declared size alone."""
    suffix = Path(name).suffix.lower()
    if suffix in LEGACY_SUFFIXES:
        return LegacyFormat(name, "legacy binary format")
    if suffix not in SUPPORTED_SUFFIXES:
        return UnsupportedType(name, f"unsupported type {suffix or '(none)'}")
    if document.file_size is not None and document.file_size > limit:
        return TooLarge(name, f"{document.file_size} bytes over {limit}")
    return None


def _ingest(services: Services, path: Path) -> tuple[IngestReport, dict[int, int]]:
    """Ingest one file; the figures found per stored report."""
    report = services.ingestor.ingest([path])
    with services.store.session() as session:
        figures = {d.id: count_metrics(session=session, document_id=d.id) for d in report.documents}
    return report, figures


async def on_document(update: Update, context: ZongjieContext) -> None:
    """Ingest an uploaded document, showing progress and then what was stored."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None and message.document is not None
    templates = context.templates
    services = context.services
    if not context.access.may_upload(user.id, message.chat_id):
        await send_text(message, templates.render("bot.upload_not_allowed"))
        return
    name = safe_name(message.document.file_name)
    if not name:
        await send_text(message, templates.render("bot.upload_no_name"))
        return
    limit = min(BOT_API_DOWNLOAD_LIMIT, services.settings.max_file_bytes)
    limit_mb = limit // 1_000_000
    problem = refusal(message.document, name, limit)
    if problem is not None:
        await send_text(message, describe_error(problem, templates, max_mb=limit_mb))
        return
    progress = await message.reply_text(templates.render("bot.upload_downloading", name=name))
    async with showing(message, ChatAction.UPLOAD_DOCUMENT):
        text = await _download_and_ingest(message, progress, context, name, limit_mb)
    await edit_text(progress, text)


async def _download_and_ingest(
    message: Message, progress: Message, context: ZongjieContext, name: str, limit_mb: int
) -> str:
    """The summary (or error) text of downloading and ingesting the message's document."""
    assert message.document is not None
    templates = context.templates
    with tempfile.TemporaryDirectory(prefix="zongjie-upload-") as folder:
        path = Path(folder) / name
        telegram_file = await message.document.get_file()
        await telegram_file.download_to_drive(path, read_timeout=DOWNLOAD_TIMEOUT)
        await edit_text(progress, templates.render("bot.upload_ingesting", name=name))
        async with context.zongjie.write_lock:
            report, figures = await asyncio.to_thread(_ingest, context.services, path)
    errors = [describe_error(f.error, templates, max_mb=limit_mb) for f in report.errors]
    if not report.documents:
        return "\n".join(errors)
    return views.upload_summary(name, report.documents, figures, templates)
