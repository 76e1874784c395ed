"""The application and callback-context types that carry Zongjie's services to the handlers.

Services reach handlers through these typed attributes, never through `bot_data` (which a
persistence layer would deep-copy); the entry point builds them once (see app.py).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.services import Services
from bot.telegram.access import Access
from prompts import Templates

if TYPE_CHECKING:
    from bot.telegram.drafting import DraftConversations


class ZongjieApplication(Application):  # type: ignore[type-arg]
    """A PTB application that also holds the services, the access policy and the drafting seam."""

    def __init__(
        self,
        *,
        services: Services,
        access: Access,
        drafts: DraftConversations,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.services = services
        self.access = access
        self.drafts = drafts
        # Writes (uploads, deletes) one at a time: an ingest is atomic, not interleavable.
        self.write_lock = asyncio.Lock()


class ZongjieContext(CallbackContext[ExtBot[None], dict, dict, dict]):  # type: ignore[type-arg]
    """The callback context handlers receive, with typed access to Zongjie's collaborators."""

    @property
    def zongjie(self) -> ZongjieApplication:
        """The running application."""
        app = self.application
        assert isinstance(app, ZongjieApplication)
        return app

    @property
    def services(self) -> Services:
        """The object graph shared with the command line."""
        return self.zongjie.services

    @property
    def access(self) -> Access:
        """Who may do what."""
        return self.zongjie.access

    @property
    def templates(self) -> Templates:
        """The reply templates."""
        return self.zongjie.services.templates
