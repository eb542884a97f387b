"""Builds the core once per process from settings: engine, vault, clock, bus, and what the
edges give it: the dialogs that put its notices into words (``bot.bootstrap`` passes them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from core.clock import Clock, SystemClock
from core.crypto import Vault
from core.db import create_engine, create_session_factory
from core.events import EventBus, InProcessBus
from core.i18n import Translator
from core.ports import Dialogs
from core.services import courses, rental
from core.services.reminders import Handler
from core.settings import Settings
from core.uow import UnitOfWork


@dataclass
class Core:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    vault: Vault
    clock: Clock
    bus: EventBus
    i18n: Translator
    dialogs: Dialogs
    reminders: dict[str, Handler]

    def uow(self) -> UnitOfWork:
        return UnitOfWork(
            self.sessions,
            settings=self.settings,
            vault=self.vault,
            clock=self.clock,
            bus=self.bus,
            i18n=self.i18n,
            dialogs=self.dialogs,
            reminders=self.reminders,
        )

    async def dispose(self) -> None:
        await self.engine.dispose()


def create_core(
    settings: Settings,
    *,
    dialogs: Callable[[Translator, Settings], Dialogs],
    clock: Clock | None = None,
    bus: EventBus | None = None,
) -> Core:
    """``dialogs(translator, settings)`` builds the edge that words core's notices."""
    engine = create_engine(settings.database_url)
    i18n = Translator.load(default=settings.default_locale)
    return Core(
        settings=settings,
        engine=engine,
        sessions=create_session_factory(engine),
        vault=Vault(
            settings.secret_key.get_secret_value(),
            [key.get_secret_value() for key in settings.previous_secret_keys],
        ),
        clock=clock or SystemClock(),
        bus=bus or InProcessBus(),
        i18n=i18n,
        dialogs=dialogs(i18n, settings),
        reminders={**rental.REMINDER_HANDLERS, **courses.REMINDER_HANDLERS},
    )
