"""/delete for admins: find the reports, ask to confirm with buttons, delete on "确认删除".

The confirmation carries the report ids in its callback data, so a button pressed after a
restart still works; the admin check is made again when it is pressed.
"""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.services import Services
from bot.telegram.context import ZongjieContext
from bot.telegram.replies import edit_text, send_text
from storage.errors import DocumentNotFound
from storage.models import Document
from storage.queries import find_documents

CALLBACK_PREFIX = "del:"
CANCEL = "no"
MAX_CALLBACK_BYTES = 64  # Telegram's limit on callback_data


def _find(services: Services, ref: str) -> list[Document]:
    with services.store.session() as session:
        return find_documents(session=session, ref=ref)


def _delete(services: Services, ids: list[int]) -> list[str]:
    """Delete the reports still there; their titles (already gone ones are skipped)."""
    titles = []
    for document_id in ids:
        with services.store.session() as session:
            document = session.get(Document, document_id)
        if document is not None:
            services.store.delete_document(document_id)
            titles.append(f"#{document_id} 《{document.title}》")
    return titles


async def delete(update: Update, context: ZongjieContext) -> None:
    """/delete 编号、文件名或标题: ask an admin to confirm deleting the matching reports."""
    message = update.effective_message
    user = update.effective_user
    assert message is not None and user is not None
    templates = context.templates
    if not context.access.is_admin(user.id):
        await send_text(message, templates.render("bot.not_admin"))
        return
    ref = " ".join(context.args or [])
    if not ref:
        await send_text(message, templates.render("bot.delete_usage"))
        return
    try:
        documents = await asyncio.to_thread(_find, context.services, ref)
    except DocumentNotFound:
        await send_text(message, templates.render("bot.document_not_found", ref=ref))
        return
    data = CALLBACK_PREFIX + ",".join(str(d.id) for d in documents)
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        await send_text(message, templates.render("bot.delete_too_many", count=len(documents)))
        return
    buttons = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(templates.render("bot.delete_yes"), callback_data=data),
                InlineKeyboardButton(
                    templates.render("bot.delete_no"), callback_data=CALLBACK_PREFIX + CANCEL
                ),
            ]
        ]
    )
    titles = "\n".join(f"#{d.id} 《{d.title}》" for d in documents)
    await send_text(message, templates.render("bot.delete_confirm", titles=titles), buttons)


async def on_delete_choice(update: Update, context: ZongjieContext) -> None:
    """The confirm or cancel button of /delete."""
    query = update.callback_query
    assert query is not None
    templates = context.templates
    if not context.access.is_admin(query.from_user.id):
        await query.answer(templates.render("bot.not_admin"), show_alert=True)
        return
    await query.answer()
    message = query.message
    if not isinstance(message, Message):
        return  # an inaccessible (too old) message: nothing to confirm against
    payload = (query.data or "").removeprefix(CALLBACK_PREFIX)
    if payload == CANCEL:
        await edit_text(message, templates.render("bot.delete_cancelled"))
        return
    ids = [int(part) for part in payload.split(",") if part.isdigit()]
    async with context.zongjie.write_lock:
        titles = await asyncio.to_thread(_delete, context.services, ids)
    if titles:
        text = templates.render("bot.deleted", titles="\n".join(titles))
    else:
        text = templates.render("bot.document_not_found", ref=payload)
    await edit_text(message, text)
