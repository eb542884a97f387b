"""Message catalogues in Fluent (locales/<lang>/*.ftl): Russian first, English second.

Fluent handles Russian plural forms ("1 минута", "3 минуты", "5 минут") that a key-value
catalogue cannot, which matters for waiting times and counts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fluent.runtime import FluentLocalization, FluentResourceLoader

LOCALES = ("ru", "en")
LOCALES_DIR = Path(
    os.environ.get("AIST_LOCALES_DIR", Path(__file__).resolve().parent.parent / "locales")
)


class Translator:
    def __init__(self, localizations: dict[str, FluentLocalization], default: str) -> None:
        self._l10n = localizations
        self.default = default

    @classmethod
    def load(cls, default: str = "ru", directory: Path = LOCALES_DIR) -> Translator:
        loader = FluentResourceLoader(str(directory / "{locale}"))
        files = sorted(p.name for p in (directory / "ru").glob("*.ftl"))
        localizations = {}
        for locale in LOCALES:
            fallbacks = [locale] + [other for other in LOCALES if other != locale]
            localizations[locale] = FluentLocalization(fallbacks, files, loader)
        return cls(localizations, default if default in LOCALES else "ru")

    def locale_for(self, language: str | None) -> str:
        code = (language or "").split("-")[0].lower()
        return code if code in self._l10n else self.default

    def __call__(self, locale: str, key: str, **args: Any) -> str:
        l10n = self._l10n.get(locale) or self._l10n[self.default]
        return str(l10n.format_value(key, args or None))

    def has(self, key: str) -> bool:
        l10n = self._l10n["ru"]
        for bundle in l10n._bundles():
            if bundle.has_message(key):
                return True
        return False
