"""Drafting conversations in SQL: one active session per chat; keyword-only functions."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, col, select

from storage.models import DraftSession

ACTIVE = "active"


def active_draft(*, session: Session, chat_id: str) -> DraftSession | None:
    """The chat's draft in progress, if any."""
    query = select(DraftSession).where(
        DraftSession.chat_id == chat_id, DraftSession.status == ACTIVE
    )
    return session.exec(query.order_by(col(DraftSession.id).desc())).first()


def open_draft(
    *, session: Session, chat_id: str, topic: str, period: str, region: str, state: str
) -> DraftSession:
    """Start a chat's draft; any draft it still had in progress is cancelled (one per chat)."""
    for old in session.exec(
        select(DraftSession).where(DraftSession.chat_id == chat_id, DraftSession.status == ACTIVE)
    ):
        old.status = "cancelled"
        session.add(old)
    draft = DraftSession(chat_id=chat_id, topic=topic, period=period, region=region, state=state)
    session.add(draft)
    session.commit()
    return draft


def save_draft(
    *, session: Session, draft: DraftSession, state: str, period: str, region: str
) -> None:
    """Write a draft's new state (and period and region, which revisions may change)."""
    draft.state, draft.period, draft.region = state, period, region
    draft.updated_at = datetime.now(UTC)
    session.add(draft)
    session.commit()


def close_draft(*, session: Session, draft: DraftSession, status: str) -> None:
    """End a draft as finished or cancelled; the chat may then start another."""
    draft.status = status
    draft.updated_at = datetime.now(UTC)
    session.add(draft)
    session.commit()
