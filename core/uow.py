"""The unit of work: one transaction, rolled back unless committed.

Events raised inside are published only after the commit succeeds, so the panel never hears
of a change that did not happen.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.clock import Clock
from core.crypto import Vault
from core.events import Event, EventBus
from core.i18n import Translator

if TYPE_CHECKING:
    from core.ports import Dialogs
    from core.services.reminders import Handler
    from core.settings import Settings


class UnitOfWork:
    session: AsyncSession

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        *,
        settings: Settings,
        vault: Vault,
        clock: Clock,
        bus: EventBus,
        i18n: Translator,
        dialogs: Dialogs,
        reminders: dict[str, Handler],
    ) -> None:
        self._factory = session_factory
        self.settings = settings
        self.vault = vault
        self.clock = clock
        self.bus = bus
        # The edges' translator (screens, the panel); core's own services speak in notices.
        self.i18n = i18n
        self.dialogs = dialogs
        # Who builds each kind of reminder when it is due (given at bootstrap).
        self.reminders = reminders
        self._events: list[Event] = []
        self.outbox_touched = False

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._factory()
        self._events = []
        self.outbox_touched = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed and detaches the objects without
        # expiring them, so what a read loaded stays readable after the block.
        await self.session.close()

    def emit(self, event: Event) -> None:
        self._events.append(event)

    async def commit(self) -> None:
        await self.session.commit()
        events, self._events = self._events, []
        if self.outbox_touched:
            events.append(Event("outbox.wake"))
            self.outbox_touched = False
        for event in events:
            await self.bus.publish(event)

    async def rollback(self) -> None:
        await self.session.rollback()
        self._events = []
