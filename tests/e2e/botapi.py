"""The Bot API emulator moved to ``tests/e2e/botapi_emulator.py``; this name stays for the
tests that still import it from here."""

from tests.e2e.botapi_emulator import BotApiEmulator, SentMessage

__all__ = ["BotApiEmulator", "SentMessage"]
