"""Small helpers the API and the pages share: error texts from the catalogue, scrubbing."""

from __future__ import annotations

import re
from typing import Any

from core.bootstrap import Core

_LONG_NUMBER = re.compile(r"\d{6,}")


def text(core: Core, key: str, **args: Any) -> str:
    return core.i18n(core.settings.default_locale, key, **args)


def error_text(core: Core, code: str, params: dict[str, Any] | None = None) -> str:
    """The catalogue's words for an error code (``panel-error-<code>``), or a generic one."""
    key = f"panel-error-{code}"
    if not core.i18n.has(key):
        key = "panel-error-generic"
    try:
        return text(core, key, **(params or {}))
    except Exception:  # a parameter the message did not expect: still say something useful
        return text(core, "panel-error-generic")


def scrub(reason: str | None) -> str | None:
    """A channel's error text with any long number (a chat or user id) cut out."""
    return _LONG_NUMBER.sub("…", reason) if reason else reason


def unreachable_text(core: Core, reason: str | None) -> str | None:
    """Why messages do not reach the person, in the staff's words."""
    if not reason:
        return None
    lowered = reason.lower()
    blocked = any(word in lowered for word in ("blocked", "403", "901", "902", "deactivated"))
    return text(core, "panel-unreachable-blocked" if blocked else "panel-unreachable-other")
