"""Composes the core with the bot's side of it: the dialogs that word core's notices.

Every process (``aist run``, the CLI, the tests, the benchmarks) builds its core here.
"""

from __future__ import annotations

from bot.dialogs.notices import NoticeWords
from core.bootstrap import Core
from core.bootstrap import create_core as create_bare_core
from core.clock import Clock
from core.events import EventBus
from core.settings import Settings


def create_core(
    settings: Settings, *, clock: Clock | None = None, bus: EventBus | None = None
) -> Core:
    return create_bare_core(settings, dialogs=NoticeWords, clock=clock, bus=bus)
